/* fuzz_cmd_hexdump: libFuzzer target for hexdump (apps/hexdump/main.c),
 * the whole command from its arguments and stdin (fuzz/cmdhost.h), under
 * ASan and UBSan. Invariants beyond no report, from hexdump's header and
 * busybox: the status is 0 or 1, and 1 exactly when something was said on
 * stderr (and then nothing is printed); and when every argument is an
 * option (-C, -v), the output is exactly, made here on its own: for each
 * 16 bytes of stdin the offset (%07x) and the 16-bit little-endian words
 * (" %04x", a missing one five spaces; a lone last byte is a word of its
 * own), or with -C the offset (%08x), the bytes (" %02x", an extra space
 * after the eighth, a missing one three spaces) and the bytes as text
 * between bars ('.' outside ' '..'~'); a line of 16 equal to the one before
 * is one '*' line (unless -v); and, if there was input, the offset at the
 * end on its own line. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/hexdump/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

static void line(bool canon, size_t off, const unsigned char *b, size_t n)
{
	if (!canon) {
		cmdhost_emit("%07zx", off);
		for (size_t i = 0; i < 16; i += 2)
			if (i < n)
				cmdhost_emit(" %04x", b[i] | (i + 1 < n ? b[i + 1] << 8 : 0));
			else
				cmdhost_emit("     ");
		cmdhost_emit("\n");
		return;
	}
	cmdhost_emit("%08zx ", off);
	for (size_t i = 0; i < 16; i++)
		cmdhost_emit(i < n ? "%s %02x" : "%s   ", i == 8 ? " " : "", i < n ? b[i] : 0);
	cmdhost_emit("  |");
	for (size_t i = 0; i < n; i++)
		cmdhost_emit("%c", b[i] >= ' ' && b[i] <= '~' ? b[i] : '.');
	cmdhost_emit("|\n");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "hexdump", app_main);
	int st = cmdhost_status01();

	bool canon = false, all = false;
	char a[64];
	for (size_t i = 1; i < cmdhost_argc; i++) {
		if (!cmdhost_arg(i, a, sizeof a) || a[0] != '-' || !a[1] || strspn(a + 1, "Cv") != strlen(a + 1))
			return 0;
		canon |= strchr(a, 'C') != NULL, all |= strchr(a, 'v') != NULL;
	}
	CHECK(st == 0);
	cmdhost_want_n = 0;
	const unsigned char *in = cmdhost_in, *prev = NULL;
	size_t len = cmdhost_in_n, pos = 0;
	bool starred = false;
	for (; pos < len; pos += 16) {
		size_t n = len - pos < 16 ? len - pos : 16;
		if (!all && prev && n == 16 && !memcmp(prev, in + pos, 16)) {
			if (!starred)
				cmdhost_emit("*\n");
			starred = true;
		} else {
			starred = false;
			line(canon, pos, in + pos, n);
		}
		prev = in + pos;
	}
	if (len)
		cmdhost_emit(canon ? "%08zx\n" : "%07zx\n", len);
	CHECK(cmdhost_out_is_want());
	return 0;
}

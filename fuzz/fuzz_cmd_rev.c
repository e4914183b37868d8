/* fuzz_cmd_rev: libFuzzer target for rev (apps/rev/main.c), the whole
 * command from one input (fuzz/cmdhost.h: arguments up to "\0\0", then
 * stdin), under ASan and UBSan. Invariants beyond no report: the status is
 * 0 or 1, and 1 exactly when something was said on stderr (an option, a
 * file operand). When it ran (not --help), the output is each line of
 * stdin with its characters last first, as the header says: a character
 * is a byte and the UTF-8 continuation bytes after it (those at the
 * line's start go with the first), kept whole; the '\n' stays at the end,
 * and a last line without one gets none. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/rev/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

static char want[CMDHOST_OUT];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "rev", app_main);
	cmdhost_said();
	if (cmdhost.status || cmdhost_helped() || cmdhost_in_n > sizeof want)
		return 0;
	const char *in = (const char *)cmdhost_in;
	size_t n = cmdhost_in_n, k = 0;
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(in + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - in) : n;
		for (size_t c = e; c > i;) { /* the characters from the last */
			size_t s = c - 1;
			while (s > i && ((unsigned char)in[s] & 0xc0) == 0x80)
				s--;
			memcpy(want + k, in + s, c - s);
			k += c - s, c = s;
		}
		if (nl)
			want[k++] = '\n';
		i = e + 1;
	}
	CHECK(cmdhost.out_n == k && !memcmp(cmdhost.out, want, k));
	return 0;
}

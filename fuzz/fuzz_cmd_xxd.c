/* fuzz_cmd_xxd: libFuzzer target for xxd (apps/xxd/main.c), the whole
 * command from its arguments and stdin (fuzz/cmdhost.h), under ASan and
 * UBSan. Invariants beyond no report, from xxd's header and busybox/vim's
 * xxd: the status is 0 or 1, and 1 exactly when something was said on
 * stderr (and then nothing is printed); and when every argument is an
 * option (-p -u -r, -c N with N 1..256, -g N, -l N, N digits), the output is
 * exactly, made here on its own: with -r the bytes of stdin's hex digits
 * taken two by two (anything else skipped); with -p the hex of stdin (at
 * most -l bytes), -c bytes (30) a line; else for each -c bytes (16) the
 * offset (%08x), ':', the hex in groups of -g bytes (2; 0 is one group),
 * each group after a space, a short last line padded to the full width,
 * two spaces, and the bytes as text ('.' for a byte outside ' '..'~'). */
#include <ctype.h>

#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/xxd/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

struct xxd {
	bool plain, rev, up;
	long long cols, group, len;
};

/* The arguments as options this checks, into x: 1 if so, 0 if not. */
static int options(struct xxd *x)
{
	char a[64], v[64];
	for (size_t i = 1; i < cmdhost_argc; i++) {
		if (!cmdhost_arg(i, a, sizeof a) || a[0] != '-' || !a[1] || !strcmp(a, "--") || !strcmp(a, "--help"))
			return 0;
		for (const char *p = a + 1; *p; p++) {
			if (*p == 'p' || *p == 'u' || *p == 'r') {
				x->plain |= *p == 'p', x->rev |= *p == 'r', x->up |= *p == 'u';
				continue;
			}
			if (!strchr("cgl", *p))
				return 0;
			if (p[1])
				strcpy(v, p + 1);
			else if (!cmdhost_arg(++i, v, sizeof v))
				return 0;
			long long *n = *p == 'c' ? &x->cols : *p == 'g' ? &x->group : &x->len;
			if (*v == '-' || *v == '+' || cmdhost_int(v, n) || (*p == 'c' && (*n < 1 || *n > 256)))
				return 0;
			break;
		}
	}
	return 1;
}

static void dump(const struct xxd *x, const unsigned char *in, size_t len)
{
	const char *hx = x->up ? "0123456789ABCDEF" : "0123456789abcdef";
	if (x->rev) {
		int hi = -1;
		for (size_t i = 0; i < len; i++) {
			if (!isxdigit(in[i]))
				continue;
			int d = isdigit(in[i]) ? in[i] - '0' : tolower(in[i]) - 'a' + 10;
			if (hi < 0)
				hi = d;
			else
				cmdhost_emit("%c", hi << 4 | d), hi = -1;
		}
		return;
	}
	if (x->len >= 0 && (unsigned long long)x->len < len)
		len = (size_t)x->len;
	size_t cols = x->cols > 0 ? (size_t)x->cols : x->plain ? 30 : 16;
	for (size_t pos = 0; pos < len; pos += cols) {
		size_t n = len - pos < cols ? len - pos : cols;
		const unsigned char *b = in + pos;
		if (x->plain) {
			for (size_t i = 0; i < n; i++)
				cmdhost_emit("%c%c", hx[b[i] >> 4], hx[b[i] & 15]);
			cmdhost_emit("\n");
			continue;
		}
		cmdhost_emit("%08zx:", pos);
		for (size_t i = 0; i < cols; i++) {
			if (x->group == 0 ? i == 0 : i % (size_t)x->group == 0)
				cmdhost_emit(" ");
			if (i < n)
				cmdhost_emit("%c%c", hx[b[i] >> 4], hx[b[i] & 15]);
			else
				cmdhost_emit("  ");
		}
		cmdhost_emit("  ");
		for (size_t i = 0; i < n; i++)
			cmdhost_emit("%c", b[i] >= ' ' && b[i] <= '~' ? b[i] : '.');
		cmdhost_emit("\n");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "xxd", app_main);
	int st = cmdhost_status01();

	struct xxd x = {false, false, false, -1, 2, -1};
	if (!options(&x))
		return 0;
	CHECK(st == 0);
	cmdhost_want_n = 0;
	dump(&x, cmdhost_in, cmdhost_in_n);
	CHECK(cmdhost_out_is_want());
	return 0;
}

/* fuzz_cmd_unexpand: libFuzzer target for unexpand (apps/unexpand/main.c),
 * the whole command from one input (fuzz/cmdhost.h: arguments up to
 * "\0\0", then stdin), under ASan and UBSan. Invariants beyond no report:
 * the status is 0 or 1, and 1 exactly when something was said on stderr.
 * When it ran (not --help; -t read again as vy_opt_next took it), the
 * output is no longer than stdin, and both expanded at the same tab stops
 * (every N columns, 8; each byte a column but a UTF-8 continuation byte,
 * from 0 at each line, as the header counts) are the same text: unexpand
 * turns spaces into tabs that reach the same columns, and changes nothing
 * else (POSIX). */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/unexpand/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

/* A text read as its expansion: a byte, or a run of blanks as the number
 * of columns they fill (so a tab at stops of 10^18 is one step). */
struct xp {
	const char *p;
	size_t n, i;
	long long col, t;
};

/* The next byte of the expansion (-1 at the end), and *k: how many. */
static int xp_next(struct xp *x, long long *k)
{
	*k = 0;
	while (x->i < x->n && (x->p[x->i] == ' ' || x->p[x->i] == '\t')) {
		long long w = x->p[x->i++] == ' ' ? 1 : x->t - x->col % x->t;
		*k += w, x->col += w;
	}
	if (*k)
		return ' ';
	if (x->i == x->n)
		return -1;
	unsigned char ch = (unsigned char)x->p[x->i++];
	*k = 1;
	x->col = ch == '\n' ? 0 : x->col + ((ch & 0xc0) != 0x80);
	return ch;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "unexpand", app_main);
	cmdhost_said();
	const char *v;
	int c;
	bool known = true;
	long long t = 8;
	cmdhost_opts();
	while ((c = cmdhost_opt("aft:", &v)) != -1) {
		known &= c != '?';
		if (c == 't')
			t = strtoll(v, NULL, 10);
	}
	if (cmdhost.status || cmdhost.out_n == CMDHOST_OUT || cmdhost_helped() || !known)
		return 0;
	CHECK(cmdhost.out_n <= cmdhost_in_n);
	struct xp a = {(const char *)cmdhost_in, cmdhost_in_n, 0, 0, t}, b = {cmdhost.out, cmdhost.out_n, 0, 0, t};
	for (;;) {
		long long ka, kb;
		int x = xp_next(&a, &ka), y = xp_next(&b, &kb);
		CHECK(x == y && ka == kb);
		if (x < 0)
			break;
	}
	return 0;
}

/* fuzz_cmd_column: libFuzzer target for column (apps/column/main.c), the
 * whole command from one input (fuzz/cmdhost.h: arguments up to "\0\0",
 * then stdin), under ASan and UBSan. Invariants beyond no report: the
 * status is 0 or 1, and 1 exactly when something was said on stderr. When
 * it ran (not --help; -t -s -c read again as vy_opt_next took them): -t
 * with blanks as separators, an output line for each non-empty input
 * line, with its words (split at blanks), each column of the table
 * starting at one place in every row (characters counted as the header
 * does: UTF-8 sequences one); without -t, and with no tab in the input,
 * the output's entries (split at tabs) are the non-empty input lines, each
 * once, and a row with more than one entry fits in -c's width (80), tabs
 * at every 8 columns. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/column/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

static size_t start[CMDHOST_OUT]; /* where each column of the table starts */
static struct ln {
	const char *p;
	size_t n;
} ein[CMDHOST_OUT], eout[CMDHOST_OUT];

static int ln_cmp(const void *a, const void *b)
{
	const struct ln *x = a, *y = b;
	int c = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);
	return c ? c : (x->n > y->n) - (x->n < y->n);
}

static bool blank(char c) { return c == ' ' || c == '\t'; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "column", app_main);
	cmdhost_said();
	const char *v;
	int c;
	bool table = false, seps = false, known = true;
	long long cols = 80;
	cmdhost_opts();
	while ((c = cmdhost_opt("ts:c:x", &v)) != -1) {
		known &= c != '?';
		table |= c == 't', seps |= c == 's';
		if (c == 'c')
			cols = strtoll(v, NULL, 10);
	}
	if (cmdhost.status || cmdhost.out_n == CMDHOST_OUT || cmdhost_helped() || !known || (table && seps))
		return 0;
	const char *in = (const char *)cmdhost_in, *out = cmdhost.out;
	size_t n = cmdhost_in_n, on = cmdhost.out_n, op = 0, ni = 0, no = 0, row = 0;
	if (!table && memchr(in, '\t', n))
		return 0;
	for (size_t i = 0; i < n;) {
		const char *e = memchr(in + i, '\n', n - i), *l = in + i;
		size_t len = e ? (size_t)(e - l) : n - i;
		i += len + 1;
		if (!len)
			continue;
		if (!table) {
			ein[ni++] = (struct ln){l, len};
			continue;
		}
		const char *oe = memchr(out + op, '\n', on - op), *ol = out + op;
		CHECK(oe);
		size_t olen = (size_t)(oe - ol), a = 0, b = 0, col = 0, k = 0;
		op += olen + 1;
		for (;; k++) { /* word k of both lines */
			while (a < len && blank(l[a]))
				a++;
			for (; b < olen && ol[b] == ' '; b++)
				col++;
			if (a == len || b == olen)
				break;
			CHECK(k >= row ? (start[k] = col, true) : start[k] == col);
			while (a < len && !blank(l[a])) {
				CHECK(b < olen && ol[b] == l[a]);
				col += ((unsigned char)l[a++] & 0xc0) != 0x80, b++;
			}
			CHECK(b == olen || ol[b] == ' ');
		}
		CHECK(a == len && b == olen);
		row = k > row ? k : row;
	}
	if (table) {
		CHECK(op == on);
		return 0;
	}
	for (size_t s = 0; s < on;) {
		const char *e = memchr(out + s, '\n', on - s), *l = out + s;
		CHECK(e);
		size_t len = (size_t)(e - l), col = 0, entries = 0;
		for (size_t j = 0; j < len;) {
			if (l[j] == '\t') {
				col = (col / 8 + 1) * 8, j++;
				continue;
			}
			size_t t = j;
			while (t < len && l[t] != '\t')
				col += ((unsigned char)l[t++] & 0xc0) != 0x80;
			eout[no++] = (struct ln){l + j, t - j};
			entries++, j = t;
		}
		CHECK(entries == 1 || col <= (size_t)cols);
		s += len + 1;
	}
	CHECK(ni == no);
	qsort(ein, ni, sizeof *ein, ln_cmp);
	qsort(eout, no, sizeof *eout, ln_cmp);
	for (size_t i = 0; i < ni; i++)
		CHECK(!ln_cmp(&ein[i], &eout[i]));
	return 0;
}

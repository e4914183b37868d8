/* fuzz_cmd_cut: libFuzzer target for cut (apps/cut/main.c), the whole
 * command from one input (fuzz/cmdhost.h: arguments up to "\0\0", then
 * stdin): its LIST parser, the byte and field selection and the line
 * reader, under ASan and UBSan. Invariants beyond no report: the status is
 * 0 or 1, and 1 exactly when something was said on stderr. When it ran
 * (not --help; the mode and delimiter read again from the arguments, as
 * vy_opt_next takes them), stdin's lines and the output's correspond one
 * to one, each output line ended by '\n' (with -f -s, a line without the
 * delimiter has none): -b and -c, an output line is a subsequence of its
 * line, and one set of positions is taken from every line, so a line of
 * length m gives f(m) bytes for one nondecreasing f with f(m+k) - f(m) at
 * most k; -f, a line without the delimiter is printed whole, and a line
 * with it gives fields of its own, in order, joined by the delimiter
 * (empty ones past its last: busybox prints a closed range's fields
 * whole). */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/cut/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

/* The mode (b, c, f) and the delimiter; false when this does not know them
 * (a value-taking option as the last word takes an operand passed over). */
static bool options(char *mode, char *d, bool *only)
{
	const char *v;
	int c;
	*mode = 0, *d = '\t', *only = false;
	cmdhost_opts();
	while ((c = cmdhost_opt("b:c:f:d:sn", &v)) != -1) {
		if (c == '?')
			return false;
		if (c == 'd')
			*d = *v; /* an argument is never empty here */
		else if (c == 's')
			*only = true;
		else if (c != 'n')
			*mode = (char)c;
	}
	return *mode != 0;
}

/* Whether o[0..on) split at d is a subsequence of i[0..in) split at d,
 * then empty fields. */
static bool fields_of(const char *o, size_t on, const char *i, size_t in, char d)
{
	size_t p = 0;
	bool ended = false;
	for (size_t s = 0; s <= on;) {
		const char *e = memchr(o + s, d, on - s);
		size_t fl = e ? (size_t)(e - (o + s)) : on - s;
		for (;;) {
			if (ended) {
				if (fl)
					return false;
				break;
			}
			const char *f = memchr(i + p, d, in - p);
			size_t il = f ? (size_t)(f - (i + p)) : in - p;
			bool same = il == fl && !memcmp(i + p, o + s, fl);
			if (f)
				p += il + 1;
			else
				ended = true;
			if (same)
				break;
		}
		s += fl + 1;
	}
	return true;
}

static long long took[CMDHOST_OUT + 1]; /* f(m) + 1, 0: no line of length m */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "cut", app_main);
	cmdhost_said();
	char mode, d;
	bool only;
	if (cmdhost.status || cmdhost.out_n == CMDHOST_OUT || cmdhost_helped() || !options(&mode, &d, &only))
		return 0;

	const char *in = (const char *)cmdhost_in, *out = cmdhost.out;
	size_t n = cmdhost_in_n, on = cmdhost.out_n, op = 0, maxlen = 0;
	memset(took, 0, (n + 1) * sizeof took[0]);
	for (size_t s = 0; s < n;) {
		const char *e = memchr(in + s, '\n', n - s);
		size_t len = e ? (size_t)(e - (in + s)) : n - s;
		const char *l = in + s;
		s += len + 1;
		if (mode == 'f' && only && !memchr(l, d, len))
			continue;
		const char *oe = memchr(out + op, '\n', on - op);
		CHECK(oe);
		const char *ol = out + op;
		size_t olen = (size_t)(oe - ol);
		op += olen + 1;
		if (mode != 'f') {
			size_t k = 0;
			for (size_t j = 0; j < len && k < olen; j++)
				k += l[j] == ol[k];
			CHECK(k == olen);
			CHECK(!took[len] || took[len] == (long long)olen + 1);
			took[len] = (long long)olen + 1;
			maxlen = len > maxlen ? len : maxlen;
		} else if (!memchr(l, d, len)) {
			CHECK(olen == len && !memcmp(ol, l, len));
		} else {
			CHECK(fields_of(ol, olen, l, len, d));
		}
	}
	CHECK(op == on);
	long long pf = 1; /* f(0) + 1: an empty line gives nothing */
	for (size_t m = 0, pm = 0; m <= maxlen; m++) {
		if (!took[m])
			continue;
		CHECK(took[m] >= pf && took[m] - pf <= (long long)(m - pm));
		pf = took[m], pm = m;
	}
	return 0;
}

/* fuzz_cmd_uniq: libFuzzer target for uniq (apps/uniq/main.c), the whole
 * command from one input (fuzz/cmdhost.h: arguments up to "\0\0", then
 * stdin): its options, the field and character skips, case folding and
 * the line reader, under ASan and UBSan. Invariants beyond no report: the
 * status is 0 or 1, and 1 exactly when something was said on stderr. When
 * it ran (not --help; its options read again as vy_opt_next took them),
 * each output line ends with '\n' and is a line of stdin (after its count,
 * "%7llu ", with -c: at least 1, 2 with -d, exactly 1 with -u), and they
 * come in stdin's order; with -c and neither -d nor -u the counts add up
 * to stdin's lines. On the same stdin, uniq -c gives each run of
 * identical lines as its length and the line. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/uniq/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

static char want[CMDHOST_OUT + 64];

/* The line at s[*i..n) (without its '\n'), *i past it. */
static size_t next_line(const char *s, size_t n, size_t *i, const char **l)
{
	const char *e = memchr(s + *i, '\n', n - *i);
	size_t len = e ? (size_t)(e - (s + *i)) : n - *i;
	*l = s + *i;
	*i += len + 1;
	return len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "uniq", app_main);
	cmdhost_said();
	const char *in = (const char *)cmdhost_in, *v;
	size_t n = cmdhost_in_n, lines = 0;
	for (size_t i = 0; i < n; lines++) {
		const char *l;
		next_line(in, n, &i, &l);
	}
	bool cnt = false, dup = false, uni = false, known = true;
	int c;
	cmdhost_opts();
	while ((c = cmdhost_opt("cduif:s:", &v)) != -1) {
		known &= c != '?';
		cnt |= c == 'c', dup |= c == 'd', uni |= c == 'u';
	}
	if (!cmdhost.status && cmdhost.out_n < CMDHOST_OUT && !cmdhost_helped() && known) {
		const char *out = cmdhost.out;
		size_t on = cmdhost.out_n, ip = 0;
		unsigned long long sum = 0;
		CHECK(!on || out[on - 1] == '\n');
		for (size_t op = 0; op < on;) {
			const char *ol, *il;
			size_t olen = next_line(out, on, &op, &ol), ilen;
			if (cnt) {
				char *e;
				CHECK(olen >= 8 && ol[0] != '-');
				unsigned long long k = strtoull(ol, &e, 10);
				CHECK(e >= ol + 7 && *e == ' ' && k >= 1 + dup && (!uni || k == 1));
				sum += k;
				olen -= (size_t)(e + 1 - ol);
				ol = e + 1;
			}
			do {
				CHECK(ip < n);
				ilen = next_line(in, n, &ip, &il);
			} while (ilen != olen || memcmp(il, ol, olen));
		}
		CHECK(!cnt || dup || uni || sum == lines);
	}

	/* uniq -c: the runs of identical lines */
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		const char *l, *m;
		size_t len = next_line(in, n, &i, &l), j = i, k = 1;
		while (j < n && next_line(in, n, &j, &m) == len && !memcmp(m, l, len))
			i = j, k++;
		if (w + len + 40 > sizeof want)
			return 0;
		w += (size_t)snprintf(want + w, 40, "%7zu ", k);
		memcpy(want + w, l, len);
		w += len;
		want[w++] = '\n';
	}
	if (!cmdhost_again((const char *[]){"-c", NULL}, (const uint8_t *)in, n, "uniq", app_main))
		return 0;
	CHECK(cmdhost.status == 0 && cmdhost.out_n == w && !memcmp(cmdhost.out, want, w));
	return 0;
}

/* fuzz_cmd_fmt: libFuzzer target for fmt (apps/fmt/main.c), the whole
 * command from one input (fuzz/cmdhost.h: arguments up to "\0\0", then
 * stdin), under ASan and UBSan. Invariants beyond no report: the status is
 * 0 or 1, and 1 exactly when something was said on stderr. When it ran
 * (not --help; -w read again as vy_opt_next took it), the output has
 * stdin's words (split at blanks and newlines) in the same order, none
 * changed, and each output line fits in WIDTH (75) columns, its leading
 * blanks with tabs to every 8 and a byte a column after them, unless it
 * holds one word (a word wider than WIDTH has a line of its own). */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/fmt/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdin.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
CMDHOST_APP_END

static bool space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

/* The next word of s[*i..n) (its length; 0 at the end), *w its start. */
static size_t word(const char *s, size_t n, size_t *i, const char **w)
{
	while (*i < n && space(s[*i]))
		++*i;
	*w = s + *i;
	while (*i < n && !space(s[*i]))
		++*i;
	return (size_t)(s + *i - *w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "fmt", app_main);
	cmdhost_said();
	const char *v;
	int c;
	bool known = true;
	long long w = 75;
	cmdhost_opts();
	while ((c = cmdhost_opt("w:", &v)) != -1) {
		known &= c == 'w'; /* not -N, which this does not read */
		if (c == 'w')
			w = strtoll(v, NULL, 10);
	}
	if (cmdhost.status || cmdhost.out_n == CMDHOST_OUT || cmdhost_helped() || !known)
		return 0;
	const char *in = (const char *)cmdhost_in, *out = cmdhost.out;
	size_t n = cmdhost_in_n, on = cmdhost.out_n, i = 0, j = 0;
	for (;;) {
		const char *a, *b;
		size_t la = word(in, n, &i, &a), lb = word(out, on, &j, &b);
		CHECK(la == lb && !memcmp(a, b, la));
		if (!la)
			break;
	}
	for (size_t s = 0; s < on;) {
		const char *e = memchr(out + s, '\n', on - s);
		size_t len = e ? (size_t)(e - (out + s)) : on - s, k = 0, col = 0, words = 0;
		const char *l = out + s;
		for (; k < len && (l[k] == ' ' || l[k] == '\t'); k++)
			col = l[k] == '\t' ? (col / 8 + 1) * 8 : col + 1;
		for (; k < len; k++, col++)
			words += l[k] != ' ' && (k == 0 || l[k - 1] == ' ' || l[k - 1] == '\t');
		CHECK(col <= (size_t)w || words <= 1);
		s += len + 1;
	}
	return 0;
}

/* grep: prints the lines of stdin that match (busybox grep): POSIX basic
 * regular expressions (sdk/cmdre.c), -E extended, -F
 * fixed strings; -i -v -c -n -q -x -w -o -s, -e PATTERN (more than one
 * allowed). Status 0 if a line matched, 1 if none, 2 on an error (which
 * WASI 0.2 reports as 1: vyoma_cmd.h). */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] = "[-EFicnqvwxos] [-e PATTERN]... [PATTERN]\n\nPrint lines of stdin matching PATTERN.\n"
			    "\t-E\tExtended regex\n\t-F\tFixed strings\n\t-i\tIgnore case\n\t-v\tSelect non-matching lines\n"
			    "\t-c\tCount matching lines\n\t-n\tLine numbers\n\t-q\tQuiet, status only\n"
			    "\t-w\tWhole words\n\t-x\tWhole lines\n\t-o\tOnly the matching parts\n\t-e P\tPattern\n";

#define MAXPAT 16
static struct vy_re *re[MAXPAT];
static int npat;
static bool opt[128];

/* v in decimal, then the byte after */
static void num(unsigned long v, char after)
{
	char b[24], *e = b + sizeof b;
	*--e = after;
	e = vy_str_dec(e, v);
	vy_write(e, (size_t)(b + sizeof b - e));
}

static bool word_ch(char c) { return c == '_' || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z'); }

/* The first match of any pattern at or after `from` in l (NUL-ended);
 * -w and -x retry further on when a match is not a whole word/line. */
static bool find(const char *l, size_t len, size_t from, int64_t *m)
{
	bool found = false;
	for (int i = 0; i < npat; i++) {
		for (size_t at = from; at <= len;) {
			int64_t t[VY_RE_NSUB * 2];
			if (!vy_re_exec(re[i], l, len, at, false, t))
				break;
			bool ok = !opt['x'] || (t[0] == 0 && (size_t)t[1] == len);
			if (opt['w'])
				ok = ok && (t[0] == 0 || !word_ch(l[t[0] - 1])) && (t[1] == (int64_t)len || !word_ch(l[t[1]])) && t[1] > t[0];
			if (ok) {
				if (!found || t[0] < m[0] || (t[0] == m[0] && t[1] > m[1]))
					m[0] = t[0], m[1] = t[1];
				found = true;
				break;
			}
			at = (size_t)t[0] + 1;
		}
	}
	return found;
}

/* Each line of p a pattern, as in grep; with -F a fixed string, every
 * special character escaped. */
static int add(const char *p)
{
	do {
		size_t n = strcspn(p, "\n");
		char *q = malloc(n * 2 + 1), *o = q;
		const char *why = "out of memory";
		for (size_t i = 0; q && i < n; i++) {
			if (opt['F'] && strchr("\\.[]*^$", p[i]))
				*o++ = '\\';
			*o++ = p[i];
		}
		if (npat == MAXPAT)
			return vy_cmd_errs("too many patterns");
		if (q)
			*o = '\0';
		if (!q || !(re[npat++] = vy_re_new(q, (opt['E'] ? VY_RE_EXT : 0) | (opt['i'] ? VY_RE_ICASE : 0), &why))) {
			if (q) /* the pattern as given, over its escaped copy */
				memcpy(q, p, n), q[n] = '\0';
			return vy_cmd_errs("bad regex '", q ? q : "", "': ", why);
		}
		p += n;
	} while (*p++);
	return 0;
}

int main(void)
{
	char **argv, *l;
	int argc = vy_cmd_args(&argv), c;
	const char *pats[MAXPAT];
	int np = 0;
	unsigned long lineno = 0, count = 0;
	long n;
	struct vy_opt o = {0};
	struct vy_rd r;
	vy_cmd_usage_status = 2; /* POSIX: trouble is 2 */

	while ((c = vy_opt_next(&o, argc, argv, "EFGicnqvwxose:hHl", usage)) != -1) {
		if (c == '?')
			vy_cmd_exit(2);
		if (c == 'e' && np < MAXPAT)
			pats[np++] = o.arg;
		opt[c] = true;
	}
	if (!np) {
		if (o.ind >= argc)
			vy_cmd_bad_usage(usage);
		pats[np++] = argv[o.ind++];
	}
	for (int i = 0; i < np; i++)
		if (add(pats[i]) != 0)
			vy_cmd_exit(2);
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		vy_cmd_exit(2);
	vy_rd_stdin(&r);
	while ((n = vy_rd_line(&r, &l)) > 0) {
		int64_t m[VY_RE_NSUB * 2];
		size_t len = (size_t)n - (l[n - 1] == '\n');
		lineno++;
		bool hit = find(l, len, 0, m);
		if (hit != opt['v']) {
			count++;
			if (opt['q'])
				vy_cmd_exit(0);
			if (opt['c'])
				goto next;
			if (opt['o'] && !opt['v']) {
				for (size_t at = 0; at <= len && find(l, len, at, m);) {
					if (m[1] > m[0]) {
						if (opt['n'])
							num(lineno, ':');
						vy_write(l + m[0], (size_t)(m[1] - m[0]));
						vy_write("\n", 1);
					}
					at = m[1] > m[0] ? (size_t)m[1] : (size_t)m[0] + 1;
				}
				goto next;
			}
			if (opt['n'])
				num(lineno, ':');
			vy_write(l, len);
			vy_write("\n", 1);
		}
next:;
	}
	if (opt['c'])
		num(count, '\n');
	return n < 0 ? 2 : count == 0;
}

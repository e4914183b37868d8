/* join: joins the lines of two files sorted on a field (POSIX join; GNU
 * coreutils is the anchor, Debian's busybox has none): for each pair with
 * equal join fields (-1 F, -2 F, -j F; 1) it prints the field, then the
 * other fields of FILE1, then those of FILE2, separated by -t CHAR (or a
 * space, fields then split at blanks); -a 1|2 also prints unpaired lines
 * of that file, -v 1|2 only those. "-" is stdin. Both files are read into
 * memory (bounded by the memory cap). */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

struct file {
	char **line;
	size_t n;
};
static char sep;
static long long jf[3] = {0, 1, 1};
static bool unpaired[3], only[3];

/* The lines of a file, each ended by a NUL in place of its '\n'. */
static int load(const char *path, struct file *f)
{
	size_t *len;
	if (vy_cmd_lines(path, &f->line, &len, &f->n) != 0)
		return -1;
	for (size_t i = 0; i < f->n; i++)
		if (f->line[i][len[i] - 1] == '\n')
			f->line[i][len[i] - 1] = '\0';
	free(len);
	return 0;
}

/* Field k (from 1) of l: its start and length; false if there is none. */
static bool field(const char *l, long long k, const char **s, size_t *n)
{
	const char *p = l;
	for (long long i = 1;; i++) {
		if (!sep)
			while (*p == ' ' || *p == '\t')
				p++;
		const char *e = p;
		while (*e && (sep ? *e != sep : *e != ' ' && *e != '\t'))
			e++;
		if (i == k) {
			*s = p, *n = (size_t)(e - p);
			return *p || sep;
		}
		if (!*e)
			return false;
		p = e + 1;
	}
}

static int cmpkey(const char *a, const char *b)
{
	const char *x = "", *y = "";
	size_t xn = 0, yn = 0;
	field(a, jf[1], &x, &xn);
	field(b, jf[2], &y, &yn);
	int c = memcmp(x, y, xn < yn ? xn : yn);
	return c ? c : (xn > yn) - (xn < yn);
}

static void out_rest(const char *l, long long skip)
{
	const char *s;
	size_t n;
	for (long long k = 1; field(l, k, &s, &n); k++)
		if (k != skip) {
			vy_write(sep ? &sep : " ", 1);
			vy_write(s, n);
		}
}

static void out_line(const char *a, const char *b)
{
	const char *s = "";
	size_t n = 0;
	field(a ? a : b, a ? jf[1] : jf[2], &s, &n);
	vy_write(s, n);
	if (a)
		out_rest(a, jf[1]);
	if (b)
		out_rest(b, jf[2]);
	vy_write("\n", 1);
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	struct vy_opt o = {0};
	struct file f1 = {0}, f2 = {0};

	while ((c = vy_opt_next(&o, argc, argv, "t:1:2:j:a:v:", "[-t C] [-1 F] [-2 F] [-a N] [-v N] FILE1 FILE2\n\nJoin lines of two sorted files on a field.\n")) != -1) {
		long long v;
		if (c == '?')
			return 1;
		if (c == 't') {
			sep = o.arg[0];
			continue;
		}
		if (vy_cmd_num(o.arg, &v) != 0 || v < 1 || ((c == 'a' || c == 'v') && v > 2))
			return vy_cmd_err("invalid field number '%s'", o.arg), 1;
		if (c == '1' || c == '2')
			jf[c - '0'] = v;
		else if (c == 'j')
			jf[1] = jf[2] = v;
		else if (c == 'a')
			unpaired[v] = true;
		else
			only[v] = true;
	}
	if (argc - o.ind != 2)
		vy_cmd_bad_usage("FILE1 FILE2\n");
	if (load(argv[o.ind], &f1) != 0 || load(argv[o.ind + 1], &f2) != 0)
		return 1;
	bool any_only = only[1] || only[2];
	size_t i = 0, j = 0;
	while (i < f1.n || j < f2.n) {
		int d = i == f1.n ? 1 : j == f2.n ? -1 : cmpkey(f1.line[i], f2.line[j]);
		if (d < 0) {
			if (unpaired[1] || only[1])
				out_line(f1.line[i], NULL);
			i++;
		} else if (d > 0) {
			if (unpaired[2] || only[2])
				out_line(NULL, f2.line[j]);
			j++;
		} else {
			/* every line of FILE2 with this key, for each of FILE1 */
			size_t j2 = j;
			while (j2 < f2.n && cmpkey(f1.line[i], f2.line[j2]) == 0)
				j2++;
			for (; i < f1.n && cmpkey(f1.line[i], f2.line[j]) == 0; i++)
				for (size_t k = j; k < j2 && !any_only; k++)
					out_line(f1.line[i], f2.line[k]);
			j = j2;
		}
	}
	return 0;
}

/* diff: the differences of two files in unified format (busybox diff -u,
 * which is also its default here): "--- FILE1", "+++ FILE2", hunks with
 * -U N lines of context (3); "\ No newline at end of file" where one is
 * missing. Status 0 same, 1 different, 2 trouble.
 * The longest common subsequence of the lines between the common head and
 * tail is found by dynamic programming, so two files that differ in more
 * than 2,000 x 2,000 lines are refused ("too different"). */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

/* A file's lines: line i is l[i] up to l[i + 1] (with its '\n' when it
 * has one); l[n] is the end of the text. */
struct file {
	char **l;
	size_t n;
};

static struct file A, B;

static int load(const char *path, struct file *f)
{
	char *d, *p;
	size_t total, n = 0;
	if (vy_cmd_slurp(path, &d, &total) != 0)
		return -1;
	for (f->l = NULL;; n = 0) { /* count the lines, then note them */
		for (p = d; p < d + total; p++)
			if (p == d || p[-1] == '\n') {
				if (f->l)
					f->l[n] = p;
				n++;
			}
		if (f->l)
			break;
		if (!(f->l = malloc((n + 1) * sizeof *f->l)))
			return vy_cmd_err("out of memory");
	}
	f->l[n] = p;
	f->n = n;
	return 0;
}

static size_t len(const struct file *f, size_t i) { return (size_t)(f->l[i + 1] - f->l[i]); }

static bool same(size_t i, size_t j)
{
	size_t k = len(&A, i);
	return k == len(&B, j) && !memcmp(A.l[i], B.l[j], k);
}

static void line(char c, const struct file *f, size_t i)
{
	vy_write(&c, 1);
	vy_write(f->l[i], len(f, i));
	if (f->l[i + 1][-1] != '\n')
		vy_print("\n\\ No newline at end of file\n");
}

/* v in decimal after the text pre */
static void num(const char *pre, size_t v)
{
	char b[24], *e = vy_str_dec(b + sizeof b, v);
	vy_print(pre);
	vy_write(e, (size_t)(b + sizeof b - e));
}

static void range(const char *pre, size_t start, size_t n)
{
	num(pre, n ? start + 1 : start);
	if (n != 1)
		num(",", n);
}

static const char usage[] = "[-u] [-U N] FILE1 FILE2\n\nShow differences of two files (unified).\n\t-U N\tLines of context (3)\n";

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	long long ctx = 3;
	struct vy_opt o = {0};
	vy_cmd_usage_status = 2; /* POSIX: trouble is 2 */

	while ((c = vy_opt_next(&o, argc, argv, "uU:", usage)) != -1) {
		if (c == '?')
			return 2;
		if (c == 'U' && (vy_cmd_num(o.arg, &ctx) || ctx < 0))
			return vy_cmd_err("invalid context length '%s'", o.arg), 2;
	}
	if (argc - o.ind != 2)
		vy_cmd_bad_usage(usage);
	if (load(argv[o.ind], &A) != 0 || load(argv[o.ind + 1], &B) != 0)
		return 2;
	size_t head = 0, tail = 0, i, j, k;
	while (head < A.n && head < B.n && same(head, head))
		head++;
	while (tail < A.n - head && tail < B.n - head && same(A.n - 1 - tail, B.n - 1 - tail))
		tail++;
	size_t n = A.n - head - tail, m = B.n - head - tail, w = m + 1, cx = (size_t)ctx;
	if (n == 0 && m == 0)
		return 0;
	if (n > 2000 || m > 2000 || (n + 1) * w > 4000000)
		return vy_cmd_err("files too different"), 2;
	/* L[i * w + j]: LCS length of A[head+i..] and B[head+j..] */
	uint32_t *L = calloc((n + 1) * w, sizeof *L), *q;
	/* the edit script ('=' '-' '+'), the common head and tail included */
	char *op = malloc(A.n + B.n);
	if (!L || !op)
		return vy_cmd_err("out of memory"), 2;
	for (i = n, q = L + n * w; i-- > 0;)
		for (j = m, q--; j-- > 0;) {
			q--;
			*q = same(head + i, head + j) ? q[w + 1] + 1 : q[w] > q[1] ? q[w] : q[1];
		}
	memset(op, '=', A.n + B.n); /* the common head and tail stay '=' */
	for (i = j = 0, k = head; i < n || j < m;) {
		q = L + i * w + j;
		if (i < n && j < m && same(head + i, head + j))
			op[k++] = '=', i++, j++;
		else if (i < n && (j == m || q[w] >= q[1]))
			op[k++] = '-', i++; /* deletions first, as diff prints them */
		else
			op[k++] = '+', j++;
	}
	size_t total = k + tail, p = 0, ai = 0, bi = 0; /* ai, bi: lines before p */
	vy_print("--- ");
	vy_print(argv[o.ind]);
	vy_print("\n+++ ");
	vy_print(argv[o.ind + 1]);
	vy_print("\n");
	while (p < total) {
		if (op[p] == '=') {
			p++, ai++, bi++;
			continue;
		}
		/* a hunk: from ctx before this change (all '=', after the last
		 * hunk) to ctx after the last change that has no more than
		 * 2*ctx '=' before the next */
		size_t s = p > cx ? p - cx : 0, e = p, add = 0, del = 0;
		for (size_t t = p, run = 0; t < total && run <= 2 * cx; t++)
			if (op[t] == '=')
				run++;
			else
				run = 0, e = t + 1, add += op[t] == '+', del += op[t] == '-';
		e = e + cx < total ? e + cx : total;
		ai -= p - s, bi -= p - s;
		range("@@ -", ai, e - s - add); /* the hunk's lines of A: all but the added */
		range(" +", bi, e - s - del);
		vy_print(" @@\n");
		for (; s < e; s++) { /* a common line is printed once, from A */
			char x = op[s] == '=' ? (bi++, ' ') : op[s];
			line(x, x == '+' ? &B : &A, x == '+' ? bi++ : ai++);
		}
		p = e;
	}
	return 1;
}

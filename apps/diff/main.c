/* diff: the differences of two files in unified format (busybox diff -u,
 * which is also its default here): "--- FILE1", "+++ FILE2", hunks with
 * -U N lines of context (3); "\ No newline at end of file" where one is
 * missing. Status 0 same, 1 different, 2 trouble.
 * The longest common subsequence of the lines between the common head and
 * tail is found by dynamic programming, so two files that differ in more
 * than 2,000 x 2,000 lines are refused ("too different").
 * Size: up to 13 KB, because it reads files under /data:
 * wasi:filesystem's types and wiring and the SDK's file code cost about
 * 3 KB in any command that opens a file (docs/perf.md, "Files and
 * sockets"). */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

struct file {
	char **l;
	size_t *len; /* with the '\n' when there is one */
	size_t n;
};

static int load(const char *path, struct file *f) { return vy_cmd_lines(path, &f->l, &f->len, &f->n); }

static struct file A, B;

static bool same(size_t i, size_t j) { return A.len[i] == B.len[j] && memcmp(A.l[i], B.l[j], A.len[i]) == 0; }

static void line(char c, const struct file *f, size_t i)
{
	vy_write(&c, 1);
	vy_write(f->l[i], f->len[i]);
	if (f->l[i][f->len[i] - 1] != '\n')
		vy_print("\n\\ No newline at end of file\n");
}

static void range(size_t start, size_t n)
{
	vy_printf("%zu", n ? start + 1 : start);
	if (n != 1)
		vy_printf(",%zu", n);
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	long long ctx = 3;
	struct vy_opt o = {0};
	vy_cmd_usage_status = 2; /* POSIX: trouble is 2 */

	while ((c = vy_opt_next(&o, argc, argv, "uU:", "[-u] [-U N] FILE1 FILE2\n\nShow differences of two files (unified).\n\t-U N\tLines of context (3)\n")) != -1) {
		if (c == '?')
			return 2;
		if (c == 'U' && (vy_cmd_num(o.arg, &ctx) || ctx < 0))
			return vy_cmd_err("invalid context length '%s'", o.arg), 2;
	}
	if (argc - o.ind != 2)
		vy_cmd_bad_usage("[-u] FILE1 FILE2\n");
	if (load(argv[o.ind], &A) != 0 || load(argv[o.ind + 1], &B) != 0)
		return 2;
	size_t head = 0, tail = 0;
	while (head < A.n && head < B.n && same(head, head))
		head++;
	while (tail < A.n - head && tail < B.n - head && same(A.n - 1 - tail, B.n - 1 - tail))
		tail++;
	size_t n = A.n - head - tail, m = B.n - head - tail;
	if (n == 0 && m == 0)
		return 0;
	if (n > 2000 || m > 2000 || (n + 1) * (m + 1) > 4000000)
		return vy_cmd_err("files too different"), 2;
	/* L[i][j]: LCS length of A[head+i..] and B[head+j..] */
	uint32_t *L = calloc((n + 1) * (m + 1), sizeof *L);
	char *op = malloc(n + m + 1); /* the edit script: '=' '-' '+' */
	if (!L || !op)
		return vy_cmd_err("out of memory"), 2;
	for (size_t i = n; i-- > 0;)
		for (size_t j = m; j-- > 0;)
			L[i * (m + 1) + j] = same(head + i, head + j) ? L[(i + 1) * (m + 1) + j + 1] + 1
				: L[(i + 1) * (m + 1) + j] > L[i * (m + 1) + j + 1] ? L[(i + 1) * (m + 1) + j] : L[i * (m + 1) + j + 1];
	size_t k = 0, i = 0, j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && same(head + i, head + j))
			op[k++] = '=', i++, j++;
		else if (i < n && (j == m || L[(i + 1) * (m + 1) + j] >= L[i * (m + 1) + j + 1]))
			op[k++] = '-', i++; /* deletions first, as diff prints them */
		else
			op[k++] = '+', j++;
	}
	/* the whole script, with the common head and tail as '=' */
	size_t total = head + k + tail;
	char *all = malloc(total);
	if (!all)
		return 2;
	memset(all, '=', head);
	memcpy(all + head, op, k);
	memset(all + head + k, '=', tail);
	vy_printf("--- %s\n+++ %s\n", argv[o.ind], argv[o.ind + 1]);
	size_t p = 0;
	while (p < total) {
		while (p < total && all[p] == '=')
			p++;
		if (p == total)
			break;
		/* a hunk: from ctx before this change to ctx after the last change
		 * that is within 2*ctx of the next */
		size_t s = p > (size_t)ctx ? p - (size_t)ctx : 0, e = p;
		for (;;) {
			while (e < total && all[e] != '=')
				e++;
			size_t q = e;
			while (q < total && all[q] == '=' && q - e < 2 * (size_t)ctx)
				q++;
			if (q < total && all[q] != '=' && q - e <= 2 * (size_t)ctx)
				e = q;
			else
				break;
		}
		e = e + (size_t)ctx < total ? e + (size_t)ctx : total;
		size_t a0 = 0, b0 = 0, an = 0, bn = 0;
		for (size_t t = 0; t < s; t++)
			a0 += all[t] != '+', b0 += all[t] != '-';
		for (size_t t = s; t < e; t++)
			an += all[t] != '+', bn += all[t] != '-';
		vy_print("@@ -");
		range(a0, an);
		vy_print(" +");
		range(b0, bn);
		vy_print(" @@\n");
		size_t ai = a0, bi = b0;
		for (size_t t = s; t < e; t++) {
			if (all[t] == '=')
				line(' ', &A, ai++), bi++;
			else if (all[t] == '-')
				line('-', &A, ai++);
			else
				line('+', &B, bi++);
		}
		p = e;
	}
	return 1;
}

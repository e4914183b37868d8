/* comm: compares two sorted files line by line (POSIX comm; GNU coreutils
 * is the anchor, Debian's busybox has none): column 1 lines only in FILE1,
 * column 2 only in FILE2, column 3 in both, each further column indented
 * by a TAB; -1 -2 -3 leave a column out. "-" is stdin. */
#include <vyoma_cmd.h>
#include <string.h>

static bool hide[4];

static void col(int c, const char *l, long n)
{
	if (hide[c])
		return;
	for (int k = 1; k < c; k++)
		if (!hide[k])
			vy_write("\t", 1);
	vy_write(l, (size_t)n - (l[n - 1] == '\n'));
	vy_write("\n", 1);
}

static int cmp(const char *a, long an, const char *b, long bn)
{
	size_t x = (size_t)an - (a[an - 1] == '\n'), y = (size_t)bn - (b[bn - 1] == '\n');
	int c = memcmp(a, b, x < y ? x : y);
	return c ? c : (x > y) - (x < y);
}

int main(void)
{
	char **argv, *a, *b;
	int argc = vy_cmd_args(&argv), c;
	struct vy_opt o = {0};
	struct vy_rd ra, rb;
	long an, bn;

	while ((c = vy_opt_next(&o, argc, argv, "123", "[-123] FILE1 FILE2\n\nCompare two sorted files.\n\t-1\tHide lines only in FILE1\n\t-2\tHide lines only in FILE2\n\t-3\tHide lines in both\n")) != -1) {
		if (c == '?')
			return 1;
		hide[c - '0'] = true;
	}
	if (argc - o.ind != 2)
		vy_cmd_bad_usage("[-123] FILE1 FILE2\n");
	if (vy_rd_open(&ra, argv[o.ind]) != 0 || vy_rd_open(&rb, argv[o.ind + 1]) != 0)
		return 1;
	an = vy_rd_line(&ra, &a);
	bn = vy_rd_line(&rb, &b);
	while (an > 0 || bn > 0) {
		int d = an <= 0 ? 1 : bn <= 0 ? -1 : cmp(a, an, b, bn);
		if (d < 0) {
			col(1, a, an);
			an = vy_rd_line(&ra, &a);
		} else if (d > 0) {
			col(2, b, bn);
			bn = vy_rd_line(&rb, &b);
		} else {
			col(3, a, an);
			an = vy_rd_line(&ra, &a);
			bn = vy_rd_line(&rb, &b);
		}
	}
	return 0;
}

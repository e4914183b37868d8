/* cat: prints each file (or stdin, "-") in turn (busybox cat): -n numbers
 * every line, -b only the non-empty ones. Files are under /data. */
#include <vyoma_cmd.h>

static const char usage[] = "[-nb] [FILE]...\n\nPrint FILEs (or stdin) to stdout.\n"
			    "\t-n\tNumber output lines\n\t-b\tNumber nonempty lines\n";
static int number; /* 0, 'n' or 'b' */
static unsigned long line_no;

static int one(struct vy_rd *r, const char *name, void *ctx)
{
	char *l;
	long n;
	(void)name, (void)ctx;
	if (!number)
		return vy_rd_copy(r);
	while ((n = vy_rd_line(r, &l)) > 0) {
		if (number == 'n' || l[0] != '\n')
			vy_printf("%6lu\t", ++line_no);
		if (vy_write(l, (size_t)n) != 0 || (l[n - 1] != '\n' && vy_write("\n", 1) != 0))
			return -1; /* busybox ends a numbered last line */
	}
	return n < 0 ? -1 : 0;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "nbuv", usage)) != -1) {
		if (c == '?')
			vy_cmd_exit(1);
		if (c == 'n' && number != 'b')
			number = 'n';
		if (c == 'b')
			number = 'b';
	}
	return vy_cmd_each(argc, argv, o.ind, vy_rd_open, one, NULL);
}

/* nl: numbers the lines of stdin (busybox nl): -b a|t|n which lines (all,
 * non-empty: the default, none), -w width (6), -s separator (TAB), -v first
 * number (1), -i increment (1). Lines not numbered are indented alike. */
#include <vyoma_cmd.h>

static const char usage[] = "[-b STYLE] [-i N] [-s SEP] [-v N] [-w N]\n\nNumber lines of stdin.\n"
			    "\t-b STYLE\ta: all lines, t: nonempty (default), n: none\n"
			    "\t-i N\tIncrement\n\t-s SEP\tSeparator\n\t-v N\tFirst number\n\t-w N\tWidth\n";

int main(void)
{
	char **argv, *l;
	int argc = vy_cmd_args(&argv), c;
	long long w = 6, v = 1, inc = 1;
	const char *sep = "\t";
	char style = 't';
	long n;
	struct vy_rd r;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "b:i:s:v:w:", usage)) != -1) {
		if (c == '?')
			return 1;
		if (c == 'b')
			style = o.arg[0];
		else if (c == 's')
			sep = o.arg;
		else if (vy_cmd_num(o.arg, c == 'i' ? &inc : c == 'v' ? &v : &w) != 0)
			return vy_cmd_err("invalid number '%s'", o.arg), 1;
	}
	vy_rd_stdin(&r);
	while ((n = vy_rd_line(&r, &l)) > 0) {
		if (style == 'a' || (style == 't' && l[0] != '\n')) {
			vy_printf("%*lld%s", (int)w, v, sep);
			v += inc;
		} else {
			vy_printf("%*s", (int)(w + __builtin_strlen(sep)), "");
		}
		vy_write(l, (size_t)n);
		if (l[n - 1] != '\n')
			vy_write("\n", 1); /* as busybox */
	}
	return n < 0;
}

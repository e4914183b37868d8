/* nl: numbers the lines of stdin (busybox nl): -b a|t|n which lines (all,
 * non-empty: the default, none), -w width (6), -s separator (TAB), -v first
 * number (1), -i increment (1); each number from 0 to 2147483647, as
 * busybox takes them. Lines not numbered are indented alike. */
#include <vyoma_cmd.h>
#include <string.h>

static const char usage[] = "[-b STYLE] [-i N] [-s SEP] [-v N] [-w N]\n\nNumber lines of stdin.\n"
			    "\t-b STYLE\ta: all lines, t: nonempty (default), n: none\n"
			    "\t-i N\tIncrement\n\t-s SEP\tSeparator\n\t-v N\tFirst number\n\t-w N\tWidth\n";

/* The widest -w (fuzz/fuzz_cmd_nl.c builds with a smaller one, so that a
 * line's padding comes in milliseconds). */
#ifndef NL_WIDTH_MAX
#define NL_WIDTH_MAX 2147483647
#endif

/* k spaces, in pieces: a width past the output buffer comes out whole */
static void pad(unsigned long long k)
{
	static const char sp[] = "                                ";
	for (; k; k -= k < 32 ? k : 32)
		vy_write(sp, k < 32 ? k : 32);
}

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
		else {
			long long *x = c == 'i' ? &inc : c == 'v' ? &v : &w;
			if (vy_cmd_num(o.arg, x) != 0 || *x < 0 || *x > (c == 'w' ? NL_WIDTH_MAX : 2147483647))
				return vy_cmd_err("invalid number '%s'", o.arg), 1;
		}
	}
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	/* unsigned: past 2^64 (billions of lines at the largest -i) it wraps */
	unsigned long long num = (unsigned long long)v, wid = (unsigned long long)w, sl = strlen(sep);
	vy_rd_stdin(&r);
	while ((n = vy_rd_line(&r, &l)) > 0) {
		if (style == 'a' || (style == 't' && l[0] != '\n')) {
			char b[24], *e = vy_str_dec(b + sizeof b, num);
			size_t len = (size_t)(b + sizeof b - e);
			pad(wid > len ? wid - len : 0);
			vy_write(e, len);
			vy_write(sep, sl);
			num += (unsigned long long)inc;
		} else {
			pad(wid + sl);
		}
		vy_write(l, (size_t)n);
		if (l[n - 1] != '\n')
			vy_write("\n", 1); /* as busybox */
	}
	return n < 0;
}

/* seq: prints the integers from FIRST (1) by INC (1) to LAST, one per line
 * (busybox seq): -s SEP between them, -w pads with zeros to equal width.
 * Integers only; busybox also takes decimals (tests/conformance lists it). */
#include <vyoma_cmd.h>

static const char usage[] = "[-w] [-s SEP] [FIRST [INC]] LAST\n\n"
			    "Print numbers from FIRST to LAST, in steps of INC.\n"
			    "\t-w\tPad to equal width\n\t-s SEP\tSeparator (default newline)\n";

static int digits(long long v)
{
	int d = v < 0 ? 2 : 1;
	for (unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v; u >= 10; u /= 10)
		d++;
	return d;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), w = 0;
	const char *sep = "\n";
	long long v[3] = {1, 1, 0};
	struct { int ind; } o;

	/* Options by hand: a negative number is an operand, not an option. */
	int i = 1;
	for (; i < argc; i++) {
		if (vy_str_starts(argv[i], "--help"))
			vy_cmd_usage(usage);
		else if (argv[i][0] == '-' && argv[i][1] == 'w' && !argv[i][2])
			w = 1;
		else if (argv[i][0] == '-' && argv[i][1] == 's')
			sep = argv[i][2] ? argv[i] + 2 : i + 1 < argc ? argv[++i] : "\n";
		else
			break;
	}
	o.ind = i;
	int n = argc - o.ind;
	if (n < 1 || n > 3)
		vy_cmd_bad_usage(usage);
	for (int k = 0; k < n; k++)
		if (vy_cmd_num(argv[o.ind + k], &v[k == n - 1 ? 2 : k == 0 && n > 1 ? 0 : 1]) != 0)
			return vy_cmd_err("invalid number '%s'", argv[o.ind + k]), 1;
	if (v[1] == 0)
		return 0;
	int width = w ? (digits(v[0]) > digits(v[2]) ? digits(v[0]) : digits(v[2])) : 0;
	if (v[1] > 0 ? v[0] > v[2] : v[0] < v[2])
		return 0;
	for (long long x = v[0], first = 1;; first = 0) {
		if (!first)
			vy_print(sep);
		if ((w && x < 0 ? vy_printf("-%0*llu", width - 1, 0 - (unsigned long long)x) : vy_printf("%0*lld", width, x)) != 0)
			return 0; /* stdout closed */
		/* ended at LAST, or where the next would pass it (or overflow) */
		if (x == v[2] || __builtin_add_overflow(x, v[1], &x) || (v[1] > 0 ? x > v[2] : x < v[2]))
			break;
	}
	vy_print("\n");
	return 0;
}

/* cmp: compares two files byte by byte (busybox cmp): says where they
 * first differ ("differ: char N, line L"), or with -l lists every
 * difference (offset, then the two bytes in octal), -s says nothing.
 * Status 0 same, 1 different, 2 trouble (1 under WASI 0.2). "-" is stdin. */
#include <vyoma_cmd.h>

/* %3o, as cmp -l prints a byte (the SDK's printf has no %o). */
static void octal(unsigned v)
{
	char b[4] = {' ', ' ', ' ', 0};
	int i = 2;
	do
		b[i--] = (char)('0' + (v & 7));
	while ((v >>= 3) && i >= 0);
	vy_print(b);
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	bool list = false, silent = false, differ = false;
	struct vy_opt o = {0};
	struct vy_rd a, b;
	static unsigned char x[4096], y[4096];
	unsigned long long off = 0, line = 1;

	while ((c = vy_opt_next(&o, argc, argv, "ls", "[-ls] FILE1 FILE2\n\nCompare two files byte by byte.\n\t-l\tList every difference\n\t-s\tSilent\n")) != -1) {
		if (c == '?')
			return 2;
		list |= c == 'l', silent |= c == 's';
	}
	if (argc - o.ind != 2)
		vy_cmd_bad_usage("[-ls] FILE1 FILE2\n");
	if (vy_rd_open(&a, argv[o.ind]) != 0 || vy_rd_open(&b, argv[o.ind + 1]) != 0)
		return 2;
	for (;;) {
		long n = a.pull(&a, x, sizeof x), m = 0;
		while (m < n) {
			long k = b.pull(&b, y + m, (size_t)(n - m));
			if (k <= 0)
				break;
			m += k;
		}
		if (n == 0) {
			unsigned char t;
			if (b.pull(&b, &t, 1) > 0) {
				if (!silent)
					vy_cmd_err("EOF on %s", argv[o.ind]);
				return 1;
			}
			return differ;
		}
		for (long i = 0; i < m; i++, off++) {
			if (x[i] != y[i]) {
				differ = true;
				if (silent)
					return 1;
				if (!list) {
					vy_printf("%s %s differ: char %llu, line %llu\n", argv[o.ind], argv[o.ind + 1], off + 1, line);
					return 1;
				}
				vy_printf("%llu", off + 1);
				vy_print(" ");
				octal(x[i]);
				vy_print(" ");
				octal(y[i]);
				vy_print("\n");
			}
			line += x[i] == '\n';
		}
		if (m < n) {
			if (!silent)
				vy_cmd_err("EOF on %s", argv[o.ind + 1]);
			return 1;
		}
	}
}

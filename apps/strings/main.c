/* strings: prints each run of at least -n N (4) printable characters (and
 * tabs) of stdin on its own line (busybox strings). */
#include <vyoma_cmd.h>

static const char usage[] = "[-n N]\n\nPrint runs of printable characters in stdin.\n\t-n N\tAt least N characters (4)\n";

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	long long min = 4;
	static unsigned char buf[65536], run[4096];
	size_t k = 0;
	bool long_run = false;
	long n;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "n:", usage)) != -1)
		if (c == '?' || vy_cmd_num(o.arg, &min) != 0 || min < 1 || min > 4096)
			return c == '?' ? 1 : (vy_cmd_err("invalid number '%s'", o.arg), 1);
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	while ((n = vy_in_read(buf, sizeof buf)) >= 0) {
		for (long i = 0; i <= n; i++) {
			/* i == n at the end of the input: ends the run */
			unsigned char b = i < n ? buf[i] : 0;
			if (i < n && ((b >= ' ' && b < 0x7f) || b == '\t')) {
				if (long_run) {
					vy_write(&b, 1);
				} else {
					run[k++] = b;
					if (k == (size_t)min) {
						vy_write(run, k);
						long_run = true;
						k = 0;
					}
				}
				continue;
			}
			if (i == n && n > 0)
				break;
			if (long_run)
				vy_print("\n");
			long_run = false;
			k = 0;
		}
		if (n == 0)
			break;
	}
	return n < 0;
}

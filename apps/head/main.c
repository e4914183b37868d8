/* head: the first N lines (-n N, -N; 10) or bytes (-c N) of stdin
 * (busybox head). A filter: it reads stdin only (the shell's `< FILE`). */
#include <vyoma_cmd.h>

static const char usage[] = "[-n N | -c N]\n\nPrint the first 10 lines of stdin.\n"
			    "\t-n N\tPrint first N lines\n\t-c N\tPrint first N bytes\n";

int main(void)
{
	char **argv, *l;
	int argc = vy_cmd_args(&argv), c;
	long long n = 10, got;
	bool bytes = false;
	struct vy_opt o = {0};
	struct vy_rd r;

	while ((c = vy_opt_next(&o, argc, argv, "#n:c:", usage)) != -1) {
		if (c == '?' || vy_cmd_num(o.arg, &n) != 0 || n < 0)
			return c == '?' ? 1 : (vy_cmd_err("invalid number '%s'", o.arg), 1);
		bytes = c == 'c';
	}
	vy_rd_stdin(&r);
	if (bytes) {
		static char buf[65536];
		while (n > 0 && (got = vy_in_read(buf, n < (long long)sizeof buf ? (size_t)n : sizeof buf)) > 0) {
			if (vy_write(buf, (size_t)got) != 0)
				return 1;
			n -= got;
		}
		return got < 0;
	}
	while (n-- > 0 && (got = vy_rd_line(&r, &l)) > 0)
		if (vy_write(l, (size_t)got) != 0)
			return 1;
	return 0;
}

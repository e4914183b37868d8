/* tail: the last N lines (-n N, -N; 10) or bytes (-c N) of stdin, or from
 * line/byte N on with +N (busybox tail). Keeps all input in memory (its
 * cap is the manifest's memory_mb), then prints the end. */
#include <vyoma_cmd.h>

static const char usage[] = "[-n [+]N | -c [+]N]\n\nPrint the last 10 lines of stdin.\n"
			    "\t-n N\tPrint last N lines (+N: from line N on)\n\t-c N\tPrint last N bytes (+N: from byte N on)\n";

int main(void)
{
	char **argv, *d;
	int argc = vy_cmd_args(&argv), c;
	long long n = 10;
	bool bytes = false, from = false;
	size_t len, i;
	struct vy_opt o = {0};
	struct vy_rd r;

	while ((c = vy_opt_next(&o, argc, argv, "#n:c:", usage)) != -1) {
		if (c == '?')
			return 1;
		from = o.arg[0] == '+';
		if (vy_cmd_num(o.arg + from, &n) != 0 || n < 0)
			return vy_cmd_err("invalid number '%s'", o.arg), 1;
		if (n < 0)
			n = -n;
		bytes = c == 'c';
	}
	vy_rd_stdin(&r);
	if (vy_rd_all(&r, &d, &len) != 0)
		return vy_cmd_err("read error"), 1;
	if (bytes) {
		/* in long long: a size_t is 32 bits on wasm32 */
		i = from ? (n > 0 ? (n - 1 < (long long)len ? (size_t)n - 1 : len) : 0) : (n < (long long)len ? len - (size_t)n : 0);
	} else if (from) {
		long long k = 1;
		for (i = 0; i < len && k < n; i++)
			if (d[i] == '\n')
				k++;
	} else {
		/* Back from the end: a last line without '\n' counts as a line. */
		i = len;
		if (i > 0 && d[i - 1] == '\n')
			i--;
		for (long long k = 0; i > 0; i--)
			if (d[i - 1] == '\n' && ++k == n)
				break;
		if (n == 0)
			i = len;
	}
	if (i < len)
		vy_write(d + i, len - i);
	return 0;
}

/* shuf: prints the lines of stdin (or -e ARGs, or the numbers -i L-H) in
 * random order (busybox shuf), -n N at most N of them. wasi:random is the
 * source (a uniform Fisher-Yates shuffle). */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	char **argv, *d;
	int argc = vy_cmd_args(&argv), c;
	bool args = false;
	long long lo = 0, hi = -1, count = -1;
	size_t len, n = 0;
	char **v;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "en:i:", "[-n N] [-e ARG... | -i L-H]\n\nPrint lines of stdin in random order.\n"
							  "\t-n N\tAt most N lines\n\t-e\tThe ARGs are the lines\n\t-i L-H\tThe numbers L to H are\n")) != -1) {
		const char *e;
		if (c == '?')
			return 1;
		args |= c == 'e';
		if (c == 'n' && (vy_cmd_num(o.arg, &count) || count < 0))
			return vy_cmd_err("invalid number '%s'", o.arg), 1;
		if (c == 'i') {
			lo = vy_atoll(o.arg, &e);
			if (*e != '-' || vy_cmd_num(e + 1, &hi) || hi < lo || hi - lo > 10000000)
				return vy_cmd_err("invalid range '%s'", o.arg), 1;
		}
	}
	if (hi >= lo) {
		v = malloc((size_t)(hi - lo + 1) * sizeof *v);
		for (long long x = lo; v && x <= hi; x++) {
			v[n] = malloc(24);
			if (!v[n])
				return 1;
			vy_snprintf(v[n++], 24, "%lld", x);
		}
	} else if (args) {
		v = argv + o.ind, n = (size_t)(argc - o.ind);
	} else {
		struct vy_rd r;
		if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
			return 1;
		vy_rd_stdin(&r);
		if (vy_rd_all(&r, &d, &len) != 0)
			return 1;
		v = malloc((len + 1) * sizeof *v);
		for (char *p = d; v && p < d + len;) {
			char *e = memchr(p, '\n', (size_t)(d + len - p));
			if (e)
				*e = '\0';
			v[n++] = p;
			p = e ? e + 1 : d + len;
		}
	}
	if (!v)
		return vy_cmd_err("out of memory"), 1;
	for (size_t i = n; i > 1; i--) {
		size_t j = vy_random_below((uint32_t)i);
		char *t = v[i - 1];
		v[i - 1] = v[j], v[j] = t;
	}
	for (size_t i = 0; i < n && (count < 0 || (long long)i < count); i++)
		vy_printf("%s\n", v[i]);
	return 0;
}

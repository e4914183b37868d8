/* cut: prints selected parts of each line of stdin (busybox cut): -b LIST
 * bytes, -c LIST characters (bytes here, as busybox), -f LIST fields split
 * at -d DELIM (TAB), -s to drop lines with no delimiter. LIST is N, N-M,
 * N-, -M, comma separated. */
#include <vyoma_cmd.h>
#include <string.h>

static const char usage[] = "-b LIST | -c LIST | -f LIST [-d DELIM] [-s]\n\nPrint selected parts of lines of stdin.\n"
			    "\t-b LIST\tBytes\n\t-c LIST\tCharacters\n\t-f LIST\tFields\n\t-d C\tField delimiter (TAB)\n"
			    "\t-s\tOnly lines with the delimiter\n";

#define MAXR 32
static long long lo[MAXR], hi[MAXR];
static int nr;
static long long maxf; /* the last field a closed range names */

static bool want(long long i)
{
	for (int k = 0; k < nr; k++)
		if (i >= lo[k] && i <= hi[k])
			return true;
	return false;
}

static int parse_list(const char *s)
{
	for (; *s; s++) {
		const char *e;
		if (nr == MAXR)
			return -1;
		lo[nr] = *s == '-' ? 1 : vy_atoll(s, &e);
		if (*s != '-')
			s = e;
		hi[nr] = lo[nr];
		if (*s == '-') {
			s++;
			hi[nr] = (*s >= '0' && *s <= '9') ? vy_atoll(s, &s) : 1LL << 62;
		}
		if (lo[nr] < 1 || hi[nr] < lo[nr] || (*s && *s != ','))
			return -1;
		if (hi[nr] < (1LL << 62) && hi[nr] > maxf)
			maxf = hi[nr];
		nr++;
		if (!*s)
			break;
	}
	return nr ? 0 : -1;
}

int main(void)
{
	char **argv, *l, mode = 0, d = '\t';
	int argc = vy_cmd_args(&argv), c;
	bool only = false;
	long n;
	struct vy_opt o = {0};
	struct vy_rd r;

	while ((c = vy_opt_next(&o, argc, argv, "b:c:f:d:sn", usage)) != -1) {
		if (c == '?')
			return 1;
		if (c == 'd')
			d = o.arg[0];
		else if (c == 's')
			only = true;
		else if (c != 'n') {
			mode = (char)c;
			if (parse_list(o.arg) != 0)
				return vy_cmd_err("invalid list '%s'", o.arg), 1;
		}
	}
	if (!mode)
		vy_cmd_bad_usage(usage);
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	vy_rd_stdin(&r);
	while ((n = vy_rd_line(&r, &l)) > 0) {
		size_t len = (size_t)n - (l[n - 1] == '\n');
		if (mode != 'f') {
			for (size_t i = 0; i < len; i++)
				if (want((long long)i + 1))
					vy_write(l + i, 1);
		} else if (!memchr(l, d, len)) {
			if (!only)
				vy_write(l, len);
			else
				continue;
		} else {
			/* Fields a closed range names are printed even past the
			 * line's last (empty, with their delimiter): busybox does. */
			long long f = 1;
			bool first = true;
			for (size_t s = 0, e; s <= len || f <= maxf; s = e + 1, f++) {
				const char *p = s < len ? memchr(l + s, d, len - s) : NULL;
				e = s > len ? s : p ? (size_t)(p - l) : len;
				if (want(f)) {
					if (!first)
						vy_write(&d, 1);
					vy_write(l + s, e - s);
					first = false;
				}
			}
		}
		vy_write("\n", 1);
	}
	return n < 0;
}

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
		lo[nr] = *s == '-' ? 1 : vy_str_atoll(s, &e);
		if (*s != '-')
			s = e;
		hi[nr] = lo[nr];
		if (*s == '-') {
			s++;
			hi[nr] = (*s >= '0' && *s <= '9') ? vy_str_atoll(s, &s) : 1LL << 62;
		}
		if (lo[nr] < 1 || hi[nr] < lo[nr] || (*s && *s != ','))
			return -1;
		/* in order of their starts, each after those before it (stable) */
		for (int k = nr++; k > 0 && lo[k - 1] > lo[k]; k--) {
			long long l = lo[k], h = hi[k];
			lo[k] = lo[k - 1], hi[k] = hi[k - 1], lo[k - 1] = l, hi[k - 1] = h;
		}
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
			/* The ranges in order, as busybox takes them: each prints
			 * its fields not printed yet, or, when it names none the
			 * line has, one empty field (so a range past the line's
			 * end, and any range once its last field is out). */
			long long f = 1; /* the field at s, the next not printed */
			size_t s = 0;    /* past len: no more fields */
			bool first = true;
			for (int k = 0; k < nr; k++) {
				for (; f < lo[k] && s <= len; f++) {
					const char *p = memchr(l + s, d, len - s);
					s = p ? (size_t)(p - l) + 1 : len + 1;
				}
				if (s > len || f <= hi[k]) {
					if (!first)
						vy_write(&d, 1);
					first = false;
				}
				for (bool more = false; f <= hi[k] && s <= len; f++, more = true) {
					const char *p = memchr(l + s, d, len - s);
					size_t e = p ? (size_t)(p - l) : len;
					if (more)
						vy_write(&d, 1);
					vy_write(l + s, e - s);
					s = e + 1;
				}
			}
		}
		vy_write("\n", 1);
	}
	return n < 0;
}

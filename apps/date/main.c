/* date: prints the date and time (busybox date), now or -d TIME (@SECONDS,
 * or YYYY-MM-DD [HH:MM[:SS]]; within DATE_MAX seconds of 1970), by
 * +FORMAT: %a %A %b %B %c %d %D %e %F %H %I %j %m %M %n %p %s %S %t %T %u
 * %w %y %Y %z %Z %%. Always UTC (-u is taken): VyomaOS has no time zones
 * yet. -R is RFC 5322, -I ISO 8601. */
#include <vyoma_cmd.h>
#include <string.h>

static const char wdays[] = "SunMonTueWedThuFriSat", months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
static const char *const dayname[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
static const char *const monname[] = {"January", "February", "March", "April", "May", "June", "July", "August",
				      "September", "October", "November", "December"};

static long long when; /* the seconds being formatted, for %s */

/* The times taken, either way of 1970: about 31.7 million years, where the
 * calendar arithmetic stays well inside 64 bits. */
#define DATE_MAX 1000000000000000LL

static void format(const char *f, const struct vy_tm *tm)
{
	for (; *f; f++) {
		if (*f != '%' || !f[1]) {
			vy_write(f, 1);
			continue;
		}
		switch (*++f) {
		case 'a': vy_printf("%.3s", wdays + tm->wday * 3); break;
		case 'A': vy_print(dayname[tm->wday]); break;
		case 'b': case 'h': vy_printf("%.3s", months + (tm->mon - 1) * 3); break;
		case 'B': vy_print(monname[tm->mon - 1]); break;
		case 'c': format("%a %b %e %H:%M:%S %Y", tm); break;
		case 'd': vy_printf("%02lld", tm->day); break;
		case 'D': format("%m/%d/%y", tm); break;
		case 'e': vy_printf("%2lld", tm->day); break;
		case 'F': format("%Y-%m-%d", tm); break;
		case 'H': vy_printf("%02lld", tm->hour); break;
		case 'I': vy_printf("%02lld", (tm->hour + 11) % 12 + 1); break;
		case 'j': vy_printf("%03lld", tm->yday + 1); break;
		case 'm': vy_printf("%02lld", tm->mon); break;
		case 'M': vy_printf("%02lld", tm->min); break;
		case 'n': vy_print("\n"); break;
		case 'p': vy_print(tm->hour < 12 ? "AM" : "PM"); break;
		case 's': vy_printf("%lld", when); break;
		case 'S': vy_printf("%02lld", tm->sec); break;
		case 't': vy_print("\t"); break;
		case 'T': format("%H:%M:%S", tm); break;
		case 'u': vy_printf("%lld", tm->wday ? tm->wday : 7); break;
		case 'w': vy_printf("%lld", tm->wday); break;
		case 'y': vy_printf("%02lld", tm->year < 0 ? -(tm->year % 100) : tm->year % 100); break;
		case 'Y': vy_printf("%lld", tm->year); break;
		case 'z': vy_print("+0000"); break;
		case 'Z': vy_print("UTC"); break;
		case '%': vy_print("%"); break;
		default: vy_printf("%%%c", *f); break;
		}
	}
}

static int parse(const char *s, long long *t)
{
	long long v[6] = {0};
	const char *p = s;
	if (*s == '@')
		return vy_cmd_num(s + 1, t);
	for (int i = 0; i < 6 && *p; i++) {
		v[i] = vy_str_atoll(p, &p);
		if (*p && !strchr(i < 2 ? "-" : i == 2 ? " T" : ":", *p))
			return -1;
		if (*p)
			p++;
	}
	if (v[0] < -1000000000 || v[0] > 1000000000 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] < 0 ||
	    v[3] > 23 || v[4] < 0 || v[4] > 59 || v[5] < 0 || v[5] > 60)
		return -1;
	/* Feb 30 is Mar 1 or 2, and :60 the next minute, as in busybox */
	*t = vy_cmd_days(v[0], v[1], v[2]) * 86400 + v[3] * 3600 + v[4] * 60 + v[5];
	return 0;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
	long long t = vy_time_wall(NULL);
	struct vy_opt o = {0};
	struct vy_tm tm;

	while ((c = vy_opt_next(&o, argc, argv, "uRId:", "[-uRI] [-d TIME] [+FORMAT]\n\nPrint the date and time (UTC).\n"
									 "\t-d TIME\t@SECONDS or YYYY-MM-DD [HH:MM[:SS]]\n\t-R\tRFC 5322\n\t-I\tISO 8601 date\n")) != -1) {
		if (c == '?')
			return 1;
		if (c == 'R')
			fmt = "%a, %d %b %Y %H:%M:%S %z";
		if (c == 'I')
			fmt = "%Y-%m-%d";
		if (c == 'd' && (parse(o.arg, &t) != 0 || t < -DATE_MAX || t > DATE_MAX))
			return vy_cmd_err("invalid date '%s'", o.arg), 1;
	}
	if (o.ind < argc) {
		if (argv[o.ind][0] != '+' || o.ind + 1 < argc)
			return vy_cmd_err("setting the date is not supported"), 1;
		fmt = argv[o.ind] + 1;
	}
	when = t;
	vy_cmd_civil(t, &tm);
	format(fmt, &tm);
	vy_print("\n");
	return 0;
}

/* date: prints the date and time (busybox date), now or -d TIME (@SECONDS,
 * or YYYY-MM-DD [HH:MM[:SS]]), by +FORMAT: %a %A %b %B %c %d %D %e %F %H
 * %I %j %m %M %n %p %s %S %t %T %u %w %y %Y %z %Z %%. Always UTC (-u is
 * taken): VyomaOS has no time zones yet. -R is RFC 5322, -I ISO 8601. */
#include <vyoma_cmd.h>
#include <string.h>

static const char wdays[] = "SunMonTueWedThuFriSat", months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
static const char *const dayname[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
static const char *const monname[] = {"January", "February", "March", "April", "May", "June", "July", "August",
				      "September", "October", "November", "December"};

struct tm_ {
	long long y, m, d, H, M, S, wday, yday, t;
};

static long long days_from_civil(long long y, long long m, long long d)
{
	y -= m <= 2;
	long long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
	long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static void civil(long long t, struct tm_ *tm)
{
	long long days = t >= 0 ? t / 86400 : (t - 86399) / 86400, s = t - days * 86400;
	long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
	long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long long mp = (5 * doy + 2) / 153;
	tm->d = doy - (153 * mp + 2) / 5 + 1;
	tm->m = mp < 10 ? mp + 3 : mp - 9;
	tm->y = yoe + era * 400 + (tm->m <= 2);
	tm->H = s / 3600, tm->M = s / 60 % 60, tm->S = s % 60;
	tm->wday = ((days % 7) + 11) % 7; /* 1970-01-01 was a Thursday */
	tm->yday = days - days_from_civil(tm->y, 1, 1);
	tm->t = t;
}

static void format(const char *f, const struct tm_ *tm)
{
	for (; *f; f++) {
		if (*f != '%' || !f[1]) {
			vy_write(f, 1);
			continue;
		}
		switch (*++f) {
		case 'a': vy_printf("%.3s", wdays + tm->wday * 3); break;
		case 'A': vy_print(dayname[tm->wday]); break;
		case 'b': case 'h': vy_printf("%.3s", months + (tm->m - 1) * 3); break;
		case 'B': vy_print(monname[tm->m - 1]); break;
		case 'c': format("%a %b %e %H:%M:%S %Y", tm); break;
		case 'd': vy_printf("%02lld", tm->d); break;
		case 'D': format("%m/%d/%y", tm); break;
		case 'e': vy_printf("%2lld", tm->d); break;
		case 'F': format("%Y-%m-%d", tm); break;
		case 'H': vy_printf("%02lld", tm->H); break;
		case 'I': vy_printf("%02lld", (tm->H + 11) % 12 + 1); break;
		case 'j': vy_printf("%03lld", tm->yday + 1); break;
		case 'm': vy_printf("%02lld", tm->m); break;
		case 'M': vy_printf("%02lld", tm->M); break;
		case 'n': vy_print("\n"); break;
		case 'p': vy_print(tm->H < 12 ? "AM" : "PM"); break;
		case 's': vy_printf("%lld", tm->t); break;
		case 'S': vy_printf("%02lld", tm->S); break;
		case 't': vy_print("\t"); break;
		case 'T': format("%H:%M:%S", tm); break;
		case 'u': vy_printf("%lld", tm->wday ? tm->wday : 7); break;
		case 'w': vy_printf("%lld", tm->wday); break;
		case 'y': vy_printf("%02lld", tm->y % 100); break;
		case 'Y': vy_printf("%lld", tm->y); break;
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
		v[i] = vy_atoll(p, &p);
		if (*p && !strchr(i < 2 ? "-" : i == 2 ? " T" : ":", *p))
			return -1;
		if (*p)
			p++;
	}
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 60)
		return -1;
	*t = days_from_civil(v[0], v[1], v[2]) * 86400 + v[3] * 3600 + v[4] * 60 + v[5];
	return 0;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
	long long t = vy_wall_time(NULL);
	struct vy_opt o = {0};
	struct tm_ tm;

	while ((c = vy_opt_next(&o, argc, argv, "uRId:", "[-uRI] [-d TIME] [+FORMAT]\n\nPrint the date and time (UTC).\n"
									 "\t-d TIME\t@SECONDS or YYYY-MM-DD [HH:MM[:SS]]\n\t-R\tRFC 5322\n\t-I\tISO 8601 date\n")) != -1) {
		if (c == '?')
			return 1;
		if (c == 'R')
			fmt = "%a, %d %b %Y %H:%M:%S %z";
		if (c == 'I')
			fmt = "%Y-%m-%d";
		if (c == 'd' && parse(o.arg, &t) != 0)
			return vy_cmd_err("invalid date '%s'", o.arg), 1;
	}
	if (o.ind < argc) {
		if (argv[o.ind][0] != '+' || o.ind + 1 < argc)
			return vy_cmd_err("setting the date is not supported"), 1;
		fmt = argv[o.ind] + 1;
	}
	civil(t, &tm);
	format(fmt, &tm);
	vy_print("\n");
	return 0;
}

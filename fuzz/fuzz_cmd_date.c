/* fuzz_cmd_date: libFuzzer target for date (apps/date/main.c), the whole
 * command from its arguments (fuzz/cmdhost.h; the wall clock is
 * CMDHOST_WALL), under ASan and UBSan. Invariants beyond no report, from
 * date's header and busybox/POSIX: the status is 0 or 1, and 1 exactly
 * when something was said on stderr (and then nothing is printed); and when
 * the arguments are options (-u -R -I, -d TIME) and at most one +FORMAT
 * last: -d @N (N an integer) is taken exactly when |N| <= 10^15 (date's
 * bound), -d YYYY-MM-DD [HH:MM[:SS]] (digits; a day past the month's end
 * and second 60 run on, as in busybox) when its fields are in range and the
 * time within that bound; and what is printed is the format (the default,
 * -R's or -I's) of that time in UTC, made here from glibc's gmtime_r: every
 * conversion the header lists as POSIX strftime has it (%y of a year
 * before 1 as glibc: its last two digits), an unknown one as it is, and
 * a newline. */
#include <time.h>

#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/date/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/fmt.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
#include "../sdk/time.c"
CMDHOST_APP_END

static void want_format(const char *f, const struct tm *tm, long long t)
{
	static const char *const day[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
	static const char *const mon[] = {"January", "February", "March",     "April",   "May",      "June",
					  "July",    "August",   "September", "October", "November", "December"};
	long long y = tm->tm_year + 1900LL;
	for (; *f; f++) {
		if (*f != '%' || !f[1]) {
			cmdhost_emit("%c", *f);
			continue;
		}
		switch (*++f) {
		case 'a': cmdhost_emit("%.3s", day[tm->tm_wday]); break;
		case 'A': cmdhost_emit("%s", day[tm->tm_wday]); break;
		case 'b': case 'h': cmdhost_emit("%.3s", mon[tm->tm_mon]); break;
		case 'B': cmdhost_emit("%s", mon[tm->tm_mon]); break;
		case 'c': want_format("%a %b %e %H:%M:%S %Y", tm, t); break;
		case 'd': cmdhost_emit("%02d", tm->tm_mday); break;
		case 'D': want_format("%m/%d/%y", tm, t); break;
		case 'e': cmdhost_emit("%2d", tm->tm_mday); break;
		case 'F': want_format("%Y-%m-%d", tm, t); break;
		case 'H': cmdhost_emit("%02d", tm->tm_hour); break;
		case 'I': cmdhost_emit("%02d", tm->tm_hour % 12 ? tm->tm_hour % 12 : 12); break;
		case 'j': cmdhost_emit("%03d", tm->tm_yday + 1); break;
		case 'm': cmdhost_emit("%02d", tm->tm_mon + 1); break;
		case 'M': cmdhost_emit("%02d", tm->tm_min); break;
		case 'n': cmdhost_emit("\n"); break;
		case 'p': cmdhost_emit("%s", tm->tm_hour < 12 ? "AM" : "PM"); break;
		case 's': cmdhost_emit("%lld", t); break;
		case 'S': cmdhost_emit("%02d", tm->tm_sec); break;
		case 't': cmdhost_emit("\t"); break;
		case 'T': want_format("%H:%M:%S", tm, t); break;
		case 'u': cmdhost_emit("%d", tm->tm_wday ? tm->tm_wday : 7); break;
		case 'w': cmdhost_emit("%d", tm->tm_wday); break;
		case 'y': cmdhost_emit("%02lld", (y < 0 ? -y : y) % 100); break;
		case 'Y': cmdhost_emit("%lld", y); break;
		case 'z': cmdhost_emit("+0000"); break;
		case 'Z': cmdhost_emit("UTC"); break;
		case '%': cmdhost_emit("%%"); break;
		default: cmdhost_emit("%%%c", *f); break;
		}
	}
}

/* digits (a '-' first if sign) that fit: *v */
static bool digits(const char **p, bool sign, long long *v)
{
	const char *s = *p, *d = s + (sign && *s == '-');
	size_t n = strspn(d, "0123456789");
	char b[32];
	if (!n || (size_t)(d + n - s) >= sizeof b)
		return false;
	memcpy(b, s, (size_t)(d + n - s));
	b[d + n - s] = '\0';
	*p = d + n;
	return cmdhost_int(b, v) == 0;
}

/* -d's TIME: 1 taken (*t), 0 refused, -1 not of the documented forms */
static int when_of(const char *s, long long *t)
{
	long long v[6] = {0};
	const char *p = s + (*s == '@');
	if (*s == '@') {
		if (!digits(&p, true, t) || *p)
			return -1;
		return *t >= -1000000000000000LL && *t <= 1000000000000000LL;
	}
	for (int i = 0; i < 6; i++) {
		if (!digits(&p, false, &v[i]))
			return -1;
		if (!*p && (i == 2 || i >= 4))
			break;
		if (*p != (i < 2 ? '-' : i == 2 ? ' ' : ':') || i == 5)
			return -1;
		p++;
	}
	if (v[0] > 1000000000 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31 || v[3] > 23 || v[4] > 59 || v[5] > 60)
		return 0;
	struct tm tm = {.tm_year = (int)(v[0] - 1900), .tm_mon = (int)v[1] - 1, .tm_mday = (int)v[2],
			.tm_hour = (int)v[3], .tm_min = (int)v[4], .tm_sec = (int)v[5]};
	*t = (long long)timegm(&tm);
	return *t <= 1000000000000000LL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "date", app_main);
	int st = cmdhost_status01();

	const char *fmt = "%a %b %e %H:%M:%S %Z %Y";
	long long t = CMDHOST_WALL;
	int taken = 1;
	char a[256], d[256];
	for (size_t i = 1; i < cmdhost_argc; i++) {
		if (!cmdhost_arg(i, a, sizeof a))
			return 0;
		if (a[0] == '+' && i + 1 == cmdhost_argc) {
			static char f[256];
			fmt = strcpy(f, a + 1);
			break;
		}
		if (a[0] != '-' || !a[1] || !strcmp(a, "--") || !strcmp(a, "--help"))
			return 0;
		for (const char *p = a + 1; *p; p++) {
			if (*p == 'R')
				fmt = "%a, %d %b %Y %H:%M:%S %z";
			else if (*p == 'I')
				fmt = "%Y-%m-%d";
			else if (*p != 'u' && *p != 'd')
				return 0;
			if (*p != 'd')
				continue;
			if (!(p[1] ? strcpy(d, p + 1) : cmdhost_arg(++i, d, sizeof d)))
				return 0;
			int k = when_of(d, &t);
			if (k < 0)
				return 0;
			taken &= k;
			break;
		}
	}
	if (!taken) {
		CHECK(st == 1);
		return 0;
	}
	CHECK(st == 0);
	struct tm tm;
	time_t tt = (time_t)t;
	CHECK(gmtime_r(&tt, &tm));
	cmdhost_want_n = 0;
	want_format(fmt, &tm, t);
	cmdhost_emit("\n");
	CHECK(cmdhost_out_is_want());
	return 0;
}

/* fuzz_cmd_cal: libFuzzer target for cal (apps/cal/main.c), the whole
 * command from its arguments (fuzz/cmdhost.h; the wall clock is
 * CMDHOST_WALL, so `cal` alone is December 2026), under ASan and UBSan.
 * Invariants beyond no report, from cal's header and busybox: the status
 * is 0 or 1, and 1 exactly when something was said on stderr (and then
 * nothing is printed); with operands, `cal [MONTH] YEAR` is taken exactly
 * when YEAR is an integer 1..9999 and MONTH one 1..12; a month is its name
 * and year centered in 20 columns, "Su Mo Tu We Th Fr Sa", and six week
 * lines in which the days 1..N of that month (N from the Gregorian rules)
 * stand each once, in order, right-aligned in the 3-column slot of its
 * weekday (from glibc's timegm) and week; a year is its number, a blank
 * line, then four rows of three months side by side, 22 columns apart,
 * each month's name centered, the week header and six week lines as above. */
#include <time.h>

#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/cal/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/fmt.c"
#include "../sdk/fmts.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
#include "../sdk/time.c"
CMDHOST_APP_END

/* the output's lines (NUL-terminated in place) */
static char *lines[64];
static int nlines;

static void split(void)
{
	nlines = 0;
	for (char *p = cmdhost.out, *end = p + cmdhost.out_n; p < end && nlines < 64;) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		CHECK(nl);
		*nl = '\0';
		lines[nlines++] = p;
		p = nl + 1;
	}
}

/* the six week lines l[0..5] at column x hold month m of year y */
static void check_weeks(char **l, size_t x, long long y, int m)
{
	struct tm tm = {.tm_year = (int)(y - 1900), .tm_mon = m - 1, .tm_mday = 1};
	time_t t = timegm(&tm);
	CHECK(t != (time_t)-1 || y < 1970);
	gmtime_r(&t, &tm);
	int first = tm.tm_wday;
	int n = (m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0)) ? 29 : "\x1f\x1c\x1f\x1e\x1f\x1e\x1f\x1f\x1e\x1f\x1e\x1f"[m - 1];
	int next = 1;
	for (int r = 0; r < 6; r++) {
		size_t len = strlen(l[r]);
		for (int c = 0; c < 7; c++) {
			char slot[3] = {' ', ' ', 0};
			for (size_t k = 0; k < 2; k++)
				if (x + (size_t)c * 3 + k < len)
					slot[k] = l[r][x + (size_t)c * 3 + k];
			int d = r * 7 + c - first + 1;
			char want[3];
			snprintf(want, sizeof want, "%2d", d);
			if (d >= 1 && d <= n) {
				CHECK(!memcmp(slot, want, 2));
				next++;
			} else {
				CHECK(!memcmp(slot, "  ", 2));
			}
			/* the space between slots */
			if (c < 6 && x + (size_t)c * 3 + 2 < len)
				CHECK(l[r][x + (size_t)c * 3 + 2] == ' ');
		}
	}
	CHECK(next == n + 1);
}

static void check_centered(const char *line, size_t x, const char *text, size_t width)
{
	size_t n = strlen(text), l = (width - n) / 2;
	CHECK(strlen(line) >= x + l + n && !memcmp(line + x + l, text, n));
	for (size_t i = x; i < x + l; i++)
		CHECK(line[i] == ' ');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"January", "February", "March",     "April",   "May",      "June",
					    "July",    "August",   "September", "October", "November", "December"};
	static const char week[] = "Su Mo Tu We Th Fr Sa";
	cmdhost_run(data, size, "cal", app_main);
	int st = cmdhost_status01();

	char a[2][64];
	long long v[2] = {12, 2026};
	size_t n = cmdhost_argc - 1;
	if (n > 2)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!cmdhost_arg(i + 1, a[i], sizeof a[i]) || a[i][0] == '-' || cmdhost_int(a[i], &v[i + 2 - n]) < 0)
			return 0; /* an option, or not a number: not checked */
	if (v[1] < 1 || v[1] > 9999 || (n == 2 && (v[0] < 1 || v[0] > 12))) {
		CHECK(st == 1);
		return 0;
	}
	CHECK(st == 0);
	long long y = v[1];
	char title[32];
	split();
	if (n != 1) {
		int m = (int)v[0];
		CHECK(nlines == 8);
		snprintf(title, sizeof title, "%s %lld", names[m - 1], y);
		check_centered(lines[0], 0, title, 20);
		CHECK(!strcmp(lines[1], week));
		check_weeks(lines + 2, 0, y, m);
		return 0;
	}
	CHECK(nlines == 2 + 4 * 8);
	snprintf(title, sizeof title, "%lld", y);
	check_centered(lines[0], 0, title, 64);
	CHECK(!lines[1][0]);
	for (int q = 0; q < 4; q++) {
		char **l = lines + 2 + q * 8;
		for (int k = 0; k < 3; k++) {
			check_centered(l[0], (size_t)k * 22, names[q * 3 + k], 20);
			CHECK(!memcmp(l[1] + k * 22, week, 20));
			check_weeks(l + 2, (size_t)k * 22, y, q * 3 + k + 1);
		}
	}
	return 0;
}

/* cal: prints a month (cal [[MONTH] YEAR]; this month by default) or a
 * whole year (cal YEAR) as busybox cal lays them out: weeks from Sunday,
 * the proleptic Gregorian calendar (busybox switches to Julian before
 * September 1752; see tests/conformance). */
#include <vyoma_cmd.h>
#include <string.h>

static const char *const names[] = {"January", "February", "March", "April", "May", "June", "July", "August",
				    "September", "October", "November", "December"};

static int wday(long long y, int m) /* of the 1st, 0 = Sunday (Sakamoto) */
{
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	if (m < 3)
		y--;
	return (int)(((y + y / 4 - y / 100 + y / 400 + t[m - 1] + 1) % 7 + 7) % 7);
}

static int mdays(long long y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return d[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0));
}

/* Week row r (0-5) of a month into out: 20 characters, no NUL. */
static bool row(long long y, int m, int r, char *out)
{
	int first = wday(y, m), n = mdays(y, m);
	bool any = false;
	memset(out, ' ', 20);
	for (int c = 0; c < 7; c++) {
		int d = r * 7 + c - first + 1;
		if (d >= 1 && d <= n) {
			if (d >= 10)
				out[c * 3] = (char)('0' + d / 10);
			out[c * 3 + 1] = (char)('0' + d % 10);
			any = true;
		}
	}
	return any;
}

static void centered(const char *s, int width, bool pad)
{
	int n = (int)strlen(s), l = (width - n) / 2;
	vy_printf("%*s%s", l, "", s);
	if (pad)
		vy_printf("%*s", width - n - l, "");
}

static void trimmed(char *line, size_t n)
{
	while (n > 0 && line[n - 1] == ' ')
		n--;
	vy_write(line, n);
	vy_print("\n");
}

int main(void)
{
	char **argv, title[32], line[80];
	int argc = vy_cmd_args(&argv);
	long long y, m = 0;
	struct vy_opt o = {0};
	static const char week[] = "Su Mo Tu We Th Fr Sa";

	if (vy_opt_next(&o, argc, argv, "", "[[MONTH] YEAR]\n\nPrint a calendar.\n") != -1)
		return 1;
	int n = argc - o.ind;
	if (n > 2 || (n >= 1 && vy_cmd_num(argv[argc - 1], &y)) || (n == 2 && vy_cmd_num(argv[o.ind], &m)) ||
	    (n >= 1 && (y < 1 || y > 9999)) || (n == 2 && (m < 1 || m > 12)))
		vy_cmd_bad_usage("[[MONTH] YEAR]\n");
	if (n == 0) {
		struct vy_tm tm;
		vy_cmd_civil(vy_wall_time(NULL), &tm);
		m = tm.mon, y = tm.year;
	}
	if (m) {
		vy_snprintf(title, sizeof title, "%s %lld", names[m - 1], y);
		centered(title, 20, false);
		vy_printf("\n%s\n", week);
		for (int r = 0; r < 6; r++) {
			/* busybox ends a week at its last day, but prints a week
			 * with no day at all as 21 spaces */
			if (row(y, (int)m, r, line))
				trimmed(line, 20);
			else
				vy_printf("%21s\n", "");
		}
		return 0;
	}
	vy_snprintf(title, sizeof title, "%lld", y);
	centered(title, 64, true);
	vy_print("\n\n");
	for (int q = 0; q < 12; q += 3) {
		for (int k = 0; k < 3; k++) {
			centered(names[q + k], 20, true);
			vy_print(k < 2 ? "  " : "\n");
		}
		vy_printf("%s  %s  %s\n", week, week, week);
		for (int r = 0; r < 6; r++) {
			bool any = false;
			memset(line, ' ', 64);
			for (int k = 0; k < 3; k++)
				any |= row(y, q + k + 1, r, line + k * 22);
			if (any)
				trimmed(line, 64);
			else
			{ /* busybox prints its whole line buffer */
				memset(line, ' ', 80);
				vy_write(line, 79);
				vy_print("\n");
			}
		}
	}
	return 0;
}

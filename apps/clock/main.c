/* clock: an analog face and the digital time and date (UTC), redrawn at
 * each new second. Answers `time`, `date` and `state` over IPC, so other
 * apps (and tests) can ask it the time.
 */
#include <vyoma.h>

#include <string.h>

#define W 220
#define H 256
#define CX 110
#define CY 100
#define R 88

/* sin(i * 6 degrees) * 1000 for i = 0..15; the rest by symmetry */
static const short sin_q[16] = {0, 105, 208, 309, 407, 500, 588, 669, 743, 809, 866, 914, 951, 978, 995, 1000};

static int sin60(int i) /* sin of i minutes of arc-clock (6 degrees each), x1000 */
{
	i = ((i % 60) + 60) % 60;
	if (i <= 15)
		return sin_q[i];
	if (i <= 30)
		return sin_q[30 - i];
	if (i <= 45)
		return -sin_q[i - 30];
	return -sin_q[60 - i];
}

static void hand(int pos, int len, int width, uint32_t col)
{
	int x = CX + sin60(pos) * len / 1000, y = CY - sin60(pos + 15) * len / 1000;
	for (int d = -width / 2; d <= width / 2; d++) {
		vy_draw_line(CX + d, CY, x + d, y, col);
		vy_draw_line(CX, CY + d, x, y + d, col);
	}
}

struct civil {
	int year, month, day, hour, min, sec;
};

/* Days since 1970-01-01 to a date (Howard Hinnant's civil_from_days). */
static void to_civil(int64_t t, struct civil *c)
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400, z, era, doe, yoe, doy, mp;
	int secs = (int)(t - days * 86400);

	c->hour = secs / 3600;
	c->min = secs / 60 % 60;
	c->sec = secs % 60;
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	c->day = (int)(doy - (153 * mp + 2) / 5 + 1);
	c->month = (int)(mp < 10 ? mp + 3 : mp - 9);
	c->year = (int)(yoe + era * 400 + (c->month <= 2));
}

/* v as "%0*d" of width w at p (a number's own digits at least, a sign
 * counted in the width), with the narrow formatter (a width costs an app
 * the full one: sdk/fmtn.c); returns the end. */
static char *zpad(char *p, int v, int w)
{
	char t[12], *q = t + sizeof t;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;

	if (v < 0) {
		*p++ = '-';
		w--;
	}
	do {
		*--q = (char)('0' + u % 10);
		u /= 10;
		w--;
	} while (u);
	while (w-- > 0)
		*p++ = '0';
	while (q < t + sizeof t)
		*p++ = *q++;
	return p;
}

/* "%02d:%02d:%02d" and "%04d-%02d-%02d" of c */
static char hms[40], ymd[40];

static void stamp(const struct civil *c)
{
	char *p = zpad(hms, c->hour, 2);
	*p++ = ':';
	p = zpad(p, c->min, 2);
	*p++ = ':';
	*zpad(p, c->sec, 2) = '\0';
	p = zpad(ymd, c->year, 4);
	*p++ = '-';
	p = zpad(p, c->month, 2);
	*p++ = '-';
	*zpad(p, c->day, 2) = '\0';
}

static void draw(const struct civil *c)
{
	static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	char buf[32];
	int ww = W, wh = H;

	/* a resized window: the face in its middle (vy_ui_size, vy_draw_origin) */
	vy_ui_size(&ww, &wh);
	vy_draw_origin(ww > W ? (ww - W) / 2 : 0, wh > H ? (wh - H) / 2 : 0);
	vy_draw_clear(VY_THEME_BG);
	for (int i = 0; i < 60; i++) {
		int len = i % 5 ? 4 : 10, x0 = CX + sin60(i) * R / 1000, y0 = CY - sin60(i + 15) * R / 1000;
		int x1 = CX + sin60(i) * (R - len) / 1000, y1 = CY - sin60(i + 15) * (R - len) / 1000;
		vy_draw_line(x0, y0, x1, y1, i % 5 ? VY_THEME_DIM : VY_THEME_TEXT);
	}
	hand(c->hour % 12 * 5 + c->min / 12, R * 5 / 10, 3, VY_THEME_TEXT);
	hand(c->min, R * 8 / 10, 2, VY_THEME_TEXT);
	hand(c->sec, R * 9 / 10, 0, VY_THEME_BAD);
	vy_draw_fill(CX - 3, CY - 3, 7, 7, VY_THEME_ACCENT);
	stamp(c);
	vy_draw_text_center(0, 196, W, VY_THEME_TEXT, VY_TEXT_L, hms);
	vy_snprintf(buf, sizeof buf, "%d %s %d  UTC", c->day, mon[c->month - 1], c->year);
	vy_draw_text_center(0, 232, W, VY_THEME_DIM, VY_TEXT_M, buf);
	vy_draw_flush();
}

int main(void)
{
	struct vy_event ev;
	struct civil c;
	uint32_t ns;

	vy_sys_ready();
	for (;;) {
		to_civil(vy_time_wall(&ns), &c);
		draw(&c);
		/* Sleep to the next second, answering messages meanwhile. */
		while (vy_ev_wait(&ev, (1000000000 - ns) / 1000000 + 1) != VY_EV_TIMEOUT) {
			if (ev.type == VY_EV_EOF)
				return 0;
			if (ev.type == VY_EV_RESIZE)
				break;
			if (ev.type != VY_EV_MESSAGE)
				continue;
			to_civil(vy_time_wall(&ns), &c);
			stamp(&c);
			if (strcmp(ev.text, "time") == 0)
				vy_msg_answer("%s", hms);
			else if (strcmp(ev.text, "date") == 0)
				vy_msg_answer("%s", ymd);
			else if (strcmp(ev.text, "state") == 0)
				vy_msg_answer("time %s date %s", hms, ymd);
			else if (!vy_str_starts(ev.text, "error"))
				vy_msg_answer("error: unknown command '%s' (time, date, state)", ev.text);
		}
	}
}

/* dash: a dashboard of live system figures, sampled from `ps` every
 * second: total app memory and running apps as line charts over the last
 * minute, memory per app as bars, restarts and dropped messages as
 * counters.
 */
#include <vyoma.h>

#include <string.h>

/* The content size: the manifest's [window] size until the user resizes
 * the window (vy_ui_size, asked at each draw, so a resize relays out). */
static int W = 480, H = 300;
#define N 60   /* samples kept */
#define MAXA 32

/* [0] total app memory (KiB), [1] apps running: the last N samples, and
 * the newest (0 before the first) */
static long hist[2][N], last[2];
static unsigned samples;
static struct vy_ps rows[MAXA], pend[MAXA];
static int nrows, npend;

/* Chart k of hist, 228 x 110 at (x, 8). */
static void chart(int x, int k, const char *title, const char *unit, uint32_t col)
{
	const int y = 8, w = 228, h = 110;
	long max = 1;
	unsigned n = samples < N ? samples : N;

	for (unsigned i = 0; i < n; i++)
		if (hist[k][i] > max)
			max = hist[k][i];
	max += max / 8 + 1;
	vy_draw_fill(x, y, w, h, VY_THEME_PANEL);
	for (int g = 1; g < 4; g++)
		vy_draw_fill(x, y + h * g / 4, w, 1, VY_THEME_LINE);
	vy_draw_text(x + 4, y + 3, VY_THEME_DIM, VY_TEXT_S, title);
	/* the figure right-aligned in 8 columns, as "%8ld" would, with the
	 * narrow formatter (a width costs an app the full one: sdk/fmtn.c) */
	char num[24];
	int digits = vy_snprintf(num, sizeof num, "%ld", last[k]);
	vy_draw_textf(x + w - 4 - 4 * 14, y + 3, VY_THEME_TEXT, VY_TEXT_S, "%s%s %s", &"        "[digits < 8 ? digits : 8],
		      num, unit);
	/* oldest on the left, newest at the right edge */
	int px = -1, py = 0;
	for (unsigned i = 0, j = (samples - n) % N; i < n; i++, j = (j + 1) % N) {
		long v = hist[k][j];
		int cx = x + w - 1 - (int)(n - 1 - i) * (w - 1) / (N - 1);
		int cy = y + h - 1 - (int)(v * (h - 14) / max);
		vy_draw_fill(cx, cy, 1, y + h - cy, VY_RGBA((col >> 24) & 255, (col >> 16) & 255, (col >> 8) & 255, 0x30));
		if (px >= 0)
			vy_draw_line(px, py, cx, cy, col);
		px = cx;
		py = cy;
	}
}

static void draw(void)
{
	vy_ui_size(&W, &H);
	long maxmem = 1;
	unsigned long restarts = 0, drops = 0;

	vy_draw_clear(VY_THEME_BG);
	chart(8, 0, "memory, all apps", "KiB", VY_THEME_ACCENT);
	chart(244, 1, "apps running", "", VY_THEME_GOOD);
	for (int i = 0; i < nrows; i++) {
		if (rows[i].mem_kib > maxmem)
			maxmem = rows[i].mem_kib;
		restarts += rows[i].restarts;
		drops += rows[i].drops;
	}
	vy_draw_text(8, 126, VY_THEME_DIM, VY_TEXT_S, "memory per app (KiB)");
	for (int i = 0, y = 138; i < nrows && y + 12 <= H - 28; i++, y += 13) {
		int bw = rows[i].mem_kib > 0 ? (int)(300 * rows[i].mem_kib / maxmem) : 0;
		/* the first 12 bytes of the name (a glyph draws only its set
		 * pixels, so no padding is needed) */
		size_t len = strlen(rows[i].name);
		vy_draw_textn(8, y + 2, VY_THEME_TEXT, VY_TEXT_S, rows[i].name, len < 12 ? len : 12);
		vy_draw_fill(64, y, bw + 1, 10, strcmp(rows[i].state, "running") ? VY_THEME_DIM : VY_THEME_ACCENT);
		vy_draw_textf(64 + bw + 6, y + 2, VY_THEME_DIM, VY_TEXT_S, "%ld", rows[i].mem_kib);
	}
	vy_draw_fill(0, H - 24, W, 24, VY_THEME_PANEL);
	vy_draw_textf(8, H - 20, VY_THEME_TEXT, VY_TEXT_M, "apps %d   restarts %lu   drops %lu", nrows, restarts,
		      drops);
	vy_draw_flush();
}

static void on_answer(const char *text)
{
	if (npend < MAXA && vy_ps_parse(text, &pend[npend]) == 0) {
		npend++;
		return;
	}
	if (strcmp(text, "ok ps") != 0)
		return;
	long mem = 0, run = 0;
	memcpy(rows, pend, sizeof rows[0] * (size_t)npend);
	nrows = npend;
	npend = 0;
	for (int i = 0; i < nrows; i++) {
		mem += rows[i].mem_kib > 0 ? rows[i].mem_kib : 0;
		run += strcmp(rows[i].state, "running") == 0;
	}
	hist[0][samples % N] = last[0] = mem;
	hist[1][samples % N] = last[1] = run;
	samples++;
	draw();
}

int main(void)
{
	struct vy_event ev;
	uint64_t next = 0;

	vy_sys_ready();
	draw();
	for (;;) {
		uint64_t now = vy_time_ms();
		if (now >= next) {
			vy_sys_command("ps");
			next = now + 1000;
		}
		/* next > now here: the clamp only tells LTO the wait is never 0,
		 * so vy_ev_wait keeps no path for a zero timeout */
		switch (vy_ev_wait(&ev, next - now > 1 ? (int64_t)(next - now) : 1)) {
		case VY_EV_EOF:
			return 0;
		case VY_EV_ERROR:
		case VY_EV_SUPERVISOR:
			on_answer(ev.text);
			break;
		case VY_EV_MESSAGE:
			if (strcmp(ev.text, "state") == 0)
				vy_msg_answer("samples %u apps %d running %ld mem_kib %ld", samples, nrows, last[1], last[0]);
			break;
		default:
			break;
		}
	}
}

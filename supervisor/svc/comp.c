/* comp: the compositor (see comp.h). Damage arrives in screen coordinates
 * from the window manager and from here (status strip, overlay, pointer);
 * a one-shot timer composes at most every COMP_FRAME_MS. Each damaged rect
 * is repainted from scratch, bottom to top, clipped to the rect, so rects
 * may overlap and nothing depends on what the frame held before. Windows
 * are opaque: painting starts at the highest window that covers the whole
 * rect. The clock ticks only while someone can see it (a live screen, or
 * windows on an off-screen one); a screenshot brings it up to date. */
#include "comp.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ev.h"
#include "fb.h"
#include "font.h"
#include "launcher.h"
#include "notice.h"
#include "taskbar.h"
#include "wm.h"

#define C_DESK_TOP    0x1e222aU
#define C_DESK_BOTTOM 0x101217U
#define C_STRIP       0x14171cffu
#define C_STRIP_LINE  0x2b303bffu
#define C_TEXT        0xd8dee9ffu
#define C_DIM         0x6b7282ffu
#define C_CLOCK       0xeceff4ffu
#define C_PANEL       0x1b1f27f4u
#define C_PANEL_LINE  0x88c0d0ffu
#define C_KEY         0xebcb8bffu
#define OVERLAY_W     560
#define OVERLAY_ROW   22
#define OVERLAY_MAX   16

struct comp_status {
	char clock[16];
	char count[24];
	uint64_t taskbar; /* taskbar_update's number for what the buttons show */
};

static struct {
	struct canvas *frame;
	struct canvas wall; /* the wallpaper, desktop-sized; px NULL: the gradient */
	struct canvas_rect dmg[COMP_DAMAGE_MAX];
	int ndmg;
	ev_timer_id t_frame, t_tick;
	uint64_t last_ms;
	unsigned (*count_fn)(void);
	struct comp_status shown; /* what the strip shows */
	bool overlay;
	const char *const (*rows)[2];
	int nrows;
	bool ptr_shown;
	int px, py;
	struct comp_stats st;
} comp;

static void comp_arm_tick(void);

const struct comp_stats *comp_get_stats(void) { return &comp.st; }
void comp_set_count_fn(unsigned (*fn)(void)) { comp.count_fn = fn; }
bool comp_overlay_shown(void) { return comp.overlay; }

static struct canvas_rect comp_screen(void)
{
	return comp.frame ? canvas_bounds(comp.frame) : (struct canvas_rect){ 0, 0, 0, 0 };
}

static struct canvas_rect comp_strip(void)
{
	struct canvas_rect s = comp_screen();

	s.y = s.h - COMP_STRIP_H;
	s.h = COMP_STRIP_H;
	return s;
}

static struct canvas_rect comp_overlay_rect(void)
{
	struct canvas_rect d = wm_desktop(), o;

	o.w = OVERLAY_W;
	o.h = 56 + comp.nrows * OVERLAY_ROW + 32;
	o.x = d.x + (d.w - o.w) / 2;
	o.y = d.y + (d.h - o.h) / 2;
	return o;
}

/* ---- damage and the frame timer ---------------------------------------------- */

static uint64_t area(struct canvas_rect r) { return (uint64_t)r.w * (uint64_t)r.h; }

static void comp_frame_timer(void *ctx)
{
	(void)ctx;
	comp.t_frame = 0;
	comp_frame_now();
}

void comp_damage(struct canvas_rect r)
{
	int best = 0;
	uint64_t grow = UINT64_MAX;

	r = canvas_rect_intersect(r, comp_screen());
	if (canvas_rect_empty(r))
		return;
	for (int i = 0; i < comp.ndmg; i++) {
		struct canvas_rect u = canvas_rect_union(comp.dmg[i], r);
		if (area(u) == area(comp.dmg[i]))
			goto schedule; /* already covered */
		if (area(u) == area(r)) {
			comp.dmg[i] = r; /* covers an old one */
			goto schedule;
		}
		if (area(u) - area(comp.dmg[i]) < grow) {
			grow = area(u) - area(comp.dmg[i]);
			best = i;
		}
	}
	if (comp.ndmg < COMP_DAMAGE_MAX)
		comp.dmg[comp.ndmg++] = r;
	else
		comp.dmg[best] = canvas_rect_union(comp.dmg[best], r);
schedule:
	if (!comp.t_frame) {
		uint64_t now = ev_now_ms(), due = comp.last_ms + COMP_FRAME_MS;
		comp.t_frame = ev_timer_add(due > now ? due - now : 0, comp_frame_timer, NULL);
	}
	comp_arm_tick();
}

void comp_damage_all(void) { comp_damage(comp_screen()); }

/* ---- status strip ---------------------------------------------------------------- */

static void comp_status_now(struct comp_status *s)
{
	struct timespec ts;
	struct tm tm;
	unsigned n = comp.count_fn ? comp.count_fn() : wm_count();

	memset(s, 0, sizeof *s);
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(s->clock, sizeof s->clock, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
	snprintf(s->count, sizeof s->count, "%u app%s", n, n == 1 ? "" : "s");
	s->taskbar = taskbar_update(ev_now_ms());
}

/* Damage the strip when what it says has changed. */
static void comp_status_check(void)
{
	struct comp_status now;

	if (!comp.frame)
		return;
	comp_status_now(&now);
	if (memcmp(&now, &comp.shown, sizeof now) != 0) {
		comp.shown = now;
		comp_damage(comp_strip());
	}
}

static bool comp_should_tick(void) { return comp.frame && (fb_live() || wm_count() > 0); }

static void comp_tick(void *ctx)
{
	(void)ctx;
	comp.t_tick = 0;
	comp_status_check();
	comp_arm_tick();
}

static void comp_arm_tick(void)
{
	struct timespec ts;

	if (comp.t_tick || !comp_should_tick())
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	comp.t_tick = ev_timer_add((uint64_t)(1000 - ts.tv_nsec / 1000000) + 1, comp_tick, NULL);
}

static void comp_text(const struct canvas_rect *clip, int x, int y, uint32_t rgba, const char *s)
{
	font_draw(comp.frame, clip, x, y, rgba, FONT_MEDIUM, s, strlen(s));
}

static void comp_paint_strip(const struct canvas_rect *clip)
{
	struct canvas_rect s = comp_strip();
	const struct comp_status *st = &comp.shown;
	int ty = s.y + 4, clock_x = s.w - 12 - 8 * (int)strlen(st->clock);

	canvas_fill(comp.frame, clip, s, C_STRIP);
	canvas_fill(comp.frame, clip, (struct canvas_rect){ s.x, s.y, s.w, 1 }, C_STRIP_LINE);
	taskbar_paint(comp.frame, clip, ev_now_ms());
	comp_text(clip, clock_x - 24 - 8 * (int)strlen(st->count), ty, C_DIM, st->count);
	comp_text(clip, clock_x, ty, C_CLOCK, st->clock);
}

/* ---- overlay and pointer ------------------------------------------------------------ */

void comp_set_overlay_rows(const char *const (*rows)[2], int n)
{
	comp.rows = rows;
	comp.nrows = n < 0 ? 0 : n > OVERLAY_MAX ? OVERLAY_MAX : n;
}

void comp_set_overlay(bool shown)
{
	if (shown == comp.overlay)
		return;
	comp.overlay = shown;
	comp_damage(comp_overlay_rect());
}

static void comp_paint_overlay(const struct canvas_rect *clip)
{
	struct canvas_rect o = comp_overlay_rect();

	canvas_fill(comp.frame, clip, o, C_PANEL);
	canvas_outline(comp.frame, clip, o, C_PANEL_LINE);
	comp_text(clip, o.x + 20, o.y + 18, C_PANEL_LINE, "Keyboard shortcuts");
	canvas_fill(comp.frame, clip, (struct canvas_rect){ o.x + 20, o.y + 40, o.w - 40, 1 },
		    C_STRIP_LINE);
	for (int i = 0; i < comp.nrows; i++) {
		int y = o.y + 52 + i * OVERLAY_ROW;
		comp_text(clip, o.x + 20, y, C_KEY, comp.rows[i][0]);
		comp_text(clip, o.x + 230, y, C_TEXT, comp.rows[i][1]);
	}
	comp_text(clip, o.x + 20, o.y + o.h - 28, C_DIM, "F12 or Escape closes this");
}

static const char *const comp_arrow[] = {
	"X..........", "XX.........", "XOX........", "XOOX.......", "XOOOX......", "XOOOOX.....",
	"XOOOOOX....", "XOOOOOOX...", "XOOOOOOOX..", "XOOOOOOOOX.", "XOOOOOXXXXX", "XOOXOOX....",
	"XOX.XOOX...", "XX..XOOX...", "X....XOOX..", ".....XXXX..",
};
#define ARROW_W 11
#define ARROW_H 16

static struct canvas_rect comp_ptr_rect(void)
{
	return (struct canvas_rect){ comp.px, comp.py, ARROW_W, ARROW_H };
}

void comp_set_pointer(bool shown, int x, int y)
{
	if (shown == comp.ptr_shown && x == comp.px && y == comp.py)
		return;
	if (comp.ptr_shown)
		comp_damage(comp_ptr_rect());
	comp.ptr_shown = shown;
	comp.px = x;
	comp.py = y;
	if (shown)
		comp_damage(comp_ptr_rect());
}

static void comp_paint_pointer(const struct canvas_rect *clip)
{
	for (int r = 0; r < ARROW_H; r++)
		for (int c = 0; c < ARROW_W; c++) {
			char k = comp_arrow[r][c];
			if (k != '.')
				canvas_put(comp.frame, clip, comp.px + c, comp.py + r,
					   k == 'X' ? 0x000000ffu : 0xffffffffu);
		}
}

/* ---- composing ------------------------------------------------------------------------ */

void comp_set_wallpaper(struct canvas *c)
{
	canvas_free(&comp.wall);
	comp.wall = *c;
	*c = (struct canvas){ 0 };
	comp_damage_all();
}

static void comp_paint_desktop(struct canvas_rect r)
{
	int h = comp.frame->h > 1 ? comp.frame->h - 1 : 1;

	if (comp.wall.px) {
		/* the wallpaper covers the desktop; the strip is painted over */
		canvas_blit(comp.frame, &r, 0, 0, &comp.wall, canvas_bounds(&comp.wall));
		r = canvas_rect_intersect(r, (struct canvas_rect){ 0, comp.wall.h, comp.frame->w,
								   comp.frame->h });
	}

	for (int y = r.y; y < r.y + r.h; y++) {
		uint32_t c = 0;
		for (int sh = 0; sh <= 16; sh += 8) {
			int a = (int)(C_DESK_TOP >> sh & 0xff), b = (int)(C_DESK_BOTTOM >> sh & 0xff);
			c |= (uint32_t)(a + (b - a) * y / h) << sh;
		}
		canvas_fill(comp.frame, NULL, (struct canvas_rect){ r.x, y, r.w, 1 }, c << 8 | 0xffu);
	}
}

static void comp_paint(struct canvas_rect r)
{
	struct wm_win *start = NULL;

	for (struct wm_win *w = wm_top(); w && !start; w = w->below)
		if (!w->minimized && area(canvas_rect_intersect(w->outer, r)) == area(r))
			start = w;
	if (!start) {
		comp_paint_desktop(r);
		start = wm_bottom();
	}
	for (struct wm_win *w = start; w; w = w->above)
		wm_paint(w, comp.frame, &r);
	if (!canvas_rect_empty(canvas_rect_intersect(r, comp_strip())))
		comp_paint_strip(&r);
	if (notice_count() && !canvas_rect_empty(canvas_rect_intersect(r, notice_rect())))
		notice_paint(comp.frame, &r);
	if (launcher_shown() && !canvas_rect_empty(canvas_rect_intersect(r, launcher_rect())))
		launcher_paint(comp.frame, &r);
	if (comp.overlay && !canvas_rect_empty(canvas_rect_intersect(r, comp_overlay_rect())))
		comp_paint_overlay(&r);
	if (comp.ptr_shown && !canvas_rect_empty(canvas_rect_intersect(r, comp_ptr_rect())))
		comp_paint_pointer(&r);
}

static uint64_t comp_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void comp_frame_now(void)
{
	uint64_t t0 = comp_us(), us;

	ev_timer_clear(&comp.t_frame);
	comp_status_check();
	if (!comp.frame || !comp.ndmg)
		return;
	ev_timer_clear(&comp.t_frame); /* comp_status_check may have armed it */
	for (int i = 0; i < comp.ndmg; i++) {
		comp_paint(comp.dmg[i]);
		comp.st.pixels += area(comp.dmg[i]);
	}
	if (fb_present(comp.dmg, comp.ndmg) < 0)
		comp.st.present_errors++;
	comp.st.rects += (uint64_t)comp.ndmg;
	comp.ndmg = 0;
	comp.st.frames++;
	comp.last_ms = ev_now_ms();
	us = comp_us() - t0;
	comp.st.last_us = us;
	if (us > comp.st.max_us)
		comp.st.max_us = us;
}

int comp_init(void)
{
	struct canvas_rect s;

	memset(&comp, 0, sizeof comp);
	comp.frame = fb_frame();
	if (!comp.frame)
		return -1;
	s = comp_screen();
	wm_set_desktop((struct canvas_rect){ 0, 0, s.w, s.h - COMP_STRIP_H });
	wm_set_damage_hook(comp_damage);
	taskbar_init(comp_strip());
	taskbar_set_damage_hook(comp_damage);
	launcher_init(wm_desktop());
	launcher_set_damage_hook(comp_damage);
	notice_init(wm_desktop());
	notice_set_damage_hook(comp_damage);
	comp_status_now(&comp.shown);
	comp_damage_all();
	return 0;
}

void comp_fini(void)
{
	wm_set_damage_hook(NULL);
	launcher_set_damage_hook(NULL);
	notice_set_damage_hook(NULL);
	taskbar_set_damage_hook(NULL);
	taskbar_fini();
	launcher_fini();
	notice_fini();
	ev_timer_clear(&comp.t_frame);
	ev_timer_clear(&comp.t_tick);
	canvas_free(&comp.wall);
	comp.frame = NULL;
	comp.ndmg = 0;
}

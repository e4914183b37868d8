/* wm: windows, their chrome, stacking and focus (see wm.h). Windows are a
 * doubly linked list from bottom to top; the focused window is always the
 * top one. Content is double-buffered per window: the app draws into back
 * at any pace, and only wm_flush copies the part drawn since the last
 * flush to front, so the screen never shows half a frame. Every change is
 * reported to the compositor as damage in screen coordinates. */
#include "wm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "font.h"

/* The theme: a calm dark desktop; each app keeps its own accent colour. */
#define WM_C_BORDER     0x3b4252ffu
#define WM_C_TITLE      0x262b34ffu
#define WM_C_TITLE_F    0x323946ffu /* tinted with the accent at WM_TINT */
#define WM_TINT         0x30u
#define WM_C_TEXT       0x7d8595ffu
#define WM_C_TEXT_F     0xeceff4ffu
#define WM_C_SEPARATOR  0x1c2027ffu
#define WM_C_CLOSE      0x8a92a2ffu
#define WM_KEEP_VISIBLE 48 /* pixels of a title bar that stay on the desktop */

static const uint32_t wm_accents[] = {
	0x5e81ac, 0x88c0d0, 0xa3be8c, 0xebcb8b, 0xd08770, 0xb48ead, 0x8fbcbb, 0xbf616a,
};

static struct {
	struct wm_win *bottom, *top;
	struct wm_win *focus; /* NULL or the top window */
	unsigned n;
	uint64_t seq;
	struct canvas_rect desk;
	void (*focus_hook)(struct wm_win *lost, struct wm_win *gained);
	void (*damage_hook)(struct canvas_rect r);
	void (*resize_hook)(struct wm_win *w);
	void (*move_hook)(struct wm_win *w);
} wm = { .desk = { 0, 0, 1024, 744 } }; /* the compositor sets the real desktop */

void wm_set_desktop(struct canvas_rect desk) { wm.desk = desk; }
struct canvas_rect wm_desktop(void) { return wm.desk; }
struct wm_win *wm_bottom(void) { return wm.bottom; }
struct wm_win *wm_top(void) { return wm.top; }
unsigned wm_count(void) { return wm.n; }

void wm_set_focus_hook(void (*fn)(struct wm_win *lost, struct wm_win *gained))
{
	wm.focus_hook = fn;
}

void wm_set_damage_hook(void (*fn)(struct canvas_rect r)) { wm.damage_hook = fn; }
void wm_set_resize_hook(void (*fn)(struct wm_win *w)) { wm.resize_hook = fn; }
void wm_set_move_hook(void (*fn)(struct wm_win *w)) { wm.move_hook = fn; }

/* The compositor repaints what changed; wm never calls it by name. */
static void wm_damage(struct canvas_rect r)
{
	if (wm.damage_hook)
		wm.damage_hook(r);
}

struct wm_win *wm_focused(void) { return wm.focus; }

struct wm_win *wm_find(uint64_t app_id)
{
	for (struct wm_win *w = wm.bottom; w; w = w->above)
		if (w->app_id == app_id)
			return w;
	return NULL;
}

uint32_t wm_accent(const char *name)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h ^ *p) * 16777619u;
	return wm_accents[h % (sizeof wm_accents / sizeof wm_accents[0])];
}

static void wm_unlink(struct wm_win *w)
{
	if (w->below)
		w->below->above = w->above;
	else
		wm.bottom = w->above;
	if (w->above)
		w->above->below = w->below;
	else
		wm.top = w->below;
	w->above = w->below = NULL;
}

static void wm_push_top(struct wm_win *w)
{
	w->below = wm.top;
	w->above = NULL;
	if (wm.top)
		wm.top->above = w;
	else
		wm.bottom = w;
	wm.top = w;
}

/* Just under the top window (the focused one), which must exist. */
static void wm_push_under_top(struct wm_win *w)
{
	struct wm_win *top = wm.top;

	w->above = top;
	w->below = top->below;
	if (top->below)
		top->below->above = w;
	else
		wm.bottom = w;
	top->below = w;
}

static int wm_clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Keep part of the title bar on the desktop, so the window can be grabbed. */
static struct canvas_rect wm_keep_reachable(struct canvas_rect o)
{
	const struct canvas_rect d = wm.desk;
	int64_t xmin = (int64_t)d.x - o.w + WM_KEEP_VISIBLE;
	int64_t xmax = (int64_t)d.x + d.w - WM_KEEP_VISIBLE;
	int64_t ymax = (int64_t)d.y + d.h - (WM_BORDER + WM_TITLE_H);

	o.x = (int)(o.x < xmin ? xmin : o.x > xmax ? xmax : o.x);
	o.y = (int)(o.y > ymax ? ymax : o.y);
	if (o.y < d.y)
		o.y = d.y;
	return o;
}

static bool wm_overlaps_any(struct canvas_rect o)
{
	for (const struct wm_win *w = wm.bottom; w; w = w->above)
		if (!canvas_rect_empty(canvas_rect_intersect(o, w->outer)))
			return true;
	return false;
}

static bool wm_corner_taken(int x, int y)
{
	for (const struct wm_win *w = wm.bottom; w; w = w->above)
		if (w->outer.x == x && w->outer.y == y)
			return true;
	return false;
}

/* The first free place that fits (see wm.h), else a cascade step whose
 * corner no window has: a new window never lands exactly on another. */
static void wm_find_place(struct canvas_rect *o)
{
	const struct canvas_rect d = wm.desk;
	int steps = 0;

	for (int y = d.y + WM_PLACE_MARGIN; y + o->h <= d.y + d.h; y += WM_PLACE_STEP)
		for (int x = d.x + WM_PLACE_MARGIN; x + o->w <= d.x + d.w; x += WM_PLACE_STEP) {
			o->x = x;
			o->y = y;
			if (!wm_overlaps_any(*o))
				return;
		}
	for (int off = WM_PLACE_MARGIN; steps < WM_MAX_WINDOWS + 1; steps++, off += WM_CASCADE) {
		if (off + o->w > d.w || off + o->h > d.h)
			off = WM_PLACE_MARGIN + (steps % WM_CASCADE) * 4; /* a shifted diagonal */
		o->x = d.x + off;
		o->y = d.y + off;
		if (!wm_corner_taken(o->x, o->y))
			return;
	}
}

/* The outer size of a window whose content is cw x ch, clamped: a window
 * is never larger than the desktop (its memory is bounded) nor smaller
 * than WM_MIN_CONTENT. */
static void wm_outer_size(struct canvas_rect *o, int cw, int ch)
{
	const struct canvas_rect d = wm.desk;
	int maxw = d.w - 2 * WM_BORDER, maxh = d.h - 2 * WM_BORDER - WM_TITLE_H;

	cw = wm_clamp(cw, WM_MIN_CONTENT, maxw > WM_MIN_CONTENT ? maxw : WM_MIN_CONTENT);
	ch = wm_clamp(ch, WM_MIN_CONTENT, maxh > WM_MIN_CONTENT ? maxh : WM_MIN_CONTENT);
	o->w = cw + 2 * WM_BORDER;
	o->h = ch + 2 * WM_BORDER + WM_TITLE_H;
}

static struct canvas_rect wm_place_rect(const struct wm_place *p)
{
	struct canvas_rect o;

	wm_outer_size(&o, p->w > 0 ? p->w : WM_DEFAULT_W, p->h > 0 ? p->h : WM_DEFAULT_H);
	if (p->has_pos) {
		o.x = p->x;
		o.y = p->y;
	} else {
		wm_find_place(&o);
	}
	return wm_keep_reachable(o);
}

struct wm_win *wm_open(uint64_t app_id, const char *name, const struct wm_place *p)
{
	struct wm_win *w;
	struct canvas_rect o;

	if (wm.n >= WM_MAX_WINDOWS || !(w = calloc(1, sizeof *w)))
		return NULL;
	o = wm_place_rect(p);
	if (canvas_init(&w->back, o.w - 2 * WM_BORDER, o.h - 2 * WM_BORDER - WM_TITLE_H) < 0 ||
	    canvas_init(&w->front, w->back.w, w->back.h) < 0) {
		canvas_free(&w->back);
		free(w);
		return NULL;
	}
	w->app_id = app_id;
	w->seq = ++wm.seq;
	snprintf(w->name, sizeof w->name, "%s", name);
	w->outer = o;
	w->accent = wm_accent(w->name);
	wm.n++;
	if (p->background && wm.focus) {
		wm_push_under_top(w);
		w->attention = p->attention;
	} else {
		wm_push_top(w);
		wm_focus(w);
	}
	wm_damage(w->outer);
	return w;
}

struct wm_win *wm_top_visible(void)
{
	struct wm_win *w = wm.top;

	while (w && w->minimized)
		w = w->below;
	return w;
}

/* The focus went away from `lost` (closed: NULL, or minimized): it passes
 * to the highest visible window, or to nobody. */
static void wm_focus_top_visible(struct wm_win *lost)
{
	struct wm_win *t = wm_top_visible();

	if (t) {
		wm_focus(t);
		return;
	}
	wm.focus = NULL;
	if (wm.focus_hook)
		wm.focus_hook(lost, NULL);
}

void wm_close(struct wm_win *w)
{
	bool had_focus = w->focused;

	wm_damage(w->outer);
	wm_unlink(w);
	wm.n--;
	canvas_free(&w->back);
	canvas_free(&w->front);
	free(w);
	if (!had_focus)
		return;
	wm.focus = NULL;
	wm_focus_top_visible(NULL);
}

void wm_close_all(void)
{
	while (wm.top) {
		struct wm_win *w = wm.top;
		wm_unlink(w);
		canvas_free(&w->back);
		canvas_free(&w->front);
		free(w);
	}
	wm.n = 0;
	wm.focus = NULL;
}

void wm_focus(struct wm_win *w)
{
	struct wm_win *old = wm_focused();

	if (w && w->minimized) {
		w->minimized = false;
		wm_damage(w->outer);
	}
	if (w)
		w->attention = false;
	if (w && w != wm.top) {
		wm_unlink(w);
		wm_push_top(w);
		wm_damage(w->outer);
	}
	if (old == w)
		return;
	if (old) {
		old->focused = false;
		wm_damage(old->outer);
	}
	if (w) {
		w->focused = true;
		wm_damage(w->outer);
	}
	wm.focus = w;
	if (wm.focus_hook)
		wm.focus_hook(old, w);
}

void wm_focus_cycle(int dir)
{
	struct wm_win *cur = wm_focused(), *best = NULL, *wrap = NULL;
	uint64_t at = cur ? cur->seq : 0;

	/* The next window in opening order after the focused one, wrapping. */
	for (struct wm_win *w = wm.bottom; w; w = w->above) {
		if (w == cur || w->minimized)
			continue;
		if (dir > 0) {
			if (w->seq > at && (!best || w->seq < best->seq))
				best = w;
			if (!wrap || w->seq < wrap->seq)
				wrap = w;
		} else {
			if (w->seq < at && (!best || w->seq > best->seq))
				best = w;
			if (!wrap || w->seq > wrap->seq)
				wrap = w;
		}
	}
	if (best || wrap)
		wm_focus(best ? best : wrap);
}

void wm_minimize(struct wm_win *w)
{
	struct wm_win *t;

	if (w->minimized)
		return;
	w->minimized = true;
	wm_damage(w->outer);
	if (!w->focused)
		return;
	if ((t = wm_top_visible())) {
		wm_focus(t); /* the hook hears that w lost it */
		return;
	}
	w->focused = false;
	wm.focus = NULL;
	if (wm.focus_hook)
		wm.focus_hook(w, NULL);
}

void wm_restore(struct wm_win *w) { wm_focus(w); }

void wm_move(struct wm_win *w, int x, int y)
{
	struct canvas_rect o = w->outer;

	o.x = x;
	o.y = y;
	o = wm_keep_reachable(o);
	w->maximized = false;
	if (o.x == w->outer.x && o.y == w->outer.y)
		return;
	wm_damage(w->outer);
	w->outer = o;
	wm_damage(w->outer);
	if (wm.move_hook)
		wm.move_hook(w);
}

int wm_resize(struct wm_win *w, struct canvas_rect o, bool max)
{
	int cw, ch;

	wm_outer_size(&o, o.w - 2 * WM_BORDER, o.h - 2 * WM_BORDER - WM_TITLE_H);
	o = wm_keep_reachable(o);
	cw = o.w - 2 * WM_BORDER;
	ch = o.h - 2 * WM_BORDER - WM_TITLE_H;
	if (cw != w->back.w || ch != w->back.h) {
		int ow = w->back.w, oh = w->back.h;
		if (canvas_resize(&w->back, cw, ch) < 0)
			return -1;
		if (canvas_resize(&w->front, cw, ch) < 0) {
			canvas_resize(&w->back, ow, oh); /* shrinking back never fails */
			return -1;
		}
		w->back_dmg = canvas_rect_intersect(w->back_dmg, canvas_bounds(&w->back));
	}
	w->maximized = max;
	if (memcmp(&o, &w->outer, sizeof o) != 0) {
		wm_damage(w->outer);
		w->outer = o;
		wm_damage(w->outer);
	}
	if (wm.resize_hook)
		wm.resize_hook(w);
	return 0;
}

int wm_toggle_maximize(struct wm_win *w)
{
	if (w->maximized)
		return wm_resize(w, w->restore, false);
	w->restore = w->outer;
	return wm_resize(w, wm.desk, true);
}

unsigned wm_edges(const struct wm_win *w, int x, int y)
{
	const struct canvas_rect o = w->outer;
	unsigned e = 0;

	if (w->maximized || w->minimized)
		return 0;
	if (x < o.x + WM_BORDER)
		e |= WM_EDGE_LEFT;
	if (x >= o.x + o.w - WM_BORDER)
		e |= WM_EDGE_RIGHT;
	if (y < o.y + WM_BORDER)
		e |= WM_EDGE_TOP;
	if (y >= o.y + o.h - WM_BORDER)
		e |= WM_EDGE_BOTTOM;
	/* Near a corner, an edge grip takes the other edge too. */
	if (e & (WM_EDGE_LEFT | WM_EDGE_RIGHT)) {
		e |= y < o.y + WM_CORNER ? WM_EDGE_TOP : 0;
		e |= y >= o.y + o.h - WM_CORNER ? WM_EDGE_BOTTOM : 0;
	}
	if (e & (WM_EDGE_TOP | WM_EDGE_BOTTOM)) {
		e |= x < o.x + WM_CORNER ? WM_EDGE_LEFT : 0;
		e |= x >= o.x + o.w - WM_CORNER ? WM_EDGE_RIGHT : 0;
	}
	return e;
}

struct canvas_rect wm_content(const struct wm_win *w)
{
	struct canvas_rect c = { w->outer.x + WM_BORDER, w->outer.y + WM_BORDER + WM_TITLE_H,
				 w->front.w, w->front.h };
	return c;
}

static struct canvas_rect wm_title(const struct wm_win *w)
{
	struct canvas_rect t = { w->outer.x + WM_BORDER, w->outer.y + WM_BORDER,
				 w->outer.w - 2 * WM_BORDER, WM_TITLE_H };
	return t;
}

static struct canvas_rect wm_close_box(const struct wm_win *w)
{
	struct canvas_rect t = wm_title(w);

	t.x += t.w - WM_CLOSE_W;
	t.w = WM_CLOSE_W;
	return t;
}

/* The outer rect and the grip band around it (a maximized window has none). */
static struct canvas_rect wm_grip_rect(const struct wm_win *w)
{
	struct canvas_rect o = w->outer;

	if (w->maximized)
		return o;
	return (struct canvas_rect){ o.x - WM_GRIP, o.y - WM_GRIP, o.w + 2 * WM_GRIP,
				     o.h + 2 * WM_GRIP };
}

struct wm_win *wm_hit(int x, int y, enum wm_part *part)
{
	for (struct wm_win *w = wm.top; w; w = w->below) {
		if (w->minimized || !canvas_rect_contains(wm_grip_rect(w), x, y))
			continue;
		if (canvas_rect_contains(wm_content(w), x, y))
			*part = WM_PART_CONTENT;
		else if (canvas_rect_contains(wm_close_box(w), x, y))
			*part = WM_PART_CLOSE;
		else if (canvas_rect_contains(wm_title(w), x, y))
			*part = WM_PART_TITLE;
		else
			*part = WM_PART_BORDER;
		return w;
	}
	*part = WM_PART_NONE;
	return NULL;
}

void wm_flush(struct wm_win *w)
{
	struct canvas_rect d = canvas_rect_intersect(w->back_dmg, canvas_bounds(&w->back));
	struct canvas_rect c = wm_content(w);

	w->st.flushes++;
	w->back_dmg = (struct canvas_rect){ 0, 0, 0, 0 };
	if (canvas_rect_empty(d))
		return;
	canvas_blit(&w->front, NULL, d.x, d.y, &w->back, d);
	d.x += c.x;
	d.y += c.y;
	wm_damage(canvas_rect_intersect(d, c));
}

static void wm_paint_title(const struct wm_win *w, struct canvas *f, const struct canvas_rect *clip)
{
	struct canvas_rect t = wm_title(w), cb = wm_close_box(w), text;
	uint32_t accent = w->accent << 8 | (w->focused ? 0xffu : 0x70u);
	int cx = cb.x + cb.w / 2, cy = cb.y + cb.h / 2;

	canvas_fill(f, clip, t, w->focused ? WM_C_TITLE_F : WM_C_TITLE);
	if (w->focused)
		canvas_fill(f, clip, t, w->accent << 8 | WM_TINT);
	canvas_fill(f, clip, (struct canvas_rect){ t.x, t.y + t.h - 1, t.w, 1 }, WM_C_SEPARATOR);
	canvas_dot(f, clip, t.x + 9, t.y + 8, accent);
	text = canvas_rect_intersect(*clip, (struct canvas_rect){ t.x + 24, t.y, t.w - 24 - WM_CLOSE_W,
								  t.h });
	if (!canvas_rect_empty(text))
		font_draw(f, &text, t.x + 26, t.y + 4, w->focused ? WM_C_TEXT_F : WM_C_TEXT,
			  FONT_MEDIUM, w->name, strlen(w->name));
	for (int k = 0; k < 2; k++) {
		canvas_line(f, clip, cx - 4 + k, cy - 4, cx + 3 + k, cy + 3, WM_C_CLOSE);
		canvas_line(f, clip, cx + 3 + k, cy - 4, cx - 4 + k, cy + 3, WM_C_CLOSE);
	}
}

void wm_paint(const struct wm_win *w, struct canvas *f, const struct canvas_rect *clip)
{
	struct canvas_rect c = canvas_rect_intersect(*clip, w->outer);
	struct canvas_rect in = { w->outer.x + 1, w->outer.y + 1, w->outer.w - 2, w->outer.h - 2 };
	uint32_t border = w->focused ? (w->accent << 8 | 0xffu) : WM_C_BORDER;
	struct canvas_rect content = wm_content(w);

	if (canvas_rect_empty(c) || w->minimized)
		return;
	canvas_outline(f, &c, w->outer, border);
	canvas_outline(f, &c, in, border);
	wm_paint_title(w, f, &c);
	canvas_blit(f, &c, content.x, content.y, &w->front, canvas_bounds(&w->front));
}

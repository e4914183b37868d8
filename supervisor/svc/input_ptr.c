/* input_ptr: the pointer's router (see input.h, docs/input.md). A press
 * may focus and raise a window, start a drag of its title bar (a double
 * click maximizes or restores), a resize by an edge or corner, press its
 * close box, work the taskbar or the launcher, or become a
 * `VYOMA_INPUT:mouse:` line for the focused window's app when that app
 * declared `mouse`; the wheel too. A press in a window's content grabs
 * the pointer for that window until the last button is released, so a
 * drag that leaves the window still ends there. */
#include "input.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "comp.h"
#include "ev.h"
#include "fb.h"
#include "launcher.h"
#include "taskbar.h"
#include "wm.h"

static struct {
	int x, y;
	unsigned held;
	unsigned long long grab, drag, close, resize; /* app ids; 0: none */
	int dx, dy;
	unsigned edges;           /* of a resize: WM_EDGE_* */
	struct canvas_rect start; /* of a resize: the outer rect at the press */
	int sx, sy;               /* of a resize: the pointer at the press */
	unsigned long long title; /* the last title bar press, for a double click */
	uint64_t title_ms;
	bool device;
} ptr;

void input_ptr_reset(const struct canvas *screen)
{
	memset(&ptr, 0, sizeof ptr);
	if (screen) {
		ptr.x = screen->w / 2;
		ptr.y = screen->h / 2;
	}
}

void input_pointer_device(bool present)
{
	ptr.device = present;
	comp_set_pointer(present, ptr.x, ptr.y);
}

void input_forget_window(unsigned long long app_id)
{
	if (ptr.grab == app_id)
		ptr.grab = 0;
	if (ptr.drag == app_id)
		ptr.drag = 0;
	if (ptr.resize == app_id)
		ptr.resize = 0;
	if (ptr.close == app_id)
		ptr.close = 0;
}

static void input_mouse_line(struct wm_win *w, unsigned buttons, enum input_ptr_ev ev)
{
	struct app *a = w ? app_find_id(w->app_id) : NULL;
	struct canvas_rect c;
	char line[96];

	if (!a || !(a->man.caps & CAP_MOUSE))
		return;
	c = wm_content(w);
	snprintf(line, sizeof line, "VYOMA_INPUT:mouse:%lld,%lld,%u,%s",
		 (long long)ptr.x - c.x, (long long)ptr.y - c.y, buttons, input_ptr_ev_name(ev));
	input_stat_mouse(app_send_line(a, line) == 0);
}

/* A taskbar button: focus (and restore) its window; minimize it when it
 * has the focus already; start an app that is coming back or failed. */
static void input_button(const struct taskbar_button *b)
{
	struct wm_win *w = wm_find(b->app_id);

	switch (b->kind) {
	case TASKBAR_RUNNING:
	case TASKBAR_MINIMIZED:
		if (!w)
			return;
		if (w->focused && !w->minimized)
			wm_minimize(w);
		else
			wm_focus(w);
		break;
	case TASKBAR_RESTARTING:
	case TASKBAR_FAILED:
		launcher_start(b->name);
		break;
	}
}

/* A press on the strip (below the desktop): the launcher's button or a
 * taskbar button; true when it was there. */
static bool input_strip_press(void)
{
	struct canvas_rect d = wm_desktop();
	const struct taskbar_button *b;

	if (ptr.y < d.y + d.h)
		return false;
	if (canvas_rect_contains(taskbar_logo(), ptr.x, ptr.y))
		launcher_toggle();
	else if ((b = taskbar_hit(ptr.x, ptr.y)))
		input_button(b);
	return true;
}

static void input_press(unsigned button)
{
	enum wm_part part;
	struct wm_win *w;

	if (comp_overlay_shown()) {
		comp_set_overlay(false);
		return;
	}
	if (!ptr.grab && !ptr.drag && !ptr.close) {
		if (launcher_shown() && !canvas_rect_contains(taskbar_logo(), ptr.x, ptr.y)) {
			launcher_click(ptr.x, ptr.y);
			return;
		}
		if (input_strip_press())
			return;
	}
	if (ptr.grab) {
		input_mouse_line(wm_find(ptr.grab), button, INPUT_PTR_DOWN);
		return;
	}
	if (ptr.drag || ptr.close || ptr.resize || !(w = wm_hit(ptr.x, ptr.y, &part)))
		return;
	wm_focus(w);
	switch (part) {
	case WM_PART_TITLE:
		/* A second press on the same title within INPUT_DOUBLE_MS:
		 * maximize, or restore. */
		if (button == INPUT_BTN_LEFT && ptr.title == w->app_id &&
		    ev_now_ms() - ptr.title_ms <= INPUT_DOUBLE_MS) {
			ptr.title = 0;
			wm_toggle_maximize(w);
			break;
		}
		ptr.title = w->app_id;
		ptr.title_ms = ev_now_ms();
		ptr.drag = w->app_id;
		ptr.dx = ptr.x - w->outer.x;
		ptr.dy = ptr.y - w->outer.y;
		break;
	case WM_PART_BORDER:
		if (!(ptr.edges = wm_edges(w, ptr.x, ptr.y)))
			break;
		ptr.resize = w->app_id;
		ptr.start = w->outer;
		ptr.sx = ptr.x;
		ptr.sy = ptr.y;
		break;
	case WM_PART_CLOSE:
		ptr.close = w->app_id;
		break;
	case WM_PART_CONTENT:
		ptr.grab = w->app_id;
		input_mouse_line(w, button, INPUT_PTR_DOWN);
		break;
	default:
		break;
	}
}

/* The outer rect a resize drag gives: each grabbed edge follows the
 * pointer; wm clamps the size, so a left or top edge that would pass the
 * minimum stops there instead of pushing the window. */
static void input_resize_to(struct wm_win *w)
{
	struct canvas_rect o = ptr.start;
	const int minw = WM_MIN_CONTENT + 2 * WM_BORDER;
	const int minh = WM_MIN_CONTENT + 2 * WM_BORDER + WM_TITLE_H;
	int dx = ptr.x - ptr.sx, dy = ptr.y - ptr.sy;

	if (ptr.edges & WM_EDGE_RIGHT)
		o.w += dx;
	if (ptr.edges & WM_EDGE_BOTTOM)
		o.h += dy;
	if (ptr.edges & WM_EDGE_LEFT) {
		dx = dx > o.w - minw ? o.w - minw : dx;
		o.x += dx;
		o.w -= dx;
	}
	if (ptr.edges & WM_EDGE_TOP) {
		dy = dy > o.h - minh ? o.h - minh : dy;
		o.y += dy;
		o.h -= dy;
	}
	wm_resize(w, o, false);
}

static void input_release(unsigned button)
{
	enum wm_part part;
	struct wm_win *w;

	if (ptr.grab)
		input_mouse_line(wm_find(ptr.grab), button, INPUT_PTR_UP);
	if (ptr.held)
		return;
	if (ptr.resize && (w = wm_find(ptr.resize)))
		input_resize_to(w); /* the last size, again if its line was dropped */
	/* The close box acts on release, and only if still over it. */
	if (ptr.close && (w = wm_hit(ptr.x, ptr.y, &part)) && w->app_id == ptr.close &&
	    part == WM_PART_CLOSE)
		input_stop_app(app_find_id(w->app_id), false);
	ptr.grab = ptr.drag = ptr.close = ptr.resize = 0;
}

static void input_motion(void)
{
	struct wm_win *w;

	if (ptr.resize) {
		if ((w = wm_find(ptr.resize)))
			input_resize_to(w);
		return;
	}
	if (ptr.drag) {
		if ((w = wm_find(ptr.drag)))
			wm_move(w, ptr.x - ptr.dx, ptr.y - ptr.dy);
		return;
	}
	if (ptr.grab) {
		input_mouse_line(wm_find(ptr.grab), ptr.held, INPUT_PTR_MOVE);
		return;
	}
	w = wm_focused();
	if (w && canvas_rect_contains(wm_content(w), ptr.x, ptr.y))
		input_mouse_line(w, ptr.held, INPUT_PTR_MOVE);
}

void input_pointer_wheel(int notches)
{
	struct wm_win *w = ptr.grab ? wm_find(ptr.grab) : wm_focused();
	struct app *a = w ? app_find_id(w->app_id) : NULL;
	struct canvas_rect c;
	char line[96];

	if (!notches || !a || !(a->man.caps & CAP_MOUSE))
		return;
	c = wm_content(w);
	if (!ptr.grab && !canvas_rect_contains(c, ptr.x, ptr.y))
		return;
	snprintf(line, sizeof line, "VYOMA_INPUT:mouse:%lld,%lld,%d,wheel", (long long)ptr.x - c.x,
		 (long long)ptr.y - c.y, notches);
	input_stat_mouse(app_send_line(a, line) == 0);
}

void input_pointer_event(int x, int y, unsigned button, enum input_ptr_ev ev)
{
	struct canvas *f = fb_frame();

	if (f) {
		x = x < 0 ? 0 : x >= f->w ? f->w - 1 : x;
		y = y < 0 ? 0 : y >= f->h ? f->h - 1 : y;
	}
	ptr.x = x;
	ptr.y = y;
	if (ptr.device)
		comp_set_pointer(true, x, y);
	switch (ev) {
	case INPUT_PTR_DOWN:
		if (!button || (ptr.held & button))
			return;
		ptr.held |= button;
		input_press(button);
		break;
	case INPUT_PTR_UP:
		if (!button || !(ptr.held & button))
			return;
		ptr.held &= ~button;
		input_release(button);
		break;
	case INPUT_PTR_MOVE:
		input_motion();
		break;
	}
}


/* winkey: moving, resizing, maximizing and minimizing the focused window
 * from the keyboard (see winkey.h), so every pointer operation of the
 * window manager has a key. A move or resize says what to press in a
 * notice, and remembers the rect it began with for Escape. */
#include "winkey.h"

#include <string.h>

#include "notice.h"
#include "wm.h"

enum winkey_mode { WINKEY_OFF, WINKEY_MOVE, WINKEY_RESIZE };

static struct {
	enum winkey_mode mode;
	unsigned long long app_id;
	struct canvas_rect start;
	bool was_max;
} wk;

bool winkey_active(void)
{
	if (wk.mode != WINKEY_OFF && !wm_find(wk.app_id))
		wk.mode = WINKEY_OFF;
	return wk.mode != WINKEY_OFF;
}

void winkey_cancel(void) { wk.mode = WINKEY_OFF; }

static void winkey_begin(enum winkey_mode m)
{
	struct wm_win *w = wm_focused();

	if (!w)
		return;
	wk.mode = m;
	wk.app_id = w->app_id;
	wk.start = w->outer;
	wk.was_max = w->maximized;
	notice_post(NOTICE_INFO, w->name, "%s %s: arrows (Shift: 1 px), Enter keeps it, Escape undoes",
		    m == WINKEY_MOVE ? "move" : "resize", w->name);
}

void winkey_move(void) { winkey_begin(WINKEY_MOVE); }
void winkey_resize(void) { winkey_begin(WINKEY_RESIZE); }

void winkey_maximize(void)
{
	struct wm_win *w = wm_focused();

	if (w)
		wm_toggle_maximize(w);
}

void winkey_minimize(void)
{
	struct wm_win *w = wm_focused();

	if (w)
		wm_minimize(w);
}

void winkey_key(const char *name)
{
	static const struct {
		const char *key;
		int dx, dy;
	} arrows[] = {
		{ "Left", -WINKEY_STEP, 0 }, { "Right", WINKEY_STEP, 0 },
		{ "Up", 0, -WINKEY_STEP },   { "Down", 0, WINKEY_STEP },
		{ "Shift+Left", -1, 0 },     { "Shift+Right", 1, 0 },
		{ "Shift+Up", 0, -1 },       { "Shift+Down", 0, 1 },
	};
	struct wm_win *w = wm_find(wk.app_id);
	struct canvas_rect o;

	if (!w || wk.mode == WINKEY_OFF) {
		wk.mode = WINKEY_OFF;
		return;
	}
	if (strcmp(name, "Enter") == 0) {
		wk.mode = WINKEY_OFF;
		return;
	}
	if (strcmp(name, "Escape") == 0) {
		wk.mode = WINKEY_OFF;
		wm_resize(w, wk.start, wk.was_max);
		return;
	}
	for (size_t i = 0; i < sizeof arrows / sizeof arrows[0]; i++) {
		if (strcmp(name, arrows[i].key) != 0)
			continue;
		o = w->outer;
		if (wk.mode == WINKEY_MOVE) {
			wm_move(w, o.x + arrows[i].dx, o.y + arrows[i].dy);
		} else {
			o.w += arrows[i].dx;
			o.h += arrows[i].dy;
			wm_resize(w, o, false);
		}
		return;
	}
	/* Any other key is swallowed: the mode is on until Enter or Escape. */
}

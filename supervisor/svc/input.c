/* input: key names and the input router (see input.h, docs/input.md).
 * Every source ends here: a key press is either a system shortcut (table
 * below) or a `VYOMA_INPUT:key:<name>` line for the focused app; a pointer
 * event may focus and raise a window, start a drag of its title bar, press
 * its close box, work the taskbar or the launcher, or become a
 * `VYOMA_INPUT:mouse:` line for the focused window's app when that app
 * declared `mouse`. While the launcher is shown, it has every key but the
 * system shortcuts. A press in a window's
 * content grabs the pointer for that window until the last button is
 * released, so a drag that leaves the window still ends there. */
#include "input.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "comp.h"
#include "fb.h"
#include "launcher.h"
#include "ev.h"
#include "log.h"
#include "notice.h"
#include "proto.h"
#include "sys.h"
#include "taskbar.h"
#include "wm.h"

/* ---- names ------------------------------------------------------------------------ */

static const char *const input_named[] = {
	"Space", "Enter", "Tab", "Backspace", "Escape", "Delete", "Insert", "Home", "End", "Power",
	"PageUp", "PageDown", "Up", "Down", "Left", "Right", "F1", "F2", "F3", "F4", "F5",
	"F6", "F7", "F8", "F9", "F10", "F11", "F12",
};

static const struct {
	const char *prefix;
	unsigned bit;
} input_mods[] = {
	{ "Ctrl+", INPUT_CTRL },
	{ "Alt+", INPUT_ALT },
	{ "Shift+", INPUT_SHIFT },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

bool input_key_named(const char *base)
{
	for (size_t i = 0; i < NELEM(input_named); i++)
		if (strcmp(base, input_named[i]) == 0)
			return true;
	return false;
}

/* One printable character: ASCII 0x21..0x7e, or one UTF-8 code point from
 * U+00A0 up (no C1 controls). */
static bool input_printable(const char *s)
{
	size_t n = strlen(s), cps = 0;
	const unsigned char *u = (const unsigned char *)s;

	if (n == 1)
		return u[0] > 0x20 && u[0] < 0x7f;
	if (n < 2 || n > 4 || !proto_utf8_valid(s, n))
		return false;
	for (size_t i = 0; i < n; i++)
		cps += (u[i] & 0xC0) != 0x80;
	return cps == 1 && !(u[0] == 0xC2 && u[1] < 0xA0);
}

int input_key_format(const struct input_key *k, char *out, size_t n)
{
	size_t len = 0;
	bool named = input_key_named(k->base);

	if (!named && !input_printable(k->base))
		return -1;
	if ((k->mods & INPUT_SHIFT) && !named)
		return -1;
	if (k->mods & ~(INPUT_CTRL | INPUT_ALT | INPUT_SHIFT))
		return -1;
	out[0] = '\0';
	for (size_t i = 0; i < NELEM(input_mods); i++) {
		if (!(k->mods & input_mods[i].bit))
			continue;
		size_t p = strlen(input_mods[i].prefix);
		if (len + p >= n)
			return -1;
		memcpy(out + len, input_mods[i].prefix, p + 1);
		len += p;
	}
	if (len + strlen(k->base) >= n)
		return -1;
	memcpy(out + len, k->base, strlen(k->base) + 1);
	return 0;
}

int input_key_parse(const char *s, struct input_key *k)
{
	size_t next = 0;

	memset(k, 0, sizeof *k);
	/* Modifiers in their order, each once; "Ctrl++" is Ctrl and '+'. */
	for (size_t i = 0; i < NELEM(input_mods); i++) {
		size_t p = strlen(input_mods[i].prefix);
		if (strncmp(s + next, input_mods[i].prefix, p) == 0 && s[next + p]) {
			k->mods |= input_mods[i].bit;
			next += p;
		}
	}
	if (strlen(s + next) > INPUT_BASE_MAX)
		return -1;
	memcpy(k->base, s + next, strlen(s + next) + 1);
	char again[INPUT_NAME_MAX];
	if (input_key_format(k, again, sizeof again) < 0 || strcmp(again, s) != 0)
		return -1;
	return 0;
}

const char *input_ptr_ev_name(enum input_ptr_ev ev)
{
	static const char *const names[] = { "move", "down", "up" };
	return (unsigned)ev < NELEM(names) ? names[ev] : "?";
}

/* ---- shortcuts ---------------------------------------------------------------------- */

static struct input_stats input_st;
const struct input_stats *input_get_stats(void) { return &input_st; }

static struct app *input_focused_app(void)
{
	struct wm_win *f = wm_focused();
	return f ? app_find_id(f->app_id) : NULL;
}

static void sc_overlay(void) { comp_set_overlay(!comp_overlay_shown()); }
static void sc_launcher(void) { launcher_toggle(); }
static void sc_next(void) { wm_focus_cycle(1); }
static void sc_prev(void) { wm_focus_cycle(-1); }

/* Closing the last running app with `shell` and a window (the shell, the
 * monitor) leaves nothing on screen that can power off or run commands:
 * the window manager asks first. The same close within
 * INPUT_CLOSE_CONFIRM_MS does it. */
static struct {
	uint64_t app_id, until_ms;
} confirm;

static bool input_last_shell(const struct app *a)
{
	if (!(a->man.caps & CAP_SHELL) || !a->display)
		return false;
	for (const struct app *b = app_first(); b; b = b->next)
		if (b != a && b->kind == APP_KIND_APP && b->pid > 0 && (b->man.caps & CAP_SHELL) &&
		    b->display)
			return false;
	return true;
}

static void input_stop_app(struct app *a, bool restart)
{
	if (!a || a->pid <= 0)
		return;
	if (!restart && input_last_shell(a) &&
	    !(confirm.app_id == a->id && ev_now_ms() < confirm.until_ms)) {
		confirm.app_id = a->id;
		confirm.until_ms = ev_now_ms() + INPUT_CLOSE_CONFIRM_MS;
		notice_post(NOTICE_WARN, a->name, "%s is the last shell: close it again to close it",
			    a->name);
		return;
	}
	confirm.app_id = 0;
	log_info(a->name, "%s by the window manager", restart ? "restart" : "close");
	if (restart)
		app_restart(a);
	else
		app_stop(a);
}

/* The power button (QEMU's system_powerdown, a laptop's key): an orderly
 * shutdown, the same as `@supervisor: poweroff`. */
static void sc_power(void)
{
	log_info(NULL, "power button: powering off");
	sys_shutdown(SYS_DOWN_POWEROFF);
}

static void sc_close(void) { input_stop_app(input_focused_app(), false); }
static void sc_restart(void) { input_stop_app(input_focused_app(), true); }

static const struct {
	const char *key;
	void (*fn)(void);
} input_shortcuts[] = {
	{ "F12", sc_overlay },
	{ "F1", sc_launcher },
	{ "Alt+F1", sc_launcher },
	{ "F9", sc_next },
	{ "Alt+Tab", sc_next },
	{ "Shift+F9", sc_prev },
	{ "Alt+Shift+Tab", sc_prev },
	{ "F10", sc_close },
	{ "Alt+q", sc_close },
	{ "Shift+F10", sc_restart },
	{ "Alt+r", sc_restart },
	{ "Power", sc_power },
};

/* What the overlay lists; keep in step with the table above and docs/display.md. */
static const char *const input_help[][2] = {
	{ "F12", "show or hide these shortcuts" },
	{ "F1, Alt+F1", "open or close the app launcher" },
	{ "F9, Alt+Tab", "focus the next window" },
	{ "Shift+F9, Alt+Shift+Tab", "focus the previous one" },
	{ "F10, Alt+q", "close the focused app" },
	{ "Shift+F10, Alt+r", "restart the focused app" },
	{ "click", "focus and raise a window" },
	{ "click a taskbar button", "focus it; again: minimize" },
	{ "drag the title bar", "move a window" },
	{ "click the x", "close that window's app" },
	{ "power button", "shut down" },
};

/* ---- keys ------------------------------------------------------------------------------ */

enum input_key_result input_key_event(const struct input_key *k)
{
	char name[INPUT_NAME_MAX], line[sizeof "VYOMA_INPUT:key:" + INPUT_NAME_MAX];
	struct app *a;

	if (input_key_format(k, name, sizeof name) < 0)
		return INPUT_KEY_BAD;
	if (comp_overlay_shown() && strcmp(name, "Escape") == 0) {
		input_st.shortcuts++;
		comp_set_overlay(false);
		return INPUT_KEY_SHORTCUT;
	}
	for (size_t i = 0; i < NELEM(input_shortcuts); i++)
		if (strcmp(name, input_shortcuts[i].key) == 0) {
			input_st.shortcuts++;
			input_shortcuts[i].fn();
			return INPUT_KEY_SHORTCUT;
		}
	if (launcher_shown()) {
		input_st.shortcuts++;
		launcher_key(name);
		return INPUT_KEY_SHORTCUT;
	}
	a = input_focused_app();
	snprintf(line, sizeof line, "VYOMA_INPUT:key:%s", name);
	if (!a || app_send_line(a, line) < 0) {
		input_st.keys_dropped++;
		return a ? INPUT_KEY_REFUSED : INPUT_KEY_NOWHERE;
	}
	input_st.keys++;
	return INPUT_KEY_SENT;
}

/* ---- pointer ------------------------------------------------------------------------------ */

static struct {
	int x, y;
	unsigned held;
	unsigned long long grab, drag, close; /* app ids; 0: none */
	int dx, dy;
	bool device;
} ptr;

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
	if (app_send_line(a, line) < 0)
		input_st.mouse_dropped++;
	else
		input_st.mouse++;
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
	if (ptr.drag || ptr.close || !(w = wm_hit(ptr.x, ptr.y, &part)))
		return;
	wm_focus(w);
	switch (part) {
	case WM_PART_TITLE:
		ptr.drag = w->app_id;
		ptr.dx = ptr.x - w->outer.x;
		ptr.dy = ptr.y - w->outer.y;
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

static void input_release(unsigned button)
{
	enum wm_part part;
	struct wm_win *w;

	if (ptr.grab)
		input_mouse_line(wm_find(ptr.grab), button, INPUT_PTR_UP);
	if (ptr.held)
		return;
	/* The close box acts on release, and only if still over it. */
	if (ptr.close && (w = wm_hit(ptr.x, ptr.y, &part)) && w->app_id == ptr.close &&
	    part == WM_PART_CLOSE)
		input_stop_app(app_find_id(w->app_id), false);
	ptr.grab = ptr.drag = ptr.close = 0;
}

static void input_motion(void)
{
	struct wm_win *w;

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

/* ---- start and stop (the sources are opened by the display, and call in) ------------------ */

int input_init(void)
{
	struct canvas *f = fb_frame();

	memset(&ptr, 0, sizeof ptr);
	memset(&input_st, 0, sizeof input_st);
	if (f) {
		ptr.x = f->w / 2;
		ptr.y = f->h / 2;
	}
	comp_set_overlay_rows(input_help, (int)NELEM(input_help));
	return 0;
}

void input_fini(void)
{
	ptr.device = false;
}

/* input: key names and the key router (see input.h, docs/input.md).
 * Every key source ends here: a key press is either a system shortcut
 * (table below), a paste (Ctrl+v, Shift+Insert: the clipboard's text as a
 * `VYOMA_INPUT:paste:` line, clip.c), or a `VYOMA_INPUT:key:<name>` line
 * for the focused app. While the launcher or a keyboard move/resize
 * (winkey.c) is on, it has every key but the system shortcuts. The
 * pointer is input_ptr.c's. */
#include "input.h"

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "clip.h"
#include "comp.h"
#include "launcher.h"
#include "ev.h"
#include "log.h"
#include "notice.h"
#include "proto.h"
#include "sys.h"
#include "winkey.h"
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

void input_stop_app(struct app *a, bool restart)
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
	{ "Alt+F7", winkey_move },
	{ "Alt+F8", winkey_resize },
	{ "Alt+F9", winkey_minimize },
	{ "Alt+F10", winkey_maximize },
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
	{ "drag an edge or corner", "resize it" },
	{ "Alt+F10, 2x click title", "maximize or restore" },
	{ "Alt+F7 / Alt+F8, arrows", "move / resize by keys" },
	{ "Alt+F9", "minimize the focused window" },
	{ "Ctrl+v, Shift+Insert", "paste into the focused app" },
	{ "Ctrl+Shift+c", "copy a shell's last output" },
	{ "click the x", "close that window's app" },
	{ "power button", "shut down" },
};

/* ---- keys ------------------------------------------------------------------------------ */

static void (*input_copy_fn)(struct app *a);

void input_on_copy(void (*fn)(struct app *a))
{
	input_copy_fn = fn;
}

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
	if (winkey_active()) {
		input_st.shortcuts++;
		winkey_key(name);
		return INPUT_KEY_SHORTCUT;
	}
	a = input_focused_app();
	/* The copy key in a shell's window: its last output, by the supervisor. */
	if (a && input_copy_fn && strcmp(name, "Ctrl+C") == 0 && (a->man.caps & CAP_SHELL)) {
		input_st.shortcuts++;
		input_copy_fn(a);
		return INPUT_KEY_SHORTCUT;
	}
	/* A paste key: the clipboard's text instead of the key (clip.c). */
	if (a && (strcmp(name, "Ctrl+v") == 0 || strcmp(name, "Shift+Insert") == 0)) {
		if (clip_paste(a) < 0) {
			input_st.keys_dropped++;
			return INPUT_KEY_REFUSED;
		}
		input_st.keys++;
		return INPUT_KEY_SENT;
	}
	snprintf(line, sizeof line, "VYOMA_INPUT:key:%s", name);
	if (!a || app_send_line(a, line) < 0) {
		input_st.keys_dropped++;
		return a ? INPUT_KEY_REFUSED : INPUT_KEY_NOWHERE;
	}
	input_st.keys++;
	return INPUT_KEY_SENT;
}

/* ---- start and stop (the sources are opened by the display, and call in) ------------------ */

int input_init(void)
{
	memset(&input_st, 0, sizeof input_st);
	comp_set_overlay_rows(input_help, (int)NELEM(input_help));
	return 0;
}

void input_fini(void)
{
	memset(&input_st, 0, sizeof input_st);
}

void input_stat_mouse(bool delivered)
{
	if (delivered)
		input_st.mouse++;
	else
		input_st.mouse_dropped++;
}

/* input: keyboard and pointer, from every source through one path. Sources
 * (the console TTY in raw mode, evdev devices, and the VYOMA_TEST key and
 * mouse verbs) turn what they read into key presses and pointer events;
 * the router applies the system shortcuts, click-to-focus and
 * drag-to-move, and sends the rest to the focused app as VYOMA_INPUT lines
 * (docs/input.md). input.c: names, shortcuts and keys; input_ptr.c: the
 * pointer; input_tty.c: the terminal; input_evdev.c: /dev/input/event*. */
#ifndef VYOMA_INPUT_H
#define VYOMA_INPUT_H

/* A second close of the last shell within this closes it (input.c). */
#define INPUT_CLOSE_CONFIRM_MS 4000u
/* Two presses on a title bar this close together maximize or restore (input_ptr.c). */
#define INPUT_DOUBLE_MS 400u

#include <stdbool.h>
#include <stddef.h>

#define INPUT_CTRL  1u
#define INPUT_ALT   2u
#define INPUT_SHIFT 4u

#define INPUT_BASE_MAX 12  /* "Backspace", "PageDown", a UTF-8 character ... */
#define INPUT_NAME_MAX 32  /* "Ctrl+Alt+Shift+Backspace" and a NUL fit */

/* One key press: modifiers and the base name, either one printable
 * character (as typed, shift applied: "a", "A", "!", "é") or a named key
 * ("Enter", "F5", ...). Shift is only a modifier of named keys and Space. */
struct input_key {
	unsigned mods;
	char base[INPUT_BASE_MAX + 1];
};

enum input_ptr_ev { INPUT_PTR_MOVE, INPUT_PTR_DOWN, INPUT_PTR_UP };

#define INPUT_BTN_LEFT   1u
#define INPUT_BTN_RIGHT  2u
#define INPUT_BTN_MIDDLE 4u

/* ---- names (input.c) -------------------------------------------------------- */
/* "Ctrl+Alt+x" into out (at least INPUT_NAME_MAX bytes). 0 or -1. */
int input_key_format(const struct input_key *k, char *out, size_t n);
/* The inverse, strict: only names input_key_format can produce. 0 or -1. */
int input_key_parse(const char *s, struct input_key *k);
/* Is base a named key ("Enter") rather than a character? */
bool input_key_named(const char *base);

/* ---- routing (input.c) ------------------------------------------------------- */
/* Where a key press went. */
enum input_key_result {
	INPUT_KEY_SENT,     /* to the focused app */
	INPUT_KEY_SHORTCUT, /* taken by the window manager */
	INPUT_KEY_NOWHERE,  /* dropped: no window has the focus */
	INPUT_KEY_REFUSED,  /* dropped: the focused app's queue is full */
	INPUT_KEY_BAD,      /* not a key name */
};
/* A key press from any source; where it went. */
enum input_key_result input_key_event(const struct input_key *k);
/* A pointer event at screen (x, y): for DOWN and UP, `button` is the one
 * button that changed; for MOVE it is ignored (the held buttons are
 * tracked here). Coordinates are clamped to the screen. */
void input_pointer_event(int x, int y, unsigned button, enum input_ptr_ev ev);
/* The wheel turned by `notches` (positive: towards the user, scroll
 * down): a `wheel` mouse line for the grabbing window, else the focused
 * one when the pointer is over its content. */
void input_pointer_wheel(int notches);
/* A pointing device exists: draw the pointer. */
void input_pointer_device(bool present);
/* Forget a window that is going away (its drag or grab ends). */
void input_forget_window(unsigned long long app_id);
const char *input_ptr_ev_name(enum input_ptr_ev ev);

struct input_stats {
	unsigned long long keys, keys_dropped, shortcuts, mouse, mouse_dropped;
};
const struct input_stats *input_get_stats(void);

/* Shared by the router's files: the pointer's state back to rest (the
 * pointer centred on screen, when given); a mouse line delivered or
 * dropped; close or restart an app as F10 / Shift+F10 do. */
struct canvas;
struct app;
void input_ptr_reset(const struct canvas *screen);
void input_stat_mouse(bool delivered);
void input_stop_app(struct app *a, bool restart);

/* The router's state (input.c); the display opens the sources after it
 * and closes them before input_fini(). The sources call the router, never
 * the other way round. 0 or -1. */
int input_init(void);
void input_fini(void);

/* ---- sources ------------------------------------------------------------------- */
/* The terminal's byte stream (input_tty.c): parse buf[0..len) into key
 * presses. Returns the bytes used; an incomplete escape sequence at the end
 * is left unless `final` (then a lone ESC is the Escape key). */
typedef void (*input_key_fn)(const struct input_key *k, void *ctx);
size_t input_tty_parse(const unsigned char *buf, size_t len, bool final, input_key_fn fn,
		       void *ctx);
/* Which terminal on stdin is a keyboard: none; the hosted supervisor's,
 * when it is in the terminal's foreground (signal keys stay signals); or
 * PID 1's console, always, with every byte a key (Ctrl-C is the focused
 * app's, nothing can stop PID 1 from there). */
enum input_tty { INPUT_TTY_OFF, INPUT_TTY_HOSTED, INPUT_TTY_CONSOLE };
/* Keyboard from the terminal on stdin (see enum input_tty). 0 or -1. */
int input_tty_open(enum input_tty how);
void input_tty_close(void);

/* evdev (input_evdev.c): a key code (linux/input-event-codes.h) with the
 * modifiers and Caps Lock state, as a key press. 0, or -1 for keys that
 * produce no event (modifiers, unknown codes). */
int input_evdev_key(unsigned code, unsigned mods, bool caps, struct input_key *k);
int input_evdev_open(void);
void input_evdev_close(void);
unsigned input_evdev_count(void);

/* Ctrl+Shift+c (the key "Ctrl+C") in the window of an app with `shell`:
 * fn copies its last output (start/sup.c registers shline_copy). */
void input_on_copy(void (*fn)(struct app *a));

#endif

/* taskbar: the buttons of the status strip, one per app window (docs/
 * display.md, "Taskbar"). A button appears when an app's window first
 * opens and stays, in that order, while the app runs or is coming back:
 * running, minimized, restarting (its window went with a crash and the
 * policy brings it back) or failed (it gave up); it goes when the app is
 * stopped on purpose or removed. It also marks a window that asks for
 * attention (focus.c), blinking at first. The compositor paints the strip
 * and asks for the buttons; input.c turns a click into an action. */
#ifndef VYOMA_TASKBAR_H
#define VYOMA_TASKBAR_H

#include <stdbool.h>
#include <stdint.h>

#include "canvas.h"
#include "wm.h"

#define TASKBAR_LOGO_W 84     /* "VyomaOS" at the strip's left end: the launcher's button */
#define TASKBAR_RIGHT_W 190   /* kept free at the right end: the app count and the clock */
#define TASKBAR_BTN_MAX 150   /* a button's width, when there is room */
#define TASKBAR_BTN_MIN 24
#define TASKBAR_GAP 4
#define TASKBAR_BLINK_MS 6000 /* an attention mark blinks this long, then stays */
#define TASKBAR_MAX WM_MAX_WINDOWS

enum taskbar_state { TASKBAR_RUNNING, TASKBAR_MINIMIZED, TASKBAR_RESTARTING, TASKBAR_FAILED };

struct taskbar_button {
	uint64_t app_id;
	char name[WM_NAME_MAX + 1];
	uint32_t accent;
	enum taskbar_state kind;
	bool focused, attention;
	uint64_t attention_ms;
	struct canvas_rect r; /* screen coordinates */
};

/* fn(r) when screen rect r must be repainted (the compositor's
 * comp_damage): the blink of an attention mark, on a loop timer. */
void taskbar_set_damage_hook(void (*fn)(struct canvas_rect r));
/* The strip the buttons live in (the compositor, at start). */
void taskbar_init(struct canvas_rect strip);
void taskbar_fini(void);
/* A window of app_id has opened: its button comes (if it has none). */
void taskbar_add(uint64_t app_id);
/* Bring the buttons up to date with the windows and apps; a number that
 * changes whenever what the buttons show changes (the blink included), so
 * the compositor knows when to repaint the strip. */
uint64_t taskbar_update(uint64_t now_ms);
/* The buttons, left to right (valid until the next update). */
unsigned taskbar_count(void);
const struct taskbar_button *taskbar_get(unsigned i);
/* The button at screen (x, y), or NULL. */
const struct taskbar_button *taskbar_hit(int x, int y);
/* The launcher's button ("VyomaOS"). */
struct canvas_rect taskbar_logo(void);
const char *taskbar_state_name(enum taskbar_state s);
/* Paint the logo and the buttons, inside clip. */
void taskbar_paint(struct canvas *f, const struct canvas_rect *clip, uint64_t now_ms);

#endif

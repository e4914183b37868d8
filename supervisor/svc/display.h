/* display: the interface between the broker and the display module
 * (svc/draw.*, fb*, wm*, comp*, input*). */
#ifndef VYOMA_DISPLAY_H
#define VYOMA_DISPLAY_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"

/* What the display needs to know of the supervisor's options. */
struct display_cfg {
	bool real_pid1; /* the hardware is ours (DRM, /dev/fb0, evdev) */
	bool hosted;    /* keyboard from our terminal when it is a TTY */
	bool evdev;     /* evdev input when hosted (--evdev) */
	int screen_w, screen_h; /* off-screen size (0: default) */
	const char *fb_file;    /* the frame file for a viewer, hosted */
	const char *root;       /* where data/ and etc/vyoma/ are: the wallpaper */
};

/* One VYOMA_DRAW line from app a, already checked for the display
 * capability, valid UTF-8 and the length limit. `line` is the payload after
 * the "VYOMA_DRAW:" prefix (e.g. "fill_rect:0,0,10,10,ff0000ff"),
 * NUL-terminated at line[len]. 0, or -1 with a reason in err, which the
 * supervisor sends back to the app as "@supervisor: error: draw: <err>". */
int display_draw_line(struct app *a, const char *line, size_t len, char *err, size_t errlen);
/* Lifecycle news (an app_subscribe() subscriber): the window of an app
 * whose process exited goes (once per exit); crashes and give-ups become
 * notices (notice.c). */
void display_app_event(struct app *a, enum app_event ev);
/* The system is ready (every boot app has settled; a sys_on_ready()
 * subscriber): the boot focus rule (focus.c) may end, and the wallpaper
 * is read (wall.c), so that it never holds back the boot apps. */
void display_ready(void);
/* Give a's window the focus (and raise it), as a click would. 0, or -1
 * when it has no window. */
int display_focus_app(const struct app *a);
/* A message from `from` was delivered to `to`: when to's window is
 * minimized or wholly under another one, a notice says so and its taskbar
 * button asks for attention (once per DISPLAY_MSG_NOTICE_MS per window). */
void display_message_arrived(struct app *to, const struct app *from);
/* Screen, compositor and input (display.c), after ev_init; and their end. */
int display_init(const struct display_cfg *o);
void display_fini(void);

#endif

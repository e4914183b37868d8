/* launcher: the list of every app the system can start (each directory of
 * the apps dir with a manifest that loads), with its description, shown
 * over the desktop above the "VyomaOS" button (docs/display.md,
 * "Launcher"). F1, Alt+F1 or a click on "VyomaOS" opens it; Up, Down,
 * Home, End, a letter (the next app of that initial), Enter and Escape,
 * or a click on a row, work it. Choosing an app starts it through the
 * same path as `start` (pm, registered at start as the start function),
 * so its window takes the focus; an app whose window is open is raised. */
#ifndef VYOMA_LAUNCHER_H
#define VYOMA_LAUNCHER_H

#include <stdbool.h>
#include <stddef.h>

#include "canvas.h"
#include "manifest.h"

#define LAUNCHER_MAX 128 /* apps listed */
#define LAUNCHER_W 560
#define LAUNCHER_ROW 22
#define LAUNCHER_HEAD 44 /* title and rule */
#define LAUNCHER_FOOT 30 /* the key hint */

struct launcher_entry {
	char name[MAN_NAME_MAX + 1];
	char desc[MAN_DESC_MAX + 1];
};

/* How an app is started (pm_start_app, registered by start/sup.c): 0, or
 * -1 with the reason in err. */
typedef int (*launcher_start_fn)(const char *name, char *err, size_t errlen);
void launcher_set_start_fn(launcher_start_fn fn);
/* fn(r) when screen rect r must be repainted (the compositor's comp_damage). */
void launcher_set_damage_hook(void (*fn)(struct canvas_rect r));
/* The desktop it is shown on, and its test verb (the display, at start). */
void launcher_init(struct canvas_rect desk);
void launcher_fini(void);

/* Open (reading the apps dir again), close, toggle. */
void launcher_open(void);
void launcher_close(void);
void launcher_toggle(void);
bool launcher_shown(void);
/* A key while it is shown (every key is its own then). */
void launcher_key(const char *name);
/* A press at screen (x, y) while it is shown: a row starts its app; any
 * other place outside the panel closes it. */
void launcher_click(int x, int y);
/* Start app `name` as a person asked (a row, a failed or restarting
 * taskbar button), or raise its window when it has one. 0 or -1 (logged). */
int launcher_start(const char *name);

struct canvas_rect launcher_rect(void);
void launcher_paint(struct canvas *f, const struct canvas_rect *clip);

#endif

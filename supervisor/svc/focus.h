/* focus: which window takes the focus when it opens. During boot, the
 * boot focus (boot.toml's `focus = true` entry, else its first app with a
 * window) has it when the system is ready, whatever order the windows
 * open in. After boot, only a window a person asked for (a `start` or
 * `restart` command, the launcher) takes it; one that opens by itself (an
 * automatic restart, a reload) opens under the focused window and asks
 * for attention. Part of the display module: display.c asks before each
 * window opens and tells it when one has opened and when the system is
 * ready; pm and the launcher say which app a person asked for. */
#ifndef VYOMA_FOCUS_H
#define VYOMA_FOCUS_H

#include <stdbool.h>

struct app;

/* The grace after readiness for a boot app that declares `display` and
 * has not opened its window yet. */
#define FOCUS_BOOT_GRACE_MS 30000u

/* How many asked-for apps are remembered at once (the oldest is dropped). */
#define FOCUS_ASKED_MAX 16

/* Where a window that opens goes. */
enum focus_open {
	FOCUS_OPEN_TAKE,      /* on top, with the focus */
	FOCUS_OPEN_UNDER,     /* under the focused window (boot) */
	FOCUS_OPEN_ATTENTION, /* under it, and its taskbar button asks for attention */
};

/* Where the window app a is about to open goes. */
enum focus_open focus_on_open(const struct app *a);
/* A person asked for app a (start, restart, the launcher): the window of
 * its run number `run` (a->runs once that run has started) takes the
 * focus when it opens. */
void focus_user_asked(const struct app *a, unsigned run);
/* A window has opened (a->display is set). */
void focus_opened(void);
/* The system is ready. */
void focus_ready(void);
/* Back to the start of boot (display_init); and its end (display_fini). */
void focus_reset(void);

#endif

/* focus: which window takes the focus when it opens, so that the boot
 * focus (boot.toml's `focus = true` entry, else its first app with a
 * window) has it when the system is ready, whatever order the windows
 * open in. Part of the display module: display.c asks before each window
 * opens and tells it when one has opened and when the system is ready. */
#ifndef VYOMA_FOCUS_H
#define VYOMA_FOCUS_H

#include <stdbool.h>

struct app;

/* The grace after readiness for a boot app that declares `display` and
 * has not opened its window yet. */
#define FOCUS_BOOT_GRACE_MS 30000u

/* Should the window app a is about to open take the focus? */
bool focus_on_open(const struct app *a);
/* A window has opened (a->display is set). */
void focus_opened(void);
/* The system is ready. */
void focus_ready(void);
/* Back to the start of boot (display_init); and its end (display_fini). */
void focus_reset(void);

#endif

/* display: the interface between the broker and the display module
 * (supervisor/draw.*, fb*, wm*). display_stub.c holds weak defaults that
 * only count, used until the display module links its own definitions. */
#ifndef VYOMA_DISPLAY_H
#define VYOMA_DISPLAY_H

#include <stddef.h>

struct app;
struct sup_opts;

/* One VYOMA_DRAW line from app a, already checked for the display
 * capability, valid UTF-8 and the length limit. `line` is the payload after
 * the "VYOMA_DRAW:" prefix (e.g. "fill_rect:0,0,10,10,ff0000ff"),
 * NUL-terminated at line[len]. 0, or -1 with a reason in err, which the
 * supervisor sends back to the app as "@supervisor: error: draw: <err>". */
int display_draw_line(struct app *a, const char *line, size_t len, char *err, size_t errlen);
/* App a's process exited or its window must go (called once per exit). */
void display_app_exit(struct app *a);
/* The system is ready (every boot app has settled): the boot focus rule
 * (focus.c) may end. */
void display_ready(void);
/* Screen, compositor and input (display.c), after ev_init; and their end. */
int display_init(const struct sup_opts *o);
void display_fini(void);

#endif

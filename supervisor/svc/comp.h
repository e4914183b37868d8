/* comp: the compositor. It keeps a list of damaged screen rectangles and,
 * at most COMP_FRAME_MS apart (a timer on the event loop, never a wait),
 * repaints only those: the desktop, the windows bottom to top (wm_paint),
 * the status strip, the shortcut overlay and the pointer; then hands the
 * rectangles to the framebuffer backend. */
#ifndef VYOMA_COMP_H
#define VYOMA_COMP_H

#include <stdbool.h>
#include <stdint.h>

#include "canvas.h"

#define COMP_FRAME_MS 16   /* at most ~60 frames a second */
#define COMP_DAMAGE_MAX 32 /* rects kept; more are merged */
#define COMP_STRIP_H 24    /* the status strip, along the bottom of the screen */

struct comp_stats {
	uint64_t frames;    /* frames composed */
	uint64_t rects;     /* damage rects painted */
	uint64_t pixels;    /* pixels painted */
	uint64_t last_us;   /* time of the last frame */
	uint64_t max_us;    /* the slowest frame */
	uint64_t present_errors;
};

/* Start on the open framebuffer (fb_frame()); the whole screen is damaged. */
int comp_init(void);
void comp_fini(void);

/* Screen rect r needs repainting; a frame is scheduled. */
void comp_damage(struct canvas_rect r);
void comp_damage_all(void);
/* Paint what is damaged now (a screenshot must see every command so far). */
void comp_frame_now(void);

/* The status strip shows the clock (UTC), the focused app and the number
 * of running apps, which fn counts (NULL: the number of windows). */
void comp_set_count_fn(unsigned (*fn)(void));
/* The shortcut overlay: title and "key  what it does" rows. */
void comp_set_overlay(bool shown);
bool comp_overlay_shown(void);
void comp_set_overlay_rows(const char *const (*rows)[2], int n);
/* The desktop's wallpaper from now on (wall.c): the compositor takes c's
 * pixels (c is emptied) and frees them at comp_fini. */
void comp_set_wallpaper(struct canvas *c);
/* The pointer (drawn only once a pointing device has been seen). */
void comp_set_pointer(bool shown, int x, int y);

const struct comp_stats *comp_get_stats(void);

#endif

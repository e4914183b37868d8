/* wm: the window manager. A window per display app: its place on the
 * screen, its two content canvases (the app draws into back; flush copies
 * what changed to front, which is what the screen shows), its chrome (a
 * border and a title bar with the app's name, a close box and the app's
 * accent colour), the stacking order with one focused window on top,
 * minimizing, the attention mark, and where a new window goes (the first
 * free place that fits).
 * It knows nothing of apps or input devices: display.c and input.c drive
 * it, and every change it makes is reported to the compositor as damage. */
#ifndef VYOMA_WM_H
#define VYOMA_WM_H

#include <stdbool.h>
#include <stdint.h>

#include "canvas.h"

/* Chrome geometry (docs/display.md): the content's top-left corner is at
 * (x + WM_BORDER, y + WM_BORDER + WM_TITLE_H) of the window's outer corner. */
#define WM_BORDER 2
#define WM_TITLE_H 24
#define WM_CLOSE_W 24        /* the close box at the right end of the title bar */
#define WM_MIN_CONTENT 16
#define WM_DEFAULT_W 480     /* content size when nobody asks for one */
#define WM_DEFAULT_H 320
#define WM_NAME_MAX 31
#define WM_MAX_WINDOWS 256

struct wm_stats {
	uint64_t draws;   /* draw commands rendered */
	uint64_t errors;  /* draw commands refused */
	uint64_t flushes; /* frames presented */
};

struct wm_win {
	uint64_t app_id;              /* whose window (the display module's key) */
	uint64_t seq;                 /* opening order, for focus cycling */
	char name[WM_NAME_MAX + 1];
	struct canvas_rect outer;     /* screen coordinates, chrome included */
	struct canvas back, front;    /* content: what the app draws, what is shown */
	struct canvas_rect back_dmg;  /* of back, drawn since the last flush */
	uint32_t accent;              /* 0xRRGGBB, from the name */
	bool focused;
	bool minimized;               /* not drawn, not hit, skipped by focus cycling */
	bool attention;               /* opened by itself under the focus, or a message came
	                               * while hidden (display.c); until focused */
	bool maximized;               /* fills the desktop; `restore` is where it was */
	struct canvas_rect restore;   /* the outer rect before maximizing */
	int sent_w, sent_h;           /* the content size the app was last told (display.c) */
	uint64_t resize_ms;           /* when it was told (display.c: one resize line a frame) */
	bool resize_due;              /* a newer size waits for the next frame */
	uint64_t msg_notice_ms;       /* the last "message for a hidden window" notice */
	uint64_t attention_ms;        /* when it began (the display's clock), for blinking */
	struct wm_stats st;
	struct wm_win *above, *below; /* stacking order */
};

/* Where a point is, for input. WM_PART_BORDER is a resize grip: the
 * border and a WM_GRIP band just outside it (wm_edges says which edges). */
enum wm_part { WM_PART_NONE, WM_PART_CONTENT, WM_PART_TITLE, WM_PART_CLOSE, WM_PART_BORDER };
#define WM_GRIP 4     /* pixels outside the border that still grab an edge */
#define WM_CORNER 16  /* along an edge this near a corner, both edges move */
#define WM_EDGE_LEFT   1u
#define WM_EDGE_RIGHT  2u
#define WM_EDGE_TOP    4u
#define WM_EDGE_BOTTOM 8u

/* Placement request: a position (or the first free place) and a content
 * size (or default). A window opened in the background goes just under the
 * focused window and leaves it the focus (it is focused only when none
 * is); with attention, it is marked until it gets the focus. */
struct wm_place {
	bool has_pos;
	int x, y;
	int w, h; /* content size; 0: default */
	bool background;
	bool attention;
};

/* Free-place search (wm_open without a position): candidate corners on a
 * WM_PLACE_STEP grid from (WM_PLACE_MARGIN, WM_PLACE_MARGIN), row by row;
 * the first where the window fits on the desktop without overlapping
 * another (minimized ones count: they come back) wins. When none is free,
 * a cascade in WM_CASCADE steps, skipping corners another window has. */
#define WM_PLACE_MARGIN 16
#define WM_PLACE_STEP 16
#define WM_CASCADE 28

/* An app's accent colour (0xRRGGBB): FNV-1a of its name picks one of eight. */
uint32_t wm_accent(const char *name);
/* The desktop: where windows may go (the screen minus the status strip). */
void wm_set_desktop(struct canvas_rect desk);
struct canvas_rect wm_desktop(void);

/* A new window on top, focused (or under the focused one: background).
 * NULL when out of memory or windows. */
struct wm_win *wm_open(uint64_t app_id, const char *name, const struct wm_place *p);
/* Remove and free; focus passes to the new top window. */
void wm_close(struct wm_win *w);
void wm_close_all(void);

struct wm_win *wm_bottom(void);  /* walk up with ->above */
struct wm_win *wm_top(void);
struct wm_win *wm_focused(void);
struct wm_win *wm_find(uint64_t app_id);
unsigned wm_count(void);

/* Raise w and give it the focus (NULL: nobody has it). */
void wm_focus(struct wm_win *w);
/* Focus the next (dir > 0) or previous window, in opening order,
 * skipping minimized ones. */
void wm_focus_cycle(int dir);
/* Hide w (not drawn, not hit); the focus passes to the top visible window. */
void wm_minimize(struct wm_win *w);
/* Show it again (wm_focus also does: focusing a minimized window restores it). */
void wm_restore(struct wm_win *w);
/* The highest window that is not minimized, or NULL. */
struct wm_win *wm_top_visible(void);
/* Called after every focus change with the window that lost and the one
 * that gained it (either may be NULL). */
void wm_set_focus_hook(void (*fn)(struct wm_win *lost, struct wm_win *gained));
/* fn(r) whenever screen rect r must be repainted (the compositor's
 * comp_damage, set by comp_init; NULL: nobody paints). */
void wm_set_damage_hook(void (*fn)(struct canvas_rect r));

/* Move the outer corner to (x, y), kept so that part of the title bar stays
 * on the desktop. */
void wm_move(struct wm_win *w, int x, int y);
/* Give w the outer rect o: the content size is clamped to
 * WM_MIN_CONTENT..the desktop, the place kept reachable, and the canvases
 * reallocated (the old content kept at the top left, the rest black).
 * Any size change ends `maximized` unless `max` says it is one. 0, or -1
 * when out of memory (w unchanged). The resize hook hears every change. */
int wm_resize(struct wm_win *w, struct canvas_rect o, bool max);
/* Fill the desktop, or go back to where it was (the restore rect). */
int wm_toggle_maximize(struct wm_win *w);
/* fn(w) after w's content size changed (display.c tells the app). */
void wm_set_resize_hook(void (*fn)(struct wm_win *w));
/* Called when the user moved w (a drag or the keys); display.c keeps its place. */
void wm_set_move_hook(void (*fn)(struct wm_win *w));
/* Which edges of w a press at screen (x, y) grabs (WM_EDGE_*; 0: none). */
unsigned wm_edges(const struct wm_win *w, int x, int y);
struct canvas_rect wm_content(const struct wm_win *w); /* screen coordinates */
/* The topmost window at screen point (x, y) and which part of it. */
struct wm_win *wm_hit(int x, int y, enum wm_part *part);

/* Back to front where it changed since the last flush, and damage. */
void wm_flush(struct wm_win *w);
/* Paint w (chrome and front) into frame, only inside clip. */
void wm_paint(const struct wm_win *w, struct canvas *frame, const struct canvas_rect *clip);

#endif

/* canvas: an XRGB8888 pixel buffer and the primitives everything on screen
 * is made of (fill, blend, outline, line, pixel, blit) plus damage-rect
 * arithmetic. Windows, the compositor's frame and the framebuffer backends
 * are all canvases. Every primitive takes any int coordinates (huge,
 * negative, overflow-prone) and clips them; none can write outside the
 * buffer or the clip rect. */
#ifndef VYOMA_CANVAS_H
#define VYOMA_CANVAS_H

#include <stdbool.h>
#include <stdint.h>

#define CANVAS_MAX_DIM 16384 /* widest or tallest canvas canvas_init makes */

/* A rectangle; empty when w <= 0 or h <= 0. Functions that compute a rect
 * return the empty rect as {0, 0, 0, 0}. */
struct canvas_rect {
	int x, y, w, h;
};

struct canvas {
	uint32_t *px; /* pixel (x, y) is px[y * stride + x], 0x00RRGGBB */
	int w, h;
	int stride;   /* pixels per row, >= w */
	int cap_h;    /* rows allocated, >= h (canvas_resize reuses them) */
	bool owned;   /* px belongs to the canvas (canvas_init), freed by canvas_free */
};

/* A canvas of w x h black pixels, 1 <= w, h <= CANVAS_MAX_DIM. */
int canvas_init(struct canvas *c, int w, int h);
/* Make an owned canvas w x h, keeping its pixels at the top left; the
 * rest is black. Shrinking, or growing within what is allocated, moves no
 * memory; growing past it allocates a quarter more than asked (up to
 * CANVAS_MAX_DIM), so a window dragged bigger reallocates a few times,
 * not at every step. 0, or -1 (c unchanged). */
int canvas_resize(struct canvas *c, int w, int h);
/* A canvas over memory someone else owns (a DRM dumb buffer, a test array). */
int canvas_wrap(struct canvas *c, uint32_t *px, int w, int h, int stride);
void canvas_free(struct canvas *c);
struct canvas_rect canvas_bounds(const struct canvas *c);
/* The pixel at (x, y) as 0x00RRGGBB; 0 outside the canvas. */
uint32_t canvas_get(const struct canvas *c, int x, int y);

bool canvas_rect_empty(struct canvas_rect r);
bool canvas_rect_contains(struct canvas_rect r, int x, int y);
struct canvas_rect canvas_rect_intersect(struct canvas_rect a, struct canvas_rect b);
/* The smallest rect covering both (an empty operand is ignored); a result
 * wider or taller than INT_MAX is cut to INT_MAX. */
struct canvas_rect canvas_rect_union(struct canvas_rect a, struct canvas_rect b);

/* One pixel: straight-alpha `rgba` (0xRRGGBBAA) over `dst` (0x00RRGGBB),
 * per channel out = (src * a + dst * (255 - a) + 127) / 255. */
uint32_t canvas_blend(uint32_t dst, uint32_t rgba);

/* Drawing. `rgba` is 0xRRGGBBAA and blends; `clip` NULL means the whole
 * canvas, otherwise drawing is limited to clip and the canvas. Each returns
 * the rect it touched (empty when nothing was drawn). */
struct canvas_rect canvas_put(struct canvas *c, const struct canvas_rect *clip, int x, int y,
			      uint32_t rgba);
struct canvas_rect canvas_fill(struct canvas *c, const struct canvas_rect *clip,
			       struct canvas_rect r, uint32_t rgba);
/* A one-pixel outline along the inside of r; each pixel is drawn once. */
struct canvas_rect canvas_outline(struct canvas *c, const struct canvas_rect *clip,
				  struct canvas_rect r, uint32_t rgba);
/* A filled disc of diameter CANVAS_DOT with its bounding box's corner at
 * (x, y): the accent dot of title bars, the strip and the launcher. */
#define CANVAS_DOT 8
struct canvas_rect canvas_dot(struct canvas *c, const struct canvas_rect *clip, int x, int y,
			      uint32_t rgba);
/* Bresenham from (x0, y0) to (x1, y1), both ends included. The same pixels
 * whichever end comes first; exact even when the ends lie far outside. */
struct canvas_rect canvas_line(struct canvas *c, const struct canvas_rect *clip, int x0, int y0,
			       int x1, int y1, uint32_t rgba);
/* Copy (no blending) the part `from` of src so that from's corner lands at
 * (x, y) of dst. src may be dst; overlapping areas are copied correctly. */
struct canvas_rect canvas_blit(struct canvas *dst, const struct canvas_rect *clip, int x, int y,
			       const struct canvas *src, struct canvas_rect from);
/* Blend w x h pixels of 0xRRGGBBAA (row r starts at px + r * stride) with
 * their corner at (x, y). */
struct canvas_rect canvas_blit_rgba(struct canvas *dst, const struct canvas_rect *clip, int x,
				    int y, const uint32_t *px, int w, int h, int stride);

#endif

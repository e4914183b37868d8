/* draw: the VYOMA_DRAW protocol (docs/draw.md). draw_parse turns the text
 * after "VYOMA_DRAW:" into a struct draw_cmd, strictly, without allocating;
 * draw_exec renders one command into a window's back buffer. `flush` is
 * parsed here and acted on by the caller (the window swaps its buffers). */
#ifndef VYOMA_DRAW_H
#define VYOMA_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include "canvas.h"
#include "font.h"

#define DRAW_PREFIX     "VYOMA_DRAW:"
#define DRAW_COORD_MAX  1000000 /* |every integer| <= this */
#define DRAW_BLIT_MAX   4096    /* blit: at most this many pixels (w * h) */
#define DRAW_ERR_MAX    128     /* an error buffer this big holds any message */

enum draw_op {
	DRAW_FILL_RECT, /* fill_rect:<x>,<y>,<w>,<h>,<rgba> */
	DRAW_TEXT,      /* draw_text:<x>,<y>,<rgba>,<size>,<text> */
	DRAW_FLUSH,     /* flush */
	DRAW_CLEAR,     /* clear:<rgba> */
	DRAW_LINE,      /* line:<x0>,<y0>,<x1>,<y1>,<rgba> */
	DRAW_RECT,      /* rect:<x>,<y>,<w>,<h>,<rgba> */
	DRAW_PIXEL,     /* pixel:<x>,<y>,<rgba> */
	DRAW_BLIT,      /* blit:<x>,<y>,<w>,<h>,<w*h RRGGBBAA hex pixels> */
	DRAW_OP_COUNT
};

struct draw_cmd {
	enum draw_op op;
	int x, y;            /* the corner, the pixel, a line's start, text's first cell */
	int w, h;            /* fill_rect, rect, blit: both > 0 */
	int x1, y1;          /* line: the end */
	uint32_t rgba;       /* 0xRRGGBBAA (6-digit colours get AA = ff) */
	enum font_size size; /* draw_text */
	const char *data;    /* draw_text: the UTF-8 text; blit: the hex pixels. */
	size_t data_len;     /*   Points into the parsed line: valid while it is. */
};

/* Parse s[0..len) (the line after DRAW_PREFIX, no newline). On error
 * returns -1 and writes a short message such as
 * "fill_rect: expected 5 fields, got 3" to err (always terminated). */
int draw_parse(const char *s, size_t len, struct draw_cmd *cmd, char *err, size_t errlen);

/* Render cmd into back (the window's content area: coordinates are
 * relative to it and clipped to it). Returns the damaged rect of back,
 * empty for flush and for anything wholly outside. */
struct canvas_rect draw_exec(const struct draw_cmd *cmd, struct canvas *back);

/* The protocol name of op ("fill_rect", ...), "?" for an unknown op. */
const char *draw_op_name(enum draw_op op);

#endif

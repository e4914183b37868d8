/* font: glyph lookup, UTF-8 decoding and text rendering (see font.h).
 * The glyph data is generated once from a Debian console font by
 * scripts/genfont.py into font8x16.h. The small size is derived here, not
 * stored: the VGA glyphs draw vertical strokes two pixels wide, so ORing
 * whole 2x2 blocks smears neighbouring strokes together; taking the odd
 * column of each pair and ORing each pair of rows keeps 4x8 text legible
 * and never loses a glyph entirely. */
#include "font.h"

#include <stdbool.h>

#include "font8x16.h"

static const struct {
	int w, h;
	int shift; /* log2 of the scale of the source bitmap */
} font_sizes[] = {
	[FONT_SMALL] = { 4, 8, 0 },
	[FONT_MEDIUM] = { 8, 16, 0 },
	[FONT_LARGE] = { 16, 32, 1 },
};

static enum font_size size_ok(enum font_size size)
{
	return (unsigned)size <= FONT_LARGE ? size : FONT_MEDIUM;
}

int font_cell_w(enum font_size size) { return font_sizes[size_ok(size)].w; }
int font_cell_h(enum font_size size) { return font_sizes[size_ok(size)].h; }

static bool is_cont(unsigned char b) { return (b & 0xC0u) == 0x80u; }

uint32_t font_utf8_next(const char *s, size_t len, size_t *used)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp, min;
	size_t n;

	*used = 1;
	if (len == 0)
		return FONT_REPLACEMENT;
	if (u[0] < 0x80)
		return u[0];
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		n = 2; cp = u[0] & 0x1Fu; min = 0x80;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3; cp = u[0] & 0x0Fu; min = 0x800;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4; cp = u[0] & 0x07u; min = 0x10000;
	} else {
		return FONT_REPLACEMENT; /* continuation byte, C0, C1, F5..FF */
	}
	if (len < n)
		return FONT_REPLACEMENT;
	for (size_t i = 1; i < n; i++) {
		if (!is_cont(u[i]))
			return FONT_REPLACEMENT;
		cp = (cp << 6) | (u[i] & 0x3Fu);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return FONT_REPLACEMENT;
	*used = n;
	return cp;
}

size_t font_utf8_count(const char *s, size_t len)
{
	size_t n = 0, used;

	for (size_t i = 0; i < len; i += used, n++)
		font_utf8_next(s + i, len - i, &used);
	return n;
}

const uint8_t *font_glyph(uint32_t cp)
{
	if (cp >= FONT8X16_FIRST && cp <= FONT8X16_LAST)
		return font8x16_glyphs[cp - FONT8X16_FIRST];
	return font8x16_replacement;
}

void font_glyph_small(uint32_t cp, uint8_t rows[8])
{
	const uint8_t *g = font_glyph(cp);

	for (int y = 0; y < 8; y++) {
		unsigned r = g[2 * y] | g[2 * y + 1], out = 0;

		/* Columns 1, 3, 5, 7 (bits 6, 4, 2, 0) become bits 3..0. */
		for (int x = 0; x < 4; x++)
			out |= ((r >> (6 - 2 * x)) & 1u) << (3 - x);
		rows[y] = (uint8_t)out;
	}
}

struct glyph_job {
	struct canvas *c;
	int64_t cx0, cy0, cx1, cy1; /* the clip, inside the canvas */
	uint32_t rgba;
	int bits;                   /* bitmap width: 4 or 8 */
	int shift;
};

/* One cell with its corner at (x, y), w x h, already known to meet the
 * clip; returns the visible part of the cell. */
static struct canvas_rect draw_cell(const struct glyph_job *j, const uint8_t *rows, int64_t x, int64_t y,
		      int64_t w, int64_t h)
{
	int64_t x0 = x > j->cx0 ? x : j->cx0, x1 = x + w < j->cx1 ? x + w : j->cx1;
	int64_t y0 = y > j->cy0 ? y : j->cy0, y1 = y + h < j->cy1 ? y + h : j->cy1;
	bool opaque = (j->rgba & 0xFFu) == 0xFFu;
	uint32_t rgb = j->rgba >> 8;

	for (int64_t py = y0; py < y1; py++) {
		unsigned bits = rows[(py - y) >> j->shift];
		uint32_t *p = j->c->px + (size_t)py * (size_t)j->c->stride;

		/* Walk the set bits only (a glyph row has few), leftmost
		 * first; each is a run of 1 << shift pixels, clipped. */
		while (bits) {
			int top = 31 - __builtin_clz(bits);
			int64_t gx = j->bits - 1 - top;
			int64_t a = x + (gx << j->shift), b = a + (1 << j->shift);

			bits &= ~(1u << top);
			if (a < x0)
				a = x0;
			if (b > x1)
				b = x1;
			for (int64_t px = a; px < b; px++)
				p[px] = opaque ? rgb : canvas_blend(p[px], j->rgba);
		}
	}
	return (struct canvas_rect){ (int)x0, (int)y0, (int)(x1 - x0), (int)(y1 - y0) };
}

struct canvas_rect font_draw(struct canvas *c, const struct canvas_rect *clip, int x, int y,
			     uint32_t rgba, enum font_size size, const char *s, size_t len)
{
	struct canvas_rect cr = canvas_bounds(c), dmg = { 0, 0, 0, 0 };
	enum font_size sz = size_ok(size);
	int64_t w = font_sizes[sz].w, h = font_sizes[sz].h, gx = x;
	struct glyph_job j;
	size_t used;

	if (clip)
		cr = canvas_rect_intersect(cr, *clip);
	if (!c->px || canvas_rect_empty(cr) || (rgba & 0xFFu) == 0)
		return dmg;
	j = (struct glyph_job){ c, cr.x, cr.y, (int64_t)cr.x + cr.w, (int64_t)cr.y + cr.h, rgba,
				sz == FONT_SMALL ? 4 : 8, font_sizes[sz].shift };
	if ((int64_t)y >= j.cy1 || (int64_t)y + h <= j.cy0)
		return dmg;
	for (size_t i = 0; i < len && gx < j.cx1; i += used, gx += w) {
		uint32_t cp = font_utf8_next(s + i, len - i, &used);
		uint8_t small[8];
		const uint8_t *rows;

		if (gx + w <= j.cx0)
			continue;
		if (sz == FONT_SMALL) {
			font_glyph_small(cp, small);
			rows = small;
		} else {
			rows = font_glyph(cp);
		}
		dmg = canvas_rect_union(dmg, draw_cell(&j, rows, gx, y, w, h));
	}
	return dmg;
}

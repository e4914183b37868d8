/* font: glyph lookup, UTF-8 decoding and text rendering (see font.h).
 * The glyph data is generated once from Debian console fonts by
 * scripts/genfont.py into font8x16.h (VGA) and font6x12.h (Terminus):
 * ASCII by index, Latin-1 and symbols by a binary search. The small size is derived here, not
 * stored: the VGA glyphs draw vertical strokes two pixels wide, so ORing
 * whole 2x2 blocks smears neighbouring strokes together; taking the odd
 * column of each pair and ORing each pair of rows keeps 4x8 text legible
 * and never loses a glyph entirely. */
#include "font.h"

#include <stdbool.h>

#include "font6x12.h"
#include "font8x16.h"

static const struct {
	int w, h;
	int shift; /* log2 of the scale of the source bitmap */
} font_sizes[] = {
	[FONT_SMALL] = { 4, 8, 0 },
	[FONT_MEDIUM] = { 8, 16, 0 },
	[FONT_LARGE] = { 16, 32, 1 },
	[FONT_TEXT] = { 6, 12, 0 },
};

static enum font_size size_ok(enum font_size size)
{
	return (unsigned)size <= FONT_TEXT ? size : FONT_MEDIUM;
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

/* The index of cp in a sorted table of n code points, or -1. */
static int font_find(const unsigned short *cps, int n, uint32_t cp)
{
	int lo = 0, hi = n - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (cps[mid] == cp)
			return mid;
		if (cps[mid] < cp)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* One generated font: ASCII by index, the rest by a binary search. */
struct font_data {
	const unsigned char *ascii, *extra, *repl; /* glyphs of h rows each */
	const unsigned short *cps;
	int n, h;
};

static const struct font_data font_vga = {
	&font8x16_glyphs[0][0], &font8x16_extra[0][0], font8x16_replacement, font8x16_extra_cp,
	FONT8X16_EXTRA, 16,
};
static const struct font_data font_term = {
	&font6x12_glyphs[0][0], &font6x12_extra[0][0], font6x12_replacement, font6x12_extra_cp,
	FONT6X12_EXTRA, 12,
};

static const uint8_t *font_lookup(const struct font_data *f, uint32_t cp)
{
	int i;

	if (cp >= 32 && cp <= 126)
		return f->ascii + (cp - 32) * (uint32_t)f->h;
	if ((i = font_find(f->cps, f->n, cp)) >= 0)
		return f->extra + i * f->h;
	return f->repl;
}

const uint8_t *font_glyph(uint32_t cp) { return font_lookup(&font_vga, cp); }
const uint8_t *font_glyph_text(uint32_t cp) { return font_lookup(&font_term, cp); }

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
		} else if (sz == FONT_TEXT) {
			rows = font_glyph_text(cp);
		} else {
			rows = font_glyph(cp);
		}
		dmg = canvas_rect_union(dmg, draw_cell(&j, rows, gx, y, w, h));
	}
	return dmg;
}

/* font: the built-in bitmap fonts (ASCII, Latin-1 and common symbols from
 * two Debian console fonts, a box for everything else), UTF-8 decoding
 * and text rendering in the four sizes of the draw protocol: small 4x8
 * (derived from the 8x16 font), text 6x12 (a font of its own, small and
 * legible), medium 8x16, large 16x32. */
#ifndef VYOMA_FONT_H
#define VYOMA_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "canvas.h"

enum font_size { FONT_SMALL, FONT_MEDIUM, FONT_LARGE, FONT_TEXT };

#define FONT_REPLACEMENT 0xFFFDu /* what font_utf8_next returns for bad bytes */

/* Width and height of one character cell. */
int font_cell_w(enum font_size size);
int font_cell_h(enum font_size size);

/* Decode the code point at s[0..len) (len >= 1). *used is set to the bytes
 * consumed, always >= 1 and <= len. Truncated, overlong, surrogate or
 * out-of-range sequences and stray continuation bytes give
 * FONT_REPLACEMENT and consume one byte. Never reads past s[len - 1]. */
uint32_t font_utf8_next(const char *s, size_t len, size_t *used);
/* Code points in s[0..len): the number of cells the text takes. */
size_t font_utf8_count(const char *s, size_t len);

/* The 8x16 bitmap of cp: 16 rows, top first, bit 7 the leftmost pixel.
 * A code point the font lacks (outside ASCII, Latin-1 and the symbols
 * of scripts/genfont.py) gets the replacement box. */
const uint8_t *font_glyph(uint32_t cp);
/* The same from the 6x12 font: 12 rows, bits 7..2. */
const uint8_t *font_glyph_text(uint32_t cp);
/* The 4x8 bitmap of cp: 8 rows, bit 3 the leftmost pixel. */
void font_glyph_small(uint32_t cp, uint8_t rows[8]);

/* Draw s[0..len) with the top-left of its first cell at (x, y), one cell
 * per code point, in rgba (0xRRGGBBAA, blended); only set glyph pixels are
 * drawn. Cells past the right edge of the clip are not decoded at all.
 * Returns the damage: the union of the visible parts of the cells. */
struct canvas_rect font_draw(struct canvas *c, const struct canvas_rect *clip, int x, int y,
			     uint32_t rgba, enum font_size size, const char *s, size_t len);

#endif

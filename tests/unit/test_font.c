/* test_font: the generated glyphs are the console font's, UTF-8 decoding
 * accepts exactly the valid sequences and never reads past the end (the
 * inputs sit at the very end of heap blocks, so ASan sees any over-read),
 * and text lands pixel for pixel where it should in all three sizes,
 * blended, clipped, and fast on a 1 MB line. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "font.h"

/* The VGA font's 'A' and the generated replacement box. */
static const uint8_t glyph_A[16] = { 0x00, 0x00, 0x10, 0x38, 0x6c, 0xc6, 0xc6, 0xfe,
				     0xc6, 0xc6, 0xc6, 0xc6, 0x00, 0x00, 0x00, 0x00 };
static const uint8_t glyph_box[16] = { 0x00, 0x00, 0x7c, 0x44, 0x44, 0x44, 0x44, 0x44,
				       0x44, 0x44, 0x44, 0x44, 0x44, 0x7c, 0x00, 0x00 };

/* Decode `bytes` placed at the end of an exactly-sized heap block. */
static uint32_t decode_at_end(const char *bytes, size_t len, size_t *used)
{
	char *p = malloc(len ? len : 1);
	uint32_t cp;

	assert_non_null(p);
	memcpy(p, bytes, len);
	cp = font_utf8_next(p, len, used);
	free(p);
	return cp;
}

static void test_utf8_valid(void **state)
{
	static const struct {
		const char *s;
		size_t len;
		uint32_t cp;
	} ok[] = {
		{ "A", 1, 'A' },
		{ "\x7f", 1, 0x7F },
		{ "\xc2\x80", 2, 0x80 },
		{ "\xc3\xa9", 2, 0xE9 },
		{ "\xdf\xbf", 2, 0x7FF },
		{ "\xe0\xa0\x80", 3, 0x800 },
		{ "\xe2\x82\xac", 3, 0x20AC },
		{ "\xed\x9f\xbf", 3, 0xD7FF },
		{ "\xee\x80\x80", 3, 0xE000 },
		{ "\xef\xbf\xbd", 3, 0xFFFD },
		{ "\xf0\x90\x80\x80", 4, 0x10000 },
		{ "\xf0\x9f\x98\x80", 4, 0x1F600 },
		{ "\xf4\x8f\xbf\xbf", 4, 0x10FFFF },
	};
	(void)state;

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		size_t used = 0;
		assert_int_equal(decode_at_end(ok[i].s, ok[i].len, &used), ok[i].cp);
		assert_int_equal(used, ok[i].len);
	}
	/* NUL is a character like any other: the length is what counts */
	size_t used = 0;
	assert_int_equal(decode_at_end("\0", 1, &used), 0);
	assert_int_equal(used, 1);
}

static void test_utf8_invalid(void **state)
{
	static const struct {
		const char *s;
		size_t len;
	} bad[] = {
		{ "\x80", 1 },             /* stray continuation */
		{ "\xbf\x41", 2 },
		{ "\xc0\x80", 2 },         /* overlong NUL */
		{ "\xc1\xbf", 2 },         /* overlong */
		{ "\xe0\x80\x80", 3 },     /* overlong */
		{ "\xe0\x9f\xbf", 3 },     /* overlong */
		{ "\xf0\x8f\xbf\xbf", 4 }, /* overlong */
		{ "\xed\xa0\x80", 3 },     /* surrogate */
		{ "\xed\xbf\xbf", 3 },     /* surrogate */
		{ "\xf4\x90\x80\x80", 4 }, /* > U+10FFFF */
		{ "\xf5\x80\x80\x80", 4 },
		{ "\xff", 1 },
		{ "\xfe", 1 },
		{ "\xc3", 1 },             /* truncated at the end of the buffer */
		{ "\xe2\x82", 2 },
		{ "\xf0\x9f\x98", 3 },
		{ "\xe2\x41\x42", 3 },     /* continuation missing */
		{ "\xf0\x9f\x41\x41", 4 },
	};
	(void)state;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		size_t used = 0;
		assert_int_equal(decode_at_end(bad[i].s, bad[i].len, &used), FONT_REPLACEMENT);
		assert_int_equal(used, 1);
	}
	/* one cell per bad byte, valid characters around them intact */
	assert_int_equal(font_utf8_count("a\xe2\x82", 3), 3);
	assert_int_equal(font_utf8_count("\xe2\x82\xac\xe2\x82\xac", 6), 2);
	assert_int_equal(font_utf8_count("", 0), 0);
}

static void test_glyph_table(void **state)
{
	uint8_t small[8];
	static const uint8_t small_A[8] = { 0x0, 0x4, 0xa, 0xe, 0xa, 0xa, 0x0, 0x0 };
	static const uint8_t small_g[8] = { 0x0, 0x0, 0xe, 0xa, 0xa, 0xe, 0xa, 0xc };
	(void)state;

	assert_memory_equal(font_glyph('A'), glyph_A, 16);
	/* every printable ASCII character has a glyph of its own */
	for (uint32_t c = 33; c < 127; c++) {
		const uint8_t *g = font_glyph(c);
		int set = 0;
		for (int r = 0; r < 16; r++)
			set += g[r] != 0;
		assert_true(set > 0);
		assert_memory_not_equal(g, glyph_box, 16);
	}
	static const uint32_t none[] = { 0, 31, 127, 128, 0x9F, 0x4E00, 0xFFFD, 0x10FFFF, 0xFFFFFFFF };
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
		assert_memory_equal(font_glyph(none[i]), glyph_box, 16);
	for (int r = 0; r < 16; r++)
		assert_int_equal(font_glyph(' ')[r], 0);
	/* Latin-1 (what people type: é) and the common symbols have glyphs,
	 * in both fonts; U+00A0 is a space */
	static const uint32_t some[] = { 0xA1, 0xC9, 0xE9, 0xF1, 0xFC, 0xFF, 0x20AC, 0x2192, 0x2026,
					 0x201C, 0x2014, 0x2022 };
	for (size_t i = 0; i < sizeof some / sizeof some[0]; i++) {
		const uint8_t *g = font_glyph(some[i]), *t = font_glyph_text(some[i]);
		int set = 0, tset = 0;
		for (int r = 0; r < 16; r++)
			set += g[r] != 0;
		for (int r = 0; r < 12; r++)
			tset += t[r] != 0;
		assert_true(set > 0 && tset > 0);
		assert_memory_not_equal(g, glyph_box, 16);
		assert_memory_not_equal(t, font_glyph_text(0x4E00), 12);
		assert_memory_not_equal(g, font_glyph('e'), 16);
	}
	assert_memory_not_equal(font_glyph(0xE9), font_glyph(0xE8), 16);
	for (uint32_t c = 0xA1; c <= 0xFF; c++)
		assert_memory_not_equal(font_glyph_text(c), font_glyph_text(0x4E00), 12);
	/* the text size: 6x12, m is not w and 4 is not 9 */
	assert_int_equal(font_cell_w(FONT_TEXT), 6);
	assert_int_equal(font_cell_h(FONT_TEXT), 12);
	assert_memory_not_equal(font_glyph_text('m'), font_glyph_text('w'), 12);
	assert_memory_not_equal(font_glyph_text('4'), font_glyph_text('9'), 12);
	for (uint32_t c = 33; c < 127; c++) {
		const uint8_t *t = font_glyph_text(c);
		int set = 0;
		for (int r = 0; r < 12; r++) {
			set += t[r] != 0;
			assert_int_equal(t[r] & 0x03, 0); /* 6 pixels wide: bits 7..2 */
		}
		assert_true(set > 0);
	}
	font_glyph_small('A', small);
	assert_memory_equal(small, small_A, 8);
	font_glyph_small('g', small);
	assert_memory_equal(small, small_g, 8);
	/* no glyph vanishes at the small size */
	for (uint32_t c = 33; c < 127; c++) {
		int set = 0;
		font_glyph_small(c, small);
		for (int r = 0; r < 8; r++)
			set += small[r] != 0;
		assert_true(set > 0);
	}
	assert_int_equal(font_cell_w(FONT_SMALL), 4);
	assert_int_equal(font_cell_h(FONT_SMALL), 8);
	assert_int_equal(font_cell_w(FONT_MEDIUM), 8);
	assert_int_equal(font_cell_h(FONT_MEDIUM), 16);
	assert_int_equal(font_cell_w(FONT_LARGE), 16);
	assert_int_equal(font_cell_h(FONT_LARGE), 32);
}

static bool bit(const uint8_t *rows, int bits, int x, int y)
{
	return (rows[y] >> (bits - 1 - x)) & 1;
}

/* Every pixel of every printable character, in all three sizes. */
static void test_draw_all_sizes_pixel_exact(void **state)
{
	struct canvas c;
	(void)state;

	assert_int_equal(canvas_init(&c, 64, 48), 0);
	for (uint32_t ch = 32; ch < 128; ch++) {
		char s[1] = { (char)ch };
		uint8_t small[8];
		const uint8_t *g = font_glyph(ch);

		font_glyph_small(ch, small);
		for (int sz = FONT_SMALL; sz <= FONT_LARGE; sz++) {
			int w = font_cell_w((enum font_size)sz), h = font_cell_h((enum font_size)sz);
			struct canvas_rect d;

			memset(c.px, 0, 64 * 48 * 4);
			d = font_draw(&c, NULL, 5, 7, 0x10E0F0FF, (enum font_size)sz, s, 1);
			assert_int_equal(d.x, 5);
			assert_int_equal(d.y, 7);
			assert_int_equal(d.w, w);
			assert_int_equal(d.h, h);
			for (int y = 0; y < 48; y++)
				for (int x = 0; x < 64; x++) {
					int gx = x - 5, gy = y - 7;
					bool on = false;
					if (gx >= 0 && gx < w && gy >= 0 && gy < h) {
						if (sz == FONT_SMALL)
							on = bit(small, 4, gx, gy);
						else if (sz == FONT_MEDIUM)
							on = bit(g, 8, gx, gy);
						else
							on = bit(g, 8, gx / 2, gy / 2);
					}
					if (canvas_get(&c, x, y) != (on ? 0x10E0F0u : 0u))
						fail_msg("char %u size %d pixel %d,%d", (unsigned)ch, sz,
							 x, y);
				}
		}
	}
	canvas_free(&c);
}

/* Known pixels of "A" and "AB", written out by hand. */
static void test_draw_known_pixels(void **state)
{
	struct canvas c;
	(void)state;

	assert_int_equal(canvas_init(&c, 64, 40), 0);
	/* medium: the apex of A is row 2, column 3 */
	font_draw(&c, NULL, 10, 4, 0xFFFFFFFF, FONT_MEDIUM, "A", 1);
	assert_int_equal(canvas_get(&c, 13, 6), 0xFFFFFF);
	assert_int_equal(canvas_get(&c, 12, 6), 0);
	assert_int_equal(canvas_get(&c, 14, 6), 0);
	/* the bar is row 7, columns 0..6 */
	for (int x = 10; x < 17; x++)
		assert_int_equal(canvas_get(&c, x, 11), 0xFFFFFF);
	assert_int_equal(canvas_get(&c, 17, 11), 0);
	/* large: each font pixel is 2x2 */
	memset(c.px, 0, 64 * 40 * 4);
	font_draw(&c, NULL, 0, 0, 0xFFFFFFFF, FONT_LARGE, "A", 1);
	assert_int_equal(canvas_get(&c, 6, 4), 0xFFFFFF);
	assert_int_equal(canvas_get(&c, 7, 5), 0xFFFFFF);
	assert_int_equal(canvas_get(&c, 5, 4), 0);
	assert_int_equal(canvas_get(&c, 8, 4), 0);
	assert_int_equal(canvas_get(&c, 6, 3), 0);
	/* small: A is 0 4 a e a a 0 0 */
	memset(c.px, 0, 64 * 40 * 4);
	font_draw(&c, NULL, 0, 0, 0xFFFFFFFF, FONT_SMALL, "AB", 2);
	assert_int_equal(canvas_get(&c, 1, 1), 0xFFFFFF);
	assert_int_equal(canvas_get(&c, 0, 1), 0);
	for (int x = 0; x < 3; x++)
		assert_int_equal(canvas_get(&c, x, 3), 0xFFFFFF);
	assert_int_equal(canvas_get(&c, 3, 3), 0);
	/* the second cell starts at x = 4 */
	uint8_t b[8];
	font_glyph_small('B', b);
	for (int y = 0; y < 8; y++)
		for (int x = 0; x < 4; x++)
			assert_int_equal(canvas_get(&c, 4 + x, y), bit(b, 4, x, y) ? 0xFFFFFFu : 0u);
	canvas_free(&c);
}

static void test_draw_blends_and_replaces(void **state)
{
	struct canvas c;
	(void)state;

	assert_int_equal(canvas_init(&c, 32, 16), 0);
	canvas_fill(&c, NULL, canvas_bounds(&c), 0x204060FF);
	font_draw(&c, NULL, 0, 0, 0xFFFFFF80, FONT_MEDIUM, "A", 1);
	/* (255*128 + 0x20*127 + 127) / 255 etc. */
	assert_int_equal(canvas_get(&c, 3, 2), 0x90A0B0);
	assert_int_equal(canvas_get(&c, 2, 2), 0x204060);
	/* alpha 0 draws nothing and damages nothing */
	assert_true(canvas_rect_empty(font_draw(&c, NULL, 0, 0, 0xFFFFFF00, FONT_MEDIUM, "A", 1)));
	/* an invalid byte and a character the font lacks (U+4E00) both draw the box */
	memset(c.px, 0, 32 * 16 * 4);
	font_draw(&c, NULL, 0, 0, 0xFFFFFFFF, FONT_MEDIUM, "\xff\xe4\xb8\x80", 4);
	for (int cell = 0; cell < 2; cell++)
		for (int y = 0; y < 16; y++)
			for (int x = 0; x < 8; x++)
				assert_int_equal(canvas_get(&c, cell * 8 + x, y),
						 bit(glyph_box, 8, x, y) ? 0xFFFFFFu : 0u);
	canvas_free(&c);
}

static void test_draw_clipping(void **state)
{
	struct canvas c;
	struct canvas_rect d, clip = { 4, 4, 8, 8 };
	(void)state;

	assert_int_equal(canvas_init(&c, 20, 20), 0);
	/* half a glyph off the left and top edges */
	d = font_draw(&c, NULL, -3, -2, 0xFFFFFFFF, FONT_MEDIUM, "A", 1);
	assert_int_equal(d.x, 0);
	assert_int_equal(d.y, 0);
	assert_int_equal(d.w, 5);
	assert_int_equal(d.h, 14);
	assert_int_equal(canvas_get(&c, 0, 0), 0xFFFFFF); /* the apex, column 3 row 2 */
	/* off the right and bottom edges */
	memset(c.px, 0, 20 * 20 * 4);
	d = font_draw(&c, NULL, 16, 10, 0xFFFFFFFF, FONT_LARGE, "AAAA", 4);
	assert_int_equal(d.x, 16);
	assert_int_equal(d.y, 10);
	assert_int_equal(d.w, 4);
	assert_int_equal(d.h, 10);
	/* a clip rect */
	memset(c.px, 0, 20 * 20 * 4);
	d = font_draw(&c, &clip, 0, 0, 0xFFFFFFFF, FONT_LARGE, "AA", 2);
	assert_int_equal(d.x, 4);
	assert_int_equal(d.w, 8);
	for (int y = 0; y < 20; y++)
		for (int x = 0; x < 20; x++)
			if (canvas_get(&c, x, y))
				assert_true(x >= 4 && x < 12 && y >= 4 && y < 12);
	/* entirely outside, and int extremes */
	assert_true(canvas_rect_empty(font_draw(&c, NULL, INT_MAX, 0, 0xFFFFFFFF, FONT_LARGE, "A", 1)));
	assert_true(canvas_rect_empty(font_draw(&c, NULL, 0, INT_MAX, 0xFFFFFFFF, FONT_LARGE, "A", 1)));
	assert_true(canvas_rect_empty(font_draw(&c, NULL, 0, INT_MIN, 0xFFFFFFFF, FONT_LARGE, "A", 1)));
	assert_true(canvas_rect_empty(font_draw(&c, NULL, INT_MIN, 0, 0xFFFFFFFF, FONT_LARGE, "A", 1)));
	canvas_free(&c);
}

/* Cell i of a text starting far to the left lands at x + i * w. */
static void test_draw_far_left_start(void **state)
{
	struct canvas c;
	size_t n = 1001;
	char *s = malloc(n);
	(void)state;

	assert_non_null(s);
	memset(s, 'B', n);
	s[1000] = 'A';
	assert_int_equal(canvas_init(&c, 8, 16), 0);
	font_draw(&c, NULL, -8000, 0, 0xFFFFFFFF, FONT_MEDIUM, s, n);
	for (int y = 0; y < 16; y++)
		for (int x = 0; x < 8; x++)
			assert_int_equal(canvas_get(&c, x, y), bit(glyph_A, 8, x, y) ? 0xFFFFFFu : 0u);
	free(s);
	canvas_free(&c);
}

/* 1 MB of text ending in half a UTF-8 sequence: drawn quickly (cells past
 * the clip are not even decoded), nothing read past the end. */
static void test_draw_megabyte(void **state)
{
	size_t n = 1u << 20;
	char *s = malloc(n);
	struct canvas c;
	struct canvas_rect d;
	clock_t t0;
	(void)state;

	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)(33 + i % 94);
	s[n - 2] = (char)0xF0;
	s[n - 1] = (char)0x9F;
	assert_int_equal(canvas_init(&c, 640, 480), 0);
	t0 = clock();
	d = font_draw(&c, NULL, 0, 0, 0xFFFFFFFF, FONT_SMALL, s, n);
	assert_int_equal(d.w, 640);
	assert_int_equal(d.h, 8);
	/* from far left, so every byte is decoded and the last cells show */
	d = font_draw(&c, NULL, 640 - (int)font_utf8_count(s, n) * 4, 100, 0xFFFFFFFF, FONT_SMALL,
		      s, n);
	assert_int_equal(d.x, 0);
	assert_int_equal(d.w, 640);
	/* the last two cells are boxes (the truncated sequence) */
	uint8_t box[8];
	font_glyph_small(0xFFFD, box);
	for (int y = 0; y < 8; y++)
		for (int x = 0; x < 4; x++)
			assert_int_equal(canvas_get(&c, 636 + x, 100 + y),
					 bit(box, 4, x, y) ? 0xFFFFFFu : 0u);
	assert_true((double)(clock() - t0) / CLOCKS_PER_SEC < 2.0);
	free(s);
	canvas_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_invalid),
		cmocka_unit_test(test_glyph_table),
		cmocka_unit_test(test_draw_all_sizes_pixel_exact),
		cmocka_unit_test(test_draw_known_pixels),
		cmocka_unit_test(test_draw_blends_and_replaces),
		cmocka_unit_test(test_draw_clipping),
		cmocka_unit_test(test_draw_far_left_start),
		cmocka_unit_test(test_draw_megabyte),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for sdk/draw.c, built for the host: the exact VYOMA_DRAW
 * lines the SDK writes (docs/draw.md): coordinates clamped to the
 * protocol's range, the origin added, an opaque colour as 6 hex digits and
 * any other as 8, empty rectangles left out, and text made one line of
 * valid UTF-8 (a byte of no well-formed sequence is '?', a control
 * character a space). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "../../sdk/draw.c"
#include "../../sdk/str.c" /* vy_str_dec, the digits of d_int */

/* ---- stubs: the output buffer (sdk_out_stub.h), vy_flush, and the formatter of vy_draw_textf ---- */
#include "sdk_out_stub.h"
static int flushes;
int vy_flush(void)
{
	flushes++;
	return 0;
}
int vy_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap) { return vsnprintf(buf, cap, fmt, ap); }

static int reset(void **st)
{
	(void)st;
	outn = 0;
	flushes = 0;
	vy_draw_origin(0, 0);
	return 0;
}

static void test_commands_and_colours(void **st)
{
	(void)st;
	vy_draw_clear(VY_RGB(0x1b, 0x1f, 0x2a));
	assert_string_equal(out(), "VYOMA_DRAW:clear:1b1f2a\n");
	vy_draw_fill(1, 2, 30, 40, VY_RGBA(0x5f, 0xb3, 0xf9, 0x40));
	assert_string_equal(out(), "VYOMA_DRAW:fill_rect:1,2,30,40,5fb3f940\n");
	vy_draw_rect(0, 0, 7, 9, 0x00000000);
	assert_string_equal(out(), "VYOMA_DRAW:rect:0,0,7,9,00000000\n");
	vy_draw_line(-3, 4, 5, -6, 0xffffffff);
	assert_string_equal(out(), "VYOMA_DRAW:line:-3,4,5,-6,ffffff\n");
	vy_draw_pixel(10, 20, 0x0a0b0cff);
	assert_string_equal(out(), "VYOMA_DRAW:pixel:10,20,0a0b0c\n");
	vy_draw_flush();
	assert_string_equal(out(), "VYOMA_DRAW:flush\n");
	assert_int_equal(flushes, 1);
}

static void test_empty_rectangles_are_left_out(void **st)
{
	(void)st;
	assert_int_equal(vy_draw_fill(1, 1, 0, 5, 0xff), 0);
	assert_int_equal(vy_draw_rect(1, 1, 5, -1, 0xff), 0);
	assert_int_equal(vy_draw_blit(1, 1, 0, 1, NULL), 0);
	assert_int_equal((int)outn, 0);
	assert_int_equal(vy_draw_blit(0, 0, VY_BLIT_MAX + 1, 1, NULL), -1);
	assert_int_equal((int)outn, 0);
}

static void test_coordinates_are_clamped(void **st)
{
	(void)st;
	vy_draw_pixel(0, 9, 0xff);
	assert_string_equal(out(), "VYOMA_DRAW:pixel:0,9,000000\n");
	vy_draw_pixel(1000000, -1000000, 0xff);
	assert_string_equal(out(), "VYOMA_DRAW:pixel:1000000,-1000000,000000\n");
	vy_draw_pixel(1000001, -1000001, 0xff);
	assert_string_equal(out(), "VYOMA_DRAW:pixel:1000000,-1000000,000000\n");
	vy_draw_pixel(INT_MAX, INT_MIN, 0xff);
	assert_string_equal(out(), "VYOMA_DRAW:pixel:1000000,-1000000,000000\n");
	vy_draw_fill(999999, 100000, 10, 1, 0xff);
	assert_string_equal(out(), "VYOMA_DRAW:fill_rect:999999,100000,10,1,000000\n");
}

static void test_origin_moves_every_point(void **st)
{
	(void)st;
	vy_draw_origin(10, -20);
	vy_draw_fill(1, 2, 3, 4, 0xff);
	assert_string_equal(out(), "VYOMA_DRAW:fill_rect:11,-18,3,4,000000\n");
	vy_draw_line(0, 0, 5, 5, 0xff);
	assert_string_equal(out(), "VYOMA_DRAW:line:10,-20,15,-15,000000\n");
	vy_draw_text(1, 1, 0xff, VY_TEXT_M, "a");
	assert_string_equal(out(), "VYOMA_DRAW:draw_text:11,-19,000000,m,a\n");
}

static void test_blit_pixels(void **st)
{
	static const uint32_t px[2] = {0x11223344, 0xaabbccff};
	(void)st;
	vy_draw_blit(1, 2, 2, 1, px);
	assert_string_equal(out(), "VYOMA_DRAW:blit:1,2,2,1,11223344aabbccff\n");
}

static void test_text_is_one_line_of_valid_utf8(void **st)
{
	(void)st;
	/* well-formed sequences of 1 to 4 bytes are kept */
	vy_draw_text(0, 0, 0xff, VY_TEXT_S, "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z");
	assert_string_equal(out(), "VYOMA_DRAW:draw_text:0,0,000000,s,a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z\n");
	/* control characters (a newline too) become spaces */
	vy_draw_text(0, 0, 0xff, VY_TEXT_L, "a\tb\nc\x1f\x7f~");
	assert_string_equal(out(), "VYOMA_DRAW:draw_text:0,0,000000,l,a b c \x7f~\n");
	/* overlong forms, surrogates, past U+10FFFF, stray and cut bytes: '?' a byte */
	vy_draw_text(0, 0, 0xff, VY_TEXT_M, "\xc0\xaf|\xe0\x9f\xbf|\xed\xa0\x80|\xf0\x8f\xbf\xbf|\xf4\x90\x80\x80|\x80|\xf5|\xe2\x82");
	assert_string_equal(out(), "VYOMA_DRAW:draw_text:0,0,000000,m,??|???|???|????|????|?|?|??\n");
	/* the edges of the ranges that are allowed */
	vy_draw_text(0, 0, 0xff, VY_TEXT_M, "\xc2\x80\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xf0\x90\x80\x80\xf4\x8f\xbf\xbf");
	assert_string_equal(out(), "VYOMA_DRAW:draw_text:0,0,000000,m,\xc2\x80\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\n");
	/* a length cuts the text, even inside a character */
	vy_draw_textn(0, 0, 0xff, VY_TEXT_M, "ab\xc3\xa9", 3);
	assert_string_equal(out(), "VYOMA_DRAW:draw_text:0,0,000000,m,ab?\n");
	vy_draw_textf(0, 0, 0xff, VY_TEXT_M, "n=%d", 42);
	assert_string_equal(out(), "VYOMA_DRAW:draw_text:0,0,000000,m,n=42\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_commands_and_colours, reset),
		cmocka_unit_test_setup(test_empty_rectangles_are_left_out, reset),
		cmocka_unit_test_setup(test_coordinates_are_clamped, reset),
		cmocka_unit_test_setup(test_origin_moves_every_point, reset),
		cmocka_unit_test_setup(test_blit_pixels, reset),
		cmocka_unit_test_setup(test_text_is_one_line_of_valid_utf8, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

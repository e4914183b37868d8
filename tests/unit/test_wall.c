/* test_wall: the wallpaper's scaling (wall_scale): a uniform picture
 * stays uniform at any size, alpha shows the colour under it, "cover"
 * keeps the middle of a picture wider than the screen, and the result is
 * the same every time; a picture of the screen's width is only cropped. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "canvas.h"
#include "wall.h"

static void test_uniform_and_alpha(void **state)
{
	uint32_t src[6] = { 0x336699ff, 0x336699ff, 0x336699ff, 0x336699ff, 0x336699ff,
			    0x336699ff };
	uint32_t clear[1] = { 0x00000000 };
	struct canvas c;
	(void)state;

	assert_int_equal(canvas_init(&c, 97, 31), 0);
	wall_scale(src, 3, 2, 0x101217, &c);
	for (int y = 0; y < c.h; y++)
		for (int x = 0; x < c.w; x++)
			assert_int_equal(canvas_get(&c, x, y), 0x336699u);
	wall_scale(clear, 1, 1, 0x101217, &c);
	assert_int_equal(canvas_get(&c, 50, 20), 0x101217u);
	canvas_free(&c);
}

static void test_cover_keeps_the_middle(void **state)
{
	/* 4x1: red, green, green, blue; a 10x10 screen sees only the middle */
	uint32_t src[4] = { 0xff0000ff, 0x00ff00ff, 0x00ff00ff, 0x0000ffff };
	struct canvas a, b;
	(void)state;

	assert_int_equal(canvas_init(&a, 10, 10), 0);
	assert_int_equal(canvas_init(&b, 10, 10), 0);
	wall_scale(src, 4, 1, 0, &a);
	wall_scale(src, 4, 1, 0, &b);
	assert_memory_equal(a.px, b.px, 10 * 10 * 4);
	for (int y = 0; y < 10; y++)
		for (int x = 0; x < 10; x++) {
			uint32_t p = canvas_get(&a, x, y);
			assert_true((p & 0x00ff00) >= 0x008000); /* mostly green */
			assert_true((p >> 16) < 0x80 && (p & 0xff) < 0x80);
		}
	canvas_free(&a);
	canvas_free(&b);
}

static void test_same_width_is_a_crop(void **state)
{
	/* 3x4, every pixel different; a 3x2 screen shows rows 1 and 2 as they
	 * are (the bilinear weights would all be 0), alpha still over `under` */
	uint32_t src[12];
	struct canvas c;
	(void)state;

	for (int i = 0; i < 12; i++)
		src[i] = (uint32_t)(0x102030 + i * 0x010101) << 8 | 0xff;
	src[4] = 0x00000000; /* row 1, x 1: transparent */
	assert_int_equal(canvas_init(&c, 3, 2), 0);
	wall_scale(src, 3, 4, 0x101217, &c);
	for (int y = 0; y < 2; y++)
		for (int x = 0; x < 3; x++)
			assert_int_equal(canvas_get(&c, x, y),
					 x == 1 && y == 0 ? 0x101217u : src[(y + 1) * 3 + x] >> 8);
	canvas_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uniform_and_alpha),
		cmocka_unit_test(test_cover_keeps_the_middle),
		cmocka_unit_test(test_same_width_is_a_crop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

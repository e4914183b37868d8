/* test_wall: the wallpaper's scaling (wall_scale): a uniform picture
 * stays uniform at any size, alpha shows the colour under it, "cover"
 * keeps the middle of a picture wider than the screen, and the result is
 * the same every time. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uniform_and_alpha),
		cmocka_unit_test(test_cover_keeps_the_middle),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

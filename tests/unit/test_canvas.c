/* test_canvas: pixel-exact checks of the canvas primitives: the blend
 * formula over every (src, dst, alpha), clipping at each edge of the
 * canvas and of a clip rect (with guard pixels around the canvas that must
 * never change), int-extreme coordinates, Bresenham against an
 * independent reference, blits (including overlapping ones) and damage
 * rect arithmetic. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "canvas.h"

#define GUARD 0xDEADBEEFu

/* A W x H canvas inside a (W+4) x (H+4) buffer whose border is GUARD. */
struct guarded {
	uint32_t buf[(32 + 4) * (24 + 4)];
	struct canvas c;
	int w, h;
};

static void guarded_init(struct guarded *g, int w, int h)
{
	assert_true(w <= 32 && h <= 24);
	for (size_t i = 0; i < sizeof g->buf / sizeof g->buf[0]; i++)
		g->buf[i] = GUARD;
	g->w = w;
	g->h = h;
	assert_int_equal(canvas_wrap(&g->c, g->buf + 2 * (w + 4) + 2, w, h, w + 4), 0);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			g->c.px[y * g->c.stride + x] = 0;
}

static void guarded_check(const struct guarded *g)
{
	int W = g->w + 4;
	for (int y = 0; y < g->h + 4; y++)
		for (int x = 0; x < W; x++)
			if (x < 2 || y < 2 || x >= g->w + 2 || y >= g->h + 2)
				assert_int_equal(g->buf[y * W + x], GUARD);
}

static int count_set(const struct canvas *c)
{
	int n = 0;
	for (int y = 0; y < c->h; y++)
		for (int x = 0; x < c->w; x++)
			n += canvas_get(c, x, y) != 0;
	return n;
}

static void assert_rect(struct canvas_rect r, int x, int y, int w, int h)
{
	assert_int_equal(r.x, x);
	assert_int_equal(r.y, y);
	assert_int_equal(r.w, w);
	assert_int_equal(r.h, h);
}

static void test_init_limits(void **state)
{
	struct canvas c;
	uint32_t px[4];
	(void)state;

	assert_int_equal(canvas_init(&c, 0, 5), -1);
	assert_int_equal(canvas_init(&c, 5, -1), -1);
	assert_int_equal(canvas_init(&c, CANVAS_MAX_DIM + 1, 1), -1);
	assert_int_equal(canvas_init(&c, INT_MIN, INT_MIN), -1);
	assert_int_equal(canvas_wrap(&c, px, 4, 1, 3), -1); /* stride < w */
	assert_int_equal(canvas_wrap(&c, NULL, 1, 1, 1), -1);
	assert_int_equal(canvas_wrap(&c, px, INT_MAX, 2, INT_MAX), -1);
	assert_int_equal(canvas_init(&c, 3, 2), 0);
	assert_int_equal(c.stride, 3);
	assert_int_equal(count_set(&c), 0);
	assert_int_equal(canvas_get(&c, -1, 0), 0);
	assert_int_equal(canvas_get(&c, 3, 0), 0);
	assert_int_equal(canvas_get(&c, INT_MAX, INT_MIN), 0);
	canvas_free(&c);
	assert_null(c.px);
}

static unsigned ref_blend(unsigned s, unsigned d, unsigned a)
{
	return (s * a + d * (255 - a) + 127) / 255;
}

/* Every src, dst and alpha, on all three channels at once. */
static void test_blend_exhaustive(void **state)
{
	(void)state;
	for (unsigned a = 0; a < 256; a++)
		for (unsigned s = 0; s < 256; s++)
			for (unsigned d = 0; d < 256; d++) {
				unsigned sr = s, sg = 255 - s, sb = d;
				unsigned dr = d, dg = d ^ 0xA5, db = s;
				uint32_t out = canvas_blend(dr << 16 | dg << 8 | db,
							    sr << 24 | sg << 16 | sb << 8 | a);
				uint32_t want = ref_blend(sr, dr, a) << 16 | ref_blend(sg, dg, a) << 8 |
						ref_blend(sb, db, a);
				if (out != want)
					fail_msg("a=%u s=%u d=%u: got %06x want %06x", a, s, d,
						 (unsigned)out, (unsigned)want);
			}
}

static void test_blend_values(void **state)
{
	(void)state;
	/* 50% red over black: (255*128 + 127) / 255 = 128. */
	assert_int_equal(canvas_blend(0x000000, 0xFF000080), 0x800000);
	/* 50% white over white stays white; alpha 0 leaves dst alone. */
	assert_int_equal(canvas_blend(0xFFFFFF, 0xFFFFFF80), 0xFFFFFF);
	assert_int_equal(canvas_blend(0x123456, 0xFFFFFF00), 0x123456);
	assert_int_equal(canvas_blend(0x123456, 0xABCDEFFF), 0xABCDEF);
	/* 0x40 blue over 0x102030: r (0*64+16*191+127)/255 = 12, g 24, b (255*64+48*191+127)/255 = 100 */
	assert_int_equal(canvas_blend(0x102030, 0x0000FF40), 0x0C1864);
}

static void test_fill_opaque_and_alpha(void **state)
{
	struct guarded g;
	struct canvas_rect d;
	(void)state;

	guarded_init(&g, 8, 6);
	d = canvas_fill(&g.c, NULL, (struct canvas_rect){ 1, 2, 3, 2 }, 0x112233FF);
	assert_rect(d, 1, 2, 3, 2);
	for (int y = 0; y < 6; y++)
		for (int x = 0; x < 8; x++) {
			bool in = x >= 1 && x < 4 && y >= 2 && y < 4;
			assert_int_equal(canvas_get(&g.c, x, y), in ? 0x112233u : 0u);
		}
	d = canvas_fill(&g.c, NULL, (struct canvas_rect){ 3, 3, 2, 2 }, 0xFFFFFF80);
	assert_rect(d, 3, 3, 2, 2);
	/* over 0x112233: (255*128 + c*127 + 127) / 255 */
	assert_int_equal(canvas_get(&g.c, 3, 3), 0x889199);
	/* over black */
	assert_int_equal(canvas_get(&g.c, 4, 4), 0x808080);
	assert_int_equal(canvas_get(&g.c, 2, 3), 0x112233);
	/* alpha 0 and empty sizes draw nothing */
	assert_true(canvas_rect_empty(canvas_fill(&g.c, NULL, (struct canvas_rect){ 0, 0, 8, 6 },
						  0xFFFFFF00)));
	assert_true(canvas_rect_empty(canvas_fill(&g.c, NULL, (struct canvas_rect){ 0, 0, 0, 6 },
						  0xFFFFFFFF)));
	assert_true(canvas_rect_empty(canvas_fill(&g.c, NULL, (struct canvas_rect){ 0, 0, 5, -6 },
						  0xFFFFFFFF)));
	assert_int_equal(canvas_get(&g.c, 0, 0), 0);
	guarded_check(&g);
}

/* A rect hanging over each edge in turn, then over all of them. */
static void test_fill_clips_every_edge(void **state)
{
	static const struct {
		struct canvas_rect r, want;
	} cases[] = {
		{ { -3, 1, 5, 2 }, { 0, 1, 2, 2 } },     /* left */
		{ { 6, 1, 5, 2 }, { 6, 1, 2, 2 } },      /* right */
		{ { 2, -4, 2, 5 }, { 2, 0, 2, 1 } },     /* top */
		{ { 2, 4, 2, 9 }, { 2, 4, 2, 2 } },      /* bottom */
		{ { -9, -9, 30, 30 }, { 0, 0, 8, 6 } },  /* all */
		{ { 8, 0, 1, 1 }, { 0, 0, 0, 0 } },      /* just outside, right */
		{ { 0, 6, 1, 1 }, { 0, 0, 0, 0 } },      /* just outside, bottom */
		{ { -1, 0, 1, 1 }, { 0, 0, 0, 0 } },     /* just outside, left */
		{ { 0, -1, 1, 1 }, { 0, 0, 0, 0 } },     /* just outside, top */
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct guarded g;
		struct canvas_rect d, w = cases[i].want;

		guarded_init(&g, 8, 6);
		d = canvas_fill(&g.c, NULL, cases[i].r, 0xFF0000FF);
		assert_rect(d, w.x, w.y, w.w, w.h);
		assert_int_equal(count_set(&g.c), w.w * w.h);
		for (int y = w.y; y < w.y + w.h; y++)
			for (int x = w.x; x < w.x + w.w; x++)
				assert_int_equal(canvas_get(&g.c, x, y), 0xFF0000);
		guarded_check(&g);
	}
}

static void test_fill_clip_rect(void **state)
{
	struct guarded g;
	struct canvas_rect clip = { 2, 1, 3, 3 }, d;
	(void)state;

	guarded_init(&g, 8, 6);
	d = canvas_fill(&g.c, &clip, (struct canvas_rect){ 0, 0, 8, 6 }, 0x00FF00FF);
	assert_rect(d, 2, 1, 3, 3);
	assert_int_equal(count_set(&g.c), 9);
	/* a clip partly outside the canvas is cut to it */
	clip = (struct canvas_rect){ 6, 4, 100, 100 };
	d = canvas_fill(&g.c, &clip, (struct canvas_rect){ 0, 0, 8, 6 }, 0x0000FFFF);
	assert_rect(d, 6, 4, 2, 2);
	/* an empty clip draws nothing */
	clip = (struct canvas_rect){ 0, 0, 0, 0 };
	assert_true(canvas_rect_empty(canvas_fill(&g.c, &clip, (struct canvas_rect){ 0, 0, 8, 6 },
						  0xFFFFFFFF)));
	assert_int_equal(count_set(&g.c), 13);
	guarded_check(&g);
}

static void test_extreme_coordinates(void **state)
{
	struct guarded g;
	(void)state;

	guarded_init(&g, 8, 6);
	/* INT_MIN + INT_MAX = -1: entirely left of the canvas */
	assert_true(canvas_rect_empty(canvas_fill(
		&g.c, NULL, (struct canvas_rect){ INT_MIN, INT_MIN, INT_MAX, INT_MAX }, 0xFFFFFFFF)));
	assert_true(canvas_rect_empty(canvas_fill(
		&g.c, NULL, (struct canvas_rect){ INT_MAX, INT_MAX, INT_MAX, INT_MAX }, 0xFFFFFFFF)));
	assert_true(canvas_rect_empty(canvas_put(&g.c, NULL, INT_MAX, INT_MIN, 0xFFFFFFFF)));
	assert_true(canvas_rect_empty(canvas_outline(
		&g.c, NULL, (struct canvas_rect){ INT_MAX, 0, INT_MAX, INT_MAX }, 0xFFFFFFFF)));
	assert_int_equal(count_set(&g.c), 0);
	/* an x + w that overflows int still covers what it should */
	assert_rect(canvas_fill(&g.c, NULL, (struct canvas_rect){ 5, 4, INT_MAX, INT_MAX },
				0xFFFFFFFF),
		    5, 4, 3, 2);
	assert_rect(canvas_fill(&g.c, NULL, (struct canvas_rect){ -5, -5, INT_MAX, 6 },
				0xFFFFFFFF),
		    0, 0, 8, 1);
	assert_int_equal(count_set(&g.c), 6 + 8);
	/* a huge outline: only its left and top edges are on the canvas */
	guarded_init(&g, 8, 6);
	assert_rect(canvas_outline(&g.c, NULL, (struct canvas_rect){ 1, 1, INT_MAX, INT_MAX },
				   0xFFFFFFFF),
		    1, 1, 7, 5);
	assert_int_equal(count_set(&g.c), 7 + 4);
	guarded_check(&g);
}

static void test_outline_blends_once(void **state)
{
	struct guarded g;
	(void)state;

	guarded_init(&g, 8, 6);
	assert_rect(canvas_outline(&g.c, NULL, (struct canvas_rect){ 1, 1, 5, 4 }, 0xFFFFFF80),
		    1, 1, 5, 4);
	for (int y = 0; y < 6; y++)
		for (int x = 0; x < 8; x++) {
			bool edge = x >= 1 && x <= 5 && y >= 1 && y <= 4 &&
				    (x == 1 || x == 5 || y == 1 || y == 4);
			assert_int_equal(canvas_get(&g.c, x, y), edge ? 0x808080u : 0u);
		}
	/* 1-wide and 1-high outlines are a line, 2x2 is four pixels */
	guarded_init(&g, 8, 6);
	canvas_outline(&g.c, NULL, (struct canvas_rect){ 0, 0, 1, 6 }, 0xFFFFFF80);
	canvas_outline(&g.c, NULL, (struct canvas_rect){ 2, 0, 6, 1 }, 0xFFFFFF80);
	canvas_outline(&g.c, NULL, (struct canvas_rect){ 3, 3, 2, 2 }, 0xFFFFFF80);
	assert_int_equal(count_set(&g.c), 6 + 6 + 4);
	for (int y = 0; y < 6; y++)
		for (int x = 0; x < 8; x++)
			if (canvas_get(&g.c, x, y))
				assert_int_equal(canvas_get(&g.c, x, y), 0x808080);
	guarded_check(&g);
}

/* Independent reference: the classic incremental Bresenham (ties rounded
 * up, ends ordered so the major axis increases) plotted with canvas_put. */
static void ref_line(struct canvas *c, int64_t x0, int64_t y0, int64_t x1, int64_t y1)
{
	int64_t dx = llabs(x1 - x0), dy = llabs(y1 - y0);
	bool xm = dx >= dy;

	if ((xm && x1 < x0) || (!xm && y1 < y0)) {
		int64_t t = x0; x0 = x1; x1 = t;
		t = y0; y0 = y1; y1 = t;
	}
	int64_t sx = x1 > x0 ? 1 : -1, sy = y1 > y0 ? 1 : -1;
	int64_t n = xm ? dx : dy, m = xm ? dy : dx, D = 2 * m - n, x = x0, y = y0;
	for (int64_t i = 0; i <= n; i++) {
		if (x >= 0 && y >= 0 && x < c->w && y < c->h)
			canvas_put(c, NULL, (int)x, (int)y, 0xFFFFFFFF);
		if (D >= 0) {
			if (xm)
				y += sy;
			else
				x += sx;
			D -= 2 * n;
		}
		D += 2 * m;
		if (xm)
			x += sx;
		else
			y += sy;
	}
}

static void assert_same(const struct canvas *a, const struct canvas *b)
{
	for (int y = 0; y < a->h; y++)
		for (int x = 0; x < a->w; x++)
			if (canvas_get(a, x, y) != canvas_get(b, x, y))
				fail_msg("pixel %d,%d differs: %06x vs %06x", x, y,
					 (unsigned)canvas_get(a, x, y), (unsigned)canvas_get(b, x, y));
}

static void test_line_matches_reference(void **state)
{
	struct canvas a, b;
	uint32_t seed = 12345;
	(void)state;

	assert_int_equal(canvas_init(&a, 40, 30), 0);
	assert_int_equal(canvas_init(&b, 40, 30), 0);
	for (int k = 0; k < 3000; k++) {
		int v[4];
		for (int i = 0; i < 4; i++) {
			seed = seed * 1103515245u + 12345u;
			/* mostly near the canvas, sometimes a million away */
			v[i] = (int)((seed >> 8) % 120) - 40;
			if (k % 10 == 0 && i == k / 10 % 4)
				v[i] = (seed & 1) ? 1000000 : -1000000;
		}
		memset(a.px, 0, 40 * 30 * 4);
		memset(b.px, 0, 40 * 30 * 4);
		canvas_line(&a, NULL, v[0], v[1], v[2], v[3], 0xFFFFFFFF);
		ref_line(&b, v[0], v[1], v[2], v[3]);
		assert_same(&a, &b);
		/* the other direction gives the same pixels */
		memset(a.px, 0, 40 * 30 * 4);
		canvas_line(&a, NULL, v[2], v[3], v[0], v[1], 0xFFFFFFFF);
		assert_same(&a, &b);
	}
	canvas_free(&a);
	canvas_free(&b);
}

static void test_line_known_pixels(void **state)
{
	struct guarded g;
	struct canvas_rect d;
	(void)state;

	guarded_init(&g, 8, 6);
	/* slope 2/5: y = round-half-up(i * 2 / 5) = 0 0 1 1 2 2 */
	d = canvas_line(&g.c, NULL, 0, 0, 5, 2, 0xFF0000FF);
	assert_rect(d, 0, 0, 6, 3);
	static const int want[][2] = { { 0, 0 }, { 1, 0 }, { 2, 1 }, { 3, 1 }, { 4, 2 }, { 5, 2 } };
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(canvas_get(&g.c, want[i][0], want[i][1]), 0xFF0000);
	assert_int_equal(count_set(&g.c), 6);
	/* a single point, vertical and horizontal lines */
	guarded_init(&g, 8, 6);
	assert_rect(canvas_line(&g.c, NULL, 3, 3, 3, 3, 0xFFFFFFFF), 3, 3, 1, 1);
	assert_rect(canvas_line(&g.c, NULL, 7, -100, 7, 100, 0xFFFFFFFF), 7, 0, 1, 6);
	assert_rect(canvas_line(&g.c, NULL, INT_MIN, 0, INT_MAX, 0, 0xFFFFFFFF), 0, 0, 8, 1);
	assert_int_equal(count_set(&g.c), 1 + 6 + 7);
	guarded_check(&g);
	/* corner to corner of the int plane: exactly the diagonal */
	guarded_init(&g, 8, 6);
	canvas_line(&g.c, NULL, INT_MIN, INT_MIN, INT_MAX, INT_MAX, 0xFFFFFFFF);
	assert_int_equal(count_set(&g.c), 6);
	for (int i = 0; i < 6; i++)
		assert_int_equal(canvas_get(&g.c, i, i), 0xFFFFFF);
	/* 2^32 - 1 steps, one step up: it happens exactly at x = 0 */
	guarded_init(&g, 8, 6);
	canvas_line(&g.c, &(struct canvas_rect){ 0, 0, 8, 6 }, INT_MIN, 0, INT_MAX, 1, 0xFFFFFFFF);
	assert_int_equal(count_set(&g.c), 8);
	for (int x = 0; x < 8; x++)
		assert_int_equal(canvas_get(&g.c, x, 1), 0xFFFFFF);
	guarded_check(&g);
}

static void test_blit(void **state)
{
	struct guarded g;
	struct canvas src;
	(void)state;

	assert_int_equal(canvas_init(&src, 3, 2), 0);
	for (int i = 0; i < 6; i++)
		src.px[i] = (uint32_t)(i + 1);
	/* at each edge */
	static const struct {
		int x, y;
		struct canvas_rect want;
	} at[] = {
		{ 2, 2, { 2, 2, 3, 2 } }, { -2, 0, { 0, 0, 1, 2 } }, { 7, 0, { 7, 0, 1, 2 } },
		{ 0, -1, { 0, 0, 3, 1 } }, { 0, 5, { 0, 5, 3, 1 } }, { INT_MIN, INT_MAX, { 0, 0, 0, 0 } },
	};
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		struct canvas_rect d;
		guarded_init(&g, 8, 6);
		d = canvas_blit(&g.c, NULL, at[i].x, at[i].y, &src, canvas_bounds(&src));
		assert_rect(d, at[i].want.x, at[i].want.y, at[i].want.w, at[i].want.h);
		for (int y = 0; y < 6; y++)
			for (int x = 0; x < 8; x++) {
				int64_t sx = (int64_t)x - at[i].x, sy = (int64_t)y - at[i].y;
				uint32_t want = (sx >= 0 && sx < 3 && sy >= 0 && sy < 2) ?
							(uint32_t)(sy * 3 + sx + 1) : 0;
				assert_int_equal(canvas_get(&g.c, x, y), want);
			}
		guarded_check(&g);
	}
	/* a source rect partly outside src copies only what exists */
	guarded_init(&g, 8, 6);
	assert_rect(canvas_blit(&g.c, NULL, 4, 4, &src, (struct canvas_rect){ -1, 1, 10, 10 }),
		    5, 4, 3, 1);
	assert_int_equal(canvas_get(&g.c, 5, 4), 4);
	assert_int_equal(canvas_get(&g.c, 7, 4), 6);
	assert_int_equal(count_set(&g.c), 3);
	guarded_check(&g);
	canvas_free(&src);
}

static void test_blit_overlapping(void **state)
{
	struct guarded g;
	(void)state;

	for (int dir = -1; dir <= 1; dir += 2) {
		guarded_init(&g, 8, 6);
		for (int y = 0; y < 6; y++)
			for (int x = 0; x < 8; x++)
				g.c.px[y * g.c.stride + x] = (uint32_t)(y * 8 + x + 1);
		/* scroll the whole canvas by one row and one column */
		canvas_blit(&g.c, NULL, dir, dir, &g.c, canvas_bounds(&g.c));
		for (int y = 0; y < 6; y++)
			for (int x = 0; x < 8; x++) {
				int sx = x - dir, sy = y - dir;
				uint32_t want = (sx >= 0 && sx < 8 && sy >= 0 && sy < 6) ?
							(uint32_t)(sy * 8 + sx + 1) :
							(uint32_t)(y * 8 + x + 1);
				assert_int_equal(canvas_get(&g.c, x, y), want);
			}
		guarded_check(&g);
	}
}

static void test_blit_rgba(void **state)
{
	struct guarded g;
	uint32_t px[4] = { 0xFF0000FF, 0x00FF0080, 0x0000FF00, 0xFFFFFFFF };
	(void)state;

	guarded_init(&g, 8, 6);
	assert_rect(canvas_blit_rgba(&g.c, NULL, 6, 5, px, 2, 2, 2), 6, 5, 2, 1);
	assert_int_equal(canvas_get(&g.c, 6, 5), 0xFF0000);
	assert_int_equal(canvas_get(&g.c, 7, 5), 0x008000);
	assert_rect(canvas_blit_rgba(&g.c, NULL, -1, -1, px, 2, 2, 2), 0, 0, 1, 1);
	assert_int_equal(canvas_get(&g.c, 0, 0), 0xFFFFFF);
	assert_true(canvas_rect_empty(canvas_blit_rgba(&g.c, NULL, 0, 0, px, 2, 2, 1)));
	assert_int_equal(count_set(&g.c), 3);
	guarded_check(&g);
}

static void test_rect_math(void **state)
{
	struct canvas_rect e = { 0, 0, 0, 0 }, a = { 1, 2, 3, 4 }, b = { 3, 0, 5, 3 };
	(void)state;

	assert_rect(canvas_rect_intersect(a, b), 3, 2, 1, 1);
	assert_rect(canvas_rect_union(a, b), 1, 0, 7, 6);
	assert_rect(canvas_rect_union(e, b), 3, 0, 5, 3);
	assert_rect(canvas_rect_union(a, (struct canvas_rect){ 9, 9, -1, 5 }), 1, 2, 3, 4);
	assert_rect(canvas_rect_intersect(a, (struct canvas_rect){ 4, 2, 3, 4 }), 0, 0, 0, 0);
	assert_rect(canvas_rect_union(e, e), 0, 0, 0, 0);
	/* results wider than INT_MAX are cut */
	assert_rect(canvas_rect_union((struct canvas_rect){ INT_MIN, 0, 1, 1 },
				      (struct canvas_rect){ INT_MAX - 1, 0, 1, 1 }),
		    INT_MIN, 0, INT_MAX, 1);
	assert_rect(canvas_rect_intersect((struct canvas_rect){ INT_MAX, INT_MAX, INT_MAX, INT_MAX },
					  (struct canvas_rect){ INT_MAX - 1, INT_MAX - 1, 5, 5 }),
		    INT_MAX, INT_MAX, 4, 4);
	assert_true(canvas_rect_contains(a, 1, 2));
	assert_true(canvas_rect_contains(a, 3, 5));
	assert_false(canvas_rect_contains(a, 4, 5));
	assert_false(canvas_rect_contains(a, 0, 2));
	assert_true(canvas_rect_contains((struct canvas_rect){ INT_MAX, 0, INT_MAX, 1 }, INT_MAX, 0));
	assert_true(canvas_rect_empty((struct canvas_rect){ 0, 0, 5, 0 }));
}

static void test_resize_keeps_pixels_and_clears_the_rest(void **state)
{
	struct canvas c;
	uint32_t *before;
	(void)state;

	assert_int_equal(canvas_init(&c, 10, 8), 0);
	canvas_fill(&c, NULL, canvas_bounds(&c), 0xff0000ff);
	/* shrink: in place */
	before = c.px;
	assert_int_equal(canvas_resize(&c, 4, 3), 0);
	assert_ptr_equal(c.px, before);
	assert_int_equal(c.w, 4);
	assert_int_equal(c.h, 3);
	assert_int_equal(canvas_get(&c, 3, 2), 0xff0000u);
	/* grow within the allocation: still in place, the new part black
	 * (not the red left there by the shrink) */
	assert_int_equal(canvas_resize(&c, 10, 8), 0);
	assert_ptr_equal(c.px, before);
	assert_int_equal(canvas_get(&c, 3, 2), 0xff0000u);
	assert_int_equal(canvas_get(&c, 4, 2), 0u);
	assert_int_equal(canvas_get(&c, 3, 3), 0u);
	assert_int_equal(canvas_get(&c, 9, 7), 0u);
	/* grow past it: new memory with room to spare, pixels kept */
	assert_int_equal(canvas_resize(&c, 40, 20), 0);
	assert_true(c.stride >= 40 && c.cap_h >= 20);
	assert_int_equal(canvas_get(&c, 0, 0), 0xff0000u);
	assert_int_equal(canvas_get(&c, 39, 19), 0u);
	/* refused: nonsense sizes, a canvas it does not own */
	assert_int_equal(canvas_resize(&c, 0, 5), -1);
	assert_int_equal(canvas_resize(&c, CANVAS_MAX_DIM + 1, 5), -1);
	assert_int_equal(c.w, 40);
	canvas_free(&c);
	uint32_t px[4];
	assert_int_equal(canvas_wrap(&c, px, 2, 2, 2), 0);
	assert_int_equal(canvas_resize(&c, 1, 1), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resize_keeps_pixels_and_clears_the_rest),
		cmocka_unit_test(test_init_limits),
		cmocka_unit_test(test_blend_exhaustive),
		cmocka_unit_test(test_blend_values),
		cmocka_unit_test(test_fill_opaque_and_alpha),
		cmocka_unit_test(test_fill_clips_every_edge),
		cmocka_unit_test(test_fill_clip_rect),
		cmocka_unit_test(test_extreme_coordinates),
		cmocka_unit_test(test_outline_blends_once),
		cmocka_unit_test(test_line_matches_reference),
		cmocka_unit_test(test_line_known_pixels),
		cmocka_unit_test(test_blit),
		cmocka_unit_test(test_blit_overlapping),
		cmocka_unit_test(test_blit_rgba),
		cmocka_unit_test(test_rect_math),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

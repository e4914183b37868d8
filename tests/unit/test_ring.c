/* Unit tests for supervisor/ring: order, eviction of the oldest lines when
 * full, wrap-around at every offset, long lines stored cut, last-n. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ring.h"

struct got {
	char lines[4096][64];
	size_t lens[4096];
	unsigned n;
};

static void collect(const char *line, size_t len, void *ctx)
{
	struct got *g = ctx;
	assert_true(g->n < 4096);
	snprintf(g->lines[g->n], sizeof g->lines[0], "%.*s", (int)len, line);
	g->lens[g->n++] = len;
}

static void test_empty(void **state)
{
	struct ring r;
	struct got *g = calloc(1, sizeof *g);
	(void)state;
	ring_init(&r, 4096);
	ring_last(&r, 10, collect, g);
	assert_int_equal(g->n, 0);
	assert_null(r.buf); /* nothing allocated until used */
	ring_free(&r);
	free(g);
}

static void test_order_and_last_n(void **state)
{
	struct ring r;
	struct got *g = calloc(1, sizeof *g);
	char line[32];
	(void)state;
	ring_init(&r, 8192);
	for (int i = 0; i < 10; i++) {
		snprintf(line, sizeof line, "line %d", i);
		assert_int_equal(ring_push(&r, line, strlen(line)), 0);
	}
	ring_last(&r, 3, collect, g);
	assert_int_equal(g->n, 3);
	assert_string_equal(g->lines[0], "line 7");
	assert_string_equal(g->lines[2], "line 9");
	g->n = 0;
	ring_last(&r, 100, collect, g);
	assert_int_equal(g->n, 10);
	assert_string_equal(g->lines[0], "line 0");
	ring_free(&r);
	free(g);
}

static void test_eviction_and_wrap(void **state)
{
	struct got *g = calloc(1, sizeof *g);
	char line[64];
	(void)state;
	/* Different line sizes so records straddle the end at every offset. */
	for (int width = 1; width < 40; width += 3) {
		struct ring r;
		ring_init(&r, 2 * (RING_LINE_MAX + 2));
		for (int i = 0; i < 1000; i++) {
			int n = snprintf(line, sizeof line, "%0*d", width, i);
			ring_push(&r, line, (size_t)n);
			assert_true(r.used <= r.cap);
		}
		g->n = 0;
		ring_last(&r, 5000, collect, g);
		assert_int_equal(g->n, r.lines);
		assert_true(g->n > 5);
		/* The newest are kept, in order. */
		for (unsigned k = 0; k < g->n; k++)
			assert_int_equal(atoi(g->lines[k]), 1000 - (int)g->n + (int)k);
		assert_int_equal(r.pushed, 1000);
		ring_free(&r);
	}
	free(g);
}

static void test_long_line_cut(void **state)
{
	struct ring r;
	struct got *g = calloc(1, sizeof *g);
	char *big = malloc(100000);
	(void)state;
	memset(big, 'a', 100000);
	ring_init(&r, 4096);
	ring_push(&r, big, 100000);
	ring_push(&r, "after", 5);
	ring_last(&r, 2, collect, g);
	assert_int_equal(g->n, 2);
	assert_int_equal(g->lens[0], RING_LINE_MAX);
	assert_string_equal(g->lines[1], "after");
	ring_free(&r);
	free(big);
	free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_order_and_last_n),
		cmocka_unit_test(test_eviction_and_wrap),
		cmocka_unit_test(test_long_line_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

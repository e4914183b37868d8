/* Unit tests for supervisor/line: lines split at every chunk boundary come
 * out the same, "\r\n" is accepted, a line of exactly the limit passes
 * whole, one byte more is cut with the tail counted and dropped, and the
 * memory held between reads never exceeds the limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "line.h"

#define MAXL 64

struct got {
	char *lines[MAXL];
	size_t lens[MAXL];
	unsigned flags[MAXL];
	int n;
};

static void collect(char *line, size_t len, unsigned flags, void *ctx)
{
	struct got *g = ctx;

	assert_true(g->n < MAXL);
	assert_int_equal(line[len], '\0');
	g->lines[g->n] = malloc(len + 1);
	memcpy(g->lines[g->n], line, len + 1);
	g->lens[g->n] = len;
	g->flags[g->n] = flags;
	g->n++;
}

static void got_free(struct got *g)
{
	for (int i = 0; i < g->n; i++)
		free(g->lines[i]);
	g->n = 0;
}

/* Feed s in chunks of `chunk` bytes. */
static void feed(struct line_buf *lb, const char *s, size_t len, size_t chunk, struct got *g)
{
	char *copy = malloc(len ? len : 1);
	memcpy(copy, s, len);
	for (size_t off = 0; off < len; off += chunk) {
		size_t n = len - off < chunk ? len - off : chunk;
		assert_int_equal(line_feed(lb, copy + off, n, collect, g), 0);
	}
	free(copy);
}

static void test_simple_lines(void **state)
{
	static const char in[] = "one\ntwo\r\n\nthree";
	(void)state;
	for (size_t chunk = 1; chunk <= sizeof in; chunk++) {
		struct line_buf lb;
		struct got g = { 0 };
		line_init(&lb);
		feed(&lb, in, sizeof in - 1, chunk, &g);
		assert_int_equal(g.n, 3);
		assert_string_equal(g.lines[0], "one");
		assert_string_equal(g.lines[1], "two");
		assert_string_equal(g.lines[2], "");
		line_finish(&lb, collect, &g);
		assert_int_equal(g.n, 4);
		assert_string_equal(g.lines[3], "three");
		assert_int_equal(g.flags[3], 0);
		assert_int_equal(lb.lines, 4);
		got_free(&g);
		line_free(&lb);
	}
}

static void test_embedded_nul_kept_in_length(void **state)
{
	struct line_buf lb;
	struct got g = { 0 };
	(void)state;
	line_init(&lb);
	feed(&lb, "a\0b\n", 4, 4, &g);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.lens[0], 3);
	assert_memory_equal(g.lines[0], "a\0b", 3);
	got_free(&g);
	line_free(&lb);
}

static void test_exact_limit_passes(void **state)
{
	size_t len = LINE_MAX_LEN + 1;
	char *s = malloc(len);
	(void)state;
	memset(s, 'x', LINE_MAX_LEN);
	s[LINE_MAX_LEN] = '\n';
	for (size_t chunk = 4096; chunk <= len; chunk *= 4) {
		struct line_buf lb;
		struct got g = { 0 };
		line_init(&lb);
		feed(&lb, s, len, chunk, &g);
		assert_int_equal(g.n, 1);
		assert_int_equal(g.lens[0], LINE_MAX_LEN);
		assert_int_equal(g.flags[0], 0);
		assert_int_equal(lb.overlong, 0);
		got_free(&g);
		line_free(&lb);
	}
	free(s);
}

static void test_overlong_cut_and_tail_dropped(void **state)
{
	/* 1 MiB line, then a normal one. */
	size_t big = 1024 * 1024, len = big + 1 + 3;
	char *s = malloc(len);
	(void)state;
	memset(s, 'y', big);
	s[big] = '\n';
	memcpy(s + big + 1, "ok\n", 3);
	for (size_t chunk = 1000; chunk <= len; chunk *= 7) {
		struct line_buf lb;
		struct got g = { 0 };
		line_init(&lb);
		feed(&lb, s, len, chunk, &g);
		assert_int_equal(g.n, 2);
		assert_int_equal(g.lens[0], LINE_MAX_LEN);
		assert_int_equal(g.flags[0], LINE_CUT);
		assert_string_equal(g.lines[1], "ok");
		assert_int_equal(g.flags[1], 0);
		assert_int_equal(lb.overlong, 1);
		assert_int_equal(lb.discarded, big - LINE_MAX_LEN);
		/* Never more than one line's worth held. */
		assert_true(lb.cap <= LINE_MAX_LEN + 1);
		got_free(&g);
		line_free(&lb);
	}
	free(s);
}

static void test_limit_plus_one(void **state)
{
	size_t len = LINE_MAX_LEN + 2;
	char *s = malloc(len);
	struct line_buf lb;
	struct got g = { 0 };
	(void)state;
	memset(s, 'z', LINE_MAX_LEN + 1);
	s[LINE_MAX_LEN + 1] = '\n';
	line_init(&lb);
	feed(&lb, s, len, len, &g);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.flags[0], LINE_CUT);
	assert_int_equal(lb.discarded, 1);
	line_finish(&lb, collect, &g);
	assert_int_equal(g.n, 1); /* nothing pending after the cut */
	got_free(&g);
	line_free(&lb);
	free(s);
}

static void test_unterminated_overlong_then_eof(void **state)
{
	size_t len = 3 * LINE_MAX_LEN;
	char *s = malloc(len);
	struct line_buf lb;
	struct got g = { 0 };
	(void)state;
	memset(s, 'q', len);
	line_init(&lb);
	feed(&lb, s, len, 5000, &g);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.flags[0], LINE_CUT);
	assert_null(lb.buf); /* the long buffer was given back */
	line_finish(&lb, collect, &g);
	assert_int_equal(g.n, 1);
	assert_false(lb.discarding);
	got_free(&g);
	line_free(&lb);
	free(s);
}

static void test_buffer_released_after_long_line(void **state)
{
	size_t len = 20000;
	char *s = malloc(len);
	struct line_buf lb;
	struct got g = { 0 };
	(void)state;
	memset(s, 'w', len - 1);
	s[len - 1] = '\n';
	line_init(&lb);
	feed(&lb, s, len, 1000, &g);
	assert_int_equal(g.n, 1);
	assert_null(lb.buf);
	assert_int_equal(lb.cap, 0);
	got_free(&g);
	line_free(&lb);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple_lines),
		cmocka_unit_test(test_embedded_nul_kept_in_length),
		cmocka_unit_test(test_exact_limit_passes),
		cmocka_unit_test(test_overlong_cut_and_tail_dropped),
		cmocka_unit_test(test_limit_plus_one),
		cmocka_unit_test(test_unterminated_overlong_then_eof),
		cmocka_unit_test(test_buffer_released_after_long_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

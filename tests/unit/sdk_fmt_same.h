/* sdk_fmt_same.h: what the tests of the SDK's two formatters (sdk/fmt.c,
 * sdk/fmtn.c; test_sdk_fmt.c, test_sdk_fmtn.c) share. Included once, after
 * cmocka and the formatter under test. */
#ifndef SDK_FMT_SAME_H
#define SDK_FMT_SAME_H

#include <stdio.h>
#include <string.h>

/* The host's snprintf and the formatter over the same literal format and
 * arguments: the same text and the same length. */
#define SAME(...)                                                              \
	do {                                                                   \
		char want[256], got[256];                                      \
		int wn = snprintf(want, sizeof want, __VA_ARGS__);             \
		int gn = vy_snprintf(got, sizeof got, __VA_ARGS__);            \
		assert_string_equal(got, want);                                \
		assert_int_equal(gn, wn);                                      \
	} while (0)

/* For formats the compiler's format check would refuse: a call through a
 * pointer the compiler cannot see through is not checked. */
static int (*volatile raw)(char *, size_t, const char *, ...) = vy_snprintf;

/* Truncation always terminates, writes nothing past cap and returns the
 * length the text wanted. */
static void test_truncation(void **state)
{
	char got[8];
	(void)state;
	memset(got, 'X', sizeof got);
	assert_int_equal(vy_snprintf(got, 5, "%d-%s", 12345, "abc"), 9);
	assert_string_equal(got, "1234");
	assert_int_equal(got[5], 'X'); /* nothing written past cap */
	assert_int_equal(vy_snprintf(got, 1, "abc"), 3);
	assert_string_equal(got, "");
}

#endif

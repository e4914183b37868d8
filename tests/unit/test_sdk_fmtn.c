/* Unit tests for the narrow formatter (sdk/fmtn.c), built for the host:
 * every conversion it does (%s %c %d %i %u with l, ll or z, and %%)
 * gives what the host's snprintf gives, and so what the full formatter
 * gives (its own test, test_sdk_fmt.c, holds it to the host's); the rest
 * that the build lets it take (scripts/fmt-narrow.py) gives what the full
 * one gives; truncation always terminates; the return value is the length
 * it wanted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "../../sdk/fmtn.c"
#include "../../sdk/fmts.c"

#include "sdk_fmt_same.h"

static void test_integers(void **state)
{
	(void)state;
	SAME("%d %i %u", 0, -1, 4000000000u);
	SAME("%d|%d|%i", INT_MAX, INT_MIN, -7);
	SAME("%u|%u", 0u, UINT_MAX);
	SAME("%ld %lu %li", -5L, 7UL, LONG_MIN);
	SAME("%ld|%lu", LONG_MAX, ULONG_MAX);
	SAME("%lld %llu %lli", LLONG_MIN, ULLONG_MAX, LLONG_MAX);
	SAME("%zu %zd", (size_t)12345, (ssize_t)-3);
	SAME("%d%d%u%lld", 1, -2, 3u, -4LL);
	for (long long v = 1; v < LLONG_MAX / 10; v = v * 10 + 7)
		SAME("[%lld] [%lld] [%llu]", v, -v, (unsigned long long)v);
}

static void test_strings_chars(void **state)
{
	(void)state;
	SAME("%s|%s|%s", "abc", "", "a longer string, with spaces");
	SAME("%c%c%c", 'x', '%', ' ');
	SAME("100%% done %d%%", 5);
	SAME("%%%s%%%%", "between");
	SAME("plain text, no conversions");
	SAME("%s", "");
	SAME("@%s: %s %u %d\n", "logview", "lines", 12u, -1);
}

static void test_null_and_end(void **state)
{
	char got[64];
	(void)state;
	raw(got, sizeof got, "%s", (char *)NULL);
	assert_string_equal(got, "(null)");
	/* A '%' that ends the format prints nothing, and an unknown
	 * conversion stays as it is (l and z dropped), as in the full one
	 * (test_sdk_fmt.c); the build lets the narrow one take any '%' that
	 * is not followed by - 0-9 * . x X p f (scripts/fmt-narrow.py). */
	assert_int_equal(raw(got, sizeof got, "ab%"), 2);
	assert_string_equal(got, "ab");
	assert_int_equal(raw(got, sizeof got, "a%qb%"), 4);
	assert_string_equal(got, "a%qb");
	raw(got, sizeof got, "[%lq] [%hd] [%\x02] [%zlz!]");
	assert_string_equal(got, "[%q] [%hd] [%\x02] [%!]");
}

static void test_truncation_narrow(void **state)
{
	char got[8];
	(void)state;
	assert_int_equal(vy_snprintf(NULL, 0, "%d%%", -10), 4);
	memset(got, 'X', sizeof got);
	assert_int_equal(vy_snprintf(got, 3, "%c%c%c%c", 'a', 'b', 'c', 'd'), 4);
	assert_string_equal(got, "ab");
	assert_int_equal(got[3], 'X');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_strings_chars),
		cmocka_unit_test(test_null_and_end),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_truncation_narrow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

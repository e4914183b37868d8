/* Unit tests for the app SDK's formatter (sdk/fmt.c), built for the host:
 * every conversion, flag, width and length it supports gives what the
 * host's snprintf gives, truncation always terminates, and the return value
 * is the length it wanted. The formatter was rewritten for size; this holds
 * it to the behaviour apps rely on. (%p, a wasm32 pointer printed as %x,
 * cannot be checked on a 64-bit host.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "../../sdk/fmt.c"
#include "../../sdk/fmts.c"
#include "../../sdk/fmtf.c"

#include "sdk_fmt_same.h"

static void test_integers(void **state)
{
	(void)state;
	SAME("%d %i %u", 0, -1, 4000000000u);
	SAME("%d|%d", 2147483647, -2147483647 - 1);
	SAME("%x %X %x", 0xdeadbeefu, 0xabcdefu, 0u);
	SAME("%ld %lu %lx", -5L, 7UL, 255UL);
	SAME("%lld %llu %llx", -9223372036854775807LL - 1, 18446744073709551615ULL,
	     0x123456789abcdefULL);
	SAME("%zu %zx", (size_t)12345, (size_t)0xfff);
	SAME("[%5d] [%-5d] [%05d]", 42, 42, 42);
	SAME("[%5d] [%-5d] [%05d] [%3d]", -42, -42, -42, -12345);
	SAME("[%08x] [%*d] [%-*d]", 0xbeefu, 6, 7, 6, 7);
	SAME("[%02d:%02d:%02d]", 1, 2, 30);
}

static void test_strings_chars(void **state)
{
	(void)state;
	SAME("%s|%s", "abc", "");
	SAME("[%8s] [%-8s] [%2s]", "abc", "abc", "abcdef");
	SAME("[%.2s] [%.*s] [%.*s]", "abcdef", 3, "abcdef", 10, "ab");
	SAME("[%c] [%3c] [%-3c]", 'x', 'y', 'z');
	SAME("100%% done %d%%", 5);
	SAME("plain text, no conversions");
}

static void test_null_and_unknown(void **state)
{
	char got[64];
	(void)state;
	raw(got, sizeof got, "%s", (char *)NULL);
	assert_string_equal(got, "(null)");
	/* An unknown conversion is copied as it is; a '%' at the end is dropped. */
	raw(got, sizeof got, "a%qb%");
	assert_string_equal(got, "a%qb");
	/* The same as the narrow formatter (test_sdk_fmtn.c) */
	raw(got, sizeof got, "[%lq] [%hd] [%\x02] [%zlz!]");
	assert_string_equal(got, "[%q] [%hd] [%\x02] [%!]");
	/* '-' wins over '0', as in C. */
	raw(got, sizeof got, "[%-05d] [%-05d]", 42, -42);
	assert_string_equal(got, "[42   ] [-42  ]");
	/* the length wanted counts the padding */
	assert_int_equal(vy_snprintf(NULL, 0, "%5d", 1), 5);
}


/* %f (sdk/fmtf.c, linked here as VY_FLOAT_FORMAT links it into an app):
 * the host's output for values whose decimal rounding is not a tie. */
static void test_float(void **state)
{
	char out[64];
	(void)state;
	SAME("%f", 3.14159);
	SAME("%f|%f", 0.0, -0.5);
	SAME("%.2f %.0f %.9f", 7.5125, 2.4, 1.0 / 3);
	SAME("%.3f", -2.5);
	SAME("[%8.2f] [%-8.1f]", 3.14159, -1.26);
	SAME("%.2f = %s", 1234567.891, "x");
	SAME("%.1f", 0.96);
	vy_snprintf(out, sizeof out, "%f %.2f", 1e20, -1e300 * 1e300);
	assert_string_equal(out, "big big");
	vy_snprintf(out, sizeof out, "%.12f", 0.5); /* at most 9 digits */
	assert_string_equal(out, "0.500000000");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_float),
		cmocka_unit_test(test_strings_chars),
		cmocka_unit_test(test_null_and_unknown),
		cmocka_unit_test(test_truncation),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

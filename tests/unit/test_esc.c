/* Unit tests for lib/esc: the console rule for app text. Escape sequences
 * (ESC ]0;title BEL, ESC [2J, CSI as the C1 byte), backspaces, carriage
 * returns, newlines and tabs come out as the text \xNN; printable UTF-8
 * (including U+00A0 and beyond) is unchanged; invalid UTF-8 is shown byte
 * by byte; a full buffer cuts at a whole character or escape. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "esc.h"

static const char *esc(const char *s, size_t n, size_t cap)
{
	static char buf[512];
	size_t len = esc_text(buf, cap, s, n);
	assert_int_equal(len, strlen(buf));
	assert_true(len < cap);
	return buf;
}

static void test_sequences(void **state)
{
	static const char title[] = "\x1b]0;owned\x07 \x1b[2Jx\b\b\ry\n";
	(void)state;
	assert_string_equal(esc(title, sizeof title - 1, 512),
			    "\\x1b]0;owned\\x07 \\x1b[2Jx\\x08\\x08\\x0dy\\x0a");
	assert_string_equal(esc("a\tb\x7f", 4, 512), "a\\x09b\\x7f");
	/* C1 CSI (U+009B) is two bytes in UTF-8, both shown */
	assert_string_equal(esc("\xc2\x9b" "31m", 5, 512), "\\xc2\\x9b31m");
}

static void test_printable(void **state)
{
	static const char s[] = "NAME  PID | \xc2\xa0\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 \\x1b";
	(void)state;
	assert_string_equal(esc(s, sizeof s - 1, 512), s);
	assert_string_equal(esc("", 0, 512), "");
}

static void test_invalid(void **state)
{
	(void)state;
	assert_string_equal(esc("ok\xff\xc3", 4, 512), "ok\\xff\\xc3");
	assert_string_equal(esc("a\0b", 3, 512), "a\\x00b");
	/* overlong '/' and a surrogate */
	assert_string_equal(esc("\xc0\xaf\xed\xa0\x80", 5, 512),
			    "\\xc0\\xaf\\xed\\xa0\\x80");
}

static void test_cut(void **state)
{
	char buf[8];
	(void)state;
	/* room for 7 bytes: "ab" + one escape (4) fits, the next does not */
	assert_int_equal(esc_text(buf, sizeof buf, "ab\x1b\x1b", 4), 6);
	assert_string_equal(buf, "ab\\x1b");
	/* never half a character: the euro sign (3 bytes) does not fit after 5 */
	assert_int_equal(esc_text(buf, sizeof buf, "abcde\xe2\x82\xac", 8), 5);
	assert_string_equal(buf, "abcde");
	assert_int_equal(esc_text(buf, 1, "abc", 3), 0);
	assert_string_equal(buf, "");
	assert_int_equal(esc_text(buf, 0, "abc", 3), 0);
}

static void test_utf8_seq(void **state)
{
	(void)state;
	assert_int_equal(esc_utf8_seq((const unsigned char *)"a", 1), 1);
	assert_int_equal(esc_utf8_seq((const unsigned char *)"\xc3\xa9", 2), 2);
	assert_int_equal(esc_utf8_seq((const unsigned char *)"\xc3", 1), 0);
	assert_int_equal(esc_utf8_seq((const unsigned char *)"\xf4\x90\x80\x80", 4), 0);
	assert_int_equal(esc_utf8_seq((const unsigned char *)"", 1), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sequences),
		cmocka_unit_test(test_printable),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_utf8_seq),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

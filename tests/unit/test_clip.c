/* test_clip: the clipboard's text format (docs/input.md, "Clipboard"):
 * every escape decoded, bad escapes, non-UTF-8 and NUL refused, the size
 * limit, and encode as the exact inverse of decode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "clip.h"

static long dec(const char *in, char *out, size_t cap, const char **err)
{
	return clip_decode(in, strlen(in), out, cap, err);
}

static void test_decode(void **state)
{
	char out[64];
	const char *err = NULL;
	(void)state;

	assert_int_equal(dec("a\\\\b\\nc\\td\\x01\\x7F", out, sizeof out, &err), 9);
	assert_memory_equal(out, "a\\b\nc\td\x01\x7f", 9);
	assert_int_equal(dec("", out, sizeof out, &err), 0);
	assert_int_equal(dec("h\xc3\xa9", out, sizeof out, &err), 3); /* é as is */
	static const char *const bad[] = { "a\\", "\\q", "\\x4", "\\xg0", "\\x00", "\\xff", "\\xc3" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		err = NULL;
		assert_int_equal(dec(bad[i], out, sizeof out, &err), -1);
		assert_non_null(err);
	}
	assert_int_equal(dec("abcd", out, 3, &err), -1);
	assert_string_equal(err, "text too long");
}

static void test_encode_round_trip(void **state)
{
	char text[256], enc[1100], back[256];
	const char *err = NULL;
	size_t n = 0;
	long e;
	(void)state;

	for (unsigned c = 1; c < 0x80; c++)
		text[n++] = (char)c;
	memcpy(text + n, "\xc3\xa9\xe2\x82\xac", 5); /* é € */
	n += 5;
	e = clip_encode(text, n, enc, sizeof enc);
	assert_true(e > 0);
	assert_null(memchr(enc, '\n', (size_t)e));
	assert_int_equal(clip_decode(enc, (size_t)e, back, sizeof back, &err), (long)n);
	assert_memory_equal(back, text, n);
	assert_int_equal(clip_encode("\n", 1, enc, 2), -1); /* "\\n" and the NUL need 3 */
	assert_int_equal(clip_encode("\n", 1, enc, 3), 2);
	assert_string_equal(enc, "\\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_encode_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

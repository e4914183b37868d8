/* Unit tests for lib/spell: the distance (with swaps of neighbours), and
 * that a suggestion is made only for a near miss. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "spell.h"

static unsigned dist(const char *a, const char *b) { return spell_distance(a, strlen(a), b); }

static void test_distance(void **state)
{
	(void)state;
	assert_int_equal(dist("filesystem", "filesystem"), 0);
	assert_int_equal(dist("filesytem", "filesystem"), 1);  /* a letter missing */
	assert_int_equal(dist("dipslay", "display"), 1);       /* two swapped */
	assert_int_equal(dist("netwrk", "network"), 1);
	assert_int_equal(dist("", "abc"), 3);
	assert_int_equal(dist("abc", ""), 3);
	assert_int_equal(dist("kitten", "sitting"), 3);
	char big[SPELL_MAX + 2];
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(dist(big, "a"), SPELL_MAX);
}

static void test_nearest(void **state)
{
	static const char *const caps[] = { "stdio", "filesystem", "network", "display", "shell", "mouse" };
	const size_t n = sizeof caps / sizeof caps[0];

	(void)state;
	assert_int_equal(spell_nearest("filesytem", 9, caps, n), 1);
	assert_int_equal(spell_nearest("netwrok", 7, caps, n), 2);
	assert_int_equal(spell_nearest("shel", 4, caps, n), 4);
	assert_int_equal(spell_nearest("colour", 6, caps, n), -1); /* not a near miss */
	assert_int_equal(spell_nearest("x", 1, caps, n), -1);
	assert_int_equal(spell_nearest("mous", 4, caps, n), 5);
	assert_int_equal(spell_nearest("ab", 2, caps, 0), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_distance),
		cmocka_unit_test(test_nearest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

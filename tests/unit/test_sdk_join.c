/* Unit tests for sdk/join.c, built for the host: texts joined from
 * strings and decimal numbers (negative ones, the 64-bit extremes), cut
 * at VY_JOIN_MAX - 1 bytes, each text started afresh after vy_join_end,
 * and the @-lines vy_join_send and vy_join_answer write (none without a
 * sender to answer). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <string.h>

#include "../../sdk/join.c"
#include "../../sdk/str.c"

#include "sdk_out_stub.h"
char sdk_last_sender[32];

static void test_strings_and_numbers(void **st)
{
	(void)st;
	vy_join_s("saved ");
	vy_join_d(0);
	vy_join_s(" bytes, line ");
	vy_join_d(-17);
	vy_join_s("");
	assert_string_equal(vy_join_end(), "saved 0 bytes, line -17");
	/* the next text starts empty */
	assert_string_equal(vy_join_end(), "");
	vy_join_d(LLONG_MIN);
	vy_join_s(" ");
	vy_join_d(LLONG_MAX);
	assert_string_equal(vy_join_end(), "-9223372036854775808 9223372036854775807");
	/* counts: no sign, the whole unsigned range */
	vy_join_u(0);
	vy_join_s(" ");
	vy_join_u(ULLONG_MAX);
	assert_string_equal(vy_join_end(), "0 18446744073709551615");
}

static void test_cut_at_the_buffer(void **st)
{
	char big[VY_JOIN_MAX + 100];
	const char *t;
	(void)st;
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	vy_join_s("x");
	vy_join_s(big);
	vy_join_d(12345);
	t = vy_join_end();
	assert_int_equal((int)strlen(t), VY_JOIN_MAX - 1);
	assert_int_equal(t[0], 'x');
	assert_int_equal(t[VY_JOIN_MAX - 2], 'a');
}

static void test_messages(void **st)
{
	(void)st;
	outn = 0;
	vy_join_s("open ");
	vy_join_s("notes.txt");
	assert_int_equal(vy_join_send("notes"), 0);
	assert_string_equal(out(), "@notes: open notes.txt\n");
	/* no message yet: nothing is written, and the text is dropped */
	sdk_last_sender[0] = '\0';
	vy_join_s("added ");
	assert_int_equal(vy_join_answer(), -1);
	assert_string_equal(out(), "");
	strcpy(sdk_last_sender, "shell");
	vy_join_s("added ");
	vy_join_d(3);
	assert_int_equal(vy_join_answer(), 0);
	assert_string_equal(out(), "@shell: added 3\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings_and_numbers),
		cmocka_unit_test(test_cut_at_the_buffer),
		cmocka_unit_test(test_messages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

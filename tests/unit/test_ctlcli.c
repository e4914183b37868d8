/* Unit tests for supervisor/start/ctlcli: which lines wait for an answer,
 * and where each received line stands in it (an answer ends at its own
 * verb's "ok", not at another's, nor at a logged "ok ..." quoted as
 * "| ok ..."). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ctlcli.h"

static void test_expect(void **state)
{
	struct ctlcli_wait w;

	(void)state;
	assert_int_equal(ctlcli_expect("@supervisor: ps", &w), 1);
	assert_int_equal(w.kind, 1);
	assert_string_equal(w.verb, "ps");
	assert_int_equal(ctlcli_expect("@supervisor: log shell 5", &w), 1);
	assert_string_equal(w.verb, "log");
	assert_int_equal(ctlcli_expect("VYOMA_TEST:key Enter", &w), 1);
	assert_int_equal(w.kind, 2);
	assert_string_equal(w.verb, "key");
	assert_int_equal(ctlcli_expect("VYOMA_TEST:wait-ready", &w), 1);
	assert_string_equal(w.verb, "wait-ready");
	assert_int_equal(ctlcli_expect("@shell: hello", &w), 0);
	assert_int_equal(w.kind, 0);
	assert_int_equal(ctlcli_expect("plain log text", &w), 0);
	assert_int_equal(ctlcli_expect("@supervisor: ", &w), -1);
	assert_int_equal(ctlcli_expect("VYOMA_TEST:", &w), -1);
	assert_int_equal(ctlcli_expect("@supervisor: averyveryveryverylongverbthatdoesnotfit", &w), -1);
}

static void test_answer(void **state)
{
	struct ctlcli_wait w;
	const char *t;

	(void)state;
	ctlcli_expect("@supervisor: log shell", &w);
	assert_int_equal(ctlcli_answer(&w, "@supervisor: | ok log", &t), CTLCLI_PART);
	assert_string_equal(t, "| ok log");
	assert_int_equal(ctlcli_answer(&w, "@supervisor: ok logger", &t), CTLCLI_PART);
	assert_int_equal(ctlcli_answer(&w, "@supervisor: ok ps", &t), CTLCLI_PART);
	assert_int_equal(ctlcli_answer(&w, "@clock: tick", &t), CTLCLI_OTHER);
	assert_string_equal(t, "@clock: tick");
	assert_int_equal(ctlcli_answer(&w, "@supervisor: ok log", &t), CTLCLI_OK);
	assert_string_equal(t, "ok log");
	assert_int_equal(ctlcli_answer(&w, "@supervisor: ok log shell", &t), CTLCLI_OK);
	assert_int_equal(ctlcli_answer(&w, "@supervisor: error: unknown app x", &t), CTLCLI_ERROR);
	assert_string_equal(t, "error: unknown app x");

	ctlcli_expect("VYOMA_TEST:key x", &w);
	assert_int_equal(ctlcli_answer(&w, "VYOMA_TEST:ok key", &t), CTLCLI_OK);
	assert_int_equal(ctlcli_answer(&w, "VYOMA_TEST:error key x went nowhere", &t), CTLCLI_ERROR);
	assert_int_equal(ctlcli_answer(&w, "@supervisor: ok key", &t), CTLCLI_OTHER);

	ctlcli_expect("@a: hi", &w);
	assert_int_equal(ctlcli_answer(&w, "@supervisor: ok ps", &t), CTLCLI_OTHER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expect),
		cmocka_unit_test(test_answer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

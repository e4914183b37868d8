/* Unit tests for supervisor/policy: backoff doubling from 1 s to the 30 s
 * cap, the sliding give-up window, the restart table for every policy and
 * exit class, and the runner exit codes' meanings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "policy.h"

static void test_backoff(void **state)
{
	static const uint64_t want[] = { 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000 };
	(void)state;
	for (unsigned i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_int_equal(pol_backoff_ms(i), want[i]);
	assert_int_equal(pol_backoff_ms(1000), POL_BACKOFF_MAX_MS);
	assert_int_equal(pol_backoff_ms(~0u), POL_BACKOFF_MAX_MS);
}

static void test_give_up_window(void **state)
{
	struct pol_hist h = { 0 };
	(void)state;
	/* 3 failures allowed per 10 s. */
	assert_false(pol_record_failure(&h, 1000, 10, 3));
	assert_false(pol_record_failure(&h, 2000, 10, 3));
	assert_true(pol_record_failure(&h, 3000, 10, 3));
	/* Spread out: the window forgets. */
	h.n = 0;
	assert_false(pol_record_failure(&h, 0, 10, 3));
	assert_false(pol_record_failure(&h, 6000, 10, 3));
	assert_false(pol_record_failure(&h, 12000, 10, 3)); /* the one at 0 left */
	assert_true(pol_record_failure(&h, 13000, 10, 3));
	/* 0: never give up, and the history stays bounded. */
	h.n = 0;
	for (uint64_t t = 0; t < 1000; t++)
		assert_false(pol_record_failure(&h, t, 3600, 0));
	assert_true(h.n <= POL_HIST_MAX);
	/* max above the history size still gives up. */
	h.n = 0;
	bool gave = false;
	for (uint64_t t = 0; t < 200 && !gave; t++)
		gave = pol_record_failure(&h, t, 3600, 1000);
	assert_true(gave);
}

static void test_classify(void **state)
{
	(void)state;
	assert_int_equal(pol_classify(W_EXITCODE(0, 0)), POL_OK);
	assert_int_equal(pol_classify(W_EXITCODE(1, 0)), POL_FAIL);
	assert_int_equal(pol_classify(W_EXITCODE(70, 0)), POL_REFUSED);
	assert_int_equal(pol_classify(W_EXITCODE(71, 0)), POL_FAIL);
	assert_int_equal(pol_classify(W_EXITCODE(72, 0)), POL_FAIL);
	assert_int_equal(pol_classify(W_EXITCODE(73, 0)), POL_FAIL);
	assert_int_equal(pol_classify(W_EXITCODE(0, SIGKILL)), POL_FAIL);
}

static void test_decide(void **state)
{
	(void)state;
	assert_int_equal(pol_decide(RESTART_NEVER, POL_OK, false), POL_DONE);
	assert_int_equal(pol_decide(RESTART_NEVER, POL_FAIL, false), POL_DONE);
	assert_int_equal(pol_decide(RESTART_ON_FAILURE, POL_OK, false), POL_DONE);
	assert_int_equal(pol_decide(RESTART_ON_FAILURE, POL_FAIL, false), POL_RESTART);
	assert_int_equal(pol_decide(RESTART_ON_FAILURE, POL_FAIL, true), POL_GIVE_UP);
	assert_int_equal(pol_decide(RESTART_ALWAYS, POL_OK, false), POL_RESTART);
	assert_int_equal(pol_decide(RESTART_ALWAYS, POL_FAIL, false), POL_RESTART);
	assert_int_equal(pol_decide(RESTART_ALWAYS, POL_FAIL, true), POL_GIVE_UP);
	/* 70 is never retried, whatever the policy. */
	assert_int_equal(pol_decide(RESTART_ALWAYS, POL_REFUSED, false), POL_GIVE_UP);
	assert_int_equal(pol_decide(RESTART_ON_FAILURE, POL_REFUSED, false), POL_GIVE_UP);
	assert_int_equal(pol_decide(RESTART_NEVER, POL_REFUSED, false), POL_GIVE_UP);
}

static void test_describe(void **state)
{
	char buf[96];
	(void)state;
	pol_describe(W_EXITCODE(71, 0), buf, sizeof buf);
	assert_string_equal(buf, "exit 71 (memory cap exceeded)");
	pol_describe(W_EXITCODE(70, 0), buf, sizeof buf);
	assert_string_equal(buf, "exit 70 (refused by the import audit or bad arguments)");
	pol_describe(W_EXITCODE(72, 0), buf, sizeof buf);
	assert_string_equal(buf, "exit 72 (trap)");
	pol_describe(W_EXITCODE(73, 0), buf, sizeof buf);
	assert_string_equal(buf, "exit 73 (runtime setup failure)");
	pol_describe(W_EXITCODE(0, SIGKILL), buf, sizeof buf);
	assert_non_null(strstr(buf, "signal 9"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backoff),
		cmocka_unit_test(test_give_up_window),
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_decide),
		cmocka_unit_test(test_describe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

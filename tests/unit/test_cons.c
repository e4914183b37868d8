/* Unit tests for supervisor/core/cons, the console writer, with a real pipe
 * (64 KiB shrunk to one page) as the console: lines go out at once while
 * the reader keeps up; when it does not, nothing blocks, every lane stays
 * within its bound and the excess is dropped and counted; the supervisor's
 * lines go first and a quiet app's lines are not stuck behind a flooding
 * one; drops are reported in one line per app, rate limited; a reader that
 * goes away costs nothing; and cons_close writes what is left. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cons.h"
#include "ev.h"
#include "log.h"

static int rd = -1, wr = -1;
static char got[1 << 20];
static size_t ngot;

static int setup(void **state)
{
	int p[2];
	(void)state;
	signal(SIGPIPE, SIG_IGN);
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	fcntl(p[1], F_SETPIPE_SZ, 4096);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	rd = p[0];
	wr = p[1];
	ngot = 0;
	assert_int_equal(ev_init(), 0);
	log_init("test", wr);
	assert_int_equal(cons_open(wr, wr), 0);
	log_set_writer(cons_sup);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	cons_close(0);
	log_set_writer(NULL);
	log_init("test", 2);
	ev_fini();
	if (rd >= 0)
		close(rd);
	close(wr);
	rd = -1;
	return 0;
}

/* Read what is in the pipe now. */
static void slurp(void)
{
	ssize_t r;
	while (rd >= 0 && ngot < sizeof got - 1 && (r = read(rd, got + ngot, sizeof got - 1 - ngot)) > 0)
		ngot += (size_t)r;
	got[ngot] = '\0';
}

/* Read and run the loop until the writer has nothing left. */
static void drain(void)
{
	struct cons_stats st;
	for (int i = 0; i < 10000; i++) {
		slurp();
		cons_get_stats(&st);
		if (!st.queued)
			break;
		ev_run_once(10);
	}
	slurp();
}

static void app_line(const char *src, const char *fmt, long i)
{
	char line[128];
	int n = snprintf(line, sizeof line, fmt, i);
	cons_app(src, line, (size_t)n);
}

static void test_fast_reader(void **state)
{
	struct cons_stats st;
	(void)state;
	cons_get_stats(&st);
	assert_int_equal(st.mode, CONS_QUEUED);
	cons_sup("one", 3);
	app_line("a", "two %ld", 2);
	cons_stdout("three", 5);
	slurp();
	assert_string_equal(got, "one\ntwo 2\nthree\n");
	cons_get_stats(&st);
	assert_int_equal(st.queued, 0);
	assert_int_equal(st.dropped, 0);
}

static void test_bounded_never_blocks(void **state)
{
	struct cons_stats st;
	uint64_t t0 = ev_now_ms();
	(void)state;
	for (long i = 0; i < 20000; i++)
		app_line("spam", "spam %08ld ................................................", i);
	assert_true(ev_now_ms() - t0 < 2000);
	cons_get_stats(&st);
	assert_true(st.dropped > 10000);
	assert_true(st.queued <= CONS_SRC_CAP + CONS_OUT_MAX);
	/* the supervisor's lane has its own room */
	cons_sup("still here", 10);
	cons_get_stats(&st);
	assert_true(st.queued > CONS_SRC_CAP);
	drain();
	assert_non_null(strstr(got, "still here\n"));
	assert_non_null(strstr(got, "spam 00000000 "));
}

static void test_fair_and_first(void **state)
{
	char *sup, *q2, *p;
	int spam_before = 0;
	(void)state;
	for (long i = 0; i < 2000; i++)
		app_line("spam", "spam %08ld ................................................", i);
	for (long i = 0; i < 3; i++)
		app_line("quiet", "quiet %ld", i);
	cons_sup("event", 5);
	drain();
	sup = strstr(got, "event\n");
	assert_non_null(sup);
	/* after the supervisor's line, the two apps take turns */
	q2 = strstr(sup, "quiet 2\n");
	assert_non_null(q2);
	for (p = sup; p && p < q2; p = strchr(p + 1, '\n'))
		if (!strncmp(p + 1, "spam ", 5))
			spam_before++;
	assert_true(spam_before <= 3);
	/* the quiet app's lines are in order and whole */
	assert_true(strstr(got, "quiet 0\n") < strstr(got, "quiet 1\n"));
	assert_true(strstr(got, "quiet 1\n") < strstr(got, "quiet 2\n"));
}

static void test_drop_report(void **state)
{
	uint64_t end;
	int n = 0;
	(void)state;
	for (long i = 0; i < 5000; i++)
		app_line("spam", "spam %08ld ................................................", i);
	app_line("quiet", "quiet %ld", 1);
	end = ev_now_ms() + CONS_REPORT_MS + 500;
	while (ev_now_ms() < end) {
		slurp();
		ev_run_once(20);
	}
	drain();
	assert_non_null(strstr(got, "console: dropped "));
	assert_non_null(strstr(got, " lines from spam (console too slow)\n"));
	assert_null(strstr(got, "from quiet"));
	/* one report for the burst, not one per line */
	for (char *p = got; (p = strstr(p, "from spam")); p++)
		n++;
	assert_int_equal(n, 1);
}

static void test_reader_gone(void **state)
{
	struct cons_stats st;
	(void)state;
	close(rd);
	rd = -1;
	for (long i = 0; i < 100; i++)
		app_line("spam", "spam %ld", i);
	for (int i = 0; i < 5; i++)
		ev_run_once(10);
	cons_sup("nobody", 6);
	cons_get_stats(&st);
	assert_int_equal(st.mode, CONS_GONE);
	assert_int_equal(st.queued, 0);
}

static void test_close_drains(void **state)
{
	(void)state;
	for (long i = 0; i < 600; i++)
		app_line("a", "line %ld", i);
	slurp(); /* make room: what is left goes out in cons_close */
	cons_close(1000);
	slurp();
	assert_non_null(strstr(got, "line 599\n"));
	/* back to direct writes */
	cons_sup("direct", 6);
	slurp();
	assert_non_null(strstr(got, "direct\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_fast_reader, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bounded_never_blocks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fair_and_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_drop_report, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reader_gone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_drains, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

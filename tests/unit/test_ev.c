/* Unit tests for supervisor/ev: timers fire in deadline order, cancel works
 * (also from inside a callback, also for fired ids), a zero-delay timer
 * added by a callback waits for the next tick, fds can be removed from
 * their own callback, and signals arrive through the loop. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "ev.h"

static int order[16], norder;

static void mark(void *ctx)
{
	order[norder++] = (int)(intptr_t)ctx;
}

static void run_until(int n, int max_iter)
{
	for (int i = 0; i < max_iter && norder < n; i++)
		ev_run_once(100);
}

static void test_timer_order(void **state)
{
	(void)state;
	assert_int_equal(ev_init(), 0);
	norder = 0;
	ev_timer_add(30, mark, (void *)3);
	ev_timer_add(10, mark, (void *)1);
	ev_timer_id t = ev_timer_add(20, mark, (void *)99);
	ev_timer_add(20, mark, (void *)2);
	ev_timer_cancel(t);
	ev_timer_cancel(t); /* twice: harmless */
	assert_int_equal(ev_timer_count(), 3);
	run_until(3, 50);
	assert_int_equal(norder, 3);
	assert_int_equal(order[0], 1);
	assert_int_equal(order[1], 2);
	assert_int_equal(order[2], 3);
	assert_int_equal(ev_timer_count(), 0);
	ev_timer_cancel(t); /* after firing: harmless */
	ev_fini();
}

static ev_timer_id victim;

static void cancel_other(void *ctx)
{
	(void)ctx;
	ev_timer_cancel(victim);
	mark((void *)7);
}

static void readd(void *ctx)
{
	(void)ctx;
	mark((void *)5);
	if (norder < 3)
		ev_timer_add(0, readd, NULL);
}

static void test_cancel_from_callback_and_no_starvation(void **state)
{
	(void)state;
	assert_int_equal(ev_init(), 0);
	norder = 0;
	ev_timer_add(5, cancel_other, NULL);
	victim = ev_timer_add(5, mark, (void *)8);
	run_until(1, 20);
	ev_run_once(20);
	assert_int_equal(norder, 1);
	assert_int_equal(order[0], 7);
	/* A callback re-adding a zero timer runs once per tick, not forever. */
	norder = 0;
	ev_timer_add(0, readd, NULL);
	ev_run_once(100);
	assert_int_equal(norder, 1);
	run_until(3, 10);
	assert_int_equal(norder, 3);
	ev_fini();
}

static int fd_calls;

static void on_fd(int fd, unsigned events, void *ctx)
{
	(void)events;
	(void)ctx;
	fd_calls++;
	ev_fd_del(fd); /* freed later, not under us */
}

static void test_fd_self_removal(void **state)
{
	int p[2];
	(void)state;
	assert_int_equal(ev_init(), 0);
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "x", 1), 1);
	assert_int_equal(ev_fd_add(p[0], EV_IN, on_fd, NULL), 0);
	assert_int_equal(ev_fd_add(p[0], EV_IN, on_fd, NULL), -1); /* once */
	ev_run_once(100);
	ev_run_once(10);
	assert_int_equal(fd_calls, 1);
	close(p[0]);
	close(p[1]);
	ev_fini();
}

static int got_sig;

static void on_sig(const struct signalfd_siginfo *si, void *ctx)
{
	(void)ctx;
	got_sig = (int)si->ssi_signo;
}

static void test_signal(void **state)
{
	(void)state;
	assert_int_equal(ev_init(), 0);
	assert_int_equal(ev_signal_add(SIGUSR1, on_sig, NULL), 0);
	kill(getpid(), SIGUSR1);
	for (int i = 0; i < 10 && !got_sig; i++)
		ev_run_once(100);
	assert_int_equal(got_sig, SIGUSR1);
	ev_fini();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_timer_order),
		cmocka_unit_test(test_cancel_from_callback_and_no_starvation),
		cmocka_unit_test(test_fd_self_removal),
		cmocka_unit_test(test_signal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for supervisor/outq against a real pipe: direct writes while
 * the reader keeps up, queueing when the pipe is full, all-or-nothing
 * refusal at the limit, order preserved across flushes, EPIPE reported. */
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

#include "outq.h"

static void mkpipe(int p[2])
{
	assert_int_equal(pipe2(p, O_CLOEXEC), 0);
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
}

static enum outq_result put(struct outq *q, int fd, const char *s)
{
	struct iovec iov[2] = { { (void *)s, strlen(s) }, { "\n", 1 } };
	return outq_writev(q, fd, iov, 2);
}

static void test_direct_when_empty(void **state)
{
	struct outq q;
	int p[2];
	char buf[64];
	(void)state;
	mkpipe(p);
	outq_init(&q, 1024);
	assert_int_equal(put(&q, p[1], "hello"), OUTQ_OK);
	assert_int_equal(outq_pending(&q), 0);
	assert_null(q.buf);
	assert_int_equal(read(p[0], buf, sizeof buf), 6);
	assert_memory_equal(buf, "hello\n", 6);
	outq_free(&q);
	close(p[0]);
	close(p[1]);
}

static void test_full_pipe_queues_then_limit(void **state)
{
	struct outq q;
	int p[2], n = 0;
	char line[100], buf[4096];
	(void)state;
	mkpipe(p);
	outq_init(&q, 64 * 1024);
	/* Fill the pipe and the queue up to the limit. */
	for (;; n++) {
		snprintf(line, sizeof line, "%08d-padding-padding-padding-padding", n);
		if (put(&q, p[1], line) != OUTQ_OK)
			break;
		assert_true(outq_pending(&q) <= 64 * 1024);
	}
	assert_true(outq_pending(&q) > 0);
	assert_true(outq_pending(&q) + 45 > 64 * 1024);
	/* Refused whole: nothing of the refused line is queued. */
	size_t before = outq_pending(&q);
	char big[200];
	memset(big, 'b', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(put(&q, p[1], big), OUTQ_FULL);
	assert_int_equal(outq_pending(&q), before);
	/* Read everything back in order while flushing. */
	int expect = 0;
	char acc[200];
	size_t acc_len = 0;
	for (;;) {
		ssize_t r = read(p[0], buf, sizeof buf);
		if (r <= 0) {
			if (outq_flush(&q, p[1]) == 0 && outq_pending(&q) == 0) {
				r = read(p[0], buf, sizeof buf);
				if (r <= 0)
					break;
			} else
				continue;
		}
		for (ssize_t i = 0; i < r; i++) {
			if (buf[i] != '\n') {
				acc[acc_len++] = buf[i];
				continue;
			}
			acc[acc_len] = '\0';
			assert_int_equal(atoi(acc), expect);
			expect++;
			acc_len = 0;
		}
		outq_flush(&q, p[1]);
	}
	assert_int_equal(expect, n);
	assert_null(q.buf); /* drained: memory given back */
	outq_free(&q);
	close(p[0]);
	close(p[1]);
}

static void test_broken_pipe(void **state)
{
	struct outq q;
	int p[2];
	(void)state;
	signal(SIGPIPE, SIG_IGN);
	mkpipe(p);
	close(p[0]);
	outq_init(&q, 1024);
	assert_int_equal(put(&q, p[1], "lost"), OUTQ_ERR);
	outq_free(&q);
	close(p[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_direct_when_empty),
		cmocka_unit_test(test_full_pipe_queues_then_limit),
		cmocka_unit_test(test_broken_pipe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

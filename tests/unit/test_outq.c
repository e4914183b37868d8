/* Unit tests for supervisor/outq against a real pipe: lines queue whole or
 * not at all at the limit, flushing writes as much as the pipe takes and
 * keeps the rest in order, a drained queue gives its memory back, and a
 * broken pipe is reported. */
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

static enum outq_result put(struct outq *q, const char *s)
{
	struct iovec iov[3] = { { (void *)s, strlen(s) }, { "", 0 }, { "\n", 1 } };
	return outq_pushv(q, iov, 3);
}

static void test_queue_then_flush(void **state)
{
	struct outq q;
	int p[2];
	char buf[64];
	(void)state;
	mkpipe(p);
	outq_init(&q, 1024);
	assert_int_equal(put(&q, "hello"), OUTQ_OK);
	assert_int_equal(put(&q, ""), OUTQ_OK);
	assert_int_equal(outq_pending(&q), 7);
	assert_int_equal(read(p[0], buf, sizeof buf), -1); /* nothing written yet */
	assert_int_equal(outq_flush(&q, p[1]), 0);
	assert_int_equal(outq_pending(&q), 0);
	assert_int_equal(read(p[0], buf, sizeof buf), 7);
	assert_memory_equal(buf, "hello\n\n", 7);
	assert_int_equal(q.written, 7);
	outq_free(&q);
	close(p[0]);
	close(p[1]);
}

static void test_limit_is_all_or_nothing(void **state)
{
	struct outq q;
	char line[100];
	(void)state;
	outq_init(&q, 1000);
	memset(line, 'a', 98);
	line[98] = '\0';
	for (int i = 0; i < 10; i++)
		assert_int_equal(put(&q, line), OUTQ_OK); /* 10 * 99 = 990 */
	assert_int_equal(put(&q, line), OUTQ_FULL);
	assert_int_equal(outq_pending(&q), 990);
	assert_int_equal(put(&q, "123456789"), OUTQ_OK); /* exactly 1000 */
	assert_int_equal(put(&q, ""), OUTQ_FULL);
	outq_free(&q);
}

static void test_full_pipe_keeps_order(void **state)
{
	struct outq q;
	int p[2], n = 0, expect = 0;
	char line[100], buf[4096], acc[200];
	size_t acc_len = 0;
	(void)state;
	mkpipe(p);
	outq_init(&q, 1024 * 1024);
	/* More than the pipe holds. */
	for (; n < 10000; n++) {
		snprintf(line, sizeof line, "%08d-padding-padding-padding", n);
		assert_int_equal(put(&q, line), OUTQ_OK);
	}
	assert_int_equal(outq_flush(&q, p[1]), 1); /* the pipe is full, some remain */
	assert_true(outq_pending(&q) > 0);
	for (;;) {
		ssize_t r = read(p[0], buf, sizeof buf);
		if (r <= 0) {
			if (outq_pending(&q) == 0)
				break;
			assert_true(outq_flush(&q, p[1]) >= 0);
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
	assert_int_equal(put(&q, "lost"), OUTQ_OK);
	assert_int_equal(outq_flush(&q, p[1]), -1);
	outq_free(&q);
	close(p[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_queue_then_flush),
		cmocka_unit_test(test_limit_is_all_or_nothing),
		cmocka_unit_test(test_full_pipe_keeps_order),
		cmocka_unit_test(test_broken_pipe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

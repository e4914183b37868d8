/* outq: what the supervisor owes a reader (an app's stdin, a control
 * connection). Lines are queued during a round of callbacks and written in
 * one go before the next wait (fewer syscalls under load); a reader that
 * stops reading lets them pile up here, up to a hard limit, while the
 * caller watches the fd for EPOLLOUT. A unit (one protocol line) is queued
 * whole or refused whole, so a reader never sees half a line. The loop
 * never blocks on it. The console writer (cons.c) keeps one per lane and
 * takes it a line at a time (outq_take_line). */
#include "outq.h"
#include "hot.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Once drained, a buffer bigger than this is given back. */
#define OUTQ_KEEP (16u * 1024u)

void outq_init(struct outq *q, size_t limit)
{
	memset(q, 0, sizeof *q);
	q->limit = limit ? limit : OUTQ_CAP;
}

void outq_free(struct outq *q)
{
	free(q->buf);
	q->buf = NULL;
	q->head = q->len = q->cap = 0;
}

VY_HOT static void outq_drained(struct outq *q)
{
	q->head = 0;
	if (q->cap > OUTQ_KEEP) {
		free(q->buf);
		q->buf = NULL;
		q->cap = 0;
	}
}

/* Room for n more bytes after the pending ones: slide them to the front,
 * or grow (doubling from 4 KiB; the caller checked the limit). */
VY_HOT static int outq_room(struct outq *q, size_t n)
{
	if (q->head + q->len + n <= q->cap)
		return 0;
	if (q->head) {
		memmove(q->buf, q->buf + q->head, q->len);
		q->head = 0;
	}
	if (q->len + n > q->cap) {
		size_t cap = q->cap ? q->cap : 4096;
		while (cap < q->len + n)
			cap *= 2;
		char *b = realloc(q->buf, cap);
		if (!b)
			return -1;
		q->buf = b;
		q->cap = cap;
	}
	return 0;
}

VY_HOT enum outq_result outq_pushv(struct outq *q, const struct iovec *iov, int iovcnt)
{
	size_t total = 0;
	char *d;

	for (int i = 0; i < iovcnt; i++)
		total += iov[i].iov_len;
	if (q->len + total > q->limit)
		return OUTQ_FULL;
	if (total == 0)
		return OUTQ_OK;
	/* One reservation for the whole unit: out of memory refuses it whole. */
	if (outq_room(q, total) < 0)
		return OUTQ_FULL;
	d = q->buf + q->head + q->len;
	for (int i = 0; i < iovcnt; i++) {
		if (iov[i].iov_len)
			memcpy(d, iov[i].iov_base, iov[i].iov_len);
		d += iov[i].iov_len;
	}
	q->len += total;
	return OUTQ_OK;
}

size_t outq_take_line(struct outq *q, char *dst, size_t cap)
{
	const char *p = q->buf + q->head, *nl;
	size_t n;

	if (!q->len)
		return 0;
	nl = memchr(p, '\n', q->len);
	n = nl ? (size_t)(nl - p) + 1 : q->len;
	if (n > cap)
		return 0;
	memcpy(dst, p, n);
	q->head += n;
	q->len -= n;
	if (!q->len)
		outq_drained(q);
	return n;
}

VY_HOT int outq_flush(struct outq *q, int fd)
{
	while (q->len) {
		ssize_t w = write(fd, q->buf + q->head, q->len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return errno == EAGAIN ? 1 : -1;
		}
		q->head += (size_t)w;
		q->len -= (size_t)w;
		q->written += (size_t)w;
	}
	outq_drained(q);
	return 0;
}

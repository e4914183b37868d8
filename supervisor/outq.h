/* outq: a bounded, non-blocking output queue in front of one fd. */
#ifndef VYOMA_OUTQ_H
#define VYOMA_OUTQ_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

#define OUTQ_CAP (1024u * 1024u) /* default bytes a slow reader may owe */

struct outq {
	char *buf;
	size_t head, len, cap; /* pending bytes are buf[head .. head+len) */
	size_t limit;          /* at most this many pending bytes */
	uint64_t written;      /* bytes ever written to the fd */
};

enum outq_result {
	OUTQ_OK = 0,    /* written or queued entirely */
	OUTQ_FULL = -1, /* would exceed the limit: nothing queued */
	OUTQ_ERR = -2,  /* the fd is broken (EPIPE, ...): nothing queued */
};

void outq_init(struct outq *q, size_t limit);
void outq_free(struct outq *q);
/* Write the pieces as one unit: straight to fd when nothing is pending
 * (as much as the fd takes), the rest queued. Never blocks (fd is
 * O_NONBLOCK). All or nothing. */
enum outq_result outq_writev(struct outq *q, int fd, const struct iovec *iov, int iovcnt);
/* Write pending bytes. 0 when empty now, 1 when some remain, -1 on error. */
int outq_flush(struct outq *q, int fd);
static inline size_t outq_pending(const struct outq *q) { return q->len; }

#endif

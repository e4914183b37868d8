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
	OUTQ_OK = 0,    /* queued entirely */
	OUTQ_FULL = -1, /* would exceed the limit (or no memory): nothing queued */
};

void outq_init(struct outq *q, size_t limit);
void outq_free(struct outq *q);
/* Queue the pieces as one unit without writing (outq_flush writes them).
 * OUTQ_OK or OUTQ_FULL. All or nothing. */
enum outq_result outq_pushv(struct outq *q, const struct iovec *iov, int iovcnt);
/* Move the first pending line (through its '\n', or all that is pending
 * when there is none) to dst, when it fits in cap bytes. Its length, or 0
 * when empty or too long for dst. */
size_t outq_take_line(struct outq *q, char *dst, size_t cap);
/* Write pending bytes. 0 when empty now, 1 when some remain, -1 on error. */
int outq_flush(struct outq *q, int fd);
static inline size_t outq_pending(const struct outq *q) { return q->len; }

#endif

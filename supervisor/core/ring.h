/* ring: a bounded buffer of the most recent log lines. */
#ifndef VYOMA_RING_H
#define VYOMA_RING_H

#include <stddef.h>
#include <stdint.h>

#define RING_LINE_MAX 1024u /* longer lines are stored cut, ending in "..." */

struct ring {
	unsigned char *buf;    /* allocated on the first push */
	size_t cap, head, used;
	unsigned lines;        /* lines held now */
	uint64_t pushed;       /* lines ever pushed */
};

typedef void (*ring_fn)(const char *line, size_t len, void *ctx);

/* cap: bytes of storage (at least 2 * RING_LINE_MAX). */
void ring_init(struct ring *r, size_t cap);
void ring_free(struct ring *r);
/* Keep line; the oldest lines go when full. 0, or -1 when out of memory. */
int ring_push(struct ring *r, const char *line, size_t len);
/* The last n lines (all when n exceeds the count), oldest first. */
void ring_last(const struct ring *r, unsigned n, ring_fn fn, void *ctx);

#endif

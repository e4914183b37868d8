/* ring: per-app (and supervisor) log history for `@supervisor: log`. A byte
 * ring of records [u16 length][bytes], so a chatty app costs a fixed amount
 * of memory (the cap) whatever it writes; storage is only allocated when
 * the first line arrives, so 200 quiet apps cost nothing. */
#include "ring.h"

#include <stdlib.h>
#include <string.h>

#define RING_HDR 2u

void ring_init(struct ring *r, size_t cap)
{
	memset(r, 0, sizeof *r);
	if (cap < 2 * (RING_LINE_MAX + RING_HDR))
		cap = 2 * (RING_LINE_MAX + RING_HDR);
	r->cap = cap;
}

void ring_free(struct ring *r)
{
	free(r->buf);
	r->buf = NULL;
	r->head = r->used = 0;
	r->lines = 0;
}

static void ring_read(const struct ring *r, size_t off, void *dst, size_t n)
{
	size_t pos = (r->head + off) % r->cap;
	size_t first = r->cap - pos < n ? r->cap - pos : n;

	memcpy(dst, r->buf + pos, first);
	memcpy((unsigned char *)dst + first, r->buf, n - first);
}

static void ring_write(struct ring *r, size_t off, const void *src, size_t n)
{
	size_t pos = (r->head + off) % r->cap;
	size_t first = r->cap - pos < n ? r->cap - pos : n;

	memcpy(r->buf + pos, src, first);
	memcpy(r->buf, (const unsigned char *)src + first, n - first);
}

static size_t ring_reclen(const struct ring *r, size_t off)
{
	unsigned char h[RING_HDR];

	ring_read(r, off, h, RING_HDR);
	return RING_HDR + ((size_t)h[0] | (size_t)h[1] << 8);
}

int ring_push(struct ring *r, const char *line, size_t len)
{
	unsigned char h[RING_HDR];
	char cut[RING_LINE_MAX];

	if (!r->buf) {
		r->buf = malloc(r->cap);
		if (!r->buf)
			return -1;
	}
	if (len > RING_LINE_MAX) {
		memcpy(cut, line, RING_LINE_MAX - 3);
		memcpy(cut + RING_LINE_MAX - 3, "...", 3);
		line = cut;
		len = RING_LINE_MAX;
	}
	while (r->used + RING_HDR + len > r->cap) {
		size_t rl = ring_reclen(r, 0);
		r->head = (r->head + rl) % r->cap;
		r->used -= rl;
		r->lines--;
	}
	h[0] = (unsigned char)(len & 0xff);
	h[1] = (unsigned char)(len >> 8);
	ring_write(r, r->used, h, RING_HDR);
	ring_write(r, r->used + RING_HDR, line, len);
	r->used += RING_HDR + len;
	r->lines++;
	r->pushed++;
	return 0;
}

void ring_last(const struct ring *r, unsigned n, ring_fn fn, void *ctx)
{
	char line[RING_LINE_MAX + 1];
	struct ring snap = *r;
	size_t off = 0;

	if (!r->buf)
		return;
	/* fn may log, and logging may push to this very ring: walk a copy. */
	snap.buf = malloc(r->cap);
	if (!snap.buf)
		return;
	memcpy(snap.buf, r->buf, r->cap);
	for (unsigned skip = snap.lines > n ? snap.lines - n : 0; skip > 0; skip--)
		off += ring_reclen(&snap, off);
	while (off < snap.used) {
		size_t rl = ring_reclen(&snap, off);
		ring_read(&snap, off + RING_HDR, line, rl - RING_HDR);
		line[rl - RING_HDR] = '\0';
		fn(line, rl - RING_HDR, ctx);
		off += rl;
	}
	free(snap.buf);
}

/* line: turns reads from a pipe or socket into lines. Complete lines inside
 * one read are handed out in place (no copy); only a partial line is kept,
 * in a buffer that grows on demand and never beyond LINE_MAX_LEN + 1 bytes.
 * A longer line is cut: its first LINE_MAX_LEN bytes are dispatched with
 * LINE_CUT, the rest up to the next newline is counted and dropped. So an
 * app can never make the supervisor hold more than 64 KiB per stream. */
#include "line.h"
#include "hot.h"

#include <stdlib.h>
#include <string.h>

#define LINE_BUF_MIN 256u
/* A buffer grown for a long line is given back once that line is done. */
#define LINE_BUF_KEEP 4096u

void line_init(struct line_buf *lb) { memset(lb, 0, sizeof *lb); }

void line_free(struct line_buf *lb)
{
	free(lb->buf);
	line_init(lb);
}

VY_HOT static void line_emit(struct line_buf *lb, char *s, size_t len, unsigned flags,
		      line_fn fn, void *ctx)
{
	if (len && s[len - 1] == '\r')
		len--;
	s[len] = '\0';
	lb->lines++;
	fn(s, len, flags, ctx);
}

static int line_reserve(struct line_buf *lb, size_t need)
{
	size_t cap = lb->cap ? lb->cap : LINE_BUF_MIN;
	char *p;

	need += 1; /* the NUL */
	if (need <= lb->cap)
		return 0;
	while (cap < need)
		cap *= 2;
	if (cap > LINE_MAX_LEN + 1)
		cap = LINE_MAX_LEN + 1;
	p = realloc(lb->buf, cap);
	if (!p)
		return -1;
	lb->buf = p;
	lb->cap = cap;
	return 0;
}

static void line_reset(struct line_buf *lb)
{
	lb->len = 0;
	if (lb->cap > LINE_BUF_KEEP) {
		free(lb->buf);
		lb->buf = NULL;
		lb->cap = 0;
	}
}

VY_HOT int line_feed(struct line_buf *lb, char *data, size_t n, line_fn fn, void *ctx)
{
	int rc = 0;

	while (n > 0) {
		char *nl = memchr(data, '\n', n);
		size_t take;

		if (lb->discarding) {
			take = nl ? (size_t)(nl - data) : n;
			lb->discarded += take;
			if (!nl)
				return rc;
			lb->discarding = false;
			data = nl + 1;
			n -= take + 1;
			continue;
		}
		take = nl ? (size_t)(nl - data) : n;
		/* The common case: a whole line inside this read. */
		if (lb->len == 0 && nl && take <= LINE_MAX_LEN) {
			line_emit(lb, data, take, 0, fn, ctx);
			data = nl + 1;
			n -= take + 1;
			continue;
		}
		size_t room = LINE_MAX_LEN - lb->len;
		size_t copy = take > room ? room : take;
		if (line_reserve(lb, lb->len + copy) < 0) {
			lb->discarded += lb->len + take;
			lb->len = 0;
			rc = -1;
			if (!nl) {
				lb->discarding = true;
				return rc;
			}
			data = nl + 1;
			n -= take + 1;
			continue;
		}
		memcpy(lb->buf + lb->len, data, copy);
		lb->len += copy;
		data += copy;
		n -= copy;
		if (take > room) {
			/* Over the limit: dispatch the head, drop the tail. */
			lb->overlong++;
			lb->discarding = true;
			line_emit(lb, lb->buf, lb->len, LINE_CUT, fn, ctx);
			line_reset(lb);
			continue;
		}
		if (nl) {
			line_emit(lb, lb->buf, lb->len, 0, fn, ctx);
			line_reset(lb);
			data++;
			n--;
		}
	}
	return rc;
}

void line_finish(struct line_buf *lb, line_fn fn, void *ctx)
{
	if (lb->len && !lb->discarding)
		line_emit(lb, lb->buf, lb->len, 0, fn, ctx);
	lb->discarding = false;
	line_reset(lb);
}

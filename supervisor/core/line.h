/* line: framing of a byte stream (an app's stdout or stderr, a control
 * connection) into lines with a hard length limit. */
#ifndef VYOMA_LINE_H
#define VYOMA_LINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LINE_MAX_LEN (64u * 1024u) /* bytes per line, without the newline */

/* Flags given to a line callback. */
#define LINE_CUT 0x1u /* the line was longer than LINE_MAX_LEN; this is its head */

struct line_buf {
	char *buf;             /* a partial line; NULL while none is pending */
	size_t len, cap;
	bool discarding;       /* skipping the tail of a cut line */
	uint64_t lines;        /* complete lines dispatched */
	uint64_t overlong;     /* lines cut */
	uint64_t discarded;    /* bytes thrown away from cut lines */
};

/* The line is NUL-terminated at line[len] (it may hold other NULs). It is
 * only valid during the call. */
typedef void (*line_fn)(char *line, size_t len, unsigned flags, void *ctx);

void line_init(struct line_buf *lb);
void line_free(struct line_buf *lb);
/* Split data (modified in place) into lines: a trailing "\r" is dropped.
 * Memory held between calls never exceeds LINE_MAX_LEN + 1. 0, or -1 when
 * out of memory (the pending line is then lost and counted as discarded). */
int line_feed(struct line_buf *lb, char *data, size_t n, line_fn fn, void *ctx);
/* End of stream: dispatch a pending partial line, if any. */
void line_finish(struct line_buf *lb, line_fn fn, void *ctx);

#endif

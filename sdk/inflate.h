/* inflate.h: a streaming decoder of RFC 1951 deflate data (sdk/inflate.c),
 * for gunzip, zcat and gzip -d (sdk/cmdgz.c). */
#ifndef VYOMA_INFLATE_H
#define VYOMA_INFLATE_H

#include <stddef.h>

#define INFL_WIN 32768 /* the window: how far back a distance reaches */

/* infl_run's results: a whole stream, bad data, input ended early, put()
 * refused the output. */
enum { INFL_OK = 0, INFL_BAD = -1, INFL_EOF = -2, INFL_PUT = -3 };

struct infl {
	/* The caller's: the next input byte (-1 at the end), the output
	 * (each time the window fills, and at the end; 0, or -1 to stop),
	 * their context, and a window of INFL_WIN bytes. */
	int (*get)(void *ctx);
	int (*put)(void *ctx, const unsigned char *p, size_t n);
	void *ctx;
	unsigned char *win;
	/* infl_run's own */
	unsigned bits, nbits; /* input bits not yet used, and how many */
	unsigned pos, have;   /* the next byte of win; bytes out (to INFL_WIN) */
	int err;
};

/* Decodes one deflate stream: INFL_OK when its last block ended, else an
 * error above. The input is read no further than the stream's last byte,
 * so what follows (a gzip trailer) comes next from get(). */
int infl_run(struct infl *s);

#endif

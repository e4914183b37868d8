/* deflate.h: an RFC 1951 deflate encoder (sdk/deflate.c), for gzip
 * (sdk/cmdgz.c). */
#ifndef VYOMA_DEFLATE_H
#define VYOMA_DEFLATE_H

#include <stddef.h>

struct defl {
	/* The caller's: input into P (bytes read, 0 at the end, -1 on an
	 * error), the output (0, or -1 to stop), their context, and the
	 * level, 1 (fastest) to 9 (smallest), as zlib's. */
	long (*pull)(void *ctx, unsigned char *p, size_t n);
	int (*put)(void *ctx, const unsigned char *p, size_t n);
	void *ctx;
	int level;
};

/* Compresses all of pull()'s input into one deflate stream given to
 * put(): 0, or -1 when memory ran out (DEFL_NOMEM) or pull() or put()
 * failed. */
#define DEFL_NOMEM -2
int defl_run(const struct defl *d);

#endif

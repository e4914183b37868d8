/* deflate.h: an RFC 1951 deflate encoder (sdk/deflate.c), for gzip
 * (sdk/cmdgz.c). */
#ifndef VYOMA_DEFLATE_H
#define VYOMA_DEFLATE_H

#include <stddef.h>

/* The user's, linked in (called directly: smaller code than through
 * pointers): input into P (bytes read, 0 at the end, -1 on an error);
 * the output (0, or -1 to stop). */
long defl_pull(unsigned char *p, size_t n);
int defl_put(const unsigned char *p, size_t n);

/* Compresses all of defl_pull's input into one deflate stream given to
 * defl_put, at LEVEL 1 (fastest) to 9 (smallest), as zlib's levels: 0,
 * or -1 when defl_pull or defl_put failed. One stream at a time. */
int defl_run(int level);

#endif

/* inflate.h: a streaming decoder of RFC 1951 deflate data (sdk/inflate.c),
 * for gunzip, zcat and gzip -d (sdk/cmdgz.c). */
#ifndef VYOMA_INFLATE_H
#define VYOMA_INFLATE_H

#include <stddef.h>

#define INFL_WIN 32768 /* the window: how far back a distance reaches */

/* infl_run's results: a whole stream, bad data, input ended early, the
 * output refused. */
enum { INFL_OK = 0, INFL_BAD = -1, INFL_EOF = -2, INFL_PUT = -3 };

/* The user's, linked in (called directly, which is smaller code than
 * through pointers): the next input byte, or -1 at the end; the output,
 * each time the window fills and at the end (0, or -1 to stop). */
int infl_get(void);
int infl_put(const unsigned char *p, size_t n);

/* Decodes one deflate stream: INFL_OK when its last block ended, else an
 * error above. The input is read no further than the stream's last byte,
 * so what follows (a gzip trailer) comes next from infl_get(). One stream
 * at a time: the decoder's state is static. */
int infl_run(void);

#endif

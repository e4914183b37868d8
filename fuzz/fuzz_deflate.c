/* fuzz_deflate: libFuzzer target for the SDK's deflate encoder
 * (sdk/deflate.c: gzip compresses any file). The first byte picks the
 * level (1-9) and the size of the pieces the input comes in; the rest is
 * the input. zlib's inflate (the oracle) and ours give back exactly the
 * input, and the pieces change nothing of the output. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "fuzz.h"
#include "../sdk/flate.c"
#include "../sdk/deflate.c"
#include "../sdk/inflate.c"

struct buf {
	const uint8_t *in;
	size_t inlen, at, piece;
	uint8_t *out;
	size_t outlen, cap;
};

static long pull(void *ctx, unsigned char *p, size_t n)
{
	struct buf *b = ctx;
	size_t k = b->inlen - b->at;
	if (k > n)
		k = n;
	if (k > b->piece)
		k = b->piece;
	memcpy(p, b->in + b->at, k);
	b->at += k;
	return (long)k;
}

static int put(void *ctx, const unsigned char *p, size_t n)
{
	struct buf *b = ctx;
	if (b->outlen + n > b->cap) {
		b->cap = (b->outlen + n) * 2;
		b->out = realloc(b->out, b->cap);
		CHECK(b->out != NULL);
	}
	memcpy(b->out + b->outlen, p, n);
	b->outlen += n;
	return 0;
}

static struct buf *cur; /* the input and output of our deflate or inflate */
long defl_pull(unsigned char *p, size_t n) { return pull(cur, p, n); }
int defl_put(const unsigned char *p, size_t n) { return put(cur, p, n); }
int infl_get(void) { return cur->at < cur->inlen ? cur->in[cur->at++] : -1; }
int infl_put(const unsigned char *p, size_t n) { return put(cur, p, n); }

static struct buf our_deflate(const uint8_t *in, size_t n, int level, size_t piece)
{
	struct buf b = {in, n, 0, piece, NULL, 0, 0};
	cur = &b;
	CHECK(defl_run(level) == 0);
	return b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int level = 1 + data[0] % 9;
	size_t piece = 1 + (size_t)(data[0] >> 4) * 4099;
	data++, size--;

	struct buf a = our_deflate(data, size, level, SIZE_MAX), b = our_deflate(data, size, level, piece);
	CHECK(a.outlen == b.outlen && memcmp(a.out, b.out, a.outlen) == 0);

	uint8_t *plain = malloc(size + 1);
	z_stream z = {0};
	CHECK(inflateInit2(&z, -15) == Z_OK);
	z.next_in = a.out;
	z.avail_in = (uInt)a.outlen;
	z.next_out = plain;
	z.avail_out = (uInt)size + 1;
	CHECK(inflate(&z, Z_FINISH) == Z_STREAM_END);
	CHECK(z.total_out == size && z.avail_in == 0);
	CHECK(memcmp(plain, data, size) == 0);
	inflateEnd(&z);

	struct buf c = {a.out, a.outlen, 0, 0, NULL, 0, 0};
	cur = &c;
	CHECK(infl_run() == INFL_OK);
	CHECK(c.outlen == size && c.at == a.outlen);
	CHECK(size == 0 || memcmp(c.out, data, size) == 0);

	free(plain);
	free(a.out);
	free(b.out);
	free(c.out);
	return 0;
}

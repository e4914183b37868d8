/* fuzz_inflate: libFuzzer target for the SDK's deflate decoder
 * (sdk/inflate.c: gunzip, zcat and gzip -d run it on any file),
 * differential against zlib's inflate as the oracle: on the same bytes
 * both give the same output and stop at the same byte, or both refuse.
 * Nothing is read or written out of bounds (ASan). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "fuzz.h"
#include "../sdk/flate.c"
#include "../sdk/inflate.c"

#define FUZZ_OUT (1u << 20) /* more output than this: not compared */

static const uint8_t *in_p;
static size_t in_n, in_at;
static uint8_t *out_p;
static size_t out_n;

int infl_get(void) { return in_at < in_n ? in_p[in_at++] : -1; }

int infl_put(const unsigned char *p, size_t n)
{
	if (out_n + n > FUZZ_OUT)
		return -1;
	memcpy(out_p + out_n, p, n);
	out_n += n;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t ours[FUZZ_OUT], theirs[FUZZ_OUT];
	z_stream z = {0};

	in_p = data, in_n = size, in_at = 0;
	out_p = ours, out_n = 0;
	int rc = infl_run();

	if (inflateInit2(&z, -15) != Z_OK)
		return 0;
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)size;
	z.next_out = theirs;
	z.avail_out = FUZZ_OUT;
	int zr = inflate(&z, Z_FINISH);
	size_t zout = z.total_out, zin = z.total_in;
	inflateEnd(&z);

	if (rc == INFL_PUT || (zr == Z_BUF_ERROR && z.avail_out == 0))
		return 0; /* past FUZZ_OUT: not compared */
	CHECK((rc == INFL_OK) == (zr == Z_STREAM_END));
	if (rc == INFL_OK) {
		CHECK(out_n == zout);
		CHECK(memcmp(ours, theirs, out_n) == 0);
		CHECK(in_at == zin);
	}
	return 0;
}

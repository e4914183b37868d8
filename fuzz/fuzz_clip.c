/* fuzz_clip: libFuzzer target for the clipboard's text format (clip.h).
 * Whatever an app writes after VYOMA_CLIP:set: either is refused with a
 * reason or decodes to valid UTF-8 within the size given; what decodes
 * must encode and decode back to the same bytes. */
#include <string.h>

#include "clip.h"
#include "fuzz.h"
#include "proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char out[CLIP_MAX], enc[4 * CLIP_MAX + 1], back[CLIP_MAX];
	const char *err = NULL;
	long n, e;

	n = clip_decode((const char *)data, size, out, sizeof out, &err);
	if (n < 0) {
		CHECK(err && *err);
		return 0;
	}
	CHECK((size_t)n <= size && (size_t)n <= sizeof out);
	CHECK(proto_utf8_valid(out, (size_t)n));
	e = clip_encode(out, (size_t)n, enc, sizeof enc);
	CHECK(e >= 0 && !memchr(enc, '\n', (size_t)e));
	CHECK(clip_decode(enc, (size_t)e, back, sizeof back, &err) == n);
	CHECK(memcmp(back, out, (size_t)n) == 0);
	return 0;
}

/* fuzz_esc: libFuzzer target for lib/esc.c, the one rule for app text on
 * the console (an app's log line, a supervisor line quoting an app). The
 * first byte picks the output's size (1..256 bytes, or 4n+1 when 0), the
 * rest is the text. Invariants: the result is NUL-terminated at the length
 * returned, inside the buffer; it is valid UTF-8 (esc_utf8_seq's rule) with
 * no C0 control byte, no DEL and no C1 character, so a terminal obeys
 * nothing in it; with room for the worst case (every byte escaped) the
 * whole text is written: at least one character for each byte. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#include "esc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t n = size - 1, cap = data[0] ? data[0] : 4 * n + 1;
	char *out = malloc(cap);
	const char *src = (const char *)data + 1;
	CHECK(out);
	memset(out, 'Z', cap);
	size_t len = esc_text(out, cap, src, n);
	CHECK(len < cap && out[len] == '\0');
	for (size_t i = 0; i < len;) {
		const unsigned char *p = (const unsigned char *)out + i;
		size_t k = esc_utf8_seq(p, len - i);
		CHECK(k > 0);
		CHECK(!(k == 1 && (p[0] < 0x20 || p[0] == 0x7f)));
		CHECK(!(k == 2 && p[0] == 0xc2 && p[1] < 0xa0));
		i += k;
	}
	if (!data[0])
		CHECK(len >= n);
	free(out);
	return 0;
}

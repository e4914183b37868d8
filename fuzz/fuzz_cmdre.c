/* fuzz_cmdre: libFuzzer target for the commands' regular expressions
 * (sdk/cmdre.c: grep, sed, expr compile what a user types and run it on
 * any text). The input is a flags byte, a pattern up to the first NUL, and
 * a text. Every pattern either compiles or is refused with a reason; a
 * match lies inside the text, after where the search began, and its
 * groups inside the match's text; nothing leaks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../sdk/cmdre.c"
#include "../sdk/str.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int flags = data[0] & (VY_RE_EXT | VY_RE_ICASE);
	const uint8_t *nul = memchr(data + 1, 0, size - 1);
	size_t plen = nul ? (size_t)(nul - data - 1) : size - 1;
	char *pat = malloc(plen + 1);
	if (!pat)
		return 0;
	memcpy(pat, data + 1, plen);
	pat[plen] = '\0';
	const char *text = nul ? (const char *)nul + 1 : "";
	size_t len = nul ? size - plen - 2 : 0;
	const char *err = NULL;
	struct vy_re *re = vy_re_new(pat, flags, &err);
	if (!re) {
		if (!err || !*err)
			abort();
		free(pat);
		return 0;
	}
	for (size_t from = 0; from <= len && from < 8; from++) {
		int64_t m[VY_RE_NSUB * 2];
		if (!vy_re_exec(re, text, len, from, false, m))
			continue;
		if (m[0] < (int64_t)from || m[0] > m[1] || m[1] > (int64_t)len)
			abort();
		for (int g = 1; g < VY_RE_NSUB; g++)
			if (m[2 * g] != -1 && (m[2 * g] < 0 || m[2 * g] > m[2 * g + 1] || m[2 * g + 1] > (int64_t)len))
				abort();
	}
	vy_re_free(re);
	free(pat);
	return 0;
}

/* fuzz_cimg: libFuzzer target for the parser of the image's cache index
 * (lib/cimg.c). Invariants: a refusal has a message and leaves nothing
 * allocated; an accepted index holds valid names in strictly increasing
 * order, 64 lower-case hex digits and sizes within the bound, each entry
 * is found by its name, and writing it out as scripts/cidx-index.py does
 * gives the same bytes as the input (there is one form only). */
#include <string.h>

#include "cimg.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cimg idx;
	char err[256] = "", *out;
	size_t len;

	if (cimg_parse((const char *)data, size, &idx, err, sizeof err) < 0) {
		CHECK(err[0] && idx.e == NULL && idx.n == 0);
		return 0;
	}
	CHECK(idx.n <= CIDX_MAX_ENTRIES && size <= CIMG_MAX);
	out = malloc(size + 1);
	CHECK(out != NULL);
	len = (size_t)snprintf(out, size + 1, "%s", CIMG_HEADER);
	for (size_t i = 0; i < idx.n; i++) {
		const struct cimg_entry *e = &idx.e[i];

		CHECK(cimg_valid_name(e->name, strlen(e->name)) && e->size <= CIDX_ARTIFACT_MAX);
		CHECK(strlen(e->hex) == CIDX_HEX - 1 && strspn(e->hex, "0123456789abcdef") == CIDX_HEX - 1);
		CHECK(i == 0 || strcmp(idx.e[i - 1].name, e->name) < 0);
		CHECK(cimg_find(&idx, e->name) == e);
		CHECK(len < size);
		len += (size_t)snprintf(out + len, size + 1 - len, "%s %llu %s\n", e->hex,
					(unsigned long long)e->size, e->name);
	}
	CHECK(len == size && memcmp(out, data, size) == 0);
	free(out);
	cimg_free(&idx);
	return 0;
}

/* fuzz_place: libFuzzer over the window places file (svc/place.c's
 * place_parse), which an app with `filesystem` can write in /data.
 * Invariants: it accepts at most PLACE_MAX entries, each a valid app name
 * with numbers in range; a refusal says why; what it accepts prints back to
 * the same text (so a saved file reads back as it was). */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "manifest.h"
#include "place.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct place_entry e[PLACE_MAX];
	char err[256] = "", back[8192];
	unsigned n = 99;
	size_t o = 0;

	if (place_parse((const char *)data, size, e, &n, err, sizeof err) < 0) {
		CHECK(err[0] != '\0');
		return 0;
	}
	CHECK(n <= PLACE_MAX);
	for (unsigned i = 0; i < n; i++) {
		CHECK(man_valid_name(e[i].name));
		CHECK(e[i].w >= 1 && e[i].h >= 1 && e[i].w <= 100000 && e[i].h <= 100000);
		CHECK(e[i].x >= -100000 && e[i].x <= 100000 && e[i].y >= -100000 && e[i].y <= 100000);
		o += (size_t)snprintf(back + o, sizeof back - o, "%s %d %d %d %d\n", e[i].name, e[i].x,
				      e[i].y, e[i].w, e[i].h);
	}
	/* numbers may have been written with leading zeros or -0: compare
	 * only when the input had none */
	if (!memmem(data, size, " 0", 2) && !memmem(data, size, "-0", 2))
		CHECK(o == size && memcmp(back, data, size) == 0);
	return 0;
}

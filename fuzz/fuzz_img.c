/* fuzz_img: libFuzzer target for the PNG reader behind the wallpaper and
 * app icons (img_decode_rgba), bounded as the icons are. Whatever the
 * bytes, it refuses with a reason or returns w x h pixels within the
 * bound; what it returns scales to an icon-sized canvas and to a
 * wallpaper-sized one without reading or writing out of bounds. */
#include <stdlib.h>

#include "fuzz.h"
#include "img.h"
#include "wall.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint32_t *px = NULL;
	char err[256];
	int w = 0, h = 0;
	struct canvas c;

	if (img_decode_rgba(data, size, 512, &px, &w, &h, err, sizeof err) < 0) {
		CHECK(px == NULL && err[0]);
		return 0;
	}
	CHECK(px && w >= 1 && h >= 1 && w <= 512 && h <= 512);
	if (canvas_init(&c, 37, 23) == 0) {
		wall_scale(px, w, h, 0x101217u, &c);
		canvas_free(&c);
	}
	free(px);
	return 0;
}

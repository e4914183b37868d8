/* wall: the wallpaper (see wall.h). Loading happens once, when the system
 * is ready (the boot apps start first), from a bounded local file;
 * scaling is integer arithmetic (16.16 fixed point), so the same PNG gives
 * the same pixels. A picture already the desktop's width (the default one,
 * made at the screen's size) is only cropped: the same pixels without the
 * interpolation, which under emulation costs PID 1 a few tenths of a
 * second. */
#include "wall.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "img.h"
#include "log.h"

#define WALL_UNDER 0x101217u /* behind transparent pixels: the desktop's darkest */

static uint32_t wall_lerp(uint32_t a, uint32_t b, uint32_t t) /* t: 0..256 */
{
	uint32_t out = 0;

	for (int sh = 0; sh <= 24; sh += 8) {
		uint32_t x = a >> sh & 0xff, y = b >> sh & 0xff;
		out |= ((x * (256 - t) + y * t + 128) >> 8 & 0xff) << sh;
	}
	return out;
}

void wall_scale(const uint32_t *src, int sw, int sh, uint32_t under, struct canvas *dst)
{
	/* cover: the larger of the two scales, as source pixels per screen pixel */
	int64_t step = (int64_t)sw * dst->h > (int64_t)sh * dst->w
			       ? ((int64_t)sh << 16) / dst->h
			       : ((int64_t)sw << 16) / dst->w;
	int64_t ox = (((int64_t)sw << 16) - step * dst->w) / 2;
	int64_t oy = (((int64_t)sh << 16) - step * dst->h) / 2;

	if (step == 1 << 16 && (ox & 0xffff) == 0 && (oy & 0xffff) == 0) {
		/* one source pixel per screen pixel at whole offsets: every
		 * weight below would be 0, so a crop gives the same pixels */
		for (int y = 0; y < dst->h; y++) {
			const uint32_t *row = src + (size_t)(y + (oy >> 16)) * sw + (ox >> 16);
			for (int x = 0; x < dst->w; x++)
				dst->px[(size_t)y * dst->stride + x] = canvas_blend(under, row[x]);
		}
		return;
	}

	for (int y = 0; y < dst->h; y++) {
		int64_t fy = oy + step * y + step / 2 - 32768;
		int y0 = fy < 0 ? 0 : (int)(fy >> 16), y1 = y0 + 1 < sh ? y0 + 1 : sh - 1;
		uint32_t ty = fy < 0 ? 0 : (uint32_t)(fy & 0xffff) >> 8;
		for (int x = 0; x < dst->w; x++) {
			int64_t fx = ox + step * x + step / 2 - 32768;
			int x0 = fx < 0 ? 0 : (int)(fx >> 16), x1 = x0 + 1 < sw ? x0 + 1 : sw - 1;
			uint32_t tx = fx < 0 ? 0 : (uint32_t)(fx & 0xffff) >> 8;
			uint32_t top = wall_lerp(src[(size_t)y0 * sw + x0], src[(size_t)y0 * sw + x1], tx);
			uint32_t bot = wall_lerp(src[(size_t)y1 * sw + x0], src[(size_t)y1 * sw + x1], tx);
			uint32_t rgba = wall_lerp(top, bot, ty);
			dst->px[(size_t)y * dst->stride + x] = canvas_blend(under, rgba);
		}
	}
}

/* One candidate: 0 loaded, 1 absent, -1 bad (logged). */
static int wall_try(const char *path, int w, int h, struct canvas *out)
{
	unsigned char *buf = NULL;
	uint32_t *px = NULL;
	char err[256];
	struct stat st;
	size_t len;
	int iw, ih, rc = -1;

	if (stat(path, &st) < 0 && errno == ENOENT)
		return 1;
	if (img_read_file(path, WALL_FILE_MAX, &buf, &len, err, sizeof err) < 0 ||
	    img_decode_rgba(buf, len, WALL_DIM_MAX, &px, &iw, &ih, err, sizeof err) < 0) {
		log_warn(NULL, "wallpaper: %s refused: %s (at most %u bytes and %d pixels a side)", path,
			 err, WALL_FILE_MAX, WALL_DIM_MAX);
		goto out;
	}
	if (canvas_init(out, w, h) < 0) {
		log_warn(NULL, "wallpaper: no memory for %dx%d", w, h);
		goto out;
	}
	wall_scale(px, iw, ih, WALL_UNDER, out);
	log_info(NULL, "wallpaper: %s (%dx%d, scaled to %dx%d)", path, iw, ih, w, h);
	rc = 0;
out:
	free(buf);
	free(px);
	return rc;
}

int wall_load(const char *root, int w, int h, struct canvas *out)
{
	static const char *const where[] = { "data/wallpaper.png", "etc/vyoma/wallpaper.png" };
	char path[4096];
	bool bad = false;

	if (!root || w < 1 || h < 1)
		return -1;
	for (size_t i = 0; i < sizeof where / sizeof where[0]; i++) {
		int r;
		snprintf(path, sizeof path, "%s%s%s", root, root[0] && root[strlen(root) - 1] == '/' ? "" : "/",
			 where[i]);
		if ((r = wall_try(path, w, h, out)) == 0)
			return 0;
		bad |= r < 0;
	}
	log_info(NULL, "wallpaper: %s; the plain desktop", bad ? "none usable" : "none");
	return -1;
}

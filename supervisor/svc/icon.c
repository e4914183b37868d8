/* icon: the icon cache (see icon.h). A PNG is box-filtered down to
 * ICON_SIZE with premultiplied alpha, so edges stay clean; the default is
 * drawn at paint time from the accent colour and the name's initial in
 * the 6x12 font. */
#include "icon.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "font.h"
#include "img.h"
#include "load.h"
#include "log.h"

#define ICON_INK 0x1b1f27u /* the initial on the default icon */

struct icon {
	char name[32];
	bool png;
	uint32_t px[ICON_SIZE * ICON_SIZE]; /* 0xRRGGBBAA */
};

static struct {
	struct icon *e[ICON_CACHE];
	unsigned n, next;
} ic;

static struct icon *icon_find(const char *name)
{
	for (unsigned i = 0; i < ic.n; i++)
		if (strcmp(ic.e[i]->name, name) == 0)
			return ic.e[i];
	return NULL;
}

/* src (sw x sh, 0xRRGGBBAA) averaged into ICON_SIZE square boxes. */
static void icon_shrink(const uint32_t *src, int sw, int sh, uint32_t *dst)
{
	for (int y = 0; y < ICON_SIZE; y++)
		for (int x = 0; x < ICON_SIZE; x++) {
			int x0 = x * sw / ICON_SIZE, x1 = (x + 1) * sw / ICON_SIZE;
			int y0 = y * sh / ICON_SIZE, y1 = (y + 1) * sh / ICON_SIZE;
			uint64_t r = 0, g = 0, b = 0, a = 0, n = 0;

			x1 = x1 > x0 ? x1 : x0 + 1;
			y1 = y1 > y0 ? y1 : y0 + 1;
			for (int v = y0; v < y1 && v < sh; v++)
				for (int u = x0; u < x1 && u < sw; u++, n++) {
					uint32_t p = src[(size_t)v * sw + u], pa = p & 0xff;
					r += (p >> 24) * pa;
					g += (p >> 16 & 0xff) * pa;
					b += (p >> 8 & 0xff) * pa;
					a += pa;
				}
			dst[y * ICON_SIZE + x] = a ? (uint32_t)(r / a) << 24 | (uint32_t)(g / a) << 16 |
							     (uint32_t)(b / a) << 8 | (uint32_t)(a / n)
						   : 0;
		}
}

static void icon_read(struct icon *e)
{
	char dir[APP_DIR_MAX], path[APP_DIR_MAX + 16], err[256];
	unsigned char *buf = NULL;
	uint32_t *px = NULL;
	struct stat st;
	size_t len;
	int w, h;

	e->png = false;
	load_app_dir(dir, sizeof dir, e->name);
	snprintf(path, sizeof path, "%s/icon.png", dir);
	if (stat(path, &st) < 0 && errno == ENOENT)
		return;
	if (img_read_file(path, ICON_FILE_MAX, &buf, &len, err, sizeof err) < 0 ||
	    img_decode_rgba(buf, len, ICON_DIM_MAX, &px, &w, &h, err, sizeof err) < 0) {
		log_warn(e->name, "icon: %s refused: %s (at most %u bytes, %d pixels a side); the "
			 "default icon instead", path, err, ICON_FILE_MAX, ICON_DIM_MAX);
	} else {
		icon_shrink(px, w, h, e->px);
		e->png = true;
	}
	free(buf);
	free(px);
}

void icon_load(const char *name, bool reload)
{
	struct icon *e = icon_find(name);

	if (e && !reload)
		return;
	if (!e) {
		if (ic.n < ICON_CACHE) {
			if (!(e = calloc(1, sizeof *e)))
				return;
			ic.e[ic.n++] = e;
		} else {
			e = ic.e[ic.next];
			ic.next = (ic.next + 1) % ICON_CACHE;
		}
		snprintf(e->name, sizeof e->name, "%s", name);
	}
	icon_read(e);
}

bool icon_has_png(const char *name)
{
	const struct icon *e = icon_find(name);
	return e && e->png;
}

void icon_paint(struct canvas *f, const struct canvas_rect *clip, int x, int y, const char *name,
		uint32_t accent, unsigned alpha)
{
	const struct icon *e = icon_find(name);
	uint32_t px[ICON_SIZE * ICON_SIZE];
	char initial[2] = { name[0] >= 'a' && name[0] <= 'z' ? (char)(name[0] - 32) : name[0], 0 };

	if (e && e->png) {
		for (int i = 0; i < ICON_SIZE * ICON_SIZE; i++)
			px[i] = (e->px[i] & ~0xffu) | ((e->px[i] & 0xffu) * alpha / 255);
		canvas_blit_rgba(f, clip, x, y, px, ICON_SIZE, ICON_SIZE, ICON_SIZE);
		return;
	}
	/* The default: a rounded square in the accent, the initial in ink. */
	canvas_fill(f, clip, (struct canvas_rect){ x + 1, y, ICON_SIZE - 2, ICON_SIZE },
		    accent << 8 | alpha);
	canvas_fill(f, clip, (struct canvas_rect){ x, y + 1, 1, ICON_SIZE - 2 }, accent << 8 | alpha);
	canvas_fill(f, clip, (struct canvas_rect){ x + ICON_SIZE - 1, y + 1, 1, ICON_SIZE - 2 },
		    accent << 8 | alpha);
	font_draw(f, clip, x + (ICON_SIZE - 6) / 2, y + 2, ICON_INK << 8 | alpha, FONT_TEXT, initial,
		  initial[0] ? 1 : 0);
}

void icon_fini(void)
{
	for (unsigned i = 0; i < ic.n; i++)
		free(ic.e[i]);
	memset(&ic, 0, sizeof ic);
}

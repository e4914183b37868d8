/* img: canvases to and from PNG (libpng), for screenshots in hosted mode
 * and for the screenshot tests that compare them pixel by pixel. The
 * output is deterministic: same pixels, same bytes (no time or text
 * chunks, fixed zlib settings). The img_ prefix keeps clear of libpng's own
 * png_* namespace, and the header's name of <png.h>. */
#ifndef VYOMA_IMG_H
#define VYOMA_IMG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "canvas.h"

#define IMG_FILE_MAX (64u << 20) /* img_load_canvas refuses bigger files */

/* Encode c as 8-bit RGB, or RGBA with every alpha 255 when `alpha`.
 * *out is malloc'd; the caller frees it. */
int img_encode_canvas(const struct canvas *c, bool alpha, unsigned char **out, size_t *outlen,
		      char *err, size_t errlen);
/* Encode and write to path atomically (path.tmp, then rename). */
int img_save_canvas(const struct canvas *c, bool alpha, const char *path, char *err,
		    size_t errlen);

/* Decode any PNG (palette, grey, 16-bit, interlaced) of at most
 * CANVAS_MAX_DIM square into a new canvas; alpha is dropped. */
int img_decode_canvas(const void *data, size_t len, struct canvas *out, char *err,
		      size_t errlen);
int img_load_canvas(const char *path, struct canvas *out, char *err, size_t errlen);
/* Decode any PNG of at most max_dim square (wider or taller is refused
 * before any pixel memory is taken) into *px, malloc'd w * h pixels
 * 0xRRGGBBAA (straight alpha; 0xff when the image has none): the
 * wallpaper and app icons. 0, or -1 with a reason. */
int img_decode_rgba(const void *data, size_t len, int max_dim, uint32_t **px, int *w, int *h,
		    char *err, size_t errlen);
/* A whole file of at most max bytes into *buf (malloc'd). 0 or -1. */
int img_read_file(const char *path, size_t max, unsigned char **buf, size_t *len, char *err,
		  size_t errlen);

#endif

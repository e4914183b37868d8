/* wall: the desktop's wallpaper (docs/display.md, "Wallpaper"): a PNG,
 * /data/wallpaper.png when there is one, else the image's
 * /etc/vyoma/wallpaper.png, decoded once at start (bounded in bytes and
 * pixels), scaled to cover the desktop, and handed to the compositor. A
 * file that is missing, too big or not a good PNG leaves a clear log line
 * and the plain gradient. */
#ifndef VYOMA_WALL_H
#define VYOMA_WALL_H

#include <stdint.h>

#include "canvas.h"

#define WALL_FILE_MAX (8u << 20) /* bytes of a wallpaper file */
#define WALL_DIM_MAX 4096        /* pixels of its widest side */

/* The wallpaper for a w x h desktop under root, in *out (a new canvas).
 * 0, or -1 when there is none to use (logged). */
int wall_load(const char *root, int w, int h, struct canvas *out);
/* Scale src (w x h pixels 0xRRGGBBAA, opaque over `under`) to cover dst,
 * bilinear, centred: the whole of dst is filled, src's overflow cut. */
void wall_scale(const uint32_t *src, int sw, int sh, uint32_t under, struct canvas *dst);

#endif

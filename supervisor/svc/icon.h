/* icon: app icons for the launcher and the taskbar (docs/display.md,
 * "Icons"): an app's icon.png (in its folder of the apps dir), decoded
 * once, bounded, scaled to ICON_SIZE square with its alpha, and cached by
 * name; an app without one (or with a bad one, logged) gets a default: a
 * rounded square in its accent colour with its initial. */
#ifndef VYOMA_ICON_H
#define VYOMA_ICON_H

#include <stdbool.h>
#include <stdint.h>

#include "canvas.h"

#define ICON_SIZE 16
#define ICON_FILE_MAX (256u << 10) /* bytes of an icon.png */
#define ICON_DIM_MAX 512           /* pixels of its widest side */
#define ICON_CACHE 128             /* apps whose icons are kept */

/* Read app `name`'s icon.png into the cache (again when `reload`: the
 * launcher rescans on every opening). Reads a small local file: called
 * when a window or the launcher opens, never while painting. */
void icon_load(const char *name, bool reload);
/* Paint name's icon (or the default) with its corner at (x, y), its
 * alpha scaled by `alpha` (0..255). */
void icon_paint(struct canvas *f, const struct canvas_rect *clip, int x, int y, const char *name,
		uint32_t accent, unsigned alpha);
/* True when name has an icon.png in the cache (the test verbs say so). */
bool icon_has_png(const char *name);
void icon_fini(void);

#endif

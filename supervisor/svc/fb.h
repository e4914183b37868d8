/* fb: the screen, behind one small interface. The compositor draws into
 * one frame canvas in ordinary memory and asks the backend to show some
 * rectangles of it. Backends: DRM/KMS dumb buffer (virtio-gpu in the VM),
 * /dev/fb0, and an off-screen buffer (hosted mode, headless fallback) that
 * is the frame itself and can be saved as PNG at any time. */
#ifndef VYOMA_FB_H
#define VYOMA_FB_H

#include <stdbool.h>
#include <stdint.h>

#include "canvas.h"

enum fb_kind {
	FB_AUTO,  /* DRM, else /dev/fb0, else off-screen */
	FB_DRM,   /* /dev/dri/card0 only */
	FB_FBDEV, /* /dev/fb0 only */
	FB_MEM,   /* off-screen only */
	FB_KIND_COUNT
};

#define FB_DEFAULT_W 1024
#define FB_DEFAULT_H 768
#define FB_MIN_DIM 64
#define FB_MAX_DIM 8192

/* The off-screen frame published in a file for a viewer (vyoma-view):
 * this header, then the pixels at FB_SHARE_OFFSET, row y at
 * FB_SHARE_OFFSET + 4 * stride * y, XRGB8888 in host byte order. `seq` is
 * odd while a present is being copied in and grows by 2 per present: a
 * reader copies when it is even and unchanged around its copy. */
#define FB_SHARE_MAGIC "VYOMAFB1"
#define FB_SHARE_OFFSET 4096
struct fb_share_hdr {
	char magic[8];
	uint32_t w, h, stride, pad;
	uint64_t seq;
};

/* Open a backend. w x h is the size of an off-screen buffer (the hardware
 * backends use the mode they find); `share`, if not NULL, is the file the
 * off-screen frame is also published in (created 0600, removed at close).
 * 0, or -1 (logged). */
int fb_open(enum fb_kind kind, int w, int h, const char *share);
/* Give the hardware back (restore the CRT controller), free the frame. */
void fb_close(void);
bool fb_is_open(void);

/* The frame the compositor draws into; NULL when closed. */
struct canvas *fb_frame(void);
/* Make n rectangles of the frame visible. 0, or -1 on a device error. */
int fb_present(const struct canvas_rect *r, int n);

/* "drm", "fbdev" or "mem"; and whether someone can look at it (a live
 * screen, as opposed to an off-screen buffer nobody sees). */
const char *fb_backend_name(void);
bool fb_live(void);

/* "1024x768" -> 1024, 768 (each FB_MIN_DIM..FB_MAX_DIM). 0 or -1. */
int fb_parse_size(const char *s, int *w, int *h);

#endif

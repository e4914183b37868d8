/* fb_backend: what each framebuffer backend provides. fb.c picks one and
 * dispatches through its ops; the backends live in fb.c (off-screen),
 * fb_drm.c (DRM/KMS dumb buffer) and fb_fbdev.c (/dev/fb0). */
#ifndef VYOMA_FB_BACKEND_H
#define VYOMA_FB_BACKEND_H

#include <stdbool.h>

#include "canvas.h"

struct fb_dev {
	struct canvas frame; /* the compositor's frame, in ordinary memory */
	void *priv;          /* the backend's own state */
};

struct fb_ops {
	const char *name;
	bool live; /* a screen someone looks at */
	/* Set up the device and d->frame (w x h is only a hint). 0 or -1. */
	int (*open)(struct fb_dev *d, int w, int h);
	/* Show these rects of d->frame. 0 or -1. */
	int (*present)(struct fb_dev *d, const struct canvas_rect *r, int n);
	void (*close)(struct fb_dev *d);
};

extern const struct fb_ops fb_drm_ops;
extern const struct fb_ops fb_fbdev_ops;

#endif

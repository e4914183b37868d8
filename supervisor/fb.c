/* fb: picks a framebuffer backend and dispatches to it (see fb.h). The
 * off-screen backend is here: its frame is all there is, so presenting
 * costs nothing and a screenshot is the frame saved as PNG. The hardware
 * backends keep the frame in ordinary memory too and copy only damaged
 * rectangles to the device, which is never read back (device memory can be
 * slow to read, and the frame doubles as the screenshot source). */
#include "fb.h"

#include <stdlib.h>
#include <string.h>

#include "fb_backend.h"
#include "log.h"

static int mem_open(struct fb_dev *d, int w, int h)
{
	return canvas_init(&d->frame, w, h);
}

static int mem_present(struct fb_dev *d, const struct canvas_rect *r, int n)
{
	(void)d;
	(void)r;
	(void)n;
	return 0;
}

static void mem_close(struct fb_dev *d)
{
	canvas_free(&d->frame);
}

static const struct fb_ops fb_mem_ops = { "mem", false, mem_open, mem_present, mem_close };

/* What each kind tries, in order. */
static const struct fb_ops *const fb_order[FB_KIND_COUNT][3] = {
	[FB_AUTO] = { &fb_drm_ops, &fb_fbdev_ops, &fb_mem_ops },
	[FB_DRM] = { &fb_drm_ops },
	[FB_FBDEV] = { &fb_fbdev_ops },
	[FB_MEM] = { &fb_mem_ops },
};

static struct {
	const struct fb_ops *ops;
	struct fb_dev dev;
} fb;

int fb_open(enum fb_kind kind, int w, int h)
{
	if (fb.ops || (unsigned)kind >= FB_KIND_COUNT)
		return -1;
	for (int i = 0; i < 3 && fb_order[kind][i]; i++) {
		const struct fb_ops *ops = fb_order[kind][i];

		memset(&fb.dev, 0, sizeof fb.dev);
		if (ops->open(&fb.dev, w, h) == 0) {
			fb.ops = ops;
			log_info(NULL, "display: %s backend, %dx%d", ops->name, fb.dev.frame.w,
				 fb.dev.frame.h);
			return 0;
		}
	}
	log_err(NULL, "display: no framebuffer backend could be opened");
	return -1;
}

void fb_close(void)
{
	if (!fb.ops)
		return;
	fb.ops->close(&fb.dev);
	fb.ops = NULL;
	memset(&fb.dev, 0, sizeof fb.dev);
}

bool fb_is_open(void) { return fb.ops != NULL; }
struct canvas *fb_frame(void) { return fb.ops ? &fb.dev.frame : NULL; }
const char *fb_backend_name(void) { return fb.ops ? fb.ops->name : "none"; }
bool fb_live(void) { return fb.ops && fb.ops->live; }

int fb_present(const struct canvas_rect *r, int n)
{
	if (!fb.ops || n <= 0)
		return 0;
	return fb.ops->present(&fb.dev, r, n);
}

static int fb_dim(const char *s, char **end)
{
	long v;

	if (*s < '0' || *s > '9')
		return -1;
	v = strtol(s, end, 10);
	return v < FB_MIN_DIM || v > FB_MAX_DIM ? -1 : (int)v;
}

int fb_parse_size(const char *s, int *w, int *h)
{
	char *end;
	int a, b;

	if ((a = fb_dim(s, &end)) < 0 || *end != 'x')
		return -1;
	if ((b = fb_dim(end + 1, &end)) < 0 || *end)
		return -1;
	*w = a;
	*h = b;
	return 0;
}

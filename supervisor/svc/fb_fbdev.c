/* fb_fbdev: the /dev/fb0 fallback, for machines with a framebuffer but no
 * usable DRM (or a DRM driver that only offers fbdev emulation). It needs
 * 32 bits per pixel with red, green, blue at bits 16, 8, 0 (XRGB8888,
 * which DRM's fbdev emulation and most firmware framebuffers give), set
 * with FB_ACTIVATE_FORCE since no console has set a mode, showing the
 * first page. Presenting copies damaged rects from the frame into the
 * mapping; the kernel's deferred I/O does the rest. */
#include <errno.h>
#include <fcntl.h>
#include <linux/fb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fb_backend.h"
#include "log.h"

#define FBDEV_PATH "/dev/fb0"

struct fbdev_state {
	int fd;
	void *map;
	size_t map_len;
	struct canvas scanout;
};

static bool fbdev_xrgb(const struct fb_var_screeninfo *v)
{
	return v->bits_per_pixel == 32 && v->red.offset == 16 && v->green.offset == 8 &&
	       v->blue.offset == 0 && v->red.length == 8 && v->green.length == 8 &&
	       v->blue.length == 8;
}

static void fbdev_release(struct fbdev_state *s)
{
	if (s->map)
		munmap(s->map, s->map_len);
	if (s->fd >= 0)
		close(s->fd);
	free(s);
}

static int fbdev_open(struct fb_dev *d, int w, int h)
{
	struct fbdev_state *s = calloc(1, sizeof *s);
	struct fb_var_screeninfo v;
	struct fb_fix_screeninfo f;
	const char *why = "cannot open";

	(void)w;
	(void)h;
	if (!s)
		return -1;
	s->fd = open(FBDEV_PATH, O_RDWR | O_CLOEXEC);
	if (s->fd < 0)
		goto fail;
	why = "cannot read the screen info";
	if (ioctl(s->fd, FBIOGET_VSCREENINFO, &v) < 0)
		goto fail;
	/* Without fbcon nothing has set a mode yet: FB_ACTIVATE_FORCE makes the
	 * driver (DRM's fbdev emulation) do it now. 32 bpp, the first page. */
	v.bits_per_pixel = 32;
	v.xoffset = v.yoffset = 0;
	v.activate = FB_ACTIVATE_NOW | FB_ACTIVATE_FORCE;
	ioctl(s->fd, FBIOPUT_VSCREENINFO, &v); /* may be refused: checked below */
	if (ioctl(s->fd, FBIOGET_VSCREENINFO, &v) < 0 || !fbdev_xrgb(&v)) {
		why = "not a 32-bit XRGB framebuffer";
		errno = EINVAL;
		goto fail;
	}
	why = "cannot read the fixed info";
	if (ioctl(s->fd, FBIOGET_FSCREENINFO, &f) < 0)
		goto fail;
	why = "bad geometry";
	errno = EINVAL;
	if (f.line_length % 4 || v.xres < 1 || v.yres < 1 || v.xres > CANVAS_MAX_DIM ||
	    v.yres > CANVAS_MAX_DIM || (uint64_t)f.line_length * v.yres > f.smem_len)
		goto fail;
	why = "cannot map";
	s->map_len = f.smem_len;
	s->map = mmap(NULL, s->map_len, PROT_READ | PROT_WRITE, MAP_SHARED, s->fd, 0);
	if (s->map == MAP_FAILED) {
		s->map = NULL;
		goto fail;
	}
	if (canvas_wrap(&s->scanout, s->map, (int)v.xres, (int)v.yres,
			(int)(f.line_length / 4)) < 0 ||
	    canvas_init(&d->frame, (int)v.xres, (int)v.yres) < 0)
		goto fail;
	memset(s->map, 0, (size_t)f.line_length * v.yres);
	log_info(NULL, "display: %s %ux%u, %u bytes a line", FBDEV_PATH, v.xres, v.yres,
		 f.line_length);
	d->priv = s;
	return 0;
fail:
	if (errno != ENOENT)
		log_info(NULL, "display: %s: %s (%s)", FBDEV_PATH, why, strerror(errno));
	fbdev_release(s);
	return -1;
}

static int fbdev_present(struct fb_dev *d, const struct canvas_rect *r, int n)
{
	struct fbdev_state *s = d->priv;

	for (int i = 0; i < n; i++)
		canvas_blit(&s->scanout, NULL, r[i].x, r[i].y, &d->frame, r[i]);
	return 0;
}

static void fbdev_close(struct fb_dev *d)
{
	canvas_free(&d->frame);
	if (d->priv)
		fbdev_release(d->priv);
	d->priv = NULL;
}

const struct fb_ops fb_fbdev_ops = { "fbdev", true, fbdev_open, fbdev_present, fbdev_close };

/* fb: picks a framebuffer backend and dispatches to it (see fb.h). The
 * off-screen backend is here: its frame is all there is, so presenting
 * costs nothing and a screenshot is the frame saved as PNG. The hardware
 * backends keep the frame in ordinary memory too and copy only damaged
 * rectangles to the device, which is never read back (device memory can be
 * slow to read, and the frame doubles as the screenshot source). An
 * off-screen frame can also be published in a file for a viewer (hosted
 * mode, --fb-file): presenting copies the damage there under a sequence
 * counter, so the viewer never shows half a frame either. */
#include "fb.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fb_backend.h"
#include "log.h"

static struct {
	const struct fb_ops *ops;
	struct fb_dev dev;
	const char *share_path;
	struct fb_share_hdr *share; /* the mapping, NULL when not sharing */
	size_t share_len;
	struct canvas share_px;
} fb;

static int mem_share(int w, int h)
{
	size_t len = FB_SHARE_OFFSET + (size_t)w * (size_t)h * 4;
	int fd = open(fb.share_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	void *map;

	if (fd < 0 || ftruncate(fd, (off_t)len) < 0 ||
	    (map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)) == MAP_FAILED) {
		log_err(NULL, "display: frame file %s: %s", fb.share_path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	fb.share = map;
	fb.share_len = len;
	fb.share->w = (uint32_t)w;
	fb.share->h = (uint32_t)h;
	fb.share->stride = (uint32_t)w;
	canvas_wrap(&fb.share_px, (uint32_t *)((char *)map + FB_SHARE_OFFSET), w, h, w);
	memcpy(fb.share->magic, FB_SHARE_MAGIC, sizeof fb.share->magic);
	log_info(NULL, "display: frame published in %s for a viewer", fb.share_path);
	return 0;
}

static int mem_open(struct fb_dev *d, int w, int h)
{
	if (canvas_init(&d->frame, w, h) < 0)
		return -1;
	if (fb.share_path && mem_share(w, h) < 0) {
		canvas_free(&d->frame);
		return -1;
	}
	return 0;
}

static int mem_present(struct fb_dev *d, const struct canvas_rect *r, int n)
{
	if (!fb.share)
		return 0;
	__atomic_store_n(&fb.share->seq, fb.share->seq + 1, __ATOMIC_RELEASE);
	for (int i = 0; i < n; i++)
		canvas_blit(&fb.share_px, NULL, r[i].x, r[i].y, &d->frame, r[i]);
	__atomic_store_n(&fb.share->seq, fb.share->seq + 1, __ATOMIC_RELEASE);
	return 0;
}

static void mem_close(struct fb_dev *d)
{
	canvas_free(&d->frame);
	if (fb.share) {
		munmap(fb.share, fb.share_len);
		unlink(fb.share_path);
		fb.share = NULL;
	}
}

static const struct fb_ops fb_mem_ops = { "mem", false, mem_open, mem_present, mem_close };

/* What each kind tries, in order. */
static const struct fb_ops *const fb_order[FB_KIND_COUNT][3] = {
	[FB_AUTO] = { &fb_drm_ops, &fb_fbdev_ops, &fb_mem_ops },
	[FB_DRM] = { &fb_drm_ops },
	[FB_FBDEV] = { &fb_fbdev_ops },
	[FB_MEM] = { &fb_mem_ops },
};

int fb_open(enum fb_kind kind, int w, int h, const char *share)
{
	if (fb.ops || (unsigned)kind >= FB_KIND_COUNT)
		return -1;
	fb.share_path = share;
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
bool fb_live(void) { return fb.ops && (fb.ops->live || fb.share); }

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

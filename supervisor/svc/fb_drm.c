/* fb_drm: the DRM/KMS backend (virtio-gpu in the VM). There is no VT and no
 * fbcon, so PID 1 sets the mode itself: the first connected connector, its
 * preferred mode (else its first), a CRT controller its encoder can drive,
 * and one XRGB8888 dumb buffer scanned out from it. Presenting copies the
 * damaged rectangles from the frame into the mapped dumb buffer and tells
 * the driver which ones changed (DIRTYFB): virtio-gpu only transfers what
 * it is told about. The CRTC found at open is restored at close. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xf86drm.h>
#include <xf86drmMode.h>

#include "fb_backend.h"
#include "log.h"

#define DRM_CARD "/dev/dri/card0"
#define DRM_CLIPS 32 /* rects per DIRTYFB call */

struct drm_state {
	int fd;
	uint32_t conn_id, crtc_id, fb_id, handle;
	drmModeModeInfo mode;
	drmModeCrtcPtr saved; /* what the CRTC showed before us */
	void *map;
	size_t map_len;
	struct canvas scanout; /* the dumb buffer, wrapped */
	bool dirty_works;      /* DIRTYFB supported (not ENOSYS) */
};

static drmModeConnectorPtr drm_pick_connector(int fd, drmModeResPtr res)
{
	for (int i = 0; i < res->count_connectors; i++) {
		drmModeConnectorPtr c = drmModeGetConnector(fd, res->connectors[i]);
		if (c && c->connection == DRM_MODE_CONNECTED && c->count_modes > 0)
			return c;
		drmModeFreeConnector(c);
	}
	return NULL;
}

static void drm_pick_mode(drmModeConnectorPtr c, drmModeModeInfo *out)
{
	*out = c->modes[0];
	for (int i = 0; i < c->count_modes; i++)
		if (c->modes[i].type & DRM_MODE_TYPE_PREFERRED) {
			*out = c->modes[i];
			return;
		}
}

/* The CRTC of the connector's current encoder, else any its encoders can use. */
static uint32_t drm_pick_crtc(int fd, drmModeResPtr res, drmModeConnectorPtr c)
{
	drmModeEncoderPtr e;
	uint32_t crtc = 0;

	if (c->encoder_id && (e = drmModeGetEncoder(fd, c->encoder_id))) {
		crtc = e->crtc_id;
		drmModeFreeEncoder(e);
		if (crtc)
			return crtc;
	}
	for (int i = 0; i < c->count_encoders && !crtc; i++) {
		if (!(e = drmModeGetEncoder(fd, c->encoders[i])))
			continue;
		for (int k = 0; k < res->count_crtcs && k < 32; k++)
			if (e->possible_crtcs & (1u << k)) {
				crtc = res->crtcs[k];
				break;
			}
		drmModeFreeEncoder(e);
	}
	return crtc;
}

static int drm_make_buffer(struct drm_state *s, int w, int h)
{
	struct drm_mode_create_dumb cr = { .width = (uint32_t)w, .height = (uint32_t)h, .bpp = 32 };
	struct drm_mode_map_dumb mp = { 0 };

	if (drmIoctl(s->fd, DRM_IOCTL_MODE_CREATE_DUMB, &cr) < 0)
		return -1;
	s->handle = cr.handle;
	if (drmModeAddFB(s->fd, (uint32_t)w, (uint32_t)h, 24, 32, cr.pitch, cr.handle, &s->fb_id))
		return -1;
	mp.handle = cr.handle;
	if (drmIoctl(s->fd, DRM_IOCTL_MODE_MAP_DUMB, &mp) < 0)
		return -1;
	s->map = mmap(NULL, (size_t)cr.size, PROT_READ | PROT_WRITE, MAP_SHARED, s->fd,
		      (off_t)mp.offset);
	if (s->map == MAP_FAILED) {
		s->map = NULL;
		return -1;
	}
	s->map_len = (size_t)cr.size;
	if (cr.pitch % 4 || (uint64_t)cr.pitch * (uint64_t)h > cr.size)
		return -1;
	memset(s->map, 0, s->map_len);
	return canvas_wrap(&s->scanout, s->map, w, h, (int)(cr.pitch / 4));
}

static void drm_release(struct drm_state *s)
{
	if (s->saved) {
		drmModeSetCrtc(s->fd, s->saved->crtc_id, s->saved->buffer_id, s->saved->x,
			       s->saved->y, &s->conn_id, 1, &s->saved->mode);
		drmModeFreeCrtc(s->saved);
	}
	if (s->map)
		munmap(s->map, s->map_len);
	if (s->fb_id)
		drmModeRmFB(s->fd, s->fb_id);
	if (s->handle) {
		struct drm_mode_destroy_dumb d = { .handle = s->handle };
		drmIoctl(s->fd, DRM_IOCTL_MODE_DESTROY_DUMB, &d);
	}
	if (s->fd >= 0)
		close(s->fd);
	free(s);
}

static int drm_open(struct fb_dev *d, int w, int h)
{
	struct drm_state *s = calloc(1, sizeof *s);
	drmModeResPtr res = NULL;
	drmModeConnectorPtr conn = NULL;
	uint64_t dumb = 0;
	const char *why = "no DRM device";

	(void)w;
	(void)h;
	if (!s)
		return -1;
	s->fd = open(DRM_CARD, O_RDWR | O_CLOEXEC);
	if (s->fd < 0)
		goto fail;
	why = "no dumb buffers";
	if (drmGetCap(s->fd, DRM_CAP_DUMB_BUFFER, &dumb) < 0 || !dumb)
		goto fail;
	why = "no mode resources";
	if (!(res = drmModeGetResources(s->fd)))
		goto fail;
	why = "no connected connector";
	if (!(conn = drm_pick_connector(s->fd, res)))
		goto fail;
	s->conn_id = conn->connector_id;
	drm_pick_mode(conn, &s->mode);
	why = "no usable CRTC";
	if (!(s->crtc_id = drm_pick_crtc(s->fd, res, conn)))
		goto fail;
	why = "cannot make a dumb buffer";
	if (drm_make_buffer(s, s->mode.hdisplay, s->mode.vdisplay) < 0)
		goto fail;
	if (canvas_init(&d->frame, s->mode.hdisplay, s->mode.vdisplay) < 0)
		goto fail;
	s->saved = drmModeGetCrtc(s->fd, s->crtc_id);
	why = "cannot set the mode";
	if (drmModeSetCrtc(s->fd, s->crtc_id, s->fb_id, 0, 0, &s->conn_id, 1, &s->mode) < 0)
		goto fail;
	s->dirty_works = true;
	log_info(NULL, "display: %s connector %u, mode %s %ux%u@%u, crtc %u", DRM_CARD,
		 s->conn_id, s->mode.name, s->mode.hdisplay, s->mode.vdisplay, s->mode.vrefresh,
		 s->crtc_id);
	drmModeFreeConnector(conn);
	drmModeFreeResources(res);
	d->priv = s;
	return 0;
fail:
	if (errno != ENOENT)
		log_info(NULL, "display: %s: %s (%s)", DRM_CARD, why, strerror(errno));
	canvas_free(&d->frame);
	drmModeFreeConnector(conn);
	drmModeFreeResources(res);
	drm_release(s);
	return -1;
}

/* Tell the driver which rects changed; a driver that scans the buffer out
 * directly has no DIRTYFB, which is fine. */
static int drm_dirty(struct drm_state *s, drmModeClip *clips, int n)
{
	if (!n || !s->dirty_works || drmModeDirtyFB(s->fd, s->fb_id, clips, (uint32_t)n) == 0)
		return 0;
	if (errno == ENOSYS || errno == EOPNOTSUPP) {
		s->dirty_works = false;
		return 0;
	}
	return -1;
}

static int drm_present(struct fb_dev *d, const struct canvas_rect *r, int n)
{
	struct drm_state *s = d->priv;
	drmModeClip clips[DRM_CLIPS];
	int nc = 0, rc = 0;

	for (int i = 0; i < n; i++) {
		struct canvas_rect c = canvas_rect_intersect(r[i], canvas_bounds(&d->frame));
		if (canvas_rect_empty(c))
			continue;
		canvas_blit(&s->scanout, NULL, c.x, c.y, &d->frame, c);
		clips[nc++] = (drmModeClip){ (uint16_t)c.x, (uint16_t)c.y, (uint16_t)(c.x + c.w),
					     (uint16_t)(c.y + c.h) };
		if (nc == DRM_CLIPS) {
			rc |= drm_dirty(s, clips, nc);
			nc = 0;
		}
	}
	rc |= drm_dirty(s, clips, nc);
	return rc ? -1 : 0;
}

static void drm_close(struct fb_dev *d)
{
	canvas_free(&d->frame);
	if (d->priv)
		drm_release(d->priv);
	d->priv = NULL;
}

const struct fb_ops fb_drm_ops = { "drm", true, drm_open, drm_present, drm_close };

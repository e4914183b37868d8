/* canvas: pixel buffers and the clipped drawing primitives (see canvas.h).
 * Coordinates arrive as int and may be anything an app or a window
 * position produces; every computation on them is done on int64_t
 * half-open boxes, clipped against the canvas and the clip rect, and only
 * then turned into indexes. The blend is exact integer math so that
 * screenshots can be compared pixel by pixel. */
#include "canvas.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Half-open box [x0, x1) x [y0, y1) in 64-bit: no sum of two ints overflows. */
struct box {
	int64_t x0, y0, x1, y1;
};

static bool box_empty(struct box b) { return b.x0 >= b.x1 || b.y0 >= b.y1; }

static struct box box_of(struct canvas_rect r)
{
	struct box b = { r.x, r.y, r.x, r.y };

	if (r.w > 0)
		b.x1 += r.w;
	if (r.h > 0)
		b.y1 += r.h;
	return b;
}

static int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }
static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

static struct box box_meet(struct box a, struct box b)
{
	struct box r = { max64(a.x0, b.x0), max64(a.y0, b.y0), min64(a.x1, b.x1),
			 min64(a.y1, b.y1) };
	return r;
}

/* Only called on boxes inside a canvas, so every field fits in an int. */
static struct canvas_rect rect_of(struct box b)
{
	struct canvas_rect r = { 0, 0, 0, 0 };

	if (box_empty(b))
		return r;
	r.x = (int)b.x0;
	r.y = (int)b.y0;
	r.w = (int)(b.x1 - b.x0);
	r.h = (int)(b.y1 - b.y0);
	return r;
}

/* The area drawing may touch: canvas bounds meet the optional clip. */
static struct box clip_box(const struct canvas *c, const struct canvas_rect *clip)
{
	struct box b = { 0, 0, c->w, c->h };

	if (!c->px)
		return (struct box){ 0, 0, 0, 0 };
	if (clip)
		b = box_meet(b, box_of(*clip));
	return b;
}

int canvas_init(struct canvas *c, int w, int h)
{
	memset(c, 0, sizeof *c);
	if (w < 1 || h < 1 || w > CANVAS_MAX_DIM || h > CANVAS_MAX_DIM)
		return -1;
	c->px = calloc((size_t)w * (size_t)h, sizeof *c->px);
	if (!c->px)
		return -1;
	c->w = w;
	c->h = h;
	c->stride = w;
	c->cap_h = h;
	c->owned = true;
	return 0;
}

int canvas_resize(struct canvas *c, int w, int h)
{
	struct canvas n;

	if (!c->owned || w < 1 || h < 1 || w > CANVAS_MAX_DIM || h > CANVAS_MAX_DIM)
		return -1;
	if (w <= c->stride && h <= c->cap_h) {
		/* In place: what was outside the old size (and may hold pixels
		 * from before a shrink) turns black. */
		for (int y = 0; y < h; y++) {
			uint32_t *row = c->px + (size_t)y * (size_t)c->stride;
			if (y >= c->h)
				memset(row, 0, (size_t)w * sizeof *row);
			else if (w > c->w)
				memset(row + c->w, 0, (size_t)(w - c->w) * sizeof *row);
		}
		c->w = w;
		c->h = h;
		return 0;
	}
	{
		int cw = w + w / 4 > CANVAS_MAX_DIM ? CANVAS_MAX_DIM : w + w / 4;
		int ch = h + h / 4 > CANVAS_MAX_DIM ? CANVAS_MAX_DIM : h + h / 4;
		if (canvas_init(&n, cw, ch) < 0)
			return -1;
	}
	n.w = w;
	n.h = h;
	canvas_blit(&n, NULL, 0, 0, c, canvas_bounds(c));
	canvas_free(c);
	*c = n;
	return 0;
}

int canvas_wrap(struct canvas *c, uint32_t *px, int w, int h, int stride)
{
	memset(c, 0, sizeof *c);
	if (!px || w < 1 || h < 1 || stride < w || (int64_t)stride * h > INT32_MAX)
		return -1;
	c->px = px;
	c->w = w;
	c->h = h;
	c->stride = stride;
	c->cap_h = h;
	return 0;
}

void canvas_free(struct canvas *c)
{
	if (c->owned)
		free(c->px);
	memset(c, 0, sizeof *c);
}

struct canvas_rect canvas_bounds(const struct canvas *c)
{
	struct canvas_rect r = { 0, 0, c->w, c->h };
	return r;
}

uint32_t canvas_get(const struct canvas *c, int x, int y)
{
	if (!c->px || x < 0 || y < 0 || x >= c->w || y >= c->h)
		return 0;
	return c->px[(size_t)y * (size_t)c->stride + (size_t)x];
}

bool canvas_rect_empty(struct canvas_rect r) { return r.w <= 0 || r.h <= 0; }

bool canvas_rect_contains(struct canvas_rect r, int x, int y)
{
	struct box b = box_of(r);
	return x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1;
}

struct canvas_rect canvas_rect_intersect(struct canvas_rect a, struct canvas_rect b)
{
	if (canvas_rect_empty(a) || canvas_rect_empty(b))
		return (struct canvas_rect){ 0, 0, 0, 0 };
	/* Both start at an int and end at most at INT_MAX + INT_MAX; the meet
	 * starts at an int and is no wider than either, so it fits. */
	return rect_of(box_meet(box_of(a), box_of(b)));
}

struct canvas_rect canvas_rect_union(struct canvas_rect a, struct canvas_rect b)
{
	struct box ba = box_of(a), bb = box_of(b), u;
	struct canvas_rect r;

	if (canvas_rect_empty(a))
		return canvas_rect_empty(b) ? (struct canvas_rect){ 0, 0, 0, 0 } : b;
	if (canvas_rect_empty(b))
		return a;
	u.x0 = min64(ba.x0, bb.x0);
	u.y0 = min64(ba.y0, bb.y0);
	u.x1 = max64(ba.x1, bb.x1);
	u.y1 = max64(ba.y1, bb.y1);
	r.x = (int)u.x0;
	r.y = (int)u.y0;
	r.w = (int)min64(u.x1 - u.x0, INT_MAX);
	r.h = (int)min64(u.y1 - u.y0, INT_MAX);
	return r;
}

/* x / 255 for 0 <= x <= 65534, on two 16-bit lanes at once: each lane holds
 * at most 255 * 255 + 127, so no carry crosses a lane. */
static uint32_t div255x2(uint32_t x)
{
	return ((x + 0x00010001u + ((x >> 8) & 0x00FF00FFu)) >> 8) & 0x00FF00FFu;
}

/* The blend with src * a + 127 already computed: the hot loops reuse it.
 * Red/blue and X/green each go through one two-lane multiply; the X lane
 * is garbage that is masked off (it cannot carry: X * ia <= 65025). */
static uint32_t blend_pre(uint32_t d, uint32_t src_rb, uint32_t src_g, uint32_t ia)
{
	uint32_t rb = div255x2(src_rb + (d & 0x00FF00FFu) * ia);
	uint32_t xg = div255x2(src_g + ((d >> 8) & 0x00FF00FFu) * ia);

	return rb | (xg & 0xFFu) << 8;
}

struct blend_src {
	uint32_t rb, g, ia;
};

static struct blend_src blend_prep(uint32_t rgba)
{
	uint32_t a = rgba & 0xFFu, rgb = rgba >> 8;
	struct blend_src s;

	s.rb = (rgb & 0x00FF00FFu) * a + 0x007F007Fu;
	s.g = ((rgb >> 8) & 0xFFu) * a + 0x7Fu;
	s.ia = 255 - a;
	return s;
}

uint32_t canvas_blend(uint32_t dst, uint32_t rgba)
{
	uint32_t a = rgba & 0xFFu;
	struct blend_src s;

	if (a == 255)
		return rgba >> 8;
	if (a == 0)
		return dst;
	s = blend_prep(rgba);
	return blend_pre(dst, s.rb, s.g, s.ia);
}

/* One row of n pixels. The loops go four pixels at a time so that gcc -O2
 * (which does not vectorise loops of unknown length) turns each group into
 * SIMD code; clang does so anyway. */
static void fill_row(uint32_t *p, size_t n, uint32_t rgba, const struct blend_src *s)
{
	size_t i = 0;

	if ((rgba & 0xFFu) == 0xFFu) {
		uint32_t rgb = rgba >> 8;
		for (; i + 4 <= n; i += 4)
			for (size_t k = 0; k < 4; k++)
				p[i + k] = rgb;
		for (; i < n; i++)
			p[i] = rgb;
		return;
	}
	for (; i + 4 <= n; i += 4)
		for (size_t k = 0; k < 4; k++)
			p[i + k] = blend_pre(p[i + k], s->rb, s->g, s->ia);
	for (; i < n; i++)
		p[i] = blend_pre(p[i], s->rb, s->g, s->ia);
}

/* Fill a box already clipped to the canvas. */
static void fill_clipped(struct canvas *c, struct box b, uint32_t rgba)
{
	size_t w = (size_t)(b.x1 - b.x0);
	struct blend_src s = blend_prep(rgba);

	for (int64_t y = b.y0; y < b.y1; y++)
		fill_row(c->px + (size_t)y * (size_t)c->stride + (size_t)b.x0, w, rgba, &s);
}

static struct box fill_box(struct canvas *c, struct box clip, struct box b, uint32_t rgba)
{
	b = box_meet(b, clip);
	if (box_empty(b) || (rgba & 0xFFu) == 0)
		return (struct box){ 0, 0, 0, 0 };
	fill_clipped(c, b, rgba);
	return b;
}

struct canvas_rect canvas_put(struct canvas *c, const struct canvas_rect *clip, int x, int y,
			      uint32_t rgba)
{
	struct box b = { x, y, (int64_t)x + 1, (int64_t)y + 1 };
	return rect_of(fill_box(c, clip_box(c, clip), b, rgba));
}

struct canvas_rect canvas_fill(struct canvas *c, const struct canvas_rect *clip,
			       struct canvas_rect r, uint32_t rgba)
{
	if (canvas_rect_empty(r))
		return (struct canvas_rect){ 0, 0, 0, 0 };
	return rect_of(fill_box(c, clip_box(c, clip), box_of(r), rgba));
}

static struct box box_join(struct box a, struct box b)
{
	if (box_empty(a))
		return b;
	if (box_empty(b))
		return a;
	return (struct box){ min64(a.x0, b.x0), min64(a.y0, b.y0), max64(a.x1, b.x1),
			     max64(a.y1, b.y1) };
}

struct canvas_rect canvas_dot(struct canvas *c, const struct canvas_rect *clip, int x, int y,
			      uint32_t rgba)
{
	static const int inset[CANVAS_DOT] = { 2, 1, 0, 0, 0, 0, 1, 2 };
	struct canvas_rect d = { 0, 0, 0, 0 };

	for (int r = 0; r < CANVAS_DOT; r++)
		d = canvas_rect_union(d, canvas_fill(c, clip,
						     (struct canvas_rect){ x + inset[r], y + r,
									   CANVAS_DOT - 2 * inset[r], 1 },
						     rgba));
	return d;
}

struct canvas_rect canvas_outline(struct canvas *c, const struct canvas_rect *clip,
				  struct canvas_rect r, uint32_t rgba)
{
	struct box cb = clip_box(c, clip), o = box_of(r), d = { 0, 0, 0, 0 };

	if (canvas_rect_empty(r))
		return (struct canvas_rect){ 0, 0, 0, 0 };
	/* Top and bottom rows span the width; the sides fill in between, so a
	 * translucent outline blends every pixel exactly once. */
	d = box_join(d, fill_box(c, cb, (struct box){ o.x0, o.y0, o.x1, o.y0 + 1 }, rgba));
	if (r.h > 1)
		d = box_join(d, fill_box(c, cb, (struct box){ o.x0, o.y1 - 1, o.x1, o.y1 }, rgba));
	if (r.h > 2) {
		d = box_join(d, fill_box(c, cb, (struct box){ o.x0, o.y0 + 1, o.x0 + 1, o.y1 - 1 },
					 rgba));
		if (r.w > 1)
			d = box_join(d, fill_box(c, cb,
						 (struct box){ o.x1 - 1, o.y0 + 1, o.x1, o.y1 - 1 },
						 rgba));
	}
	return rect_of(d);
}

/*
 * The line in closed form: along the major axis (length n = |major delta|,
 * minor delta m <= n) step i puts the minor coordinate at
 * floor((2*i*m + n) / (2*n)), i.e. i*m/n rounded half up. The ends are
 * ordered so the major axis increases, which makes the pixels independent
 * of the direction the line is given in. Only the steps inside the clip's
 * extent on the major axis are walked, starting with an error term computed
 * exactly (the product can need 65 bits, hence the 128-bit unsigned math).
 */
struct line_axis {
	int64_t maj0, min0;     /* start, in (major, minor) coordinates */
	int64_t n, m;           /* major length, minor length (m <= n) */
	int64_t sgn;            /* minor direction: -1, 0 or 1 */
	int64_t cmaj0, cmaj1;   /* clip along the major axis */
	int64_t cmin0, cmin1;   /* clip along the minor axis */
};

static struct box line_walk(struct canvas *c, struct line_axis *L, bool x_major, uint32_t rgba)
{
	int64_t i0 = max64(0, L->cmaj0 - L->maj0), i1 = min64(L->n, L->cmaj1 - 1 - L->maj0);
	struct box d = { 0, 0, 0, 0 };
	uint64_t two_n = 2 * (uint64_t)L->n, q, rem;
	unsigned __int128 num;

	if (i0 > i1)
		return d;
	if (L->n == 0) {
		q = 0;
		rem = 0;
	} else {
		num = (unsigned __int128)(2 * (uint64_t)i0) * (uint64_t)L->m + (uint64_t)L->n;
		q = (uint64_t)(num / two_n);
		rem = (uint64_t)(num % two_n);
	}
	for (int64_t i = i0; i <= i1; i++) {
		int64_t mn = L->min0 + L->sgn * (int64_t)q;
		int64_t mj = L->maj0 + i;

		if (mn >= L->cmin0 && mn < L->cmin1) {
			int64_t x = x_major ? mj : mn, y = x_major ? mn : mj;
			struct box px = { x, y, x + 1, y + 1 };

			fill_clipped(c, px, rgba);
			d = box_join(d, px);
		} else if ((L->sgn > 0 && mn >= L->cmin1) || (L->sgn < 0 && mn < L->cmin0)) {
			break; /* left the clip for good */
		}
		rem += 2 * (uint64_t)L->m;
		if (two_n && rem >= two_n) {
			rem -= two_n;
			q++;
		}
	}
	return d;
}

struct canvas_rect canvas_line(struct canvas *c, const struct canvas_rect *clip, int x0, int y0,
			       int x1, int y1, uint32_t rgba)
{
	struct box cb = clip_box(c, clip);
	int64_t dx = (int64_t)x1 - x0, dy = (int64_t)y1 - y0;
	bool x_major = (dx < 0 ? -dx : dx) >= (dy < 0 ? -dy : dy);
	struct line_axis L;

	if (box_empty(cb) || (rgba & 0xFFu) == 0)
		return (struct canvas_rect){ 0, 0, 0, 0 };
	/* Start from the end with the smaller major coordinate. */
	if ((x_major && dx < 0) || (!x_major && dy < 0)) {
		x0 = x1;
		y0 = y1;
		dx = -dx;
		dy = -dy;
	}
	if (x_major)
		L = (struct line_axis){ x0, y0, dx, dy < 0 ? -dy : dy, (dy > 0) - (dy < 0),
					cb.x0, cb.x1, cb.y0, cb.y1 };
	else
		L = (struct line_axis){ y0, x0, dy, dx < 0 ? -dx : dx, (dx > 0) - (dx < 0),
					cb.y0, cb.y1, cb.x0, cb.x1 };
	return rect_of(line_walk(c, &L, x_major, rgba));
}

/* Where a w x h source placed at (x, y) shows through the clip: the
 * offsets i, j (0 <= i < w) that land inside `clip`. */
static struct box place(struct box clip, int64_t x, int64_t y, struct box src_ok)
{
	struct box b = box_meet(src_ok, (struct box){ clip.x0 - x, clip.y0 - y, clip.x1 - x,
						      clip.y1 - y });
	return b;
}

struct canvas_rect canvas_blit(struct canvas *dst, const struct canvas_rect *clip, int x, int y,
			       const struct canvas *src, struct canvas_rect from)
{
	struct box f = box_of(from), ok, sb;
	size_t n;

	if (canvas_rect_empty(from) || !src->px)
		return (struct canvas_rect){ 0, 0, 0, 0 };
	/* Offsets relative to from's corner that exist in src ... */
	sb = box_meet(f, (struct box){ 0, 0, src->w, src->h });
	ok = (struct box){ sb.x0 - f.x0, sb.y0 - f.y0, sb.x1 - f.x0, sb.y1 - f.y0 };
	/* ... and land inside the destination clip. */
	ok = place(clip_box(dst, clip), x, y, ok);
	if (box_empty(ok))
		return (struct canvas_rect){ 0, 0, 0, 0 };
	n = (size_t)(ok.x1 - ok.x0);
	/* Copying downwards within one buffer must start from the bottom row. */
	bool up = src->px == dst->px && y > from.y;
	for (int64_t k = 0; k < ok.y1 - ok.y0; k++) {
		int64_t j = up ? ok.y1 - 1 - k : ok.y0 + k;
		uint32_t *d = dst->px + (size_t)(y + j) * (size_t)dst->stride + (size_t)(x + ok.x0);
		const uint32_t *s = src->px + (size_t)(f.y0 + j) * (size_t)src->stride +
				    (size_t)(f.x0 + ok.x0);
		memmove(d, s, n * sizeof *d);
	}
	return rect_of((struct box){ x + ok.x0, y + ok.y0, x + ok.x1, y + ok.y1 });
}

struct canvas_rect canvas_blit_rgba(struct canvas *dst, const struct canvas_rect *clip, int x,
				    int y, const uint32_t *px, int w, int h, int stride)
{
	struct box ok;

	if (!px || w <= 0 || h <= 0 || stride < w)
		return (struct canvas_rect){ 0, 0, 0, 0 };
	ok = place(clip_box(dst, clip), x, y, (struct box){ 0, 0, w, h });
	if (box_empty(ok))
		return (struct canvas_rect){ 0, 0, 0, 0 };
	for (int64_t j = ok.y0; j < ok.y1; j++) {
		uint32_t *d = dst->px + (size_t)(y + j) * (size_t)dst->stride + (size_t)(x + ok.x0);
		const uint32_t *s = px + (size_t)j * (size_t)stride + (size_t)ok.x0;

		for (size_t i = 0; i < (size_t)(ok.x1 - ok.x0); i++)
			d[i] = canvas_blend(d[i], s[i]);
	}
	return rect_of((struct box){ x + ok.x0, y + ok.y0, x + ok.x1, y + ok.y1 });
}

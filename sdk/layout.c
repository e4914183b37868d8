/* layout: rows and columns of rectangles, so an app lays itself out from
 * its window size (vy_ui_size) instead of fixed pixel positions. */
#include "vyoma.h"

struct vy_box vy_ui_cut_top(struct vy_box *r, int size)
{
	struct vy_box out = *r;
	if (size < 0)
		size += r->h;
	if (size > r->h)
		size = r->h;
	if (size < 0)
		size = 0;
	out.h = size;
	r->y += size;
	r->h -= size;
	return out;
}

struct vy_box vy_ui_cut_left(struct vy_box *r, int size)
{
	struct vy_box out = *r;
	if (size < 0)
		size += r->w;
	if (size > r->w)
		size = r->w;
	if (size < 0)
		size = 0;
	out.w = size;
	r->x += size;
	r->w -= size;
	return out;
}

struct vy_box vy_ui_col(struct vy_box r, int n, int i, int gap)
{
	int w = n > 0 ? (r.w - gap * (n - 1)) / n : 0;
	return (struct vy_box){r.x + i * (w + gap), r.y, w, r.h};
}

struct vy_box vy_ui_row(struct vy_box r, int n, int i, int gap)
{
	int h = n > 0 ? (r.h - gap * (n - 1)) / n : 0;
	return (struct vy_box){r.x, r.y + i * (h + gap), r.w, h};
}

struct vy_box vy_ui_inset(struct vy_box r, int pad)
{
	return (struct vy_box){r.x + pad, r.y + pad, r.w - 2 * pad, r.h - 2 * pad};
}

bool vy_ui_hit(struct vy_box r, int x, int y)
{
	return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

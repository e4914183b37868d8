/* listmouse: the mouse side of the list view (a click selects, the wheel
 * scrolls), apart from sdk/list.c so that a keys-only list needs no `mouse`. */
#include "vyoma.h"

bool vy_ui_list_mouse(struct vy_ui_list *l, const struct vy_event *ev)
{
	if (ev->type != VY_EV_MOUSE)
		return false;
	if (ev->kind == VY_MOUSE_WHEEL && l->count > 0) {
		int top = l->top, last, dy = ev->dy > 1000 ? 1000 : ev->dy < -1000 ? -1000 : ev->dy;
		l->top += dy * 3; /* three rows a notch */
		if (l->top > l->count - l->rows)
			l->top = l->count - l->rows;
		if (l->top < 0)
			l->top = 0;
		/* the selection follows into view, so it is never off-screen */
		last = l->top + l->rows - 1 < l->count - 1 ? l->top + l->rows - 1 : l->count - 1;
		if (l->sel < l->top)
			l->sel = l->top;
		if (l->sel > last)
			l->sel = last;
		return l->top != top;
	}
	if (vy_mouse_click(ev, l->box)) {
		int i = l->top + (ev->y - l->box.y) / l->row_h;
		if (i < l->count) {
			vy_ui_list_select(l, i);
			return true;
		}
	}
	return false;
}

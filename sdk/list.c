/* list: a list view's selection and scroll position. The app keeps and
 * draws the items; the list keeps the selected one on screen. */
#include "vyoma.h"

#include <string.h>

static void list_fix(struct vy_ui_list *l)
{
	int c = l->count, r = l->rows < 1 ? 1 : l->rows, sel = l->sel < c ? l->sel : c - 1, top = l->top;

	if (sel < 0)
		sel = c ? 0 : -1;
	if (sel >= 0 && sel < top)
		top = sel;
	if (sel >= top + r)
		top = sel - r + 1;
	if (top > c - r)
		top = c - r;
	l->sel = sel;
	l->rows = r;
	l->top = top < 0 ? 0 : top;
}

void vy_ui_list_layout(struct vy_ui_list *l, struct vy_box box, int row_h)
{
	l->box = box;
	l->row_h = row_h > 0 ? row_h : 1;
	l->rows = box.h / l->row_h;
	list_fix(l);
}

void vy_ui_list_set_count(struct vy_ui_list *l, int count)
{
	l->count = count;
	list_fix(l);
}

void vy_ui_list_select(struct vy_ui_list *l, int i)
{
	l->sel = i < 0 ? 0 : i;
	list_fix(l);
}

/* Up and Down move by one, PageUp and PageDown by a page, Home and End by
 * the whole list (the selection is clamped): even indexes go back. */
bool vy_ui_list_key(struct vy_ui_list *l, const struct vy_event *ev)
{
	static const char keys[] = "Up\0Down\0PageUp\0PageDown\0Home\0End\0";
	const char *k = keys;
	int i = 0, d;

	if (ev->type != VY_EV_KEY)
		return false;
	for (; *k && strcmp(k, ev->key); k += strlen(k) + 1)
		i++;
	if (!*k)
		return false;
	d = i < 2 ? 1 : i < 4 ? l->rows : l->count;
	vy_ui_list_select(l, l->sel + (i & 1 ? d : -d));
	return true;
}

struct vy_box vy_ui_list_row(const struct vy_ui_list *l, int i)
{
	return (struct vy_box){l->box.x, l->box.y + (i - l->top) * l->row_h, l->box.w, l->row_h};
}

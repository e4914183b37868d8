/* list: a list view's selection and scroll position. The app keeps and
 * draws the items; the list keeps the selected one on screen. */
#include "vyoma.h"

#include <string.h>

static void list_fix(struct vy_ui_list *l)
{
	if (l->sel >= l->count)
		l->sel = l->count - 1;
	if (l->sel < 0)
		l->sel = l->count ? 0 : -1;
	if (l->rows < 1)
		l->rows = 1;
	if (l->sel >= 0 && l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + l->rows)
		l->top = l->sel - l->rows + 1;
	if (l->top > l->count - l->rows)
		l->top = l->count - l->rows;
	if (l->top < 0)
		l->top = 0;
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

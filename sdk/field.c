/* field: a one-line UTF-8 text field: cursor, selection, clipboard. The
 * cursor and the selection are byte offsets kept on character starts. */
#include "sdkcore.h"

#include <string.h>

static int f_prev(const struct vy_ui_field *f, int i)
{
	while (i > 0 && ((unsigned char)f->text[--i] & 0xc0) == 0x80)
		;
	return i;
}

static int f_next(const struct vy_ui_field *f, int i)
{
	while (i < f->len && ((unsigned char)f->text[++i] & 0xc0) == 0x80)
		;
	return i;
}

/* Replace bytes [a, b) with s[0..n): what does not fit is left out, whole
 * characters only. */
static void f_replace(struct vy_ui_field *f, int a, int b, const char *s, int n)
{
	while (n > 0 && f->len - (b - a) + n > VY_FIELD_MAX - 1) {
		n--;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memmove(f->text + a + n, f->text + b, (size_t)(f->len - b + 1));
	memcpy(f->text + a, s, (size_t)n);
	f->len += n - (b - a);
	f->cur = f->anchor = a + n;
}

void vy_ui_field_set(struct vy_ui_field *f, const char *text)
{
	f->len = 0;
	f->text[0] = '\0';
	f_replace(f, 0, 0, text, (int)strlen(text));
}

/* The keys the field knows, in one packed string; Shift+ is taken off the
 * movement keys first (it extends the selection). */
enum { K_LEFT, K_RIGHT, K_HOME, K_END, K_BACKSPACE, K_DELETE, K_ALL, K_COPY, K_CUT, K_NONE };
static const char f_keys[] = "Left\0Right\0Home\0End\0Backspace\0Delete\0Ctrl+a\0Ctrl+c\0Ctrl+x\0";

bool vy_ui_field_event(struct vy_ui_field *f, const struct vy_event *ev)
{
	int a = f->anchor < f->cur ? f->anchor : f->cur, b = f->anchor ^ f->cur ^ a;
	const char *k = ev->key, *n = f_keys;
	bool shift;
	int c, to, i = 0;
	char u[2];

	if (ev->type == VY_EV_PASTE) {
		char *s = (char *)ev->text; /* the event's own buffer */
		for (char *p = s; *p; p++)
			if ((unsigned char)*p < 0x20)
				*p = ' ';
		f_replace(f, a, b, s, (int)strlen(s));
		return true;
	}
	if (ev->type != VY_EV_KEY)
		return false;
	c = vy_key_char(ev);
	if (c) { /* ASCII, or Latin-1 as UTF-8 */
		u[0] = (char)(c < 0x80 ? c : 0xc0 | c >> 6);
		u[1] = (char)(0x80 | (c & 0x3f));
		f_replace(f, a, b, u, c < 0x80 ? 1 : 2);
		return true;
	}
	shift = vy_str_starts(k, "Shift+");
	k += shift ? 6 : 0;
	for (; *n && strcmp(n, k); n += strlen(n) + 1)
		i++;
	switch (i) {
	case K_ALL:
		f->anchor = 0;
		f->cur = f->len;
		return true;
	case K_COPY:
	case K_CUT:
		if (!f->copy) /* no clipboard: vy_ui_field_clipboard was not called */
			return false;
		if (a == b)
			a = 0, b = f->len;
		f->copy(f->text + a, (size_t)(b - a));
		if (i == K_COPY)
			return false;
		f_replace(f, a, b, "", 0);
		return true;
	case K_BACKSPACE:
	case K_DELETE:
		if (a == b) {
			if (i == K_BACKSPACE)
				a = f_prev(f, a);
			else
				b = f_next(f, b);
		}
		f_replace(f, a, b, "", 0);
		return true;
	case K_NONE:
		return false;
	}
	/* movement: without Shift a selection collapses to its side */
	to = i == K_HOME ? 0 : i == K_END ? f->len
		: !shift && a != b ? (i == K_LEFT ? a : b)
		: i == K_LEFT ? f_prev(f, f->cur) : f_next(f, f->cur);
	f->cur = to;
	if (!shift)
		f->anchor = to;
	return true;
}

void vy_ui_field_draw(const struct vy_ui_field *f, struct vy_box r, enum vy_text_size size, bool focused)
{
	int cw = vy_text_cell_w(size), cols = r.w / cw - 1;
	int cur = (int)vy_text_cells(f->text, (size_t)f->cur), first = 0, skip = 0;
	int a = f->anchor < f->cur ? f->anchor : f->cur, b = f->anchor < f->cur ? f->cur : f->anchor;
	int ca, cb;

	if (cols < 1)
		cols = 1;
	if (cur > cols)
		first = cur - cols;
	/* byte offset of the first shown character */
	for (int n = 0; n < first; n++)
		skip = f_next(f, skip);
	ca = (int)vy_text_cells(f->text, (size_t)a) - first;
	cb = (int)vy_text_cells(f->text, (size_t)b) - first;
	vy_draw_fill(r.x, r.y, r.w, r.h, VY_THEME_PANEL);
	if (a != b) {
		if (ca < 0)
			ca = 0;
		vy_draw_fill(r.x + 2 + ca * cw, r.y + 2, (cb - ca) * cw, r.h - 4, VY_THEME_LINE);
	}
	vy_draw_textn(r.x + 2, r.y + (r.h - vy_text_cell_h(size)) / 2, VY_THEME_TEXT, size, f->text + skip,
		      (size_t)(f->len - skip));
	if (focused)
		vy_draw_fill(r.x + 2 + (cur - first) * cw, r.y + 2, 2, r.h - 4, VY_THEME_ACCENT);
}

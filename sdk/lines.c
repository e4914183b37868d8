/* lines: a ring of text lines drawn as a wrapped, bottom-aligned
 * scrollback, the view shared by the shell, the log viewer, the chat and
 * the HTTP client. */
#include "vyoma.h"

#include <string.h>

void vy_lines_add(struct vy_lines *l, uint32_t rgba, const char *text)
{
	vy_str_copy(l->text[l->head], text, VY_LINE_LEN);
	l->color[l->head] = rgba;
	l->head = (l->head + 1) % VY_LINES_MAX;
	if (l->count < VY_LINES_MAX)
		l->count++;
}

void vy_lines_clear(struct vy_lines *l)
{
	l->head = l->count = 0;
}

const char *vy_lines_get(const struct vy_lines *l, unsigned i, uint32_t *rgba)
{
	unsigned slot;
	if (i >= l->count)
		return NULL;
	slot = (l->head + VY_LINES_MAX - l->count + i) % VY_LINES_MAX;
	if (rgba)
		*rgba = l->color[slot];
	return l->text[slot];
}

/* Screen rows the text takes when wrapped to cols; with draw, also draws
 * them from (x, y) down. One walk serves measuring and drawing. */
static int rows_of(const char *s, size_t cols, bool draw, int x, int y, uint32_t rgba, enum vy_text_size size)
{
	size_t len = strlen(s), pos = 0, next, n;
	int rows = 0;
	do {
		n = vy_text_wrap(s + pos, len - pos, cols, &next);
		if (draw)
			vy_draw_textn(x, y + rows * vy_text_cell_h(size), rgba, size, s + pos, n);
		pos += next;
		rows++;
	} while (pos < len);
	return rows;
}

int vy_lines_draw(const struct vy_lines *l, int x, int y, int w, int h, enum vy_text_size size, unsigned scroll)
{
	int ch = vy_text_cell_h(size), room = h / ch, used = 0;
	size_t cols = (size_t)(w > 0 ? w : 0) / (size_t)vy_text_cell_w(size);
	unsigned first = l->count > scroll ? l->count - scroll : 0, i = first;

	/* Walk back from the newest shown line while its rows still fit. */
	while (i > 0) {
		int rows = rows_of(vy_lines_get(l, i - 1, NULL), cols, false, 0, 0, 0, size);
		if (used + rows > room)
			break;
		used += rows;
		i--;
	}
	for (int row = room - used; i < first; i++) {
		uint32_t c;
		const char *s = vy_lines_get(l, i, &c);
		row += rows_of(s, cols, true, x, y + row * ch, c, size);
	}
	return used;
}

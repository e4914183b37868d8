/* text: layout with the supervisor's built-in font, where every character
 * (UTF-8 code point, or stray byte) takes one fixed-size cell. Pure
 * arithmetic over strings; drawing goes through sdk/draw.c. */
#include "vyoma.h"

#include <string.h>

int vy_text_cell_w(enum vy_text_size size) { return size == VY_TEXT_S ? 4 : size == VY_TEXT_L ? 16 : 8; }

int vy_text_cell_h(enum vy_text_size size) { return vy_text_cell_w(size) * 2; }

size_t vy_text_cells(const char *text, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)text[i] & 0xc0) != 0x80;
	return n;
}

int vy_text_width(enum vy_text_size size, const char *text)
{
	return (int)vy_text_cells(text, strlen(text)) * vy_text_cell_w(size);
}

size_t vy_text_wrap(const char *s, size_t len, size_t cols, size_t *next)
{
	size_t i = 0, cells = 0, brk = 0;

	if (cols == 0)
		cols = 1;
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			*next = i + 1;
			return i;
		}
		if ((c & 0xc0) == 0x80)
			continue;
		if (cells == cols) {
			if (c == ' ') { /* the break falls on a space: drop it */
				*next = i + 1;
				return i;
			}
			if (brk) {
				*next = brk;
				return brk - 1;
			}
			*next = i;
			return i;
		}
		cells++;
		if (c == ' ')
			brk = i + 1;
	}
	*next = len;
	return len;
}

int vy_draw_text_center(int x, int y, int w, uint32_t rgba, enum vy_text_size size, const char *text)
{
	return vy_draw_text(x + (w - vy_text_width(size, text)) / 2, y, rgba, size, text);
}

int vy_draw_text_right(int x, int y, int w, uint32_t rgba, enum vy_text_size size, const char *text)
{
	return vy_draw_text(x + w - vy_text_width(size, text), y, rgba, size, text);
}

int vy_draw_text_box(int x, int y, int w, int h, uint32_t rgba, enum vy_text_size size, const char *text)
{
	size_t len = strlen(text), pos = 0, cols = (size_t)(w > 0 ? w : 0) / (size_t)vy_text_cell_w(size);
	int ch = vy_text_cell_h(size), lines = 0;

	while (pos < len && (lines + 1) * ch <= h) {
		size_t next, n = vy_text_wrap(text + pos, len - pos, cols, &next);
		vy_draw_textn(x, y + lines * ch, rgba, size, text + pos, n);
		lines++;
		pos += next;
	}
	return lines;
}

/* view: the shell's scrollback. Lines are wrapped into rows when they
 * arrive (cells, not bytes, so UTF-8 text wraps right) and kept in a ring
 * of VIEW_ROWS; the view shows the newest rows, or older ones after
 * PageUp or the wheel, and stays put while new output arrives. Every line
 * shown is also logged ("| " first, so it is never protocol), which is
 * the transcript in `log shell` and on the serial console. */
#include "shell.h"

#include <string.h>

#define VIEW_ROWS 1024
#define ROW_BYTES 256

static char rows[VIEW_ROWS][ROW_BYTES];
static uint32_t color[VIEW_ROWS];
static unsigned head, count, offset, cols = 68, page = 18;

static void add_row(uint32_t rgba, const char *s, size_t n)
{
	memcpy(rows[head], s, n);
	rows[head][n] = '\0';
	color[head] = rgba;
	head = (head + 1) % VIEW_ROWS;
	if (count < VIEW_ROWS)
		count++;
	/* Scrolled back: the same rows stay in view. */
	if (offset && offset + page < count)
		offset++;
}

void view_show(uint32_t rgba, const char *text, size_t len)
{
	size_t start = 0, cells = 0;

	vy_print("| ");
	vy_write(text, len);
	vy_print("\n");
	for (size_t i = 0; i < len; i++) {
		if ((text[i] & 0xc0) == 0x80)
			continue; /* inside a character */
		/* a row ends before a character that would not fit */
		if (cells == cols || i - start > ROW_BYTES - 5) {
			add_row(rgba, text + start, i - start);
			start = i;
			cells = 0;
		}
		cells++;
	}
	add_row(rgba, text + start, len - start);
}

void view_clear(void)
{
	head = count = offset = 0;
}

void view_scroll(int n)
{
	long o = (long)offset + n, max = count > page ? (long)(count - page) : 0;
	offset = (unsigned)(o < 0 ? 0 : o > max ? max : o);
}

void view_bottom(void)
{
	offset = 0;
}

int view_page(void)
{
	return page > 1 ? (int)page - 1 : 1;
}

unsigned view_rows(void)
{
	return count;
}

unsigned view_offset(void)
{
	return offset;
}

void view_draw(int x, int y, int w, int h)
{
	int ch = vy_text_cell_h(VY_TEXT_M);
	unsigned n, first;

	cols = (unsigned)(w / vy_text_cell_w(VY_TEXT_M));
	page = (unsigned)(h / ch);
	n = count - offset < page ? count - offset : page;
	first = count - offset - n;
	for (unsigned i = 0; i < n; i++) {
		unsigned slot = (head + VIEW_ROWS - count + first + i) % VIEW_ROWS;
		vy_draw_text(x, y + (int)(page - n + i) * ch, color[slot], VY_TEXT_M, rows[slot]);
	}
	if (offset) {
		char more[32];
		int len = vy_snprintf(more, sizeof more, "[%u more rows]", offset);
		vy_draw_text(x + w - len * vy_text_cell_w(VY_TEXT_M), y + (int)(page - 1) * ch,
			     VY_THEME_WARN, VY_TEXT_M, more);
	}
}

/* shell.h: what the shell's files share: the scrollback (view.c) and the
 * line runner (main.c). */
#ifndef SHELL_H
#define SHELL_H

#include <vyoma.h>

/* Add a line of text (any bytes; wrapped to the window) and log it. */
void view_show(uint32_t rgba, const char *text, size_t len);
void view_clear(void);
/* Scroll by n rows: positive towards older lines. */
void view_scroll(int n);
void view_bottom(void);
/* Rows a page moves. */
int view_page(void);
/* Draw the scrollback into the box above the prompt. */
void view_draw(int x, int y, int w, int h);
unsigned view_rows(void);
unsigned view_offset(void);

#endif

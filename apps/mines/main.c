/* mines: minesweeper on 16x16 with 40 mines. Arrow keys move the cursor,
 * Space or Enter opens a cell, f flags it, r starts over; a left click
 * opens the cell under the pointer, a right click flags it. The first cell
 * opened is never a mine. Messages: "state", "board" (the board as text).
 * The rules are in mines.c.
 */
#include <vyoma.h>

#include <string.h>

#include "mines.h"

#define CELL 20
#define TOP 28
#define W (MW * CELL)
#define H (TOP + MH * CELL)

static struct mines m;
static int cx = MW / 2, cy = MH / 2;

static int ox, oy; /* where the board is drawn in the window */

static void draw(void)
{
	static const uint32_t num_col[9] = {0, VY_RGB(0x5f, 0xb3, 0xf9), VY_RGB(0x7b, 0xd8, 0x8f),
		VY_RGB(0xff, 0x6b, 0x6b), VY_RGB(0xc3, 0x9b, 0xff), VY_RGB(0xff, 0xa0, 0x5a),
		VY_RGB(0x4f, 0xd6, 0xd6), VY_RGB(0xe6, 0xe9, 0xef), VY_RGB(0x8b, 0x93, 0xa7)};
	static const char *const face[] = {"new game", "playing", "you win!", "boom"};
	int ww = W, wh = H;

	/* a resized window: the board in its middle (vy_ui_size, vy_draw_origin) */
	vy_ui_size(&ww, &wh);
	ox = ww > W ? (ww - W) / 2 : 0;
	oy = wh > H ? (wh - H) / 2 : 0;
	vy_draw_origin(ox, oy);

	vy_draw_clear(VY_THEME_BG);
	vy_draw_text(6, 6, m.state == M_LOST ? VY_THEME_BAD : m.state == M_WON ? VY_THEME_GOOD : VY_THEME_TEXT,
		     VY_TEXT_M, face[m.state]);
	vy_draw_textf(W - 100, 6, VY_THEME_DIM, VY_TEXT_M, "mines %d", MN - m.flags);
	for (int y = 0; y < MH; y++)
		for (int x = 0; x < MW; x++) {
			int c = y * MW + x, px = x * CELL, py = TOP + y * CELL, n = mines_around(&m, x, y);
			bool show_mine = m.mine[c] && (m.open[c] || m.state == M_LOST);
			vy_draw_fill(px + 1, py + 1, CELL - 2, CELL - 2,
				     m.open[c] ? (m.mine[c] ? VY_THEME_BAD : VY_THEME_BG) : VY_THEME_PANEL);
			if (show_mine)
				vy_draw_fill(px + 6, py + 6, CELL - 12, CELL - 12, VY_RGB(0x10, 0x10, 0x10));
			else if (m.flag[c])
				vy_draw_text(px + 6, py + 2, VY_THEME_WARN, VY_TEXT_M, "F");
			else if (m.open[c] && n)
				vy_draw_textn(px + 6, py + 2, num_col[n], VY_TEXT_M, &"012345678"[n], 1);
		}
	vy_draw_rect(cx * CELL, TOP + cy * CELL, CELL, CELL, VY_THEME_ACCENT);
	vy_draw_rect(cx * CELL + 1, TOP + cy * CELL + 1, CELL - 2, CELL - 2, VY_THEME_ACCENT);
	vy_draw_flush();
}

/* Keys by name, their actions in the switch's order. */
static void on_key(const struct vy_event *ev)
{
	static const char *const keys[] = {VY_KEY_LEFT, VY_KEY_RIGHT, VY_KEY_UP, VY_KEY_DOWN, "Space", VY_KEY_ENTER,
					   "f", "r"};
	unsigned k = 0;

	while (k < 8 && !vy_key_is(ev, keys[k]))
		k++;
	switch (k) {
	case 0: cx -= cx > 0; break;
	case 1: cx += cx < MW - 1; break;
	case 2: cy -= cy > 0; break;
	case 3: cy += cy < MH - 1; break;
	case 4:
	case 5: mines_reveal(&m, cx, cy, vy_rand_below); break;
	case 6: mines_flag(&m, cx, cy); break;
	case 7: mines_new(&m); break;
	}
}

int main(void)
{
	static const char *const names[] = {"new", "playing", "won", "lost"};
	struct vy_event ev;

	mines_new(&m);
	vy_mouse_on();
	vy_sys_ready();
	for (;;) {
		draw();
		for (;;) {
			enum vy_ev_type t = vy_ev_wait(&ev, -1);
			if (t == VY_EV_EOF)
				return 0;
			if (t == VY_EV_KEY) {
				on_key(&ev);
				break;
			}
			if (t == VY_EV_RESIZE)
				break;
			if (t == VY_EV_MOUSE && ev.kind == VY_MOUSE_DOWN) {
				int x = ev.x - ox, y = ev.y - oy - TOP;
				if ((unsigned)x >= W || (unsigned)y >= MH * CELL)
					continue;
				cx = x / CELL;
				cy = y / CELL;
				if (ev.buttons == 1)
					mines_reveal(&m, cx, cy, vy_rand_below);
				else
					mines_flag(&m, cx, cy);
				break;
			}
			if (t == VY_EV_MESSAGE && strcmp(ev.text, "board") == 0) {
				/* the board as text, rows joined by '/': '.' closed, F flag,
				 * * a shown mine, 0-8 an open cell's count */
				char b[MH * (MW + 1)];
				for (int y = 0; y < MH; y++) {
					for (int x = 0; x < MW; x++) {
						int c = y * MW + x;
						b[y * (MW + 1) + x] = m.flag[c] ? 'F'
							: m.mine[c] && (m.open[c] || m.state == M_LOST) ? '*'
							: m.open[c] ? (char)('0' + mines_around(&m, x, y)) : '.';
					}
					b[y * (MW + 1) + MW] = y + 1 < MH ? '/' : '\0';
				}
				vy_msg_answer("%s", b);
			} else if (t == VY_EV_MESSAGE && strcmp(ev.text, "state") == 0)
				vy_msg_answer("state %s opened %d flags %d cursor %d,%d", names[m.state], m.opened, m.flags,
					 cx, cy);
		}
	}
}

/* twenty48: the 2048 game (app names must start with a letter). Arrow
 * keys slide the tiles and equal tiles merge; r starts a new game. A new
 * tile (2, or 4 one time in ten) appears after each move that changed the
 * board. The rules are in game.c.
 */
#include <vyoma.h>

#include <string.h>

#include "game.h"

/* The content size: the manifest's [window] size until the user resizes
 * the window (vy_ui_size, asked at each draw, so a resize relays out). */
static int W = 300, H = 350;
#define TILE 66
#define GAP 6
#define TOP 50

static int board[16], score, best;
static bool won;

static void spawn(void)
{
	int n = g_empty(board);
	if (n)
		g_place(board, (int)vy_rand_below((uint32_t)n), vy_rand_below(10) ? 2 : 4);
}

static void new_game(void)
{
	memset(board, 0, sizeof board);
	score = 0;
	won = false;
	spawn();
	spawn();
}

static uint32_t tile_colour(int v)
{
	static const uint32_t c[] = {
		VY_RGB(0x3a, 0x42, 0x55), VY_RGB(0xee, 0xe4, 0xda), VY_RGB(0xed, 0xe0, 0xc8),
		VY_RGB(0xf2, 0xb1, 0x79), VY_RGB(0xf5, 0x95, 0x63), VY_RGB(0xf6, 0x7c, 0x5f),
		VY_RGB(0xf6, 0x5e, 0x3b), VY_RGB(0xed, 0xcf, 0x72), VY_RGB(0xed, 0xcc, 0x61),
		VY_RGB(0xed, 0xc8, 0x50), VY_RGB(0xed, 0xc5, 0x3f), VY_RGB(0xed, 0xc2, 0x2e),
	};
	int i = 0;
	while (v > 1 && i < 11) {
		v >>= 1;
		i++;
	}
	return c[i];
}

static void draw(void)
{
	vy_ui_size(&W, &H);
	char num[12];

	vy_draw_clear(VY_THEME_BG);
	vy_draw_text(GAP + 2, 8, VY_THEME_TEXT, VY_TEXT_L, "2048");
	vy_draw_textf(150, 8, VY_THEME_DIM, VY_TEXT_M, "score %d", score);
	vy_draw_textf(150, 26, VY_THEME_DIM, VY_TEXT_M, "best  %d", best);
	vy_draw_fill(0, TOP - GAP, W, W, VY_THEME_PANEL);
	for (int i = 0; i < 16; i++) {
		int x = GAP + i % 4 * (TILE + GAP) + 3, y = TOP + i / 4 * (TILE + GAP);
		vy_draw_fill(x, y, TILE, TILE, tile_colour(board[i]));
		if (!board[i])
			continue;
		vy_snprintf(num, sizeof num, "%d", board[i]);
		enum vy_text_size sz = board[i] < 1000 ? VY_TEXT_L : VY_TEXT_M;
		vy_draw_text_center(x, y + (TILE - vy_text_cell_h(sz)) / 2, TILE,
				    board[i] <= 4 ? VY_RGB(0x77, 0x6e, 0x65) : VY_RGB(0xf9, 0xf6, 0xf2), sz, num);
	}
	if (!g_can_move(board) || won) {
		vy_draw_fill(0, TOP + 100, W, 70, VY_RGBA(0, 0, 0, 0xc0));
		vy_draw_text_center(0, TOP + 108, W, won ? VY_THEME_GOOD : VY_THEME_BAD, VY_TEXT_L,
				    won ? "2048!" : "no moves");
		vy_draw_text_center(0, TOP + 144, W, VY_THEME_DIM, VY_TEXT_M, "r: new game");
	}
	vy_draw_flush();
}

static void on_key(const struct vy_event *ev)
{
	static const char *const keys[4] = {VY_KEY_LEFT, VY_KEY_RIGHT, VY_KEY_UP, VY_KEY_DOWN};
	if (vy_key_char(ev) == 'r') {
		new_game();
		return;
	}
	for (int d = 0; d < 4; d++)
		if (vy_key_is(ev, keys[d]) && g_move(board, (enum g_dir)d, &score)) {
			spawn();
			for (int i = 0; i < 16; i++)
				won |= board[i] == 2048;
			if (score > best)
				best = score;
		}
}

int main(void)
{
	struct vy_event ev;
	char cells[16 * 6];

	new_game();
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
			if (t == VY_EV_MESSAGE && strcmp(ev.text, "state") == 0) {
				size_t n = 0;
				for (int i = 0; i < 16; i++)
					n += (size_t)vy_snprintf(cells + n, sizeof cells - n, i ? ",%d" : "%d", board[i]);
				vy_msg_answer("score %d board %s moves %d", score, cells, g_can_move(board));
			}
		}
	}
}

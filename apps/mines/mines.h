/* mines.h: minesweeper's board and rules (mines.c), free of the SDK. */
#ifndef MINES_H
#define MINES_H

#include <stdint.h>

#define MW 16
#define MH 16
#define MN 40

enum m_state { M_NEW, M_PLAYING, M_WON, M_LOST };

struct mines {
	uint8_t mine[MW * MH], open[MW * MH], flag[MW * MH];
	enum m_state state;
	int opened, flags;
};

/* rnd(n) gives a uniform number in [0, n). */
typedef uint32_t (*m_rand_fn)(uint32_t n);

void mines_new(struct mines *m);
/* Open a cell. The first one lays the mines (never on it or around it). A
 * cell with no mines around opens its neighbours too. */
void mines_reveal(struct mines *m, int x, int y, m_rand_fn rnd);
void mines_flag(struct mines *m, int x, int y);
int mines_around(const struct mines *m, int x, int y);

#endif

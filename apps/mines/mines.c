/* mines.c: minesweeper's rules. Mines are laid on the first reveal, away
 * from it, so the first click is always safe and opens an area. Opening
 * floods through cells with no mines around, with an explicit stack. */
#include "mines.h"

#include <string.h>

void mines_new(struct mines *m)
{
	memset(m, 0, sizeof *m);
}

static int near(int b, int ax, int ay)
{
	int bx = b % MW, by = b / MW;
	return bx >= ax - 1 && bx <= ax + 1 && by >= ay - 1 && by <= ay + 1;
}

static void lay(struct mines *m, int x, int y, m_rand_fn rnd)
{
	for (int placed = 0; placed < MN;) {
		int c = (int)rnd(MW * MH);
		if (m->mine[c] || near(c, x, y))
			continue;
		m->mine[c] = 1;
		placed++;
	}
	m->state = M_PLAYING;
}

int mines_around(const struct mines *m, int x, int y)
{
	int n = 0;
	for (int dy = -1; dy <= 1; dy++)
		for (int dx = -1; dx <= 1; dx++) {
			int nx = x + dx, ny = y + dy;
			if ((dx || dy) && (unsigned)nx < MW && (unsigned)ny < MH)
				n += m->mine[ny * MW + nx];
		}
	return n;
}

void mines_reveal(struct mines *m, int x, int y, m_rand_fn rnd)
{
	int stack[MW * MH], sp = 0, c = y * MW + x;

	if ((unsigned)x >= MW || (unsigned)y >= MH || m->state >= M_WON)
		return;
	if (m->state == M_NEW)
		lay(m, x, y, rnd);
	if (m->open[c] || m->flag[c])
		return;
	m->open[c] = 1;
	if (m->mine[c]) {
		m->state = M_LOST;
		return;
	}
	m->opened++;
	stack[sp++] = c;
	while (sp) {
		int cx, cy;
		c = stack[--sp];
		cx = c % MW;
		cy = c / MW;
		if (mines_around(m, cx, cy))
			continue;
		for (int dy = -1; dy <= 1; dy++)
			for (int dx = -1; dx <= 1; dx++) {
				int nx = cx + dx, ny = cy + dy, n = ny * MW + nx;
				if ((unsigned)nx >= MW || (unsigned)ny >= MH || m->open[n] || m->flag[n])
					continue;
				m->open[n] = 1;
				m->opened++;
				stack[sp++] = n;
			}
	}
	if (m->opened == MW * MH - MN)
		m->state = M_WON;
}

void mines_flag(struct mines *m, int x, int y)
{
	int c = y * MW + x;
	if ((unsigned)x >= MW || (unsigned)y >= MH || m->open[c] || m->state >= M_WON)
		return;
	m->flag[c] ^= 1;
	m->flags += m->flag[c] ? 1 : -1;
}

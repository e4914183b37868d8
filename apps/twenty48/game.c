/* game.c: 2048's slide-and-merge. Each line of four cells is read in the
 * direction of the move, its tiles packed towards the far end and equal
 * neighbours merged once. */
#include "game.h"

/* Index of the i-th cell of line k when moving in dir. */
static int cell(enum g_dir dir, int k, int i)
{
	switch (dir) {
	case G_LEFT:
		return k * 4 + i;
	case G_RIGHT:
		return k * 4 + 3 - i;
	case G_UP:
		return i * 4 + k;
	default:
		return (3 - i) * 4 + k;
	}
}

bool g_move(int b[16], enum g_dir dir, int *score)
{
	bool moved = false;

	for (int k = 0; k < 4; k++) {
		int out[4] = {0}, n = 0;
		bool merged = false;
		for (int i = 0; i < 4; i++) {
			int v = b[cell(dir, k, i)];
			if (!v)
				continue;
			if (n && out[n - 1] == v && !merged) {
				out[n - 1] *= 2;
				*score += out[n - 1];
				merged = true;
			} else {
				out[n++] = v;
				merged = false;
			}
		}
		for (int i = 0; i < 4; i++) {
			int *c = &b[cell(dir, k, i)];
			moved |= *c != out[i];
			*c = out[i];
		}
	}
	return moved;
}

bool g_can_move(const int b[16])
{
	for (int i = 0; i < 16; i++) {
		if (!b[i])
			return true;
		if (i % 4 < 3 && b[i] == b[i + 1])
			return true;
		if (i < 12 && b[i] == b[i + 4])
			return true;
	}
	return false;
}

int g_empty(const int b[16])
{
	int n = 0;
	for (int i = 0; i < 16; i++)
		n += !b[i];
	return n;
}

void g_place(int b[16], int n, int v)
{
	for (int i = 0; i < 16; i++)
		if (!b[i] && n-- == 0) {
			b[i] = v;
			return;
		}
}

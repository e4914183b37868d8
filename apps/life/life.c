/* life.c: B3/S23 on a torus: a dead cell with three live neighbours is
 * born, a live one with two or three survives. */
#include "life.h"

int life_step(const uint8_t *in, uint8_t *out, int w, int h)
{
	int alive = 0;
	for (int y = 0; y < h; y++) {
		int row = y * w, up = (y ? y - 1 : h - 1) * w, dn = (y + 1 < h ? y + 1 : 0) * w;
		for (int x = 0; x < w; x++) {
			int l = x ? x - 1 : w - 1, r = x + 1 < w ? x + 1 : 0;
			int n = in[up + l] + in[up + x] + in[up + r] + in[row + l] + in[row + r] + in[dn + l] +
				in[dn + x] + in[dn + r];
			out[row + x] = n == 3 || (n == 2 && in[row + x]);
			alive += out[row + x];
		}
	}
	return alive;
}

/* life.h: one generation of Conway's Game of Life on a torus (life.c). */
#ifndef LIFE_H
#define LIFE_H

#include <stdint.h>

/* out = the next generation of in (w*h cells, 0 or 1, row by row); the
 * edges wrap. Returns the number of live cells in out. */
int life_step(const uint8_t *in, uint8_t *out, int w, int h);

#endif

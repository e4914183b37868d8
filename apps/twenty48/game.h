/* game.h: the rules of 2048 (game.c), free of the SDK so they can be
 * tested natively. The board is 16 cells, row by row; 0 is empty. */
#ifndef GAME_H
#define GAME_H

#include <stdbool.h>

enum g_dir { G_LEFT, G_RIGHT, G_UP, G_DOWN };

/* Slide and merge towards dir; adds merged values to *score. true if any
 * tile moved (only then does a new tile appear). */
bool g_move(int b[16], enum g_dir dir, int *score);
bool g_can_move(const int b[16]);
int g_empty(const int b[16]);
/* Put v into the n-th empty cell (0-based). */
void g_place(int b[16], int n, int v);

#endif

"""twenty48 (2048): the rules natively, then the app with keys."""

from apps_lib import window
from apps_lib import boot_ready, check, fields, hexrgb, key, screenshot, state, system, windows
import native

DRIVER = r"""
#include <stdio.h>
#include "game.h"
/* Each input line: a direction letter (l r u d) and 16 numbers. Prints the
 * board after the move, the score gained and whether it moved. */
int main(void)
{
	char d;
	int b[16];
	while (scanf(" %c", &d) == 1) {
		for (int i = 0; i < 16; i++)
			if (scanf("%d", &b[i]) != 1)
				return 1;
		int score = 0;
		enum g_dir dir = d == 'l' ? G_LEFT : d == 'r' ? G_RIGHT : d == 'u' ? G_UP : G_DOWN;
		int moved = g_move(b, dir, &score);
		for (int i = 0; i < 16; i++)
			printf("%d ", b[i]);
		printf("| %d %d %d\n", score, moved, g_can_move(b));
	}
	return 0;
}
"""

CASES = [
    # one row merges once per pair, left to right
    ("l", "2 2 2 2  0 0 0 0  0 0 0 0  0 0 0 0", "4 4 0 0 0 0 0 0 0 0 0 0 0 0 0 0 | 8 1 1"),
    ("l", "2 2 4 0  0 0 0 0  0 0 0 0  0 0 0 0", "4 4 0 0 0 0 0 0 0 0 0 0 0 0 0 0 | 4 1 1"),
    ("r", "2 2 2 0  0 0 0 0  0 0 0 0  0 0 0 0", "0 0 2 4 0 0 0 0 0 0 0 0 0 0 0 0 | 4 1 1"),
    ("u", "0 0 0 0  2 0 0 0  2 0 0 0  4 0 0 0", "4 0 0 0 4 0 0 0 0 0 0 0 0 0 0 0 | 4 1 1"),
    ("d", "2 0 0 0  2 0 0 0  2 0 0 0  2 0 0 0", "0 0 0 0 0 0 0 0 4 0 0 0 4 0 0 0 | 8 1 1"),
    # nothing moves: no change, no score
    ("l", "2 4 0 0  0 0 0 0  0 0 0 0  0 0 0 0", "2 4 0 0 0 0 0 0 0 0 0 0 0 0 0 0 | 0 0 1"),
    # a full board with no pairs cannot move
    ("l", "2 4 2 4  4 2 4 2  2 4 2 4  4 2 4 2", "2 4 2 4 4 2 4 2 2 4 2 4 4 2 4 2 | 0 0 0"),
]


def test_twenty48_rules_native():
    exe = native.build(["twenty48/game.c"], DRIVER, "g2048")
    out = native.run(exe, "".join("%s %s\n" % (d, b) for d, b, _ in CASES)).splitlines()
    for (d, b, want), got in zip(CASES, out):
        check(" ".join(got.split()) == want, "%s %s: got %r want %r" % (d, b, got, want))


def board(st):
    return [int(v) for v in fields(st)["board"].split(",")]


def test_twenty48_app_moves_with_keys():
    with system(["twenty48"]) as s:
        c = s.console()
        boot_ready(c, 1)
        b = board(state(c, "twenty48"))
        check(sorted(b)[:14] == [0] * 14 and all(v in (2, 4) for v in sorted(b)[14:]), b)
        moved = 0
        for k in ["Left", "Up", "Right", "Down"] * 4:
            before = board(state(c, "twenty48"))
            key(c, "twenty48", k)
            after = board(state(c, "twenty48"))
            if after != before:
                moved += 1
                # a move keeps the sum and adds one tile of 2 or 4
                check(sum(after) - sum(before) in (2, 4), (k, before, after))
        check(moved >= 4, "only %d moves changed the board" % moved)
        check(int(fields(state(c, "twenty48"))["score"]) > 0, state(c, "twenty48"))
        # each tile on screen has its value's colour
        colours = {0: 0x3a4255, 2: 0xeee4da, 4: 0xede0c8, 8: 0xf2b179, 16: 0xf59563, 32: 0xf67c5f,
                   64: 0xf65e3b, 128: 0xedcf72, 256: 0xedcc61}
        b = board(state(c, "twenty48"))
        w = window(c, "twenty48")
        _, _, rows = screenshot(c, s)
        for i, v in enumerate(b):
            x = w["cx"] + 6 + i % 4 * 72 + 3 + 4
            y = w["cy"] + 50 + i // 4 * 72 + 4
            check(rows[y][x] == hexrgb(colours[v]), "tile %d (%d) drawn as %s" % (i, v, rows[y][x]))
        key(c, "twenty48", "r")
        check(sum(1 for v in board(state(c, "twenty48")) if v) == 2, state(c, "twenty48"))

"""life: the rule natively (still life, oscillator, glider, wrap), then the
app: runs on its own, pauses, steps, places cells by message and key."""

from apps_lib import window
from apps_lib import ask, boot_ready, check, fields, hexrgb, key, screenshot, state, system, wait_state, windows
import native

DRIVER = r"""
#include <stdio.h>
#include <string.h>
#include "life.h"
/* A pattern (w h, then h rows of . and #) and a number of steps; prints
 * the grid after them and the live count. */
int main(void)
{
	int w, h, n;
	static uint8_t a[4096], b[4096];
	char row[128];
	while (scanf("%d %d %d", &w, &h, &n) == 3) {
		for (int y = 0; y < h; y++) {
			if (scanf("%127s", row) != 1)
				return 1;
			for (int x = 0; x < w; x++)
				a[y * w + x] = row[x] == '#';
		}
		int alive = 0;
		for (int i = 0; i < n; i++) {
			alive = life_step(a, b, w, h);
			memcpy(a, b, (size_t)(w * h));
		}
		for (int y = 0; y < h; y++) {
			for (int x = 0; x < w; x++)
				putchar(a[y * w + x] ? '#' : '.');
			putchar(y + 1 < h ? '/' : ' ');
		}
		printf("%d\n", alive);
	}
	return 0;
}
"""

CASES = [
    ("block stays", "4 4 1 .... .##. .##. ....", "..../.##./.##./.... 4"),
    ("blinker turns", "5 5 1 ..... ..#.. ..#.. ..#.. .....", "...../...../.###./...../..... 3"),
    ("blinker period 2", "5 5 2 ..... ..#.. ..#.. ..#.. .....", "...../..#../..#../..#../..... 3"),
    ("glider moves 1,1 in 4", "6 6 4 .#.... ..#... ###... ...... ...... ......",
     "....../..#.../...#../.###../....../...... 5"),
    ("wraps at edges", "5 5 1 ..... ..... #.... #.... #....",
     "...../...../...../##..#/..... 3"),
    ("lonely cell dies", "3 3 1 ... .#. ...", ".../.../... 0"),
]


def test_life_rule_native():
    exe = native.build(["life/life.c"], DRIVER, "life")
    out = native.run(exe, "".join(c + "\n" for _, c, _ in CASES)).splitlines()
    for (name, _, want), got in zip(CASES, out):
        check(got == want, "%s: got %r want %r" % (name, got, want))


def test_life_app():
    with system(["life"]) as s:
        c = s.console()
        boot_ready(c, 1)
        st = fields(state(c, "life"))
        check(st["running"] == "1" and int(st["alive"]) > 0, st)
        wait_state(c, "life", lambda t: int(fields(t)["gen"]) >= 5, what="generations")
        ask(c, "life", "pause")
        ask(c, "life", "clear")
        for x, y in ((10, 10), (11, 10), (12, 10)):
            ask(c, "life", "set %d %d" % (x, y))
        check(ask(c, "life", "cells") == "10,10 11,10 12,10")
        check(fields(ask(c, "life", "step"))["alive"] == "3")
        check(ask(c, "life", "cells") == "11,9 11,10 11,11")
        key(c, "life", "n")
        check(ask(c, "life", "cells") == "10,10 11,10 12,10")
        st = fields(state(c, "life"))
        check(st["gen"] == "2" and st["running"] == "0", st)
        # on screen: exactly the three live cells are green
        w = window(c, "life")
        _, _, rows = screenshot(c, s)
        green = [(x, y) for y in range(56) for x in range(80)
                 if rows[w["cy"] + y * 6 + 2][w["cx"] + x * 6 + 2] == hexrgb(0x7bd88f)]
        check(green == [(10, 10), (11, 10), (12, 10)], green)
        key(c, "life", "c", "g")
        check(fields(state(c, "life"))["alive"] == "5")
        key(c, "life", "Space")
        wait_state(c, "life", lambda t: int(fields(t)["gen"]) >= 8, what="running again")
        check(fields(state(c, "life"))["alive"] == "5", "a glider keeps 5 cells")

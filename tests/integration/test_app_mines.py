"""mines: rules natively (safe first click, flood fill, win, loss, flags),
then the app with keys."""

from apps_lib import ask, boot_ready, check, fields, key, state, system
import native

DRIVER = r"""
#include <stdio.h>
#include <stdlib.h>
#include "mines.h"
static unsigned long long seed = 12345;
static uint32_t rnd(uint32_t n)
{
	seed = seed * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(seed >> 33) % n;
}
static void fail(const char *what) { printf("FAIL %s\n", what); exit(1); }
int main(void)
{
	struct mines m;
	for (int game = 0; game < 200; game++) {
		int x = game % MW, y = game * 7 % MH, mines = 0;
		mines_new(&m);
		mines_reveal(&m, x, y, rnd);
		for (int i = 0; i < MW * MH; i++)
			mines += m.mine[i];
		if (mines != MN) fail("mine count");
		if (m.state != M_PLAYING && m.state != M_WON) fail("first click lost");
		if (mines_around(&m, x, y) != 0) fail("first click has mines around");
		int hood = ((x > 0) + 1 + (x < MW - 1)) * ((y > 0) + 1 + (y < MH - 1));
		if (m.opened < hood) fail("first click opened less than its neighbourhood");
		/* flood fill: every open cell with no mines around has open neighbours */
		for (int cy = 0; cy < MH; cy++)
			for (int cx = 0; cx < MW; cx++) {
				if (!m.open[cy * MW + cx]) continue;
				if (m.mine[cy * MW + cx]) fail("opened a mine");
				if (mines_around(&m, cx, cy)) continue;
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						int nx = cx + dx, ny = cy + dy;
						if (nx >= 0 && ny >= 0 && nx < MW && ny < MH && !m.open[ny * MW + nx])
							fail("flood fill stopped early");
					}
			}
		/* a flag protects a cell and counts */
		int f = -1;
		for (int i = 0; i < MW * MH && f < 0; i++)
			if (m.mine[i]) f = i;
		mines_flag(&m, f % MW, f / MW);
		if (m.flags != 1) fail("flag count");
		mines_reveal(&m, f % MW, f / MW, rnd);
		if (m.state == M_LOST) fail("revealed a flagged mine");
		mines_flag(&m, f % MW, f / MW);
		if (m.flags != 0) fail("unflag count");
		if (game % 2) {
			/* open every safe cell: won */
			for (int i = 0; i < MW * MH; i++)
				if (!m.mine[i]) mines_reveal(&m, i % MW, i / MW, rnd);
			if (m.state != M_WON || m.opened != MW * MH - MN) fail("not won");
		} else {
			mines_reveal(&m, f % MW, f / MW, rnd);
			if (m.state != M_LOST) fail("mine did not explode");
			int before = m.opened;
			mines_reveal(&m, (f + 1) % MW, f / MW, rnd);
			if (m.opened != before) fail("played on after losing");
		}
	}
	printf("ok\n");
	return 0;
}
"""


def test_mines_rules_native():
    exe = native.build(["mines/mines.c"], DRIVER, "mines")
    out = native.run(exe)
    check(out.strip() == "ok", out)


def test_mines_app_keys():
    with system(["mines"]) as s:
        c = s.console()
        boot_ready(c, 1)
        st = fields(state(c, "mines"))
        check(st["state"] == "new" and st["cursor"] == "8,8", st)
        key(c, "mines", "Left", "Left", "Up")
        check(fields(state(c, "mines"))["cursor"] == "6,7")
        key(c, "mines", "Space")
        st = fields(state(c, "mines"))
        check(st["state"] in ("playing", "won") and int(st["opened"]) >= 9, st)
        # the board as text agrees with the count of open cells
        rows = ask(c, "mines", "board").split("/")
        check(len(rows) == 16 and all(len(r) == 16 for r in rows), rows)
        check(sum(ch.isdigit() for r in rows for ch in r) == int(st["opened"]), rows)
        check(rows[7][6] == "0", "the first cell opened has no mines around")
        # go to a closed cell with the arrows and flag it
        cy, cx = next((y, x) for y in range(16) for x in range(16) if rows[y][x] == ".")
        key(c, "mines", *(["Up"] * 16 + ["Left"] * 16 + ["Down"] * cy + ["Right"] * cx + ["f"]))
        check(fields(state(c, "mines"))["flags"] == "1", state(c, "mines"))
        check(ask(c, "mines", "board").split("/")[cy][cx] == "F")
        key(c, "mines", "f")
        check(fields(state(c, "mines"))["flags"] == "0")
        key(c, "mines", "r")
        check(fields(state(c, "mines"))["state"] == "new")
        for _ in range(20):
            key(c, "mines", "Left", "Up")
        check(fields(state(c, "mines"))["cursor"] == "0,0", "cursor clamps at the edge")

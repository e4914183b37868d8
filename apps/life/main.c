/* life: Conway's Game of Life on an 80x56 torus, ten generations a second.
 * Space pauses and resumes, n steps once, r seeds at random, c clears, g
 * drops a glider. Messages: "set X Y", "clear", "pause", "run", "step",
 * "cells" (the live cells), "state". The rule is in life.c.
 */
#include <vyoma.h>

#include <string.h>

#include "life.h"

#define GW 80
#define GH 56
#define CELL 6
#define W (GW * CELL)
#define H (GH * CELL + 20)

static uint8_t grid[GW * GH], next[GW * GH];
static unsigned gen;
static int alive;
static bool running = true;

/* alive is always the number of live cells in grid */
static void seed(void)
{
	alive = 0;
	for (int i = 0; i < GW * GH; i++)
		alive += grid[i] = vy_rand_below(5) == 0;
	gen = 0;
}

static void set(int x, int y)
{
	if ((unsigned)x < GW && (unsigned)y < GH) {
		alive += !grid[y * GW + x];
		grid[y * GW + x] = 1;
	}
}

static void clear(void)
{
	memset(grid, 0, sizeof grid);
	alive = 0;
	gen = 0;
}

static void glider(int x, int y)
{
	static const uint8_t gx[5] = {1, 2, 0, 1, 2}, gy[5] = {0, 1, 2, 2, 2};
	for (int i = 0; i < 5; i++)
		set(x + gx[i], y + gy[i]);
}

static void step(void)
{
	alive = life_step(grid, next, GW, GH);
	memcpy(grid, next, sizeof grid);
	gen++;
}

static int ox, oy; /* where the board is drawn in the window */

static void draw(void)
{
	int ww = W, wh = H;

	/* a resized window: the board in its middle (vy_ui_size, vy_draw_origin) */
	vy_ui_size(&ww, &wh);
	ox = ww > W ? (ww - W) / 2 : 0;
	oy = wh > H ? (wh - H) / 2 : 0;
	vy_draw_origin(ox, oy);
	vy_draw_clear(VY_THEME_BG);
	for (int y = 0; y < GH; y++) {
		/* one rectangle per run of live cells */
		for (int x = 0; x < GW;) {
			int run = 0;
			while (x + run < GW && grid[y * GW + x + run])
				run++;
			if (run)
				vy_draw_fill(x * CELL, y * CELL, run * CELL - 1, CELL - 1, VY_THEME_GOOD);
			x += run + 1;
		}
	}
	vy_draw_fill(0, H - 20, W, 20, VY_THEME_PANEL);
	vy_draw_textf(6, H - 18, VY_THEME_DIM, VY_TEXT_M, "gen %u  alive %d  %s", gen, alive,
		      running ? "running (space: pause)" : "paused (space: run, n: step)");
	vy_draw_flush();
}

static void reply_cells(void)
{
	char buf[2048];
	size_t n = 0;
	for (int i = 0; i < GW * GH && n < sizeof buf - 16; i++)
		if (grid[i])
			n += (size_t)vy_snprintf(buf + n, sizeof buf - n, "%s%d,%d", n ? " " : "", i % GW, i / GW);
	buf[n] = '\0';
	vy_msg_answer("%s", n ? buf : "-");
}

static void on_message(const char *m)
{
	const char *p;
	if (vy_str_starts(m, "set ")) {
		int x = (int)vy_str_atoll(vy_str_skip_space(m + 4), &p);
		set(x, (int)vy_str_atoll(vy_str_skip_space(p), NULL));
	} else if (strcmp(m, "clear") == 0) {
		clear();
	} else if (strcmp(m, "pause") == 0) {
		running = false;
	} else if (strcmp(m, "run") == 0) {
		running = true;
	} else if (strcmp(m, "step") == 0) {
		step();
	} else if (strcmp(m, "cells") == 0) {
		reply_cells();
		return;
	} else if (strcmp(m, "state") != 0) {
		if (!vy_str_starts(m, "error"))
			vy_msg_answer("error: unknown command");
		return;
	}
	vy_msg_answer("gen %u alive %d running %d", gen, alive, running);
}

static void on_key(const struct vy_event *ev)
{
	static const char *const keys[] = {"Space", "n", "r", "c", "g"};
	unsigned k = 0;

	while (k < 5 && !vy_key_is(ev, keys[k]))
		k++;
	switch (k) {
	case 0: running = !running; break;
	case 1: step(); break;
	case 2: seed(); break;
	case 3: clear(); break;
	case 4: glider(GW / 2, GH / 2); break;
	}
}

int main(void)
{
	struct vy_event ev;
	uint64_t next_at;

	seed();
	vy_sys_ready();
	draw();
	next_at = vy_time_ms() + 100;
	for (;;) {
		uint64_t now = vy_time_ms();
		/* a step that is due waits 1 ms, not 0: an app whose waits are
		 * never 0 keeps no path for a zero timeout (sdk/event.c) */
		int64_t wait = (int64_t)(next_at - now); /* negative once the step is due */
		enum vy_ev_type t = vy_ev_wait(&ev, running ? (wait > 1 ? wait : 1) : -1);
		if (t == VY_EV_EOF)
			return 0;
		if (t == VY_EV_TIMEOUT || t == VY_EV_KEY) {
			if (t == VY_EV_KEY)
				on_key(&ev);
			else
				step();
			next_at = vy_time_ms() + 100;
		} else if (t == VY_EV_MESSAGE) {
			on_message(ev.text);
		} else if (t == VY_EV_RESIZE) {
			/* redrawn below, centred in the new size */
		} else {
			continue;
		}
		draw();
	}
}

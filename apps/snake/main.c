/* snake: the classic. Arrow keys steer, p pauses, r starts over after a
 * crash. The snake moves every 150 ms (a little faster as it grows); food
 * appears at random free cells. Answers `state` with score, length, head,
 * direction and whether it is alive.
 */
#include <vyoma.h>

#include <string.h>

#define GW 24
#define GH 18
#define CELL 16
#define TOP 24
#define W (GW * CELL)
#define H (TOP + GH * CELL)
#define MAXLEN (GW * GH)

static const char *const dir_name[4] = {"right", "down", "left", "up"};
static const int step_by[4] = {1, GW, -1, -GW}; /* a cell's neighbour that way */

static struct {
	int c[MAXLEN]; /* cells, y * GW + x; [0] is the head */
	int len, dir, next_dir, score, food, best;
	bool alive, paused;
} s;

/* c is one of the first n cells of the snake */
static bool on_snake(int c, int n)
{
	for (int i = 0; i < n; i++)
		if (s.c[i] == c)
			return true;
	return false;
}

static void place_food(void)
{
	if (s.len == MAXLEN)
		return;
	do {
		int x = (int)vy_rand_below(GW);
		s.food = x + GW * (int)vy_rand_below(GH);
	} while (on_snake(s.food, s.len));
}

static void reset(void)
{
	s.len = 3; /* heading right, the head at column 5 of the middle row */
	s.c[0] = GH / 2 * GW + 5;
	s.c[1] = GH / 2 * GW + 4;
	s.c[2] = GH / 2 * GW + 3;
	s.dir = s.next_dir = 0;
	s.score = 0;
	s.alive = true;
	s.paused = true; /* a new game waits for the player's first key */
	place_food();
}

static void step(void)
{
	int x, n;
	bool eat;

	if (!s.alive || s.paused)
		return;
	s.dir = s.next_dir;
	x = s.c[0] % GW;
	n = s.c[0] + step_by[s.dir];
	eat = n == s.food;
	/* The tail moves away this step unless the snake eats, so the head
	 * may take the tail's cell (cells of the snake are all different). */
	if ((s.dir == 0 && x == GW - 1) || (s.dir == 2 && x == 0) || (unsigned)n >= GW * GH ||
	    on_snake(n, s.len - !eat)) {
		s.alive = false;
		if (s.score > s.best)
			s.best = s.score;
		return;
	}
	if (eat && s.len < MAXLEN)
		s.len++;
	memmove(s.c + 1, s.c, sizeof s.c[0] * (size_t)(s.len - 1));
	s.c[0] = n;
	if (eat) {
		s.score += 10;
		place_food();
	}
}

/* An ASCII literal centred across the board: vy_draw_text_center's x,
 * worked out by the compiler (one character is one cell). */
#define CENTRED(y, rgba, size, lit) \
	vy_draw_text((W - (int)(sizeof(lit) - 1) * vy_text_cell_w(size)) / 2, y, rgba, size, lit)

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
	vy_draw_fill(0, 0, W, TOP, VY_THEME_PANEL);
	vy_draw_textf(6, 4, VY_THEME_TEXT, VY_TEXT_M, "score %d", s.score);
	vy_draw_textf(W - 90, 4, VY_THEME_DIM, VY_TEXT_M, "best %d", s.best);
	for (int c = 0; c < GW * GH; c++)
		if ((c / GW + c % GW) % 2 == 0)
			vy_draw_fill(c % GW * CELL, TOP + c / GW * CELL, CELL, CELL, VY_RGB(0x1f, 0x24, 0x31));
	vy_draw_fill(s.food % GW * CELL + 3, TOP + s.food / GW * CELL + 3, CELL - 6, CELL - 6, VY_THEME_BAD);
	for (int i = s.len - 1; i >= 0; i--)
		vy_draw_fill(s.c[i] % GW * CELL + 1, TOP + s.c[i] / GW * CELL + 1, CELL - 2, CELL - 2,
			     i ? VY_THEME_GOOD : VY_RGB(0xb5, 0xf0, 0xc0));
	if (!s.alive) {
		vy_draw_fill(0, H / 2 - 30, W, 60, VY_RGBA(0, 0, 0, 0xc0));
		CENTRED(H / 2 - 24, VY_THEME_BAD, VY_TEXT_L, "GAME OVER");
		CENTRED(H / 2 + 10, VY_THEME_DIM, VY_TEXT_M, "press r to play again");
	} else if (s.paused) {
		CENTRED(H / 2 - 16, VY_THEME_WARN, VY_TEXT_L, "PAUSED");
		CENTRED(H / 2 + 20, VY_THEME_DIM, VY_TEXT_M, "an arrow key plays");
	}
	vy_draw_flush();
}

static void on_key(const struct vy_event *ev)
{
	static const char *const keys[4] = {VY_KEY_RIGHT, VY_KEY_DOWN, VY_KEY_LEFT, VY_KEY_UP};
	for (int d = 0; d < 4; d++)
		if (vy_key_is(ev, keys[d])) {
			if (d != (s.dir + 2) % 4)
				s.next_dir = d;
			s.paused = false; /* an arrow key plays */
		}
	if (vy_key_is(ev, "p") && s.alive)
		s.paused = !s.paused;
	else if (vy_key_is(ev, "r") && !s.alive)
		reset();
}

int main(void)
{
	struct vy_event ev;
	uint64_t next;

	reset();
	vy_sys_ready();
	draw();
	next = vy_time_ms() + 150;
	for (;;) {
		uint64_t now = vy_time_ms();
		/* a step that is due waits 1 ms, not 0: an app whose waits are
		 * never 0 keeps no path for a zero timeout (sdk/event.c) */
		int64_t wait = (int64_t)(next - now); /* negative once the step is due */
		enum vy_ev_type t = vy_ev_wait(&ev, wait > 1 ? wait : 1);
		if (t == VY_EV_EOF)
			return 0;
		if (t == VY_EV_TIMEOUT) {
			step();
			next = vy_time_ms() + (uint64_t)(150 - (s.len < 40 ? s.len : 40) * 2);
		} else if (t == VY_EV_KEY) {
			on_key(&ev);
		} else if (t == VY_EV_RESIZE) {
			/* redrawn below, centred in the new size */
		} else if (t == VY_EV_FOCUS && !ev.focused && s.alive) {
			/* Nobody plays a window they are not looking at: pause,
			 * and 'p' resumes once the window has the focus again. */
			s.paused = true;
		} else if (t == VY_EV_MESSAGE && strcmp(ev.text, "state") == 0) {
			vy_msg_answer("score %d length %d head %d,%d dir %s alive %d paused %d food %d,%d", s.score, s.len,
				 s.c[0] % GW, s.c[0] / GW, dir_name[s.dir], s.alive, s.paused, s.food % GW, s.food / GW);
			continue;
		} else {
			continue;
		}
		draw();
	}
}

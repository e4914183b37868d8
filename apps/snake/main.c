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
static const int dx[4] = {1, 0, -1, 0}, dy[4] = {0, 1, 0, -1};

static struct {
	int x[MAXLEN], y[MAXLEN]; /* [0] is the head */
	int len, dir, next_dir, score, fx, fy, best;
	bool alive, paused;
} s;

static bool on_snake(int x, int y, int from)
{
	for (int i = from; i < s.len; i++)
		if (s.x[i] == x && s.y[i] == y)
			return true;
	return false;
}

static void place_food(void)
{
	if (s.len == MAXLEN)
		return;
	do {
		s.fx = (int)vy_rand_below(GW);
		s.fy = (int)vy_rand_below(GH);
	} while (on_snake(s.fx, s.fy, 0));
}

static void reset(void)
{
	s.len = 3;
	for (int i = 0; i < s.len; i++) {
		s.x[i] = 5 - i;
		s.y[i] = GH / 2;
	}
	s.dir = s.next_dir = 0;
	s.score = 0;
	s.alive = true;
	s.paused = true; /* a new game waits for the player's first key */
	place_food();
}

static void step(void)
{
	int nx, ny;
	bool eat;

	if (!s.alive || s.paused)
		return;
	s.dir = s.next_dir;
	nx = s.x[0] + dx[s.dir];
	ny = s.y[0] + dy[s.dir];
	eat = nx == s.fx && ny == s.fy;
	/* The tail moves away this step unless the snake eats, so the head
	 * may take the tail's cell. */
	bool tail = !eat && nx == s.x[s.len - 1] && ny == s.y[s.len - 1];
	if (nx < 0 || ny < 0 || nx >= GW || ny >= GH || (on_snake(nx, ny, 0) && !tail)) {
		s.alive = false;
		if (s.score > s.best)
			s.best = s.score;
		return;
	}
	if (eat && s.len < MAXLEN)
		s.len++;
	memmove(s.x + 1, s.x, sizeof s.x[0] * (size_t)(s.len - 1));
	memmove(s.y + 1, s.y, sizeof s.y[0] * (size_t)(s.len - 1));
	s.x[0] = nx;
	s.y[0] = ny;
	if (eat) {
		s.score += 10;
		place_food();
	}
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
	vy_draw_fill(0, 0, W, TOP, VY_THEME_PANEL);
	vy_draw_textf(6, 4, VY_THEME_TEXT, VY_TEXT_M, "score %d", s.score);
	vy_draw_textf(W - 90, 4, VY_THEME_DIM, VY_TEXT_M, "best %d", s.best);
	for (int y = 0; y < GH; y++)
		for (int x = y % 2; x < GW; x += 2)
			vy_draw_fill(x * CELL, TOP + y * CELL, CELL, CELL, VY_RGB(0x1f, 0x24, 0x31));
	vy_draw_fill(s.fx * CELL + 3, TOP + s.fy * CELL + 3, CELL - 6, CELL - 6, VY_THEME_BAD);
	for (int i = s.len - 1; i >= 0; i--)
		vy_draw_fill(s.x[i] * CELL + 1, TOP + s.y[i] * CELL + 1, CELL - 2, CELL - 2,
			     i ? VY_THEME_GOOD : VY_RGB(0xb5, 0xf0, 0xc0));
	if (!s.alive) {
		vy_draw_fill(0, H / 2 - 30, W, 60, VY_RGBA(0, 0, 0, 0xc0));
		vy_draw_text_center(0, H / 2 - 24, W, VY_THEME_BAD, VY_TEXT_L, "GAME OVER");
		vy_draw_text_center(0, H / 2 + 10, W, VY_THEME_DIM, VY_TEXT_M, "press r to play again");
	} else if (s.paused) {
		vy_draw_text_center(0, H / 2 - 16, W, VY_THEME_WARN, VY_TEXT_L, "PAUSED");
		vy_draw_text_center(0, H / 2 + 20, W, VY_THEME_DIM, VY_TEXT_M, "an arrow key plays");
	}
	vy_draw_flush();
}

static void on_key(const struct vy_event *ev)
{
	static const char *const keys[4] = {VY_KEY_RIGHT, VY_KEY_DOWN, VY_KEY_LEFT, VY_KEY_UP};
	int ch = vy_key_char(ev);
	for (int d = 0; d < 4; d++)
		if (vy_key_is(ev, keys[d])) {
			if (d != (s.dir + 2) % 4)
				s.next_dir = d;
			s.paused = false; /* an arrow key plays */
		}
	if (ch == 'p' && s.alive)
		s.paused = !s.paused;
	else if (ch == 'r' && !s.alive)
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
				 s.x[0], s.y[0], dir_name[s.dir], s.alive, s.paused, s.fx, s.fy);
			continue;
		} else {
			continue;
		}
		draw();
	}
}

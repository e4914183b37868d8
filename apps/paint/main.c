/* paint: paint with the mouse. The left button paints in the chosen
 * colour, the right button erases; click the palette (or press 1-8) to
 * choose, [ and ] change the brush, c clears, s saves /data/paint.ppm (a
 * portable pixmap any viewer opens). The picture is 100x70 cells of 4x4
 * pixels, drawn as one rectangle per run of equal cells, once the events
 * already read are handled (vy_ev_next). */
#include <vyoma.h>

#include <string.h>

#define CW 100
#define CH 70
#define PX 4
#define TOP 24
#define W (CW * PX)
#define H (TOP + CH * PX)
#define NCOL 9 /* 0 is the background */
#define PPM_HEAD "P6\n100 70\n255\n" /* CW, CH */

static int ox, oy; /* where the board is drawn in the window */
static const uint32_t pal[NCOL] = {
	VY_RGB(0xf4, 0xf1, 0xea), VY_RGB(0x1b, 0x1f, 0x2a), VY_RGB(0xe0, 0x45, 0x45), VY_RGB(0xf2, 0x9e, 0x38),
	VY_RGB(0xf2, 0xd3, 0x38), VY_RGB(0x4c, 0xb8, 0x5c), VY_RGB(0x3d, 0x8b, 0xe0), VY_RGB(0x8e, 0x5c, 0xd6),
	VY_RGB(0x8b, 0x93, 0xa7),
};

static uint8_t pic[CH][CW];
static int colour = 1, brush = 1, lastx = -1, lasty = -1;
static char status[64] = "left paints, right erases";

static void dab(int cx, int cy, int c)
{
	for (int y = cy - brush + 1; y < cy + brush; y++)
		for (int x = cx - brush + 1; x < cx + brush; x++)
			if (x >= 0 && y >= 0 && x < CW && y < CH)
				pic[y][x] = (uint8_t)c;
}

/* Paint the cells along a line, so a fast stroke has no gaps. */
static void stroke(int x0, int y0, int x1, int y1, int c)
{
	int dx = x1 > x0 ? x1 - x0 : x0 - x1, dy = y1 > y0 ? y0 - y1 : y1 - y0;
	int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1, err = dx + dy;
	for (;;) {
		dab(x0, y0, c);
		if (x0 == x1 && y0 == y1)
			return;
		int e2 = 2 * err;
		if (e2 >= dy) {
			err += dy;
			x0 += sx;
		}
		if (e2 <= dx) {
			err += dx;
			y0 += sy;
		}
	}
}

static void on_mouse(const struct vy_event *ev)
{
	int x = ev->x - ox, y = ev->y - oy; /* on the board, wherever it is drawn */
	int cx = x / PX, cy = (y - TOP) / PX;
	bool down = ev->kind == VY_MOUSE_DOWN, move = ev->kind == VY_MOUSE_MOVE;
	int buttons = ev->buttons;

	if (down && y < TOP) {
		if (x / 24 < NCOL && x >= 0)
			colour = x / 24;
		return;
	}
	if (!(down || (move && buttons)) || y < TOP) {
		lastx = -1;
		return;
	}
	int c = buttons & 2 ? 0 : colour;
	if (lastx < 0 || down)
		lastx = cx, lasty = cy;
	stroke(lastx, lasty, cx, cy, c);
	lastx = cx;
	lasty = cy;
}

static int save(void)
{
	static uint8_t ppm[sizeof PPM_HEAD + CW * CH * 3] = PPM_HEAD;
	size_t n = sizeof PPM_HEAD - 1;
	for (int y = 0; y < CH; y++)
		for (int x = 0; x < CW; x++) {
			uint32_t c = pal[pic[y][x]];
			ppm[n++] = (uint8_t)(c >> 24);
			ppm[n++] = (uint8_t)(c >> 16);
			ppm[n++] = (uint8_t)(c >> 8);
		}
	if (vy_fs_save("paint.ppm", ppm, n) != 0) {
		size_t k = vy_str_copy(status, "save failed: ", sizeof status); /* no formatter here */
		vy_str_copy(status + k, vy_err_str(vy_fs_err()), sizeof status - k);
		return -1;
	}
	vy_str_copy(status, "saved /data/paint.ppm", sizeof status);
	return 0;
}

static void draw(void)
{
	int ww = W, wh = H;

	/* a resized window: the board in its middle (vy_ui_size, vy_draw_origin) */
	vy_ui_size(&ww, &wh);
	ox = ww > W ? (ww - W) / 2 : 0;
	oy = wh > H ? (wh - H) / 2 : 0;
	vy_draw_origin(ox, oy);
	vy_draw_clear(pal[0]);
	for (int y = 0; y < CH; y++)
		for (int x = 0; x < CW;) {
			int run = 1;
			while (x + run < CW && pic[y][x + run] == pic[y][x])
				run++;
			if (pic[y][x])
				vy_draw_fill(x * PX, TOP + y * PX, run * PX, PX, pal[pic[y][x]]);
			x += run;
		}
	vy_draw_fill(0, 0, W, TOP, VY_THEME_PANEL);
	for (int i = 0; i < NCOL; i++)
		vy_draw_fill(i * 24 + 3, 3, 18, 18, pal[i]);
	vy_draw_rect(colour * 24 + 1, 1, 22, 22, VY_THEME_ACCENT); /* apart from the swatches */
	char b[] = "brush 1"; /* 1-4: no formatter needed */
	b[6] = (char)('0' + brush);
	vy_draw_text(NCOL * 24 + 6, 4, VY_THEME_DIM, VY_TEXT_S, b);
	vy_draw_text(NCOL * 24 + 6, 13, VY_THEME_DIM, VY_TEXT_S, status);
	vy_draw_flush();
}

int main(void)
{
	struct vy_event ev;

	vy_mouse_on();
	vy_sys_ready();
	for (;;) {
		/* every event already read, then one draw, then a wait */
		enum vy_ev_type t = vy_ev_next(&ev);
		if (t == VY_EV_TIMEOUT) {
			draw();
			t = vy_ev_wait(&ev, -1);
		}
		if (t == VY_EV_EOF) {
			return 0;
		} else if (t == VY_EV_MOUSE) {
			on_mouse(&ev);
		} else if (t == VY_EV_KEY) {
			/* the keys used are one ASCII character, named by it */
			int ch = ev.key[1] ? 0 : ev.key[0];
			if (ch >= '1' && ch <= '8')
				colour = ch - '0';
			brush += (ch == ']' && brush < 4) - (ch == '[' && brush > 1);
			if (ch == 'c')
				memset(pic, 0, sizeof pic);
			else if (ch == 's')
				save();
		} else if (t == VY_EV_MESSAGE) {
			if (strcmp(ev.text, "save") == 0) {
				if (save() == 0)
					vy_msg_answer("saved paint.ppm");
				else
					vy_msg_answer("error: %s", status);
			} else if (strcmp(ev.text, "state") == 0) {
				int painted = 0;
				for (int i = 0; i < CW * CH; i++)
					painted += ((const uint8_t *)pic)[i] != 0;
				vy_msg_answer("colour %d brush %d painted %d", colour, brush, painted);
			}
		}
	}
}

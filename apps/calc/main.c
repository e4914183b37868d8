/* calc: a calculator. Type an expression (+ - * / % ^, parentheses,
 * decimals) and press Enter, or send it as a message: "@calc: 2+3*4" is
 * answered "14". The last results stay on screen, each with its
 * expression; after Enter the input line is empty for the next one (typing
 * on after a result made "7.5" and "1/0" into "7.51/0"). A click on a
 * result copies it (what follows its " = ") to the clipboard. The
 * arithmetic is calc.c. */
#include <vyoma.h>

#include <string.h>

#include "calc.h"

/* The content size: the manifest's [window] size until the user resizes
 * the window (vy_ui_size, asked at each draw, so a resize relays out). */
static int W = 300, H = 260;

static struct vy_lines hist;
static char input[64];
static size_t input_len;

/* The result or "error: ..." into res; true when it is an error. */
static bool eval(const char *e, char *res, size_t cap)
{
	double v;
	const char *err = calc_eval(e, &v);
	if (err)
		vy_snprintf(res, cap, "error: %s", err);
	else
		calc_format(v, res, cap);
	return err;
}

static void draw(void)
{
	vy_ui_size(&W, &H);
	int rows = (H - 60) / 16;
	unsigned first = hist.count > (unsigned)rows ? hist.count - (unsigned)rows : 0;

	vy_draw_clear(VY_THEME_BG);
	/* the newest results at the bottom, each one row (cut at the edge) */
	for (unsigned i = first; i < hist.count; i++) {
		uint32_t c;
		const char *s = vy_lines_get(&hist, i, &c);
		vy_draw_text(8, H - 54 - (int)(hist.count - i) * 16, c, VY_TEXT_M, s);
	}
	vy_draw_fill(0, H - 48, W, 48, VY_THEME_PANEL);
	input[input_len] = '\0';
	vy_draw_text_right(0, H - 40, W - 10, VY_THEME_TEXT, VY_TEXT_L, input_len ? input : "0");
	vy_draw_flush();
}

static void enter(void)
{
	char res[64], line[160];
	bool failed;

	input[input_len] = '\0';
	if (!input_len)
		return;
	failed = eval(input, res, sizeof res);
	vy_snprintf(line, sizeof line, "%s = %s", input, res);
	vy_lines_add(&hist, failed ? VY_THEME_BAD : VY_THEME_TEXT, line);
	if (!failed)
		input_len = 0;
}

/* The result draw() shows at y, or -1: row k from the bottom (1 the
 * newest) spans H - 54 - 16k to 16 below it. */
static int row_at(int y)
{
	int k = (H - 54 - y + 15) / 16;
	return y < H - 54 && k <= (int)hist.count && H - 54 - k * 16 >= 0 ? (int)hist.count - k : -1;
}

static void click(const struct vy_event *ev)
{
	int i = vy_mouse_click(ev, (struct vy_box){0, 0, W, H - 48}) ? row_at(ev->y) : -1;
	/* an expression holds no '=' (the key is Enter's twin) */
	const char *s = i >= 0 ? strchr(vy_lines_get(&hist, (unsigned)i, NULL), '=') : NULL;
	if (s)
		vy_clip_copy(s + 2, strlen(s + 2));
}

int main(void)
{
	struct vy_event ev;
	char res[64];

	vy_mouse_on();
	vy_sys_ready();
	for (bool dirty = true;;) {
		enum vy_ev_type t = vy_ev_wait(&ev, dirty ? 0 : -1);
		if (t == VY_EV_MOUSE) { /* draws nothing new */
			click(&ev);
			continue;
		}
		dirty = t != VY_EV_TIMEOUT;
		if (t == VY_EV_TIMEOUT) {
			draw();
		} else if (t == VY_EV_EOF) {
			return 0;
		} else if (t == VY_EV_MESSAGE) {
			if (strcmp(ev.text, "state") == 0) {
				input[input_len] = '\0';
				vy_msg_answer("input %s results %u", input_len ? input : "-", hist.count);
				continue;
			}
			eval(ev.text, res, sizeof res);
			vy_msg_answer("%s", res);
		} else if (t == VY_EV_KEY) {
			int ch = vy_key_char(&ev);
			if (vy_key_is(&ev, VY_KEY_ENTER) || ch == '=')
				enter();
			else if (ch && ch != ' ' && input_len < sizeof input - 1)
				input[input_len++] = (char)ch;
			else if (vy_key_is(&ev, VY_KEY_BACKSPACE) && input_len)
				input_len--;
			else if (vy_key_is(&ev, VY_KEY_ESCAPE))
				input_len = 0;
		}
	}
}

/* resizer: the resize tests' app (tests/integration/test_wm_geometry.py).
 * Its layout depends on its size: a 3-pixel frame along the content's
 * edges (RESIZER_FRAME), a bar across the middle row and its size as text.
 * It starts at its manifest's 300 x 200 and redraws for every
 * `VYOMA_INPUT:resize:<w>,<h>` line, then reports it to the console:
 *
 *   @console: resized <w> <h>
 *
 * The line is read whether the SDK hands it over as a line of its own or
 * as a resize event whose text is the line (or its "resize:..." part):
 * only the text is used, so the test does not depend on the SDK's parse. A message "sync <tag>" is
 * answered "@reply: sync <tag>". */
#include <vyoma.h>

#include <string.h>

#define RESIZER_BG "2e3440"
#define RESIZER_FRAME "a3be8c"

static int parse_num(const char **p)
{
	int v = 0;

	while (**p >= '0' && **p <= '9')
		v = v * 10 + (*(*p)++ - '0');
	return v;
}

static void layout(int w, int h)
{
	vy_printf("VYOMA_DRAW:clear:%s\n", RESIZER_BG);
	vy_printf("VYOMA_DRAW:fill_rect:0,0,%d,3,%sff\n", w, RESIZER_FRAME);
	vy_printf("VYOMA_DRAW:fill_rect:0,%d,%d,3,%sff\n", h - 3, w, RESIZER_FRAME);
	vy_printf("VYOMA_DRAW:fill_rect:0,0,3,%d,%sff\n", h, RESIZER_FRAME);
	vy_printf("VYOMA_DRAW:fill_rect:%d,0,3,%d,%sff\n", w - 3, h, RESIZER_FRAME);
	vy_printf("VYOMA_DRAW:fill_rect:3,%d,%d,2,88c0d0ff\n", h / 2, w - 6);
	vy_printf("VYOMA_DRAW:draw_text:8,8,eceff4,m,%dx%d\n", w, h);
	vy_line("VYOMA_DRAW:flush");
}

int main(void)
{
	struct vy_event ev;

	layout(300, 200);
	vy_ready();
	for (;;) {
		int type = vy_wait(&ev, -1);
		if (type == VY_EV_EOF)
			return 0;
		if (type == VY_EV_MESSAGE && vy_starts_with(ev.text, "sync ")) {
			vy_reply("%s", ev.text);
			continue;
		}
		const char *r = ev.text ? strstr(ev.text, "resize:") : NULL;
		if (r && (r == ev.text || vy_starts_with(ev.text, "VYOMA_INPUT:resize:"))) {
			const char *p = r + 7;
			int w = parse_num(&p), h = (*p == ',' ? (p++, parse_num(&p)) : 0);
			if (w > 0 && h > 0) {
				layout(w, h);
				vy_send("console", "resized %d %d", w, h);
			}
		}
	}
}

/* fuzz_draw: libFuzzer target for the VYOMA_DRAW parser and renderer. The
 * input is split at newlines like the line framing does; each line is
 * parsed and, if accepted, rendered into a small canvas that sits inside
 * a guard band. Any write outside the canvas, an error message that is
 * not printable or not terminated, or an accepted command with fields
 * outside the grammar's bounds aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "draw.h"

#define W 64
#define H 48
#define PAD 8
#define GUARD 0xA5C3E1F7u


static void check_cmd(const struct draw_cmd *c)
{
	if ((unsigned)c->op >= DRAW_OP_COUNT)
		abort();
	if (c->x < -DRAW_COORD_MAX || c->x > DRAW_COORD_MAX || c->y < -DRAW_COORD_MAX ||
	    c->y > DRAW_COORD_MAX)
		abort();
	if ((c->op == DRAW_FILL_RECT || c->op == DRAW_RECT || c->op == DRAW_BLIT) &&
	    (c->w <= 0 || c->h <= 0 || c->w > DRAW_COORD_MAX || c->h > DRAW_COORD_MAX))
		abort();
	if (c->op == DRAW_BLIT && ((long)c->w * c->h > DRAW_BLIT_MAX ||
				   c->data_len != (size_t)c->w * (size_t)c->h * 8))
		abort();
}

static void check_err(const char *err)
{
	size_t n = strnlen(err, DRAW_ERR_MAX);

	if (n == 0 || n == DRAW_ERR_MAX)
		abort();
	for (size_t i = 0; i < n; i++)
		if (err[i] < 0x20 || err[i] >= 0x7f)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint32_t buf[(H + 2 * PAD) * (W + 2 * PAD)];
	const char *s = (const char *)data, *end = s + size;
	struct canvas back;
	size_t stride = W + 2 * PAD;

	for (size_t i = 0; i < sizeof buf / sizeof buf[0]; i++)
		buf[i] = GUARD;
	if (canvas_wrap(&back, buf + PAD * stride + PAD, W, H, (int)stride) < 0)
		abort();
	canvas_fill(&back, NULL, canvas_bounds(&back), 0x000000FF);
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t len = nl ? (size_t)(nl - s) : (size_t)(end - s);
		struct draw_cmd cmd;
		char err[DRAW_ERR_MAX];
		struct canvas_rect d;

		if (draw_parse(s, len, &cmd, err, sizeof err) == 0) {
			check_cmd(&cmd);
			d = draw_exec(&cmd, &back);
			/* damage lies inside the canvas */
			if (!canvas_rect_empty(d) &&
			    (d.x < 0 || d.y < 0 || d.x + d.w > W || d.y + d.h > H))
				abort();
		} else {
			check_err(err);
		}
		s += len + (nl ? 1 : 0);
	}
	for (size_t y = 0; y < H + 2 * PAD; y++)
		for (size_t x = 0; x < stride; x++)
			if ((x < PAD || y < PAD || x >= PAD + W || y >= PAD + H) &&
			    buf[y * stride + x] != GUARD)
				abort();
	return 0;
}

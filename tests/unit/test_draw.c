/* test_draw: the VYOMA_DRAW grammar, exactly: every command parses into
 * the right fields, every class of malformed input is refused with its
 * message, rendering puts the right pixels in the back buffer and reports
 * the right damage, and hostile input (100,000 mutated commands, a 1 MB
 * text line, coordinates a million pixels away) neither crashes nor
 * writes outside the canvas. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "draw.h"

static int parse(const char *s, struct draw_cmd *cmd, char err[DRAW_ERR_MAX])
{
	return draw_parse(s, strlen(s), cmd, err, DRAW_ERR_MAX);
}

static void assert_rect(struct canvas_rect r, int x, int y, int w, int h)
{
	assert_int_equal(r.x, x);
	assert_int_equal(r.y, y);
	assert_int_equal(r.w, w);
	assert_int_equal(r.h, h);
}

static void test_parse_each_command(void **state)
{
	struct draw_cmd c;
	char err[DRAW_ERR_MAX];
	(void)state;

	assert_int_equal(parse("fill_rect:1,-2,3,4,AaBbCc80", &c, err), 0);
	assert_int_equal(c.op, DRAW_FILL_RECT);
	assert_int_equal(c.x, 1);
	assert_int_equal(c.y, -2);
	assert_int_equal(c.w, 3);
	assert_int_equal(c.h, 4);
	assert_int_equal(c.rgba, 0xAABBCC80);

	assert_int_equal(parse("fill_rect:0,0,1,1,123456", &c, err), 0);
	assert_int_equal(c.rgba, 0x123456FF);

	const char *t = "draw_text:-1000000,1000000,ffffffff,l,a,b:c,,d";
	assert_int_equal(parse(t, &c, err), 0);
	assert_int_equal(c.op, DRAW_TEXT);
	assert_int_equal(c.x, -1000000);
	assert_int_equal(c.y, 1000000);
	assert_int_equal(c.size, FONT_LARGE);
	assert_int_equal(c.data_len, 8);
	assert_memory_equal(c.data, "a,b:c,,d", 8);
	assert_ptr_equal(c.data, t + strlen(t) - 8);

	assert_int_equal(parse("draw_text:0,0,000000,s,", &c, err), 0);
	assert_int_equal(c.size, FONT_SMALL);
	assert_int_equal(c.data_len, 0);
	assert_int_equal(parse("draw_text:0,0,000000,m, ", &c, err), 0);
	assert_int_equal(c.size, FONT_MEDIUM);
	assert_int_equal(c.data_len, 1);

	assert_int_equal(parse("flush", &c, err), 0);
	assert_int_equal(c.op, DRAW_FLUSH);
	assert_int_equal(parse("clear:00000000", &c, err), 0);
	assert_int_equal(c.op, DRAW_CLEAR);
	assert_int_equal(c.rgba, 0);

	assert_int_equal(parse("line:-5,6,7,-0,ff0000", &c, err), 0);
	assert_int_equal(c.op, DRAW_LINE);
	assert_int_equal(c.x, -5);
	assert_int_equal(c.y, 6);
	assert_int_equal(c.x1, 7);
	assert_int_equal(c.y1, 0);

	assert_int_equal(parse("rect:0,0,0010,2,ff0000", &c, err), 0);
	assert_int_equal(c.op, DRAW_RECT);
	assert_int_equal(c.w, 10);
	assert_int_equal(parse("pixel:3,4,ff000080", &c, err), 0);
	assert_int_equal(c.op, DRAW_PIXEL);
	assert_int_equal(c.rgba, 0xFF000080);

	assert_int_equal(parse("blit:1,2,2,1,ff0000ff00ff0080", &c, err), 0);
	assert_int_equal(c.op, DRAW_BLIT);
	assert_int_equal(c.w, 2);
	assert_int_equal(c.h, 1);
	assert_int_equal(c.data_len, 16);

	assert_string_equal(draw_op_name(DRAW_FILL_RECT), "fill_rect");
	assert_string_equal(draw_op_name(DRAW_BLIT), "blit");
	assert_string_equal(draw_op_name((enum draw_op)99), "?");
}

/* One case per kind of mistake, with the message the app gets. */
static void test_parse_errors(void **state)
{
	static const struct {
		const char *in, *err;
	} cases[] = {
		{ "", "empty command" },
		{ ":1,2", "empty command" },
		{ "fill", "unknown command 'fill'" },
		{ "FILL_RECT:1,2,3,4,ff0000", "unknown command 'FILL_RECT'" },
		{ "fill_rect ", "unknown command 'fill_rect '" },
		{ "\x01\x7f\xff:1", "unknown command '?\?\?'" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "unknown command 'aaaaaaaaaaaaaaaaaaaa...'" },
		{ "fill_rect", "fill_rect: expected 5 fields, got 0" },
		{ "fill_rect:", "fill_rect: expected 5 fields, got 1" },
		{ "fill_rect:1,2,3", "fill_rect: expected 5 fields, got 3" },
		{ "fill_rect:1,2,3,4,ff0000,", "fill_rect: expected 5 fields, got 6" },
		{ "fill_rect:1,2,3,4,ff0000,1,2", "fill_rect: expected 5 fields, got 7" },
		{ "draw_text:1,2,ffffff,m", "draw_text: expected 5 fields, got 4" },
		{ "clear:", "clear: rgba: expected RRGGBBAA or RRGGBB hex, got ''" },
		{ "clear:ff,00", "clear: expected 1 field, got 2" },
		{ "flush:", "flush: takes no arguments" },
		{ "flush:now", "flush: takes no arguments" },
		{ "fill_rect:,2,3,4,ff0000", "fill_rect: x: expected an integer, got ''" },
		{ "fill_rect:-,2,3,4,ff0000", "fill_rect: x: expected an integer, got '-'" },
		{ "fill_rect:+1,2,3,4,ff0000", "fill_rect: x: not an integer: '+1'" },
		{ "fill_rect: 1,2,3,4,ff0000", "fill_rect: x: not an integer: ' 1'" },
		{ "fill_rect:1 ,2,3,4,ff0000", "fill_rect: x: not an integer: '1 '" },
		{ "fill_rect:1,2x,3,4,ff0000", "fill_rect: y: not an integer: '2x'" },
		{ "fill_rect:0x10,2,3,4,ff0000", "fill_rect: x: not an integer: '0x10'" },
		{ "fill_rect:1.5,2,3,4,ff0000", "fill_rect: x: not an integer: '1.5'" },
		{ "fill_rect:--1,2,3,4,ff0000", "fill_rect: x: not an integer: '--1'" },
		{ "fill_rect:1000001,2,3,4,ff0000",
		  "fill_rect: x: out of range [-1000000, 1000000]: '1000001'" },
		{ "fill_rect:1,-1000001,3,4,ff0000",
		  "fill_rect: y: out of range [-1000000, 1000000]: '-1000001'" },
		{ "fill_rect:99999999999999999999999,2,3,4,ff0000",
		  "fill_rect: x: out of range [-1000000, 1000000]: '99999999999999999999...'" },
		{ "fill_rect:1,2,0,4,ff0000", "fill_rect: w: must be positive, got 0" },
		{ "fill_rect:1,2,3,-4,ff0000", "fill_rect: h: must be positive, got -4" },
		{ "fill_rect:1,2,-0,4,ff0000", "fill_rect: w: must be positive, got 0" },
		{ "rect:1,2,3,0,ff0000", "rect: h: must be positive, got 0" },
		{ "blit:0,0,0,1,", "blit: w: must be positive, got 0" },
		{ "fill_rect:1,2,3,4,ff00", "fill_rect: rgba: expected RRGGBBAA or RRGGBB hex, got 'ff00'" },
		{ "fill_rect:1,2,3,4,ff00000", "fill_rect: rgba: expected RRGGBBAA or RRGGBB hex, got 'ff00000'" },
		{ "fill_rect:1,2,3,4,ff0000000", "fill_rect: rgba: expected RRGGBBAA or RRGGBB hex, got 'ff0000000'" },
		{ "fill_rect:1,2,3,4,gg0000", "fill_rect: rgba: expected RRGGBBAA or RRGGBB hex, got 'gg0000'" },
		{ "fill_rect:1,2,3,4,#ff0000", "fill_rect: rgba: expected RRGGBBAA or RRGGBB hex, got '#ff0000'" },
		{ "fill_rect:1,2,3,4,ff 000", "fill_rect: rgba: expected RRGGBBAA or RRGGBB hex, got 'ff 000'" },
		{ "draw_text:1,2,ffffff,x,hi", "draw_text: size: expected s, t, m or l, got 'x'" },
		{ "draw_text:1,2,ffffff,M,hi", "draw_text: size: expected s, t, m or l, got 'M'" },
		{ "draw_text:1,2,ffffff,,hi", "draw_text: size: expected s, t, m or l, got ''" },
		{ "draw_text:1,2,ffffff,mm,hi", "draw_text: size: expected s, t, m or l, got 'mm'" },
		{ "draw_text:1,2,fffff,m,hi", "draw_text: rgba: expected RRGGBBAA or RRGGBB hex, got 'fffff'" },
		{ "line:1,2,3,ff0000", "line: expected 5 fields, got 4" },
		{ "line:1,2,3,a,ff0000", "line: y1: not an integer: 'a'" },
		{ "pixel:1,2", "pixel: expected 3 fields, got 2" },
		{ "blit:0,0,1,1,ff0000f", "blit: pixels: expected 8 hex digits for 1x1, got 7" },
		{ "blit:0,0,1,1,ff0000fff", "blit: pixels: expected 8 hex digits for 1x1, got 9" },
		{ "blit:0,0,2,1,ff0000ff,ff0000", "blit: pixels: expected 16 hex digits for 2x1, got 15" },
		{ "blit:0,0,1,1,ff0000fg", "blit: pixels: not a hex digit at offset 7" },
		{ "blit:0,0,65,64,", "blit: 65x64 is 4160 pixels, at most 4096" },
		{ "blit:0,0,1000000,1000000,", "blit: 1000000x1000000 is 1000000000000 pixels, at most 4096" },
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct draw_cmd c;
		char err[DRAW_ERR_MAX];

		if (parse(cases[i].in, &c, err) != -1)
			fail_msg("accepted: %s", cases[i].in);
		if (strcmp(err, cases[i].err) != 0)
			fail_msg("for %s\n  got:  %s\n  want: %s", cases[i].in, err, cases[i].err);
	}
}

static void test_parse_error_buffer(void **state)
{
	struct draw_cmd c;
	char small[6];
	(void)state;

	memset(small, 'x', sizeof small);
	assert_int_equal(draw_parse("bogus", 5, &c, small, sizeof small), -1);
	assert_string_equal(small, "unkno");
	assert_int_equal(draw_parse("bogus", 5, &c, NULL, 0), -1);
	assert_int_equal(draw_parse(NULL, 0, &c, NULL, 0), -1);
	/* the length counts, not a NUL: the same bytes cut short fail */
	assert_int_equal(draw_parse("flush", 4, &c, small, sizeof small), -1);
	assert_int_equal(draw_parse("flushXYZ", 5, &c, small, sizeof small), 0);
	/* an embedded NUL is just a byte */
	static const char nul1[] = "pixel:1,2,ff\0\0\0\0ff", nul2[] = "draw_text:1,2,ffffff,m,a\0b";
	assert_int_equal(draw_parse(nul1, sizeof nul1 - 1, &c, small, sizeof small), -1);
	assert_int_equal(draw_parse(nul2, sizeof nul2 - 1, &c, NULL, 0), 0);
	assert_int_equal(c.data_len, 3);
}

static void test_exec_commands(void **state)
{
	struct canvas back;
	struct draw_cmd c;
	char err[DRAW_ERR_MAX];
	(void)state;

	assert_int_equal(canvas_init(&back, 32, 24), 0);
	assert_int_equal(parse("clear:102030", &c, err), 0);
	assert_rect(draw_exec(&c, &back), 0, 0, 32, 24);
	assert_int_equal(canvas_get(&back, 31, 23), 0x102030);

	assert_int_equal(parse("fill_rect:-5,20,10,10,ff000080", &c, err), 0);
	assert_rect(draw_exec(&c, &back), 0, 20, 5, 4);
	/* (255*128 + 0x10*127 + 127) / 255 = 136, (0x20*127 + 127) / 255 = 16, ... 24 */
	assert_int_equal(canvas_get(&back, 0, 20), 0x881018);
	assert_int_equal(canvas_get(&back, 5, 20), 0x102030);

	assert_int_equal(parse("pixel:31,0,00ff00", &c, err), 0);
	assert_rect(draw_exec(&c, &back), 31, 0, 1, 1);
	assert_int_equal(canvas_get(&back, 31, 0), 0x00FF00);
	assert_int_equal(parse("pixel:32,0,00ff00", &c, err), 0);
	assert_true(canvas_rect_empty(draw_exec(&c, &back)));

	assert_int_equal(parse("line:0,0,3,3,ffffff", &c, err), 0);
	assert_rect(draw_exec(&c, &back), 0, 0, 4, 4);
	assert_int_equal(canvas_get(&back, 2, 2), 0xFFFFFF);
	assert_int_equal(canvas_get(&back, 2, 1), 0x102030);

	assert_int_equal(parse("rect:10,10,4,3,0000ff", &c, err), 0);
	assert_rect(draw_exec(&c, &back), 10, 10, 4, 3);
	assert_int_equal(canvas_get(&back, 13, 12), 0x0000FF);
	assert_int_equal(canvas_get(&back, 11, 11), 0x102030);

	assert_int_equal(parse("blit:30,22,3,2,ff0000ff00ff00ff0000ff80ffffff00000000ff123456ff", &c, err), 0);
	assert_rect(draw_exec(&c, &back), 30, 22, 2, 2);
	assert_int_equal(canvas_get(&back, 30, 22), 0xFF0000);
	assert_int_equal(canvas_get(&back, 31, 22), 0x00FF00);
	assert_int_equal(canvas_get(&back, 30, 23), 0x102030); /* alpha 0 */
	assert_int_equal(canvas_get(&back, 31, 23), 0x000000);

	assert_int_equal(parse("draw_text:1,1,ffff00,m,Hi", &c, err), 0);
	assert_rect(draw_exec(&c, &back), 1, 1, 16, 16);
	assert_int_equal(parse("draw_text:24,20,ffff00,l,Hi", &c, err), 0);
	assert_rect(draw_exec(&c, &back), 24, 20, 8, 4);
	assert_int_equal(parse("draw_text:0,0,ffff00,s,", &c, err), 0);
	assert_true(canvas_rect_empty(draw_exec(&c, &back)));

	assert_int_equal(parse("flush", &c, err), 0);
	assert_true(canvas_rect_empty(draw_exec(&c, &back)));
	canvas_free(&back);
}

static void test_exec_far_outside(void **state)
{
	static const char *cmds[] = {
		"fill_rect:-1000000,-1000000,1000000,1000000,ffffffff",
		"fill_rect:1000000,1000000,1000000,1000000,ffffffff",
		"fill_rect:-999990,-999995,1000000,1000000,ffffffff",
		"rect:-1000000,-1000000,1000000,1000000,ffffffff",
		"line:-1000000,-1000000,1000000,1000000,ffffffff",
		"line:-1000000,1000000,1000000,-1000000,ffffffff",
		"draw_text:-1000000,0,ffffffff,l,AAAA",
		"draw_text:0,1000000,ffffffff,l,AAAA",
		"draw_text:1000000,0,ffffffff,l,AAAA",
		"pixel:-1000000,1000000,ffffffff",
		"blit:-1000000,-1000000,64,64,",
	};
	uint32_t buf[20 * 20];
	struct canvas back;
	(void)state;

	for (int i = 0; i < 20 * 20; i++)
		buf[i] = 0xDEADBEEF;
	assert_int_equal(canvas_wrap(&back, buf + 2 * 20 + 2, 16, 16, 20), 0);
	canvas_fill(&back, NULL, canvas_bounds(&back), 0x000000FF);
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		struct draw_cmd c;
		char err[DRAW_ERR_MAX], line[40000];
		size_t n = (size_t)snprintf(line, sizeof line, "%s", cmds[i]);

		if (strncmp(cmds[i], "blit", 4) == 0)
			for (int k = 0; k < 64 * 64 * 8; k++)
				line[n++] = 'f';
		if (draw_parse(line, n, &c, err, sizeof err) != 0)
			fail_msg("%s: %s", cmds[i], err);
		draw_exec(&c, &back);
	}
	/* visible: the third fill_rect (x 0..9, y 0..4) and one diagonal */
	int set = 0;
	for (int y = 0; y < 16; y++)
		for (int x = 0; x < 16; x++) {
			bool want = (x < 10 && y < 5) || x == y;
			assert_int_equal(canvas_get(&back, x, y), want ? 0xFFFFFFu : 0u);
			set += want;
		}
	assert_int_equal(set, 61);
	for (int y = 0; y < 20; y++)
		for (int x = 0; x < 20; x++)
			if (x < 2 || y < 2 || x >= 18 || y >= 18)
				assert_int_equal(buf[y * 20 + x], 0xDEADBEEF);
}

/* A 1 MB draw_text line: parsed without scanning the text for commas
 * beyond the fifth field, drawn only as far as the window. */
static void test_megabyte_line(void **state)
{
	const char *head = "draw_text:0,0,ffffffff,m,";
	size_t hl = strlen(head), n = hl + (1u << 20);
	char *line = malloc(n), err[DRAW_ERR_MAX];
	struct draw_cmd c;
	struct canvas back;
	(void)state;

	assert_non_null(line);
	memcpy(line, head, hl);
	for (size_t i = hl; i < n; i++)
		line[i] = (i % 7) ? 'x' : ',';
	assert_int_equal(draw_parse(line, n, &c, err, sizeof err), 0);
	assert_int_equal(c.data_len, 1u << 20);
	assert_int_equal(canvas_init(&back, 100, 20), 0);
	assert_rect(draw_exec(&c, &back), 0, 0, 100, 16);
	/* the same megabyte as a fill_rect: refused, quoting only 20 bytes */
	memcpy(line, "fill_rect:1,", 12);
	assert_int_equal(draw_parse(line, n, &c, err, sizeof err), -1);
	assert_true(strlen(err) < 64);
	free(line);
	canvas_free(&back);
}

/* 100,000 malformed commands: each is refused with a printable message
 * (it becomes a line on the app's stdin), and whatever is accepted renders
 * inside the canvas. */
static void test_hundred_thousand_malformed(void **state)
{
	static const char *seeds[] = {
		"fill_rect:10,20,30,40,ff00ff80", "draw_text:1,2,ffffff,m,hello, world",
		"flush", "clear:000000", "line:0,0,100,50,ffffffff", "rect:1,1,5,5,ff0000",
		"pixel:3,3,abcdef", "blit:0,0,2,1,ff0000ff00ff00ff",
	};
	static const char junk[] = ",:-0123456789abcdefxyzslm \xff\x80\n";
	uint32_t buf[40 * 40], seed = 1;
	struct canvas back;
	int refused = 0;
	(void)state;

	for (int i = 0; i < 40 * 40; i++)
		buf[i] = 0xDEADBEEF;
	assert_int_equal(canvas_wrap(&back, buf + 4 * 40 + 4, 32, 32, 40), 0);
	for (int i = 0; i < 100000; i++) {
		char line[96], err[DRAW_ERR_MAX];
		const char *s = seeds[i % 8];
		size_t n = strlen(s);
		struct draw_cmd c;

		memcpy(line, s, n);
		for (int k = 0; k < 1 + i % 3; k++) {
			seed = seed * 1664525u + 1013904223u;
			size_t at = (seed >> 8) % n;
			char ch = junk[(seed >> 20) % (sizeof junk - 1)];
			switch ((seed >> 28) % 3) {
			case 0: line[at] = ch; break;                                       /* replace */
			case 1: n = at; break;                                               /* cut */
			default: if (n < sizeof line) { memmove(line + at + 1, line + at, n - at); line[at] = ch; n++; } /* insert */
			}
			if (n == 0)
				break;
		}
		if (draw_parse(line, n, &c, err, sizeof err) == 0) {
			draw_exec(&c, &back);
			continue;
		}
		refused++;
		assert_true(err[0] != '\0');
		for (const char *p = err; *p; p++)
			if (*p < 0x20 || *p >= 0x7f)
				fail_msg("unprintable byte in error: %s", err);
	}
	assert_true(refused > 50000);
	for (int y = 0; y < 40; y++)
		for (int x = 0; x < 40; x++)
			if (x < 4 || y < 4 || x >= 36 || y >= 36)
				assert_int_equal(buf[y * 40 + x], 0xDEADBEEF);
}

/* A command built by hand, not by draw_parse, is still rendered safely. */
static void test_exec_hand_made(void **state)
{
	struct canvas back;
	struct draw_cmd c;
	(void)state;

	assert_int_equal(canvas_init(&back, 8, 8), 0);
	memset(&c, 0, sizeof c);
	c.op = (enum draw_op)1234;
	assert_true(canvas_rect_empty(draw_exec(&c, &back)));
	c.op = DRAW_BLIT;
	c.w = 2;
	c.h = 2;
	c.data = "ffffffff";
	c.data_len = 8; /* too short for 2x2 */
	assert_true(canvas_rect_empty(draw_exec(&c, &back)));
	c.w = 100000;
	c.h = 100000;
	assert_true(canvas_rect_empty(draw_exec(&c, &back)));
	c.op = DRAW_TEXT;
	c.size = (enum font_size)77; /* falls back to medium */
	c.rgba = 0xFFFFFFFF;
	c.data = "A";
	c.data_len = 1;
	assert_rect(draw_exec(&c, &back), 0, 0, 8, 8);
	canvas_free(&back);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_each_command),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_error_buffer),
		cmocka_unit_test(test_exec_commands),
		cmocka_unit_test(test_exec_far_outside),
		cmocka_unit_test(test_megabyte_line),
		cmocka_unit_test(test_hundred_thousand_malformed),
		cmocka_unit_test(test_exec_hand_made),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for the SDK 2 parts that need no WASI, built for the host:
 * event lines (resize, wheel, paste, errors, keys with Latin-1 and
 * modifiers), the text field (editing, selection, the clipboard line it
 * writes, pastes), the list view (selection always on screen, keys, wheel,
 * click), layout and timers. The supervisor side of resize, wheel and paste
 * is another change; these feed the lines it will send (protocol-additions). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "../../sdk/clip.c"
#include "../../sdk/everr.c"
#include "../../sdk/evparse.c"
#include "../../sdk/field.c"
#include "../../sdk/key.c"
#include "../../sdk/keymod.c"
#include "../../sdk/layout.c"
#include "../../sdk/list.c"
#include "../../sdk/listmouse.c"
#include "../../sdk/mouse.c"
#include "../../sdk/mousep.c"
#include "../../sdk/str.c"
#include "../../sdk/text.c"
#include "../../sdk/timer.c"

/* ---- stubs: the output buffer (sdk_out_stub.h) and drawing, and a clock the test sets ---- */
#include "sdk_out_stub.h"
static uint64_t fake_ns;
int vy_draw_fill(int x, int y, int w, int h, uint32_t c) { (void)x, (void)y, (void)w, (void)h, (void)c; return 0; }
int vy_draw_text(int x, int y, uint32_t c, enum vy_text_size s, const char *t)
{
	(void)x, (void)y, (void)c, (void)s, (void)t;
	return 0;
}
int vy_draw_textn(int x, int y, uint32_t c, enum vy_text_size s, const char *t, size_t n)
{
	(void)x, (void)y, (void)c, (void)s, (void)t, (void)n;
	return 0;
}
uint64_t vy_time_ns(void) { return fake_ns; }
char sdk_last_sender[32];

static enum vy_ev_type parse(struct vy_event *ev, const char *line)
{
	static char buf[1024];
	snprintf(buf, sizeof buf, "%s", line);
	return sdk_ev_parse(ev, buf);
}

static void test_keys(void **state)
{
	struct vy_event ev;
	(void)state;
	assert_int_equal(parse(&ev, "VYOMA_INPUT:key:\xc3\xa9"), VY_EV_KEY);
	assert_int_equal(vy_key_char(&ev), 0xe9);
	parse(&ev, "VYOMA_INPUT:key:\xc2\xa3");
	assert_int_equal(vy_key_char(&ev), 0xa3);
	parse(&ev, "VYOMA_INPUT:key:\xc2\x85"); /* a C1 control types nothing */
	assert_int_equal(vy_key_char(&ev), 0);
	parse(&ev, "VYOMA_INPUT:key:\xe2\x82\xac"); /* past Latin-1 */
	assert_int_equal(vy_key_char(&ev), 0);
	parse(&ev, "VYOMA_INPUT:key:Space");
	assert_int_equal(vy_key_char(&ev), ' ');
	parse(&ev, "VYOMA_INPUT:key:Ctrl+Alt+Delete");
	assert_int_equal(vy_key_mods(&ev), VY_MOD_CTRL | VY_MOD_ALT);
	assert_true(vy_key_is(&ev, "Ctrl+Alt+Delete"));
	parse(&ev, "VYOMA_INPUT:key:Ctrl++");
	assert_int_equal(vy_key_mods(&ev), VY_MOD_CTRL);
	assert_int_equal(vy_key_char(&ev), 0);
	parse(&ev, "VYOMA_INPUT:key:Shift+Tab");
	assert_int_equal(vy_key_mods(&ev), VY_MOD_SHIFT);
	parse(&ev, "VYOMA_INPUT:key:+");
	assert_int_equal(vy_key_mods(&ev), 0);
	assert_int_equal(vy_key_char(&ev), '+');
}

/* Every one-character key from U+001F to U+00FF: the printable ones type
 * themselves; C0, DEL and C1 (U+007F..U+009F) type nothing. */
static void test_key_char_ranges(void **state)
{
	struct vy_event ev;
	char line[32];
	(void)state;
	for (int c = 0x1f; c <= 0xff; c++) {
		int want = c >= 0x20 && c != 0x7f && (c < 0x80 || c >= 0xa0) ? c : 0;
		if (c < 0x80)
			snprintf(line, sizeof line, "VYOMA_INPUT:key:%c", c);
		else
			snprintf(line, sizeof line, "VYOMA_INPUT:key:%c%c", 0xc0 | c >> 6, 0x80 | (c & 0x3f));
		assert_int_equal(parse(&ev, line), VY_EV_KEY);
		assert_int_equal(vy_key_char(&ev), want);
	}
}

static void test_resize_mouse_paste_error(void **state)
{
	struct vy_event ev;
	int w = 300, h = 200;
	(void)state;
	/* resize is reported once the app asks its size */
	assert_int_equal(parse(&ev, "VYOMA_INPUT:resize:640,480"), VY_EV_LINE);
	vy_ui_size(&w, &h);
	assert_int_equal(w, 300);
	assert_int_equal(parse(&ev, "VYOMA_INPUT:resize:640,480"), VY_EV_RESIZE);
	assert_int_equal(ev.w, 640);
	assert_int_equal(ev.h, 480);
	vy_ui_size(&w, &h);
	assert_int_equal(w, 640);
	assert_int_equal(h, 480);
	/* mouse: unparsed until vy_mouse_on */
	assert_int_equal(parse(&ev, "VYOMA_INPUT:mouse:10,20,1,down"), VY_EV_MOUSE);
	assert_string_equal(ev.text, "10,20,1,down");
	vy_mouse_on();
	parse(&ev, "VYOMA_INPUT:mouse:10,20,1,down");
	assert_int_equal(ev.x, 10);
	assert_int_equal(ev.y, 20);
	assert_int_equal(ev.kind, VY_MOUSE_DOWN);
	assert_true(vy_mouse_click(&ev, (struct vy_box){0, 0, 11, 21}));
	assert_false(vy_mouse_click(&ev, (struct vy_box){0, 0, 10, 21}));
	parse(&ev, "VYOMA_INPUT:mouse:5,6,-2,wheel");
	assert_int_equal(ev.kind, VY_MOUSE_WHEEL);
	assert_int_equal(ev.dy, -2);
	assert_int_equal(ev.buttons, 0);
	/* paste: raw until the app asks for the clipboard, then decoded */
	assert_int_equal(parse(&ev, "VYOMA_INPUT:paste:a\\nb"), VY_EV_PASTE);
	assert_string_equal(ev.text, "a\\nb");
	vy_clip_copy("x", 1); /* copying alone asks for no pastes (calc) */
	outn = 0;
	assert_int_equal(parse(&ev, "VYOMA_INPUT:paste:a\\nb"), VY_EV_PASTE);
	assert_string_equal(ev.text, "a\\nb");
	vy_ui_field_clipboard(&(struct vy_ui_field){0});
	assert_int_equal(parse(&ev, "VYOMA_INPUT:paste:a\\nb\\tc\\\\d\\x01e"), VY_EV_PASTE);
	assert_string_equal(ev.text, "a\nb\tc\\d\x01" "e");
	assert_int_equal(parse(&ev, "VYOMA_INPUT:paste:"), VY_EV_PASTE);
	assert_string_equal(ev.text, "");
	/* errors: their own event, tied to the call that wrote the line */
	assert_int_equal(parse(&ev, "@supervisor: error: draw needs the display capability (said once; later draw "
				    "lines are refused without an answer)"), VY_EV_ERROR);
	assert_string_equal(vy_ev_error_call(&ev), "vy_draw_*");
	parse(&ev, "@supervisor: error: unknown app nobody");
	assert_string_equal(vy_ev_error_call(&ev), "vy_msg_send");
	parse(&ev, "@supervisor: error: notes is not running");
	assert_string_equal(vy_ev_error_call(&ev), "vy_msg_send");
	assert_int_equal(parse(&ev, "@supervisor: ok ps"), VY_EV_SUPERVISOR);
	assert_int_equal(parse(&ev, "@chat: error: x"), VY_EV_MESSAGE);
	assert_int_equal(parse(&ev, "VYOMA_INPUT:focus:1"), VY_EV_FOCUS);
	assert_true(ev.focused);
}

static void key(struct vy_ui_field *f, const char *name)
{
	struct vy_event ev;
	char line[64];
	snprintf(line, sizeof line, "VYOMA_INPUT:key:%s", name);
	parse(&ev, line);
	vy_ui_field_event(f, &ev);
}

static void test_text_field(void **state)
{
	struct vy_ui_field f;
	struct vy_event ev;
	(void)state;
	memset(&f, 0, sizeof f);
	vy_ui_field_set(&f, "");
	key(&f, "Ctrl+c"); /* no clipboard asked for: nothing written */
	assert_int_equal(outn, 0);
	vy_ui_field_clipboard(&f);
	key(&f, "h");
	key(&f, "\xc3\xa9"); /* é */
	key(&f, "l");
	key(&f, "l");
	key(&f, "o");
	assert_string_equal(f.text, "h\xc3\xa9llo");
	key(&f, "Home");
	key(&f, "Right");
	key(&f, "Shift+Right"); /* selects é, two bytes */
	assert_int_equal(f.anchor, 1);
	assert_int_equal(f.cur, 3);
	outn = 0;
	key(&f, "Ctrl+c");
	assert_int_equal(outn, strlen("VYOMA_CLIP:set:\xc3\xa9\n"));
	assert_memory_equal(outb, "VYOMA_CLIP:set:\xc3\xa9\n", outn);
	key(&f, "e"); /* typing replaces the selection */
	assert_string_equal(f.text, "hello");
	key(&f, "Backspace");
	assert_string_equal(f.text, "hllo");
	key(&f, "End");
	key(&f, "Delete"); /* nothing after the cursor */
	assert_string_equal(f.text, "hllo");
	/* copy with no selection copies all, escaped */
	vy_ui_field_set(&f, "a\\b");
	outn = 0;
	key(&f, "Ctrl+c");
	assert_memory_equal(outb, "VYOMA_CLIP:set:a\\\\b\n", outn);
	/* paste: newlines become spaces, the selection is replaced */
	key(&f, "Ctrl+a");
	parse(&ev, "VYOMA_INPUT:paste:one\\ntwo");
	assert_true(vy_ui_field_event(&f, &ev));
	assert_string_equal(f.text, "one two");
	/* Ctrl+x cuts */
	key(&f, "Ctrl+a");
	outn = 0;
	key(&f, "Ctrl+x");
	assert_string_equal(f.text, "");
	assert_memory_equal(outb, "VYOMA_CLIP:set:one two\n", outn);
	/* full: whole characters only, always NUL-terminated */
	for (int i = 0; i < VY_FIELD_MAX; i++)
		key(&f, "\xc3\xa9");
	assert_true(f.len <= VY_FIELD_MAX - 1);
	assert_int_equal(f.len % 2, 0);
	assert_int_equal(strlen(f.text), (size_t)f.len);
	vy_ui_field_draw(&f, (struct vy_box){0, 0, 100, 20}, VY_TEXT_M, true);
}

static void list_key(struct vy_ui_list *l, const char *name)
{
	struct vy_event ev;
	char line[64];
	snprintf(line, sizeof line, "VYOMA_INPUT:key:%s", name);
	parse(&ev, line);
	assert_true(vy_ui_list_key(l, &ev));
}

static void visible(const struct vy_ui_list *l)
{
	assert_true(l->sel >= l->top && l->sel < l->top + l->rows);
}

static void test_list_view(void **state)
{
	struct vy_ui_list l = {0};
	struct vy_event ev;
	(void)state;
	vy_ui_list_set_count(&l, 100);
	vy_ui_list_layout(&l, (struct vy_box){0, 20, 200, 160}, 16); /* 10 rows */
	assert_int_equal(l.rows, 10);
	assert_int_equal(l.sel, 0);
	for (int i = 0; i < 15; i++)
		list_key(&l, "Down");
	assert_int_equal(l.sel, 15);
	assert_int_equal(l.top, 6);
	visible(&l);
	list_key(&l, "PageDown");
	assert_int_equal(l.sel, 25);
	visible(&l);
	list_key(&l, "PageUp");
	assert_int_equal(l.sel, 15);
	list_key(&l, "Up");
	assert_int_equal(l.sel, 14);
	list_key(&l, "PageDown");
	list_key(&l, "Down");
	assert_int_equal(l.sel, 25);
	visible(&l);
	list_key(&l, "End");
	assert_int_equal(l.sel, 99);
	assert_int_equal(l.top, 90);
	list_key(&l, "Home");
	assert_int_equal(l.sel, 0);
	assert_int_equal(l.top, 0);
	/* the list shrinks under the selection */
	list_key(&l, "End");
	vy_ui_list_set_count(&l, 5);
	assert_int_equal(l.sel, 4);
	assert_int_equal(l.top, 0);
	vy_ui_list_set_count(&l, 100);
	/* a resize to fewer rows keeps the selection on screen */
	vy_ui_list_select(&l, 50);
	vy_ui_list_layout(&l, (struct vy_box){0, 20, 200, 48}, 16);
	visible(&l);
	/* wheel scrolls and drags the selection along; click selects */
	vy_mouse_on();
	parse(&ev, "VYOMA_INPUT:mouse:5,30,3,wheel");
	assert_true(vy_ui_list_mouse(&l, &ev));
	visible(&l);
	parse(&ev, "VYOMA_INPUT:mouse:5,37,1,down"); /* row 1 of the box */
	assert_true(vy_ui_list_mouse(&l, &ev));
	assert_int_equal(l.sel, l.top + 1);
	parse(&ev, "VYOMA_INPUT:key:x");
	assert_false(vy_ui_list_key(&l, &ev));
	/* empty */
	vy_ui_list_set_count(&l, 0);
	assert_int_equal(l.sel, -1);
}

static void test_layout(void **state)
{
	struct vy_box r = {0, 0, 300, 200}, top, c;
	(void)state;
	top = vy_ui_cut_top(&r, 24);
	assert_int_equal(top.h, 24);
	assert_int_equal(r.y, 24);
	assert_int_equal(r.h, 176);
	c = vy_ui_col(r, 3, 2, 10);
	assert_int_equal(c.w, 93);
	assert_int_equal(c.x, 206);
	c = vy_ui_cut_left(&r, -100);
	assert_int_equal(c.w, 200);
	assert_int_equal(r.w, 100);
	c = vy_ui_row(vy_ui_inset((struct vy_box){0, 0, 100, 100}, 5), 2, 1, 10);
	assert_int_equal(c.y, 55);
	assert_int_equal(c.h, 40);
}

static void test_timers(void **state)
{
	uint64_t next;
	int a, b;
	(void)state;
	fake_ns = 1000000000;
	a = vy_timer_start(100, false);
	b = vy_timer_start(30, true);
	assert_true(a > 0 && b > 0 && a != b);
	assert_int_equal(sdk_timer_due(&next), 0);
	assert_int_equal(next, fake_ns + 30000000);
	fake_ns += 30000000;
	assert_int_equal(sdk_timer_due(&next), b);
	fake_ns += 75000000; /* 105 ms: both due; the repeat once, not three times */
	assert_int_equal(sdk_timer_due(&next), b);
	assert_int_equal(sdk_timer_due(&next), a);
	assert_int_equal(sdk_timer_due(&next), 0);
	vy_timer_stop(b);
	assert_int_equal(sdk_timer_due(&next), 0);
	assert_int_equal(next, 0);
	for (int i = 0; i < VY_TIMER_MAX; i++)
		assert_true(vy_timer_start(10, false) > 0);
	assert_int_equal(vy_timer_start(10, false), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_key_char_ranges),
		cmocka_unit_test(test_resize_mouse_paste_error),
		cmocka_unit_test(test_text_field),
		cmocka_unit_test(test_list_view),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_timers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

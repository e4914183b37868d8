/* test_wm: the window manager and the compositor on an off-screen
 * framebuffer: placement (boot position, first free place, cascade that
 * never reuses a corner, sizes clamped to the
 * desktop, title bar kept reachable), focus and stacking with the focus
 * hook, hit testing of every part, double buffering (nothing shows before
 * flush), damage (only what changed is repainted, merged when there is a
 * lot), closing, minimizing, resizing (edges, clamps, the content kept),
 * maximizing, and the --size parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "comp.h"
#include "draw.h"
#include "ev.h"
#include "fb.h"
#include "wm.h"

#define W 640
#define H 480

static struct {
	struct wm_win *lost, *gained;
	int calls;
} hook;

static void on_focus(struct wm_win *lost, struct wm_win *gained)
{
	hook.lost = lost;
	hook.gained = gained;
	hook.calls++;
}

static int setup(void **state)
{
	(void)state;
	assert_int_equal(ev_init(), 0);
	assert_int_equal(fb_open(FB_MEM, W, H, NULL), 0);
	assert_int_equal(comp_init(), 0);
	wm_set_focus_hook(on_focus);
	memset(&hook, 0, sizeof hook);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	wm_close_all();
	wm_set_focus_hook(NULL);
	comp_fini();
	fb_close();
	ev_fini();
	return 0;
}

static struct wm_win *open_at(uint64_t id, const char *name, int x, int y, int w, int h)
{
	struct wm_place p = { .has_pos = true, .x = x, .y = y, .w = w, .h = h };
	struct wm_win *win = wm_open(id, name, &p);

	assert_non_null(win);
	return win;
}

static void draw(struct wm_win *w, const char *cmd)
{
	struct draw_cmd c;
	char err[DRAW_ERR_MAX];

	assert_int_equal(draw_parse(cmd, strlen(cmd), &c, err, sizeof err), 0);
	if (c.op == DRAW_FLUSH)
		wm_flush(w);
	else
		w->back_dmg = canvas_rect_union(w->back_dmg, draw_exec(&c, &w->back));
}

static uint32_t screen(int x, int y) { return canvas_get(fb_frame(), x, y); }

static void test_placement(void **state)
{
	struct wm_win *a, *b, *c, *d;
	struct canvas_rect in;
	(void)state;

	a = open_at(1, "alpha", 50, 60, 200, 100);
	assert_int_equal(a->outer.x, 50);
	assert_int_equal(a->outer.y, 60);
	assert_int_equal(a->outer.w, 200 + 2 * WM_BORDER);
	assert_int_equal(a->outer.h, 100 + 2 * WM_BORDER + WM_TITLE_H);
	in = wm_content(a);
	assert_int_equal(in.x, 50 + WM_BORDER);
	assert_int_equal(in.y, 60 + WM_BORDER + WM_TITLE_H);
	assert_int_equal(in.w, 200);
	assert_int_equal(in.h, 100);
	/* no position: a cascade; no size: the default; too big: the desktop */
	b = wm_open(2, "beta", &(struct wm_place){ 0 });
	c = wm_open(3, "gamma", &(struct wm_place){ 0 });
	assert_non_null(b);
	assert_non_null(c);
	assert_int_equal(b->front.w, WM_DEFAULT_W);
	assert_int_equal(b->front.h, WM_DEFAULT_H);
	assert_true(c->outer.x > b->outer.x && c->outer.y > b->outer.y);
	d = wm_open(4, "huge", &(struct wm_place){ .w = 4096, .h = 4096 });
	assert_non_null(d);
	assert_int_equal(d->outer.w, W);
	assert_int_equal(d->outer.h, H - COMP_STRIP_H);
	/* far off screen: pulled back so the title bar can be grabbed */
	wm_move(a, -100000, 100000);
	assert_int_equal(a->outer.x, -a->outer.w + 48);
	assert_int_equal(a->outer.y, H - COMP_STRIP_H - WM_BORDER - WM_TITLE_H);
	wm_move(a, 100000, -50);
	assert_int_equal(a->outer.x, W - 48);
	assert_int_equal(a->outer.y, 0);
	assert_int_equal(wm_count(), 4);
}

static void test_free_place_and_minimize(void **state)
{
	struct wm_win *a, *b, *c, *d;
	enum wm_part part;
	(void)state;

	a = open_at(1, "a", WM_PLACE_MARGIN, WM_PLACE_MARGIN, 200, 100);
	/* the first grid corner right of a where b fits beside it */
	b = wm_open(2, "b", &(struct wm_place){ .w = 200, .h = 100 });
	assert_non_null(b);
	assert_int_equal(b->outer.y, WM_PLACE_MARGIN);
	assert_int_equal(b->outer.x, 224);
	assert_true(canvas_rect_empty(canvas_rect_intersect(a->outer, b->outer)));
	/* no free place: a cascade step whose corner nobody has */
	c = wm_open(3, "c", &(struct wm_place){ .w = 600, .h = 400 });
	d = wm_open(4, "d", &(struct wm_place){ .w = 600, .h = 400 });
	assert_non_null(c);
	assert_non_null(d);
	assert_false(c->outer.x == a->outer.x && c->outer.y == a->outer.y);
	assert_false(d->outer.x == c->outer.x && d->outer.y == c->outer.y);
	assert_false(d->outer.x == a->outer.x && d->outer.y == a->outer.y);
	/* minimize the focused d: c, the highest visible, takes the focus */
	assert_ptr_equal(wm_focused(), d);
	wm_minimize(d);
	assert_true(d->minimized);
	assert_false(d->focused);
	assert_ptr_equal(wm_focused(), c);
	assert_ptr_equal(hook.lost, d);
	assert_ptr_equal(hook.gained, c);
	assert_ptr_equal(wm_top_visible(), c);
	/* not hit, skipped by cycling */
	assert_ptr_equal(wm_hit(d->outer.x + 30, d->outer.y + 10, &part), c);
	for (int i = 0; i < 6; i++) {
		wm_focus_cycle(1);
		assert_ptr_not_equal(wm_focused(), d);
	}
	/* focusing it restores it, on top */
	wm_focus(d);
	assert_false(d->minimized);
	assert_ptr_equal(wm_top(), d);
	assert_true(d->focused);
	/* the last visible one minimized: nobody has the focus */
	wm_minimize(a);
	wm_minimize(b);
	wm_minimize(c);
	wm_minimize(d);
	assert_null(wm_focused());
	assert_null(wm_top_visible());
	assert_ptr_equal(hook.lost, d);
	assert_null(hook.gained);
}

static void test_focus_and_stacking(void **state)
{
	struct wm_win *a, *b, *c;
	(void)state;

	a = open_at(1, "a", 10, 10, 100, 100);
	assert_ptr_equal(hook.gained, a);
	assert_null(hook.lost);
	b = open_at(2, "b", 20, 20, 100, 100);
	assert_ptr_equal(hook.lost, a);
	assert_ptr_equal(hook.gained, b);
	c = open_at(3, "c", 30, 30, 100, 100);
	assert_ptr_equal(wm_focused(), c);
	assert_ptr_equal(wm_top(), c);
	assert_true(c->focused && !b->focused && !a->focused);
	/* cycling goes by opening order and raises */
	wm_focus_cycle(1);
	assert_ptr_equal(wm_focused(), a);
	assert_ptr_equal(wm_top(), a);
	wm_focus_cycle(1);
	assert_ptr_equal(wm_focused(), b);
	wm_focus_cycle(-1);
	wm_focus_cycle(-1);
	assert_ptr_equal(wm_focused(), c);
	/* the same window again: no hook call */
	hook.calls = 0;
	wm_focus(c);
	assert_int_equal(hook.calls, 0);
	/* closing the focused one gives the focus to the new top */
	wm_focus(a);
	wm_close(a);
	assert_ptr_equal(wm_focused(), wm_top());
	assert_ptr_equal(hook.gained, wm_top());
	assert_null(hook.lost);
	assert_ptr_equal(wm_find(3), c);
	assert_null(wm_find(1));
	wm_close(wm_find(2));
	wm_close(c);
	assert_null(wm_focused());
	assert_int_equal(wm_count(), 0);
	wm_focus_cycle(1); /* nothing to cycle: harmless */
}

/* A background window opens under the focused one and leaves it the
 * focus; with no focused window it is focused like any other. */
static void test_background_open(void **state)
{
	struct wm_place bg = { .has_pos = true, .x = 40, .y = 40, .w = 100, .h = 100,
			       .background = true };
	struct wm_win *a, *b, *c, *d;
	enum wm_part part;
	(void)state;

	a = wm_open(1, "a", &bg);
	assert_non_null(a);
	assert_ptr_equal(wm_focused(), a);
	assert_ptr_equal(hook.gained, a);
	hook.calls = 0;
	b = wm_open(2, "b", &bg);
	c = wm_open(3, "c", &bg);
	assert_non_null(b);
	assert_non_null(c);
	assert_int_equal(hook.calls, 0);
	assert_ptr_equal(wm_focused(), a);
	assert_ptr_equal(wm_top(), a);
	assert_true(a->focused && !b->focused && !c->focused);
	/* stacking: a on top, then the newest background window, then b */
	assert_ptr_equal(a->below, c);
	assert_ptr_equal(c->below, b);
	assert_ptr_equal(wm_bottom(), b);
	assert_null(b->below);
	assert_ptr_equal(wm_hit(50, 80, &part), a);
	/* a normal open still takes the focus */
	d = open_at(4, "d", 40, 40, 100, 100);
	assert_ptr_equal(wm_focused(), d);
	assert_ptr_equal(hook.lost, a);
	assert_ptr_equal(wm_top(), d);
	/* closing the focused window gives the focus to the one under it */
	wm_close(d);
	assert_ptr_equal(wm_focused(), a);
	wm_close(a);
	assert_ptr_equal(wm_focused(), c);
	assert_int_equal(wm_count(), 2);
	/* cycling still goes by opening order */
	wm_focus_cycle(1);
	assert_ptr_equal(wm_focused(), b);
}

static void test_hit_parts(void **state)
{
	struct wm_win *a, *b;
	enum wm_part part;
	(void)state;

	a = open_at(1, "a", 100, 100, 200, 100);
	b = open_at(2, "b", 250, 150, 200, 100);
	assert_ptr_equal(wm_hit(120, 150, &part), a);
	assert_int_equal(part, WM_PART_CONTENT);
	assert_ptr_equal(wm_hit(120, 110, &part), a);
	assert_int_equal(part, WM_PART_TITLE);
	assert_ptr_equal(wm_hit(100 + 200 + 2 * WM_BORDER - 5, 110, &part), a);
	assert_int_equal(part, WM_PART_CLOSE);
	assert_ptr_equal(wm_hit(100, 150, &part), a);
	assert_int_equal(part, WM_PART_BORDER);
	/* b is on top where they overlap */
	assert_ptr_equal(wm_hit(260, 190, &part), b);
	assert_int_equal(part, WM_PART_CONTENT);
	assert_null(wm_hit(5, 5, &part));
	assert_int_equal(part, WM_PART_NONE);
	wm_focus(a);
	assert_ptr_equal(wm_hit(260, 190, &part), a);
}

static int resized;
static void on_resize(struct wm_win *w)
{
	(void)w;
	resized++;
}

static void test_resize_edges_and_maximize(void **state)
{
	struct wm_win *a, *b;
	enum wm_part part;
	struct canvas_rect o, d = wm_desktop();
	(void)state;

	wm_set_resize_hook(on_resize);
	resized = 0;
	a = open_at(1, "a", 100, 100, 200, 100);
	draw(a, "fill_rect:0,0,200,100,ff0000ff");
	draw(a, "flush");
	/* the grip band outside the border, and which edges it takes */
	assert_ptr_equal(wm_hit(100 - WM_GRIP, 150, &part), a);
	assert_int_equal(part, WM_PART_BORDER);
	assert_int_equal(wm_edges(a, 100 - WM_GRIP, 150), WM_EDGE_LEFT);
	assert_null(wm_hit(100 - WM_GRIP - 1, 150, &part));
	assert_int_equal(wm_edges(a, 100 + 204 + 1, 100 + 128 + 1), WM_EDGE_RIGHT | WM_EDGE_BOTTOM);
	assert_int_equal(wm_edges(a, 100 + 204 - 3, 100 + 128), WM_EDGE_RIGHT | WM_EDGE_BOTTOM);
	assert_int_equal(wm_edges(a, 150, 99), WM_EDGE_TOP);
	assert_int_equal(wm_edges(a, 150, 150), 0u);
	/* bigger: the canvases grow, the old pixels stay at the top left */
	o = a->outer;
	o.w += 100;
	o.h += 50;
	assert_int_equal(wm_resize(a, o, false), 0);
	assert_int_equal(a->front.w, 300);
	assert_int_equal(a->back.h, 150);
	assert_int_equal(resized, 1);
	assert_int_equal(canvas_get(&a->front, 199, 99), 0xff0000u);
	assert_int_equal(canvas_get(&a->front, 200, 99), 0u);
	/* absurd sizes are clamped: never below the minimum, never over the desktop */
	o.w = -5000;
	o.h = 3;
	assert_int_equal(wm_resize(a, o, false), 0);
	assert_int_equal(a->front.w, WM_MIN_CONTENT);
	assert_int_equal(a->front.h, WM_MIN_CONTENT);
	o = (struct canvas_rect){ -100000, -100000, 1 << 30, 1 << 30 };
	assert_int_equal(wm_resize(a, o, false), 0);
	assert_int_equal(a->outer.w, d.w);
	assert_int_equal(a->outer.h, d.h);
	/* maximize fills the desktop; again puts it back */
	o = (struct canvas_rect){ 50, 60, 204, 128 };
	assert_int_equal(wm_resize(a, o, false), 0);
	assert_int_equal(wm_toggle_maximize(a), 0);
	assert_true(a->maximized);
	assert_memory_equal(&a->outer, &d, sizeof d);
	assert_int_equal(wm_edges(a, d.x, d.y + 50), 0u); /* no grip when maximized */
	assert_int_equal(wm_toggle_maximize(a), 0);
	assert_false(a->maximized);
	assert_memory_equal(&a->outer, &o, sizeof o);
	/* moving a maximized window ends it */
	wm_toggle_maximize(a);
	wm_move(a, 30, 30);
	assert_false(a->maximized);
	b = open_at(2, "b", 400, 300, 100, 50);
	assert_ptr_equal(wm_focused(), b);
	wm_set_resize_hook(NULL);
}

static void test_double_buffer_and_damage(void **state)
{
	struct wm_win *a;
	struct canvas_rect in;
	const struct comp_stats *st = comp_get_stats();
	uint64_t px0;
	(void)state;

	a = open_at(1, "a", 100, 100, 200, 100);
	comp_frame_now();
	in = wm_content(a);
	assert_int_equal(screen(in.x + 5, in.y + 5), 0x000000); /* a new window is black */
	draw(a, "fill_rect:0,0,10,10,ff0000");
	comp_frame_now();
	assert_int_equal(screen(in.x + 5, in.y + 5), 0x000000); /* not flushed: not shown */
	px0 = st->pixels;
	draw(a, "flush");
	comp_frame_now();
	assert_int_equal(screen(in.x + 5, in.y + 5), 0xff0000);
	/* only the 10x10 that changed (and the status strip, if the clock moved on) */
	assert_true(st->pixels - px0 == 100 || st->pixels - px0 == 100 + W * COMP_STRIP_H);
	/* the back buffer keeps what was drawn: a flush shows only what changed since */
	draw(a, "pixel:50,50,00ff00");
	px0 = st->pixels;
	draw(a, "flush");
	comp_frame_now();
	assert_true(st->pixels - px0 == 1 || st->pixels - px0 == 1 + W * COMP_STRIP_H);
	assert_int_equal(screen(in.x + 50, in.y + 50), 0x00ff00);
	assert_int_equal(screen(in.x + 5, in.y + 5), 0xff0000);
	/* an empty flush repaints nothing (but the clock) */
	px0 = st->pixels;
	draw(a, "flush");
	comp_frame_now();
	assert_true(st->pixels == px0 || st->pixels - px0 == W * COMP_STRIP_H);
	/* many small damages are merged into at most COMP_DAMAGE_MAX rects */
	for (int i = 0; i < 100; i++) {
		char cmd[64];
		snprintf(cmd, sizeof cmd, "pixel:%d,%d,0000ff", (i * 37) % 200, (i * 11) % 100);
		draw(a, cmd);
		draw(a, "flush");
	}
	uint64_t r0 = st->rects;
	comp_frame_now();
	assert_true(st->rects - r0 <= COMP_DAMAGE_MAX);
	assert_int_equal(screen(in.x + 37, in.y + 11), 0x0000ff);
}

static void test_close_and_move_repaint(void **state)
{
	struct wm_win *a;
	uint32_t desk;
	(void)state;

	comp_frame_now();
	desk = screen(150, 150);
	a = open_at(1, "a", 100, 100, 200, 100);
	draw(a, "clear:ffffff");
	draw(a, "flush");
	comp_frame_now();
	assert_int_equal(screen(150, 150), 0xffffff);
	wm_move(a, 300, 200);
	comp_frame_now();
	assert_int_equal(screen(150, 150), desk);
	assert_int_equal(screen(350, 250), 0xffffff);
	wm_close(a);
	comp_frame_now();
	assert_int_equal(screen(350, 250), canvas_get(fb_frame(), 350 + 250, 250));
	/* the status strip is there, the overlay comes and goes */
	comp_set_overlay(true);
	assert_true(comp_overlay_shown());
	comp_frame_now();
	comp_set_overlay(false);
	comp_frame_now();
	assert_int_equal(screen(W / 2, 200), canvas_get(fb_frame(), 5, 200));
}

static void test_parse_size(void **state)
{
	int w = 0, h = 0;
	(void)state;

	assert_int_equal(fb_parse_size("1024x768", &w, &h), 0);
	assert_int_equal(w, 1024);
	assert_int_equal(h, 768);
	assert_int_equal(fb_parse_size("64x64", &w, &h), 0);
	assert_int_equal(fb_parse_size("8192x8192", &w, &h), 0);
	static const char *const bad[] = { "", "x", "1024", "1024x", "x768", "63x64", "8193x100",
					   "1024X768", "-1024x768", "+1024x768", " 1024x768",
					   "1024x768 ", "1024x768x2", "99999999999999999999x768" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (fb_parse_size(bad[i], &w, &h) == 0)
			fail_msg("accepted %s", bad[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_placement, setup, teardown),
		cmocka_unit_test_setup_teardown(test_free_place_and_minimize, setup, teardown),
		cmocka_unit_test_setup_teardown(test_focus_and_stacking, setup, teardown),
		cmocka_unit_test_setup_teardown(test_background_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hit_parts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resize_edges_and_maximize, setup, teardown),
		cmocka_unit_test_setup_teardown(test_double_buffer_and_damage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_and_move_repaint, setup, teardown),
		cmocka_unit_test(test_parse_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

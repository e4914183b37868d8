/* display: the display module's entry points (display.h): it starts the
 * framebuffer, the compositor and the input sources, turns each app's
 * VYOMA_DRAW lines into drawing on its window (opened at its first good
 * command, focused or not by the boot rule of focus.c, closed when its
 * process exits), tells apps when they gain or lose the focus, and adds
 * the VYOMA_TEST verbs key, mouse, screenshot and windows. Hardware (DRM
 * or /dev/fb0, evdev, the console as a keyboard) is used only by a real
 * PID 1; otherwise the screen is an off-screen buffer, so a hosted
 * supervisor or a test never takes over the machine's display. */
#include "display.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "clip.h"
#include "comp.h"
#include "ctl.h"
#include "draw.h"
#include "ev.h"
#include "fb.h"
#include "focus.h"
#include "icon.h"
#include "img.h"
#include "input.h"
#include "log.h"
#include "notice.h"
#include "place.h"
#include "taskbar.h"
#include "wall.h"
#include "wm.h"
#include "hot.h"

#define DISPLAY_MSG_NOTICE_MS 10000 /* "a message for a hidden window": once this often per window */

static struct {
	bool up;
	bool has_root;
	char root[4096]; /* where the wallpaper is read from, once the system is ready */
	uint64_t errors_nowin; /* refused draw lines of apps that had no window */
	ev_timer_id t_resize;  /* the next frame's resize lines */
} disp;

/* ---- windows of apps ------------------------------------------------------------- */

/* Where w is (where it goes back to when maximized), for its next
 * window: after a restart, and across boots (place.c) once the user has
 * moved or resized it (by_user). */
static void display_note(const struct wm_win *w, bool by_user)
{
	if (w->maximized)
		place_note(w->name, w->restore.x, w->restore.y, w->restore.w - 2 * WM_BORDER,
			   w->restore.h - 2 * WM_BORDER - WM_TITLE_H, by_user);
	else
		place_note(w->name, w->outer.x, w->outer.y, w->front.w, w->front.h, by_user);
}

static void display_remember(const struct wm_win *w)
{
	display_note(w, false);
}

static void display_moved(struct wm_win *w)
{
	display_note(w, true);
}

/* At shutdown: every open window, so a place is kept even when the system
 * stops with the window open. */
static void display_remember_open(void)
{
	for (const struct wm_win *w = wm_bottom(); w; w = w->above)
		display_remember(w);
}

/* Tell w's app its content size, if it changed. A line the app's full
 * queue refused is sent with the next change or at the drag's end
 * (wm_resize calls again). */
static void display_resize_send(struct wm_win *w)
{
	struct app *a = app_find_id(w->app_id);
	char line[64];

	w->resize_due = false;
	if (!a || (w->front.w == w->sent_w && w->front.h == w->sent_h))
		return;
	snprintf(line, sizeof line, "VYOMA_INPUT:resize:%d,%d", w->front.w, w->front.h);
	if (app_send_line(a, line) == 0) {
		w->sent_w = w->front.w;
		w->sent_h = w->front.h;
		w->resize_ms = ev_now_ms();
	}
}

static void display_resize_frame(void *ctx)
{
	(void)ctx;
	disp.t_resize = 0;
	for (struct wm_win *w = wm_bottom(); w; w = w->above)
		if (w->resize_due)
			display_resize_send(w);
}

/* The user resized w (a drag, a key, maximize or restore): its app hears
 * the new content size at most once a frame (COMP_FRAME_MS), like the
 * screen: a drag's pointer moves in between only change what the next
 * line says, so a fast drag cannot flood the app with relayouts. */
static void display_resize_rate(struct wm_win *w)
{
	uint64_t now = ev_now_ms(), next = w->resize_ms + COMP_FRAME_MS;

	if (!w->resize_due && (!w->resize_ms || now >= next)) {
		display_resize_send(w);
		return;
	}
	w->resize_due = true;
	if (!disp.t_resize)
		disp.t_resize = ev_timer_add(next > now ? next - now : 0, display_resize_frame, NULL);
}

static void display_resize_hook(struct wm_win *w)
{
	display_moved(w);
	display_resize_rate(w);
}

/* Where the user last left it, else boot.toml's x/y, else the first free
 * place; the size the user last gave it, else boot.toml's, else the
 * manifest's [window], else the default. */
static struct wm_win *display_open(struct app *a)
{
	struct wm_place p = { .w = a->man.win_w, .h = a->man.win_h };
	struct wm_win *w;

	if (a->in_boot && a->boot.has_size) {
		p.w = a->boot.w;
		p.h = a->boot.h;
	}
	if (a->in_boot && a->boot.has_pos) {
		p.has_pos = true;
		p.x = a->boot.x;
		p.y = a->boot.y;
	}
	const struct place_entry *pe = place_find(a->name);
	if (pe) {
		p.has_pos = true;
		p.x = pe->x;
		p.y = pe->y;
		p.w = pe->w;
		p.h = pe->h;
	}
	switch (focus_on_open(a)) {
	case FOCUS_OPEN_TAKE:
		break;
	case FOCUS_OPEN_UNDER:
		p.background = true;
		break;
	case FOCUS_OPEN_ATTENTION:
		p.background = p.attention = true;
		break;
	}
	if (!(w = wm_open(a->id, a->name, &p)))
		return NULL;
	/* The app believes in its manifest's size: it hears of another
	 * (boot.toml's, or one cut to the screen) at once. */
	w->sent_w = a->man.win_w > 0 ? a->man.win_w : WM_DEFAULT_W;
	w->sent_h = a->man.win_h > 0 ? a->man.win_h : WM_DEFAULT_H;
	display_resize_rate(w);
	taskbar_add(a->id);
	if (w->attention) {
		w->attention_ms = ev_now_ms();
		log_info(a->name, "window opened by itself: under the focused window, marked for attention");
	}
	return w;
}

static void display_focus_hook(struct wm_win *lost, struct wm_win *gained)
{
	struct app *a;

	if (lost && (a = app_find_id(lost->app_id)))
		app_send_line(a, "VYOMA_INPUT:focus:0");
	if (gained && (a = app_find_id(gained->app_id)))
		app_send_line(a, "VYOMA_INPUT:focus:1");
}

static unsigned display_count_apps(void)
{
	unsigned n = 0;

	for (struct app *a = app_first(); a; a = a->next)
		n += a->kind == APP_KIND_APP && a->pid > 0;
	return n;
}

int display_draw_line(struct app *a, const char *line, size_t len, char *err, size_t errlen)
{
	struct wm_win *w = a->display;
	struct draw_cmd cmd;

	if (a->kind != APP_KIND_APP) {
		snprintf(err, errlen, "only apps have windows");
		return -1;
	}
	/* notify:<text> is a notice (rate limited), not a drawing: no window. */
	if (len >= 7 && memcmp(line, "notify:", 7) == 0) {
		if (disp.up)
			notice_from_app(a, line + 7, len - 7);
		return 0;
	}
	if (draw_parse(line, len, &cmd, err, errlen) < 0) {
		if (w)
			w->st.errors++;
		else
			disp.errors_nowin++;
		return -1;
	}
	if (!disp.up)
		return 0;
	if (!w) {
		if (!(w = a->display = display_open(a))) {
			snprintf(err, errlen, "no window: out of memory or windows");
			disp.errors_nowin++;
			return -1;
		}
		focus_opened();
	}
	w->st.draws++;
	if (cmd.op == DRAW_FLUSH)
		wm_flush(w);
	else
		w->back_dmg = canvas_rect_union(w->back_dmg, draw_exec(&cmd, &w->back));
	return 0;
}

void display_app_event(struct app *a, enum app_event ev)
{
	struct wm_win *w = a->display;

	if (disp.up)
		notice_app_event(a, ev);
	if (ev != APP_EV_EXITED || !w)
		return;
	a->display = NULL;
	input_forget_window(a->id);
	display_remember(w);
	wm_close(w);
}

/* Minimized, or wholly under one window above it. */
static bool display_hidden(const struct wm_win *w)
{
	if (w->minimized)
		return true;
	for (const struct wm_win *o = w->above; o; o = o->above)
		if (!o->minimized && canvas_rect_contains(o->outer, w->outer.x, w->outer.y) &&
		    canvas_rect_contains(o->outer, w->outer.x + w->outer.w - 1,
					 w->outer.y + w->outer.h - 1))
			return true;
	return false;
}

VY_HOT void display_message_arrived(struct app *to, const struct app *from)
{
	struct wm_win *w = to->display;
	uint64_t now;

	if (!w || w->focused || !disp.up || !display_hidden(w))
		return;
	now = ev_now_ms();
	if (w->msg_notice_ms && now - w->msg_notice_ms < DISPLAY_MSG_NOTICE_MS)
		return;
	w->msg_notice_ms = now;
	if (!w->attention) {
		w->attention = true; /* its taskbar button asks for attention too */
		w->attention_ms = now;
	}
	notice_post(NOTICE_INFO, to->name, "%s: a message from %s (its window is %s)", to->name,
		    from->name, w->minimized ? "minimized" : "hidden");
}

/* ---- test verbs -------------------------------------------------------------------- */

/* A key that reached no app is an error for the test or script that sent
 * it, not an "ok" it would take for delivered. */
static void verb_key(struct app *c, const char *verb, const char *args)
{
	struct input_key k;
	const struct wm_win *f;

	if (input_key_parse(args, &k) < 0) {
		ctl_test_error(c, "bad key name '%.40s' (see docs/input.md)", args);
		return;
	}
	switch (input_key_event(&k)) {
	case INPUT_KEY_SENT:
	case INPUT_KEY_SHORTCUT:
		ctl_test_ok(c, verb);
		break;
	case INPUT_KEY_NOWHERE:
		ctl_test_error(c, "key %.40s went nowhere: no window has the focus", args);
		break;
	case INPUT_KEY_REFUSED:
		f = wm_focused();
		ctl_test_error(c, "key %.40s dropped: %s is not reading its input", args,
			       f ? f->name : "the focused app");
		break;
	case INPUT_KEY_BAD:
		ctl_test_error(c, "bad key name '%.40s' (see docs/input.md)", args);
		break;
	}
}

int display_focus_app(const struct app *a)
{
	struct wm_win *w = a->display;

	if (!w)
		return -1;
	wm_focus(w);
	return 0;
}

/* focus <app>: give an app's window the focus, as a click on it would. */
static void verb_focus(struct app *c, const char *verb, const char *args)
{
	const struct app *a = app_find(args);

	if (!a) {
		ctl_test_error(c, "focus: unknown app %.40s", args);
		return;
	}
	if (display_focus_app(a) < 0) {
		ctl_test_error(c, "focus: %s has no window", a->name);
		return;
	}
	ctl_test_ok(c, verb);
}

static int verb_int(const char *s, long lo, long hi, long *out)
{
	char *end;

	if (!*s || (*s != '-' && (*s < '0' || *s > '9')))
		return -1;
	*out = strtol(s, &end, 10);
	return *end || *out < lo || *out > hi ? -1 : 0;
}

/* Up to n words of s separated by single spaces, in buf; the count, or -1
 * when there are more or a word is empty. */
static int verb_words(const char *s, char *buf, size_t cap, char **w, int n)
{
	int k = 0;

	if (snprintf(buf, cap, "%s", s) >= (int)cap)
		return -1;
	for (char *p = buf; *p;) {
		char *sp = strchr(p, ' ');
		if (k == n || sp == p)
			return -1;
		w[k++] = p;
		if (!sp)
			break;
		*sp = '\0';
		p = sp + 1;
		if (!*p)
			return -1;
	}
	return k;
}

static void verb_mouse(struct app *c, const char *verb, const char *args)
{
	static const char *const evs[] = { "move", "down", "up" };
	char buf[96], *w[4];
	long x, y, b;
	int ev = -1;

	if (verb_words(args, buf, sizeof buf, w, 4) != 4 || verb_int(w[0], -100000, 100000, &x) < 0 ||
	    verb_int(w[1], -100000, 100000, &y) < 0 || verb_int(w[2], 0, 7, &b) < 0) {
		ctl_test_error(c, "usage: mouse <x> <y> <buttons 0-7> <down|up|move>");
		return;
	}
	for (int i = 0; i < 3; i++)
		if (strcmp(w[3], evs[i]) == 0)
			ev = i;
	if (ev < 0 || (ev != INPUT_PTR_MOVE && b != 1 && b != 2 && b != 4)) {
		ctl_test_error(c, "mouse: down and up take one button (1, 2 or 4); events: down up move");
		return;
	}
	input_pointer_event((int)x, (int)y, (unsigned)b, (enum input_ptr_ev)ev);
	ctl_test_ok(c, verb);
}

/* wheel <x> <y> <n>: the pointer to screen (x, y), then n notches of the
 * wheel (positive: towards the user), as a mouse's would. */
static void verb_wheel(struct app *c, const char *verb, const char *args)
{
	char buf[96], *w[3];
	long x, y, n;

	if (verb_words(args, buf, sizeof buf, w, 3) != 3 || verb_int(w[0], -100000, 100000, &x) < 0 ||
	    verb_int(w[1], -100000, 100000, &y) < 0 || verb_int(w[2], -1000, 1000, &n) < 0 || !n) {
		ctl_test_error(c, "usage: wheel <x> <y> <notches: -1000..1000, not 0>");
		return;
	}
	input_pointer_event((int)x, (int)y, 0, INPUT_PTR_MOVE);
	input_pointer_wheel((int)n);
	ctl_test_ok(c, verb);
}

static void verb_screenshot(struct app *c, const char *verb, const char *args)
{
	char err[512];

	if (!disp.up || !args[0]) {
		ctl_test_error(c, disp.up ? "usage: screenshot <path>" : "no display");
		return;
	}
	comp_frame_now();
	if (img_save_canvas(fb_frame(), false, args, err, sizeof err) < 0) {
		ctl_test_error(c, "screenshot: %s", err);
		return;
	}
	ctl_test_ok(c, verb);
}

static void verb_windows(struct app *c, const char *verb, const char *args)
{
	const struct comp_stats *cs = comp_get_stats();
	const struct input_stats *is = input_get_stats();
	struct canvas *f = fb_frame();
	int z = 0;

	(void)args;
	for (struct wm_win *w = wm_bottom(); w; w = w->above, z++) {
		struct canvas_rect in = wm_content(w);
		app_raw(c,
			"VYOMA_TEST:window %s x=%d y=%d w=%d h=%d cx=%d cy=%d cw=%d ch=%d z=%d "
			"focused=%d accent=%06" PRIx32 " draws=%" PRIu64 " errors=%" PRIu64
			" flushes=%" PRIu64 " minimized=%d attention=%d maximized=%d",
			w->name, w->outer.x, w->outer.y, w->outer.w, w->outer.h, in.x, in.y, in.w, in.h,
			z, w->focused, w->accent, w->st.draws, w->st.errors, w->st.flushes,
			w->minimized, w->attention, w->maximized);
	}
	app_raw(c,
		"VYOMA_TEST:display backend=%s w=%d h=%d windows=%u frames=%" PRIu64
		" rects=%" PRIu64 " pixels=%" PRIu64 " last_us=%" PRIu64 " max_us=%" PRIu64
		" keys=%llu keys_dropped=%llu mouse=%llu mouse_dropped=%llu shortcuts=%llu"
		" overlay=%d errors_nowin=%" PRIu64,
		fb_backend_name(), f ? f->w : 0, f ? f->h : 0, wm_count(), cs->frames, cs->rects,
		cs->pixels, cs->last_us, cs->max_us, is->keys, is->keys_dropped, is->mouse,
		is->mouse_dropped, is->shortcuts, comp_overlay_shown(), disp.errors_nowin);
	ctl_test_ok(c, verb);
}

static const struct {
	const char *verb;
	ctl_test_fn fn;
} display_verbs[] = {
	{ "key", verb_key },
	{ "focus", verb_focus },
	{ "mouse", verb_mouse },
	{ "wheel", verb_wheel },
	{ "screenshot", verb_screenshot },
	{ "windows", verb_windows },
};

/* ---- start and stop ------------------------------------------------------------------ */

/* A real PID 1 tries the hardware; VYOMA_FB=drm|fbdev|mem on the kernel
 * command line (which the kernel hands to init as environment) pins one,
 * so tests can exercise each backend. Everybody else gets off-screen. */
static enum fb_kind display_fb_kind(const struct display_cfg *o)
{
	static const struct {
		const char *name;
		enum fb_kind kind;
	} kinds[] = { { "auto", FB_AUTO }, { "drm", FB_DRM }, { "fbdev", FB_FBDEV }, { "mem", FB_MEM } };
	const char *want = getenv("VYOMA_FB");

	if (!o->real_pid1)
		return FB_MEM;
	for (size_t i = 0; want && i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(want, kinds[i].name) == 0)
			return kinds[i].kind;
	return FB_AUTO;
}

int display_init(const struct display_cfg *o)
{
	int w = o->screen_w ? o->screen_w : FB_DEFAULT_W;
	int h = o->screen_h ? o->screen_h : FB_DEFAULT_H;
	if (disp.up)
		return 0;
	for (size_t i = 0; i < sizeof display_verbs / sizeof display_verbs[0]; i++)
		ctl_test_register(display_verbs[i].verb, display_verbs[i].fn);
	clip_init();
	if (fb_open(display_fb_kind(o), w, h, o->real_pid1 ? NULL : o->fb_file) < 0 ||
	    comp_init() < 0) {
		fb_close();
		log_err(NULL, "display: none; draw commands are checked but not shown");
		return -1;
	}
	comp_set_count_fn(display_count_apps);
	/* the wallpaper waits for readiness (display_ready): decoding and
	 * scaling it would hold back the boot apps' start */
	disp.has_root = o->root != NULL;
	snprintf(disp.root, sizeof disp.root, "%s", o->root ? o->root : "");
	wm_set_focus_hook(display_focus_hook);
	wm_set_resize_hook(display_resize_hook);
	wm_set_move_hook(display_moved);
	if (o->root) {
		char data[4096];
		size_t rl = strlen(o->root);
		snprintf(data, sizeof data, "%s%sdata", o->root, rl && o->root[rl - 1] != '/' ? "/" : "");
		place_init(data);
	}
	focus_reset();
	input_init();
	input_ptr_reset(fb_frame());
	if (o->real_pid1 || o->hosted)
		input_tty_open(o->real_pid1 ? INPUT_TTY_CONSOLE : INPUT_TTY_HOSTED);
	if (o->real_pid1 || o->evdev)
		input_evdev_open();
	disp.up = true;
	return 0;
}

void display_ready(void)
{
	struct canvas wp;

	if (!disp.up)
		return;
	focus_ready();
	if (disp.has_root && wall_load(disp.root, fb_frame()->w, wm_desktop().h, &wp) == 0)
		comp_set_wallpaper(&wp);
}

void display_fini(void)
{
	if (!disp.up)
		return;
	disp.up = false;
	focus_reset();
	input_tty_close();
	input_evdev_close();
	input_fini();
	input_ptr_reset(NULL);
	wm_set_focus_hook(NULL);
	wm_set_resize_hook(NULL);
	wm_set_move_hook(NULL);
	display_remember_open();
	place_save();
	place_fini();
	ev_timer_clear(&disp.t_resize);
	for (struct app *a = app_first(); a; a = a->next)
		a->display = NULL;
	wm_close_all();
	clip_fini();
	icon_fini();
	comp_fini();
	fb_close();
}

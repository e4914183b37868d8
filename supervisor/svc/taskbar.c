/* taskbar: the status strip's buttons (see taskbar.h). The list keeps the
 * apps in the order their windows first opened, so buttons do not move
 * when a window is raised; each update derives every button's state from
 * the window manager (open, minimized, focused, attention) and from the
 * app (backoff, failed), so there is no second copy of either to keep in
 * step. While a mark blinks, a loop timer repaints the strip every
 * BLINK_MS. The VYOMA_TEST verb `taskbar` lists the buttons as painted. */
#include "taskbar.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "ctl.h"
#include "ev.h"
#include "font.h"
#include "icon.h"

#define C_BTN         0x1e222affu
#define C_BTN_FOCUS   0x2b303bffu
#define C_LOGO        0x88c0d0ffu
#define C_TEXT        0xd8dee9ffu
#define C_TEXT_F      0xeceff4ffu
#define C_DIM         0x6b7282ffu
#define C_WARN        0xebcb8bu   /* restarting; the attention tint */
#define C_FAIL        0xbf616au
#define ATTN_ON       0x90u       /* the tint's alpha, blinking on */
#define ATTN_STEADY   0x48u       /* off, and after the blink */
#define BTN_PAD_Y     3
#define BLINK_MS      500

static struct {
	struct canvas_rect strip;
	uint64_t ids[TASKBAR_MAX]; /* apps with a button, in first-open order */
	unsigned n;
	struct taskbar_button b[TASKBAR_MAX];
	unsigned nb;
	ev_timer_id t_blink;
	void (*damage)(struct canvas_rect r);
} tb;

void taskbar_set_damage_hook(void (*fn)(struct canvas_rect r)) { tb.damage = fn; }

static const char *const tb_state_names[] = {
	[TASKBAR_RUNNING] = "running",
	[TASKBAR_MINIMIZED] = "minimized",
	[TASKBAR_RESTARTING] = "restarting",
	[TASKBAR_FAILED] = "failed",
};

const char *taskbar_state_name(enum taskbar_state s) { return tb_state_names[s]; }
unsigned taskbar_count(void) { return tb.nb; }
const struct taskbar_button *taskbar_get(unsigned i) { return i < tb.nb ? &tb.b[i] : NULL; }

struct canvas_rect taskbar_logo(void)
{
	return (struct canvas_rect){ tb.strip.x + 4, tb.strip.y + BTN_PAD_Y, TASKBAR_LOGO_W,
				     tb.strip.h - 2 * BTN_PAD_Y };
}

/* An app keeps its button while it is on its way back; NULL state: none. */
static bool tb_state_of(const struct app *a, enum taskbar_state *st)
{
	const struct wm_win *w = a->display;

	if (w) {
		*st = w->minimized ? TASKBAR_MINIMIZED : TASKBAR_RUNNING;
		return true;
	}
	switch (a->state) {
	case APP_BACKOFF:
	case APP_STARTING:
	case APP_RUNNING:
	case APP_EXITING:
		/* Coming back by itself, or restarted on request; not if stopped. */
		*st = TASKBAR_RESTARTING;
		return a->intent == APP_INTENT_POLICY || a->intent == APP_INTENT_RESTART;
	case APP_FAILED:
		*st = TASKBAR_FAILED;
		return true;
	default:
		return false;
	}
}

static bool tb_listed(uint64_t id)
{
	for (unsigned i = 0; i < tb.n; i++)
		if (tb.ids[i] == id)
			return true;
	return false;
}

void taskbar_add(uint64_t app_id)
{
	const struct app *a = app_find_id(app_id);

	if (a)
		icon_load(a->name, false);
	if (!tb_listed(app_id) && tb.n < TASKBAR_MAX)
		tb.ids[tb.n++] = app_id;
}

static void tb_layout(void)
{
	int x0 = tb.strip.x + 4 + TASKBAR_LOGO_W + 8;
	int x1 = tb.strip.x + tb.strip.w - TASKBAR_RIGHT_W;
	int w = tb.nb ? (x1 - x0) / (int)tb.nb - TASKBAR_GAP : 0;

	w = w > TASKBAR_BTN_MAX ? TASKBAR_BTN_MAX : w < TASKBAR_BTN_MIN ? TASKBAR_BTN_MIN : w;
	for (unsigned i = 0; i < tb.nb; i++)
		tb.b[i].r = (struct canvas_rect){ x0 + (int)i * (w + TASKBAR_GAP),
						  tb.strip.y + BTN_PAD_Y, w,
						  tb.strip.h - 2 * BTN_PAD_Y };
}

static uint64_t tb_hash(uint64_t h, const void *p, size_t n)
{
	for (const unsigned char *c = p; n--; c++)
		h = (h ^ *c) * 1099511628211ull; /* FNV-1a, 64 bits */
	return h;
}

static bool tb_blink_on(const struct taskbar_button *b, uint64_t now)
{
	uint64_t age = now - b->attention_ms;
	return b->attention && (age >= TASKBAR_BLINK_MS || (age / BLINK_MS) % 2 == 0);
}

static void tb_blink(void *ctx)
{
	(void)ctx;
	tb.t_blink = 0;
	if (tb.damage)
		tb.damage(tb.strip); /* the next frame updates, and re-arms while one blinks */
}

uint64_t taskbar_update(uint64_t now_ms)
{
	uint64_t next = UINT64_MAX; /* ms to the next blink, of any button */
	uint64_t h = 14695981039346656037ull;
	unsigned keep = 0;

	for (const struct wm_win *w = wm_bottom(); w; w = w->above)
		taskbar_add(w->app_id);
	tb.nb = 0;
	for (unsigned i = 0; i < tb.n; i++) {
		const struct app *a = app_find_id(tb.ids[i]);
		struct taskbar_button *b = &tb.b[tb.nb];
		const struct wm_win *w;
		enum taskbar_state st;

		if (!a || !tb_state_of(a, &st))
			continue;
		tb.ids[keep++] = tb.ids[i];
		w = a->display;
		memset(b, 0, sizeof *b);
		b->app_id = a->id;
		snprintf(b->name, sizeof b->name, "%s", a->name);
		b->kind = st;
		b->accent = w ? w->accent : 0;
		b->focused = w && w->focused;
		b->attention = w && w->attention;
		b->attention_ms = w ? w->attention_ms : 0;
		tb.nb++;
		h = tb_hash(h, b, offsetof(struct taskbar_button, attention_ms));
		h = tb_hash(h, &(bool){ tb_blink_on(b, now_ms) }, sizeof(bool));
		if (b->attention && now_ms - b->attention_ms < TASKBAR_BLINK_MS) {
			uint64_t in = BLINK_MS - (now_ms - b->attention_ms) % BLINK_MS;
			next = in < next ? in : next;
		}
	}
	if (next != UINT64_MAX && !tb.t_blink)
		tb.t_blink = ev_timer_add(next, tb_blink, NULL);
	tb.n = keep;
	tb_layout();
	return h;
}

const struct taskbar_button *taskbar_hit(int x, int y)
{
	taskbar_update(ev_now_ms());
	for (unsigned i = 0; i < tb.nb; i++)
		if (canvas_rect_contains(tb.b[i].r, x, y))
			return &tb.b[i];
	return NULL;
}

/* Per state: the name's colour and a one-character marker at the right
 * end ("" for none), so the state reads without telling colours apart. */
static const struct {
	uint32_t text;
	const char *mark;
} tb_look[] = {
	[TASKBAR_RUNNING] = { C_TEXT, "" },
	[TASKBAR_MINIMIZED] = { C_DIM, "_" },
	[TASKBAR_RESTARTING] = { C_WARN << 8 | 0xffu, "~" },
	[TASKBAR_FAILED] = { C_FAIL << 8 | 0xffu, "!" },
};

static void tb_paint_button(struct canvas *f, const struct canvas_rect *clip,
			    const struct taskbar_button *b, uint64_t now)
{
	const char *mark = tb_look[b->kind].mark;
	uint32_t colour = b->focused ? C_TEXT_F : tb_look[b->kind].text;
	uint32_t dot = b->kind == TASKBAR_RUNNING	? b->accent << 8 | 0xffu
		       : b->kind == TASKBAR_MINIMIZED ? b->accent << 8 | 0x50u
						       : tb_look[b->kind].text;
	int mark_w = mark[0] ? 12 : 0;
	struct canvas_rect r = b->r, in = canvas_rect_intersect(*clip, (struct canvas_rect){
		r.x + 22, r.y, r.w - 26 - mark_w, r.h });
	struct canvas_rect m = canvas_rect_intersect(*clip, r);

	canvas_fill(f, clip, r, b->focused ? C_BTN_FOCUS : C_BTN);
	if (b->attention)
		canvas_fill(f, clip, r, C_WARN << 8 | (tb_blink_on(b, now) ? ATTN_ON : ATTN_STEADY));
	if (b->focused)
		canvas_fill(f, clip, (struct canvas_rect){ r.x, r.y + r.h - 2, r.w, 2 },
			    b->accent << 8 | 0xffu);
	/* The icon says which app; a dot on it, what state the app is in. */
	icon_paint(f, &m, r.x + 3, r.y + (r.h - ICON_SIZE) / 2, b->name, b->accent,
		   b->kind == TASKBAR_RUNNING ? 0xffu : 0x60u);
	if (b->kind != TASKBAR_RUNNING)
		canvas_dot(f, clip, r.x + 3 + ICON_SIZE - CANVAS_DOT + 2,
			   r.y + (r.h - ICON_SIZE) / 2 + ICON_SIZE - CANVAS_DOT + 2, dot);
	if (!canvas_rect_empty(in))
		font_draw(f, &in, r.x + 22, r.y + (r.h - 16) / 2, colour, FONT_MEDIUM, b->name,
			  strlen(b->name));
	if (mark_w && !canvas_rect_empty(m))
		font_draw(f, &m, r.x + r.w - mark_w, r.y + (r.h - 16) / 2, colour, FONT_MEDIUM, mark, 1);
}

void taskbar_paint(struct canvas *f, const struct canvas_rect *clip, uint64_t now_ms)
{
	struct canvas_rect logo = taskbar_logo();

	font_draw(f, clip, logo.x + 8, logo.y + (logo.h - 16) / 2, C_LOGO, FONT_MEDIUM, "VyomaOS",
		  strlen("VyomaOS"));
	for (unsigned i = 0; i < tb.nb; i++)
		tb_paint_button(f, clip, &tb.b[i], now_ms);
}

/* taskbar: one `VYOMA_TEST:button <app> x= y= w= h= state= focused=
 * attention=` line per button, left to right, then `VYOMA_TEST:taskbar
 * buttons= logo_x= logo_y= logo_w= logo_h=`. */
static void tb_verb(struct app *c, const char *verb, const char *args)
{
	struct canvas_rect l = taskbar_logo();

	(void)args;
	taskbar_update(ev_now_ms());
	for (unsigned i = 0; i < tb.nb; i++) {
		const struct taskbar_button *b = &tb.b[i];
		app_raw(c, "VYOMA_TEST:button %s x=%d y=%d w=%d h=%d state=%s focused=%d attention=%d",
			b->name, b->r.x, b->r.y, b->r.w, b->r.h, taskbar_state_name(b->kind),
			b->focused, b->attention);
	}
	app_raw(c, "VYOMA_TEST:taskbar buttons=%u logo_x=%d logo_y=%d logo_w=%d logo_h=%d", tb.nb,
		l.x, l.y, l.w, l.h);
	ctl_test_ok(c, verb);
}

void taskbar_init(struct canvas_rect strip)
{
	ev_timer_clear(&tb.t_blink);
	memset(&tb, 0, sizeof tb);
	tb.strip = strip;
	ctl_test_register("taskbar", tb_verb);
}

void taskbar_fini(void)
{
	ev_timer_clear(&tb.t_blink);
	tb.n = tb.nb = 0;
}

/* notice: the notice box (see notice.h). Notices are a small queue, oldest
 * first; one timer runs every NOTICE_STEP_MS while any is shown, drops
 * the expired ones and repaints the box while one fades (alpha falls in
 * steps over the last NOTICE_FADE_MS). An app's state is remembered per
 * app so that a lifecycle change is told once, however many times the
 * app layer says that something changed. */
#include "notice.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "ev.h"
#include "font.h"
#include "log.h"
#include "policy.h"

#define C_BOX   0x1b1f27u
#define C_TEXT  0xeceff4u
#define C_LINE  0x2b303bu
#define BOX_A   0xf0u
#define GAP     6
#define SEEN_MAX 64

struct notice {
	enum notice_level lv;
	char text[NOTICE_TEXT];
	uint64_t at_ms;
};

static const uint32_t notice_colour[] = {
	[NOTICE_INFO] = 0x88c0d0u, [NOTICE_WARN] = 0xebcb8bu, [NOTICE_ERR] = 0xbf616au,
};

static struct {
	struct canvas_rect desk;
	struct notice q[NOTICE_MAX];
	unsigned n;
	ev_timer_id t_step;
	void (*damage)(struct canvas_rect r);
	struct {
		uint64_t app_id;
		enum app_state state;
	} seen[SEEN_MAX];
	unsigned next_seen;
	struct {
		uint64_t app_id, last_ms, dropped;
	} rate[SEEN_MAX];
	unsigned next_rate;
} nt;

void notice_set_damage_hook(void (*fn)(struct canvas_rect r)) { nt.damage = fn; }
unsigned notice_count(void) { return nt.n; }

static struct canvas_rect nt_box(unsigned i)
{
	/* The newest (last) is lowest, in the desktop's bottom-right corner. */
	int from_bottom = (int)(nt.n - i);
	int w = 24 + font_cell_w(FONT_MEDIUM) * (int)font_utf8_count(nt.q[i].text, strlen(nt.q[i].text));

	w = w < NOTICE_W ? NOTICE_W : w > nt.desk.w - 16 ? nt.desk.w - 16 : w;
	return (struct canvas_rect){ nt.desk.x + nt.desk.w - w - 8,
				     nt.desk.y + nt.desk.h - 8 - from_bottom * (NOTICE_H + GAP),
				     w, NOTICE_H };
}

struct canvas_rect notice_rect(void)
{
	struct canvas_rect r = { 0, 0, 0, 0 };

	for (unsigned i = 0; i < nt.n; i++)
		r = canvas_rect_union(r, nt_box(i));
	return r;
}

static void nt_damage(void)
{
	if (nt.damage)
		nt.damage(notice_rect());
}

/* 0xff while fresh, falling to 0 over the last NOTICE_FADE_MS. */
static unsigned nt_alpha(const struct notice *n, uint64_t now)
{
	uint64_t age = now - n->at_ms, fade_at = NOTICE_MS - NOTICE_FADE_MS;

	if (age >= NOTICE_MS)
		return 0;
	if (age <= fade_at)
		return 0xff;
	return (unsigned)(0xff * (NOTICE_MS - age) / NOTICE_FADE_MS);
}

static void nt_step(void *ctx)
{
	uint64_t now = ev_now_ms();
	unsigned keep = 0;
	bool fading = false;
	struct canvas_rect before = notice_rect();

	(void)ctx;
	nt.t_step = 0;
	for (unsigned i = 0; i < nt.n; i++) {
		unsigned a = nt_alpha(&nt.q[i], now);
		if (a)
			nt.q[keep++] = nt.q[i];
		fading |= a && a < 0xff;
	}
	/* Nothing is repainted unless it changed: a notice went or fades. */
	if ((keep != nt.n || fading) && nt.damage)
		nt.damage(before);
	nt.n = keep;
	if (nt.n)
		nt.t_step = ev_timer_add(NOTICE_STEP_MS, nt_step, NULL);
}

void notice_post(enum notice_level lv, const char *app, const char *fmt, ...)
{
	struct notice *n;
	va_list ap;

	nt_damage();
	if (nt.n == NOTICE_MAX)
		memmove(nt.q, nt.q + 1, sizeof nt.q[0] * --nt.n);
	n = &nt.q[nt.n++];
	n->lv = lv;
	n->at_ms = ev_now_ms();
	va_start(ap, fmt);
	vsnprintf(n->text, sizeof n->text, fmt, ap);
	va_end(ap);
	log_info(app, "notice: %s", n->text);
	nt_damage();
	if (!nt.t_step)
		nt.t_step = ev_timer_add(NOTICE_STEP_MS, nt_step, NULL);
}

int notice_from_app(const struct app *a, const char *text, size_t len)
{
	unsigned slot = nt.next_rate;
	uint64_t now = ev_now_ms();
	char shown[NOTICE_APP_TEXT + 1];
	size_t n = len > NOTICE_APP_TEXT ? NOTICE_APP_TEXT : len;

	for (unsigned i = 0; i < SEEN_MAX; i++)
		if (nt.rate[i].app_id == a->id)
			slot = i;
	if (slot == nt.next_rate) {
		nt.next_rate = (nt.next_rate + 1) % SEEN_MAX;
		memset(&nt.rate[slot], 0, sizeof nt.rate[slot]);
		nt.rate[slot].app_id = a->id;
	} else if (now - nt.rate[slot].last_ms < NOTICE_APP_MS) {
		nt.rate[slot].dropped++;
		return 1;
	}
	nt.rate[slot].last_ms = now;
	if (nt.rate[slot].dropped)
		log_info(a->name, "notice: %llu dropped (at most one in %u ms)",
			 (unsigned long long)nt.rate[slot].dropped, NOTICE_APP_MS);
	nt.rate[slot].dropped = 0;
	/* Cut at a character's start; tabs and the like are spaces on screen. */
	while (n < len && n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
		n--;
	memcpy(shown, text, n);
	shown[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)shown[i] < 0x20 || shown[i] == 0x7f)
			shown[i] = ' ';
	notice_post(NOTICE_INFO, a->name, "%s: %s", a->name, shown);
	return 0;
}

/* The state last seen for a; true when it differs from s (and remember s). */
static bool nt_changed(const struct app *a, enum app_state s)
{
	unsigned slot = nt.next_seen;
	bool changed;

	for (unsigned i = 0; i < SEEN_MAX; i++)
		if (nt.seen[i].app_id == a->id)
			slot = i;
	if (slot == nt.next_seen) {
		nt.next_seen = (nt.next_seen + 1) % SEEN_MAX;
		nt.seen[slot].app_id = a->id;
		nt.seen[slot].state = APP_STATE_COUNT;
	}
	changed = nt.seen[slot].state != s;
	nt.seen[slot].state = s;
	return changed;
}

static void nt_backoff(const struct app *a)
{
	char how[96];
	/* app_life raised the level after it took this restart's delay from it. */
	uint64_t ms = pol_backoff_ms(a->backoff_level ? a->backoff_level - 1 : 0);

	pol_describe(a->last_status, how, sizeof how);
	notice_post(NOTICE_WARN, a->name, "%s %s: %s; restart in %llu s", a->name,
		    pol_classify(a->last_status) == POL_OK ? "exited" : "crashed", how,
		    (unsigned long long)(ms + 999) / 1000);
}

static void nt_failed(const struct app *a)
{
	char how[96];

	if (!a->loaded) {
		notice_post(NOTICE_ERR, a->name, "%s cannot start: bad manifest or component", a->name);
		return;
	}
	pol_describe(a->last_status, how, sizeof how);
	if (a->man.max_failures && a->hist.n >= a->man.max_failures)
		notice_post(NOTICE_ERR, a->name, "%s gave up after %u failures in %u s", a->name,
			    a->hist.n, a->man.window_secs);
	else
		notice_post(NOTICE_ERR, a->name, "%s failed: %s; not restarted", a->name, how);
}

void notice_app_event(struct app *a, enum app_event ev)
{
	if (ev == APP_EV_REMOVED || a->kind != APP_KIND_APP) {
		return;
	}
	if (ev != APP_EV_CHANGED || !nt_changed(a, a->state))
		return;
	if (a->state == APP_BACKOFF)
		nt_backoff(a);
	else if (a->state == APP_FAILED)
		nt_failed(a);
}

/* notices: one `VYOMA_TEST:notice level=<info|warn|err> age_ms=<n>
 * alpha=<0-255> <text>` line per notice shown, oldest first. */
static void nt_verb(struct app *c, const char *verb, const char *args)
{
	static const char *const lv[] = { "info", "warn", "err" };
	uint64_t now = ev_now_ms();

	(void)args;
	for (unsigned i = 0; i < nt.n; i++)
		app_raw(c, "VYOMA_TEST:notice level=%s age_ms=%llu alpha=%u %s", lv[nt.q[i].lv],
			(unsigned long long)(now - nt.q[i].at_ms), nt_alpha(&nt.q[i], now), nt.q[i].text);
	ctl_test_ok(c, verb);
}

void notice_paint(struct canvas *f, const struct canvas_rect *clip)
{
	uint64_t now = ev_now_ms();

	for (unsigned i = 0; i < nt.n; i++) {
		const struct notice *n = &nt.q[i];
		struct canvas_rect b = nt_box(i), in;
		unsigned a = nt_alpha(n, now);

		if (!a)
			continue;
		in = canvas_rect_intersect(*clip, (struct canvas_rect){ b.x + 12, b.y, b.w - 16, b.h });
		canvas_fill(f, clip, b, C_BOX << 8 | (BOX_A * a / 0xff));
		canvas_outline(f, clip, b, C_LINE << 8 | a);
		canvas_fill(f, clip, (struct canvas_rect){ b.x, b.y, 4, b.h }, notice_colour[n->lv] << 8 | a);
		if (!canvas_rect_empty(in))
			font_draw(f, &in, b.x + 14, b.y + (b.h - 16) / 2, C_TEXT << 8 | a, FONT_MEDIUM,
				  n->text, strlen(n->text));
	}
}

void notice_init(struct canvas_rect desk)
{
	ev_timer_clear(&nt.t_step);
	memset(&nt, 0, sizeof nt);
	nt.desk = desk;
	ctl_test_register("notices", nt_verb);
}

void notice_fini(void)
{
	ev_timer_clear(&nt.t_step);
	nt.n = 0;
}

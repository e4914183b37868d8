/* focus: the focus while the system boots (see focus.h, docs/input.md).
 * Boot rank: 0 for the boot entry with `focus = true`, then the boot list
 * in order; apps outside the boot list come last. During boot a window
 * that opens takes the focus only when no window has it or when its app
 * outranks the app of every open window; otherwise it opens under the
 * focused one. So the boot focus wins whether its window opens first or
 * last, and a boot app that restarts during boot does not take the focus
 * away from it. Boot, for this rule, ends once the system is ready and
 * every running boot app that declares `display` has its window (or
 * FOCUS_BOOT_GRACE_MS after readiness, for an app that never draws). From
 * then on a window takes the focus only when a person asked for that run
 * of its app (pm's start and restart, the launcher: focus_user_asked);
 * any other (an automatic restart after a crash or a kill, a reload) opens
 * under the focused window and asks for attention, so the keys stay where
 * the person is typing. A run is named by its number (app->runs), so a
 * request is used once: the automatic restart of an app started by hand
 * is not taken for the start. */
#include "focus.h"

#include <limits.h>
#include <string.h>

#include "app.h"
#include "ev.h"
#include "log.h"
#include "wm.h"

static struct {
	bool ready, over;
	ev_timer_id t_grace;
	struct {
		uint64_t app_id; /* 0: free */
		unsigned run;
	} asked[FOCUS_ASKED_MAX];
	unsigned next_asked;
} focus;

static unsigned focus_rank(const struct app *a)
{
	unsigned r = 1;

	if (!a || a->kind != APP_KIND_APP || !a->in_boot)
		return UINT_MAX;
	if (a->boot.focus)
		return 0;
	for (const struct app *b = app_first(); b && b != a; b = b->next)
		r += b->kind == APP_KIND_APP && b->in_boot;
	return r;
}

static bool focus_all_open(void)
{
	for (const struct app *a = app_first(); a; a = a->next)
		if (a->kind == APP_KIND_APP && a->in_boot && a->pid > 0 &&
		    (a->man.caps & CAP_DISPLAY) && !a->display)
			return false;
	return true;
}

static void focus_boot_over(const char *why)
{
	const struct wm_win *w = wm_focused();

	focus.over = true;
	ev_timer_clear(&focus.t_grace);
	if (w)
		log_info(w->name, "has the focus at the end of boot (%s)", why);
	else
		log_info(NULL, "no window has the focus at the end of boot (%s)", why);
}

static void focus_grace(void *ctx)
{
	(void)ctx;
	focus.t_grace = 0;
	focus_boot_over("a boot app with display opened no window in time");
}

void focus_user_asked(const struct app *a, unsigned run)
{
	unsigned slot = focus.next_asked;

	for (unsigned i = 0; i < FOCUS_ASKED_MAX; i++)
		if (focus.asked[i].app_id == a->id)
			slot = i;
	if (slot == focus.next_asked)
		focus.next_asked = (focus.next_asked + 1) % FOCUS_ASKED_MAX;
	focus.asked[slot].app_id = a->id;
	focus.asked[slot].run = run;
}

/* Was this run of a asked for by a person? The request is used up. */
static bool focus_take_asked(const struct app *a)
{
	for (unsigned i = 0; i < FOCUS_ASKED_MAX; i++)
		if (focus.asked[i].app_id == a->id) {
			bool match = focus.asked[i].run == a->runs;
			focus.asked[i].app_id = 0;
			return match;
		}
	return false;
}

static enum focus_open focus_boot_rule(const struct app *a)
{
	unsigned r = focus_rank(a);

	for (const struct wm_win *w = wm_bottom(); w; w = w->above)
		if (focus_rank(app_find_id(w->app_id)) < r)
			return FOCUS_OPEN_UNDER;
	return FOCUS_OPEN_TAKE;
}

enum focus_open focus_on_open(const struct app *a)
{
	bool asked = a && focus_take_asked(a);

	if (!wm_focused())
		return FOCUS_OPEN_TAKE;
	if (!focus.over)
		return focus_boot_rule(a);
	return asked ? FOCUS_OPEN_TAKE : FOCUS_OPEN_ATTENTION;
}

void focus_opened(void)
{
	if (focus.ready && !focus.over && focus_all_open())
		focus_boot_over("every boot window is open");
}

void focus_ready(void)
{
	focus.ready = true;
	if (focus.over)
		return;
	if (focus_all_open())
		focus_boot_over("every boot window is open");
	else if (!focus.t_grace)
		focus.t_grace = ev_timer_add(FOCUS_BOOT_GRACE_MS, focus_grace, NULL);
}

void focus_reset(void)
{
	ev_timer_clear(&focus.t_grace);
	memset(&focus, 0, sizeof focus);
}

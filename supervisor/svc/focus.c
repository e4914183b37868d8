/* focus: the focus while the system boots (see focus.h, docs/input.md).
 * Boot rank: 0 for the boot entry with `focus = true`, then the boot list
 * in order; apps outside the boot list come last. During boot a window
 * that opens takes the focus only when no window has it or when its app
 * outranks the app of every open window; otherwise it opens under the
 * focused one. So the boot focus wins whether its window opens first or
 * last, and a boot app that restarts during boot does not take the focus
 * away from it. Boot, for this rule, ends once the system is ready and
 * every running boot app that declares `display` has its window (or
 * FOCUS_BOOT_GRACE_MS after readiness, for an app that never draws); from
 * then on every new window takes the focus, as one a user starts should. */
#include "focus.h"

#include <limits.h>

#include "app.h"
#include "ev.h"
#include "log.h"
#include "wm.h"

static struct {
	bool ready, over;
	ev_timer_id t_grace;
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

bool focus_on_open(const struct app *a)
{
	unsigned r = focus_rank(a);

	if (focus.over || !wm_focused())
		return true;
	for (const struct wm_win *w = wm_bottom(); w; w = w->above)
		if (focus_rank(app_find_id(w->app_id)) < r)
			return false;
	return true;
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
	focus.ready = focus.over = false;
}

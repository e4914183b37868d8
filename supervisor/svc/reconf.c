/* reconf: `@supervisor: reload`. Re-reads boot.toml and every listed
 * manifest, asks reload_diff() what changed, and applies it: start the new,
 * stop (and forget) the removed, restart the changed, leave the rest
 * running. A listed app whose manifest no longer loads keeps running as it
 * was; the caller hears about it. One "@supervisor: reload: ..." line per
 * change and, once the apps it started have had RECONF_SETTLE_MS to die, a
 * line for each that did and a count line, then the caller's "ok reload"
 * (pm, through the done callback). What
 * becomes of each app is asked of the app layer (app_start, app_restart,
 * app_remove, app_fail), which takes it from whatever state the app is in. */
#include "reconf.h"

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "ev.h"
#include "load.h"
#include "log.h"
#include "policy.h"
#include "reload.h"

/* The reload whose started apps are being watched (at most one). */
static struct {
	uint64_t caller;        /* app id; 0: none */
	reconf_done_fn done;
	ev_timer_id t;
	unsigned n;
	struct reconf_watch {
		uint64_t id;
		unsigned runs0; /* its runs before the reload started it */
	} watch[MAN_BOOT_MAX];
	unsigned counts[RELOAD_BROKEN + 1];
} settle;

/* Started by the reload and dead since: its process ran and exited (it
 * may already be back, restarted by its policy). */
static bool reconf_died(const struct app *a, unsigned runs0)
{
	if (a->runs > runs0 + 1)
		return true;
	return a->runs > runs0 && (a->state == APP_BACKOFF || a->state == APP_FAILED ||
				   a->state == APP_STOPPED);
}

static void reconf_settled(void)
{
	struct app *caller = app_find_id(settle.caller);
	unsigned died = 0;
	char why[128];

	ev_timer_clear(&settle.t);
	for (unsigned i = 0; i < settle.n; i++) {
		struct app *a = app_find_id(settle.watch[i].id);

		if (!a || !reconf_died(a, settle.watch[i].runs0))
			continue;
		died++;
		pol_describe(a->last_status, why, sizeof why);
		log_warn(a->name, "reload: died within %u ms of its start: %s", RECONF_SETTLE_MS, why);
		if (caller)
			app_notice(caller, "reload: died %s within %u ms of its start: %s", a->name,
				   RECONF_SETTLE_MS, why);
	}
	if (caller) {
		app_notice(caller, "reload: %u started, %u stopped, %u restarted, %u unchanged, "
			   "%u broken, %u died", settle.counts[RELOAD_START], settle.counts[RELOAD_STOP],
			   settle.counts[RELOAD_RESTART], settle.counts[RELOAD_KEEP],
			   settle.counts[RELOAD_BROKEN], died);
		settle.done(caller);
	}
	settle.caller = 0;
	settle.n = 0;
}

static void reconf_settle_timer(void *ctx)
{
	(void)ctx;
	settle.t = 0;
	reconf_settled();
}

static void reconf_watch(const struct app *a, unsigned runs0)
{
	if (a && settle.n < MAN_BOOT_MAX)
		settle.watch[settle.n++] = (struct reconf_watch){ a->id, runs0 };
}

struct reconf_state {
	struct boot_config bc;
	struct load_result loaded[MAN_BOOT_MAX];
	struct reload_item old[MAN_BOOT_MAX], new_[MAN_BOOT_MAX];
	struct reload_change changes[2 * MAN_BOOT_MAX];
	struct boot_entry old_boot[MAN_BOOT_MAX];
};

static void reconf_start(struct app *caller, const struct boot_entry *be,
			 const struct load_result *l)
{
	struct app *a = app_find(be->name);

	if (!a)
		a = app_new(APP_KIND_APP, be->name);
	if (!a) {
		app_error(caller, "reload: out of memory for %s", be->name);
		return;
	}
	reconf_watch(a, a->runs);
	a->in_boot = true;
	a->boot = *be;
	load_apply(a, l);
	/* Started by hand before it was listed: restart on the new manifest. */
	app_restart(a);
}

static void reconf_stop(struct app *a)
{
	a->in_boot = false;
	app_remove(a);
}

static void reconf_restart(struct app *a, const struct boot_entry *be, const struct load_result *l)
{
	reconf_watch(a, a->runs);
	a->boot = *be;
	a->in_boot = true;
	load_apply(a, l);
	app_restart(a);
}

static void reconf_broken(struct app *caller, const struct boot_entry *be,
			  const struct load_result *l)
{
	struct app *a = app_find(be->name);

	log_err(be->name, "reload: bad app: %s", l->error);
	app_notice(caller, "reload: broken %s: %s", be->name, l->error);
	if (a) {
		a->in_boot = true; /* keeps running on what it had */
		return;
	}
	a = app_new(APP_KIND_APP, be->name);
	if (!a)
		return;
	a->in_boot = true;
	a->boot = *be;
	load_apply(a, l);
	app_fail(a);
}

int reconf_run(struct app *caller, reconf_done_fn done)
{
	struct reconf_state *r = calloc(1, sizeof *r);
	unsigned counts[RELOAD_BROKEN + 1] = { 0 };
	char msg[512];
	size_t nold = 0, n;
	int rc = -1;

	if (!r) {
		app_error(caller, "reload: out of memory");
		return -1;
	}
	if (settle.caller)
		reconf_settled();
	if (load_boot(&r->bc, msg, sizeof msg) < 0) {
		log_err(NULL, "reload: %s", msg);
		app_error(caller, "reload: %s", msg);
		goto out;
	}
	load_set_apps_dir(r->bc.apps_dir);
	for (size_t i = 0; i < r->bc.n; i++) {
		load_manifest(r->bc.apps[i].name, &r->loaded[i]);
		r->new_[i] = (struct reload_item){
			.name = r->bc.apps[i].name, .ok = r->loaded[i].ok,
			.man = &r->loaded[i].man, .boot = &r->bc.apps[i],
			.comp_mtime = r->loaded[i].comp_mtime, .comp_size = r->loaded[i].comp_size,
		};
	}
	for (struct app *a = app_first(); a && nold < MAN_BOOT_MAX; a = a->next) {
		if (a->kind != APP_KIND_APP || !a->in_boot || a->dead)
			continue;
		r->old_boot[nold] = a->boot;
		r->old[nold] = (struct reload_item){
			.name = a->name, .ok = a->loaded, .man = &a->man, .boot = &r->old_boot[nold],
			.comp_mtime = a->comp_mtime, .comp_size = a->comp_size,
		};
		nold++;
	}
	n = reload_diff(r->old, nold, r->new_, r->bc.n, r->changes);
	log_info(NULL, "reload: %zu apps listed", r->bc.n);
	for (size_t i = 0; i < n; i++) {
		const struct reload_change *c = &r->changes[i];
		const struct boot_entry *be = c->new_idx >= 0 ? &r->bc.apps[c->new_idx] : NULL;
		const struct load_result *l = c->new_idx >= 0 ? &r->loaded[c->new_idx] : NULL;
		struct app *a = app_find(c->name);

		counts[c->action]++;
		if (c->action != RELOAD_KEEP && c->action != RELOAD_BROKEN) {
			log_info(c->name, "reload: %s", reload_action_name(c->action));
			app_notice(caller, "reload: %s %s", reload_action_name(c->action), c->name);
		}
		if (c->action == RELOAD_STOP) {
			if (a)
				reconf_stop(a);
			continue;
		}
		if (!be || !l) /* every other action has a new-list entry */
			continue;
		switch (c->action) {
		case RELOAD_START:
			reconf_start(caller, be, l);
			break;
		case RELOAD_STOP:
			break;
		case RELOAD_RESTART:
			if (a)
				reconf_restart(a, be, l);
			else
				reconf_start(caller, be, l);
			break;
		case RELOAD_BROKEN:
			reconf_broken(caller, be, l);
			break;
		case RELOAD_KEEP:
			if (a)
				a->boot = *be;
			break;
		}
	}
	memcpy(settle.counts, counts, sizeof counts);
	settle.caller = caller->id;
	settle.done = done;
	if (settle.n)
		settle.t = ev_timer_add(RECONF_SETTLE_MS, reconf_settle_timer, NULL);
	else
		reconf_settled();
	rc = 0;
out:
	free(r);
	return rc;
}

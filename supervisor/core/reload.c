/* reload: decides, name by name, what `@supervisor: reload` does: start the
 * new, stop the removed, restart the changed (manifest, window placement or
 * a rebuilt component), leave the rest running. Pure, so it is unit tested;
 * reconf_run() (svc/reconf.c) applies the plan. Manifests are compared field by field
 * (never memcmp: padding is not data). */
#include "reload.h"

#include <string.h>

static const char *const reload_names[] = {
	[RELOAD_KEEP] = "unchanged", [RELOAD_START] = "started", [RELOAD_STOP] = "stopped",
	[RELOAD_RESTART] = "restarted", [RELOAD_BROKEN] = "broken",
};

const char *reload_action_name(enum reload_action a)
{
	return (unsigned)a <= RELOAD_BROKEN ? reload_names[a] : "?";
}

bool reload_manifest_equal(const struct manifest *a, const struct manifest *b)
{
	return strcmp(a->name, b->name) == 0 && strcmp(a->description, b->description) == 0 &&
	       strcmp(a->component, b->component) == 0 && a->caps == b->caps &&
	       a->watchdog_secs == b->watchdog_secs && a->restart == b->restart &&
	       a->max_failures == b->max_failures && a->window_secs == b->window_secs &&
	       a->memory_mb == b->memory_mb && a->win_w == b->win_w && a->win_h == b->win_h;
}

bool reload_boot_equal(const struct boot_entry *a, const struct boot_entry *b)
{
	if (strcmp(a->name, b->name) != 0 || a->has_pos != b->has_pos || a->has_size != b->has_size)
		return false;
	if (a->has_pos && (a->x != b->x || a->y != b->y))
		return false;
	if (a->has_size && (a->w != b->w || a->h != b->h))
		return false;
	return true;
}

static long reload_find(const struct reload_item *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return (long)i;
	return -1;
}

static enum reload_action reload_compare(const struct reload_item *o, const struct reload_item *n)
{
	if (!n->ok)
		return RELOAD_BROKEN;
	if (!o->ok)
		return RELOAD_RESTART;
	if (!reload_manifest_equal(o->man, n->man) || !reload_boot_equal(o->boot, n->boot) ||
	    o->comp_mtime != n->comp_mtime || o->comp_size != n->comp_size)
		return RELOAD_RESTART;
	return RELOAD_KEEP;
}

size_t reload_diff(const struct reload_item *old, size_t nold, const struct reload_item *new_,
		   size_t nnew, struct reload_change *out)
{
	size_t k = 0;

	for (size_t i = 0; i < nnew; i++) {
		/* A name listed twice counts once, at its first place. */
		if (reload_find(new_, i, new_[i].name) >= 0)
			continue;
		long oi = reload_find(old, nold, new_[i].name);
		out[k].name = new_[i].name;
		out[k].old_idx = oi;
		out[k].new_idx = (long)i;
		if (oi < 0)
			out[k].action = new_[i].ok ? RELOAD_START : RELOAD_BROKEN;
		else
			out[k].action = reload_compare(&old[oi], &new_[i]);
		k++;
	}
	for (size_t i = 0; i < nold; i++) {
		if (reload_find(new_, nnew, old[i].name) >= 0 || reload_find(old, i, old[i].name) >= 0)
			continue;
		out[k++] = (struct reload_change){ RELOAD_STOP, old[i].name, (long)i, -1 };
	}
	return k;
}

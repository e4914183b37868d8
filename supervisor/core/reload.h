/* reload: the difference between the running boot list and a new one. */
#ifndef VYOMA_RELOAD_H
#define VYOMA_RELOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manifest.h"

enum reload_action {
	RELOAD_KEEP,    /* same manifest, placement and component: leave it */
	RELOAD_START,   /* new in the boot list */
	RELOAD_STOP,    /* gone from the boot list */
	RELOAD_RESTART, /* manifest, placement or component changed */
	RELOAD_BROKEN,  /* listed, but its manifest does not load: left as it is */
};

struct reload_item {
	const char *name;
	bool ok;                        /* the manifest loaded */
	const struct manifest *man;     /* when ok */
	const struct boot_entry *boot;
	int64_t comp_mtime, comp_size;  /* the component file */
};

struct reload_change {
	enum reload_action action;
	const char *name;
	long old_idx, new_idx;          /* -1 when absent */
};

bool reload_manifest_equal(const struct manifest *a, const struct manifest *b);
bool reload_boot_equal(const struct boot_entry *a, const struct boot_entry *b);
/* One change per name in either list: new-list order first, then the
 * removed ones in old-list order. out holds nold + nnew entries. Returns
 * the number written. */
size_t reload_diff(const struct reload_item *old, size_t nold, const struct reload_item *new_,
		   size_t nnew, struct reload_change *out);
const char *reload_action_name(enum reload_action a);

#endif

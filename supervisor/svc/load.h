/* load: reading an app's manifest and component from the root. */
#ifndef VYOMA_LOAD_H
#define VYOMA_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "manifest.h"

struct app;

/* A manifest read from disk, with its component's path and stamp. */
struct load_result {
	bool ok;
	struct manifest man;
	char component[1024];
	int64_t comp_mtime, comp_size;
	char error[1024];
};

/* snprintf that says whether it fit: 0, or -1 when the text was cut. */
int load_fmt(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The root ("/" as PID 1) and the apps directory under it (boot.toml's
 * apps_dir, "apps" until set). */
void load_set_root(const char *root);
void load_set_apps_dir(const char *rel);
/* Paths under the root. */
void load_path(char *buf, size_t len, const char *rel);
void load_app_dir(char *buf, size_t len, const char *name);

/* etc/vyoma/boot.toml and, after it, the names of the overlay the person
 * changes with `pkg boot` (lib/pboot, on the state volume). 0, or -1 with
 * the boot list's error in msg. */
int load_boot(struct boot_config *bc, char *msg, size_t msglen);
/* Read <apps>/<name>/vyoma.toml and stat its component. 0 or -1 (out->error). */
int load_manifest(const char *name, struct load_result *out);
/* Give app a what was loaded (or the load error). */
void load_apply(struct app *a, const struct load_result *l);
/* (Re)load the manifest of app a (a->name) from disk. 0, or -1 with
 * a->load_error set and logged. */
int load_app(struct app *a);

#endif

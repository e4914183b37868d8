/* pstore: the installed packages on disk (docs/packages.md, "Installed
 * packages"). Under a packages directory each app has
 *
 *   <name>/s<seq>/    an unpacked, verified bundle (vyoma.toml, the
 *                     component, MANIFEST, MANIFEST.sig, icon.png)
 *   <name>/current -> s<seq>   the version that runs
 *   <name>/previous -> s<seq>  the one before, for rollback
 *
 * A version directory is complete before a link points to it, and a link
 * changes by one rename of a new link over the old: a power cut at any
 * moment leaves `current` on a complete version, the old or the new. */
#ifndef VYOMA_PSTORE_H
#define VYOMA_PSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "vpk.h"

/* Where the system keeps its installed packages, under its root (the VM
 * mounts the host's state/ there; docs/packages.md). */
#define PSTORE_DIR "var/lib/vyoma/packages"

/* What is installed of name: its MANIFEST (current, and previous when
 * kept). 0, or -1 with err ("not installed" when it is not). */
int pstore_get(const char *dir, const char *name, struct vpk_manifest *cur,
	       struct vpk_manifest *prev, int *has_prev, char *err, size_t errlen);

/* Path of the installed version's directory (dir/name/current), for the
 * supervisor to load it from. */
int pstore_app_dir(const char *dir, const char *name, char *out, size_t outlen);

/* Verify buf against pol (pol->installed_seq is set here from what is
 * installed) and the capability consent (`accepted` are the capabilities
 * the person agreed to beyond the installed version's: a first install
 * needs none), unpack it as name/s<seq>, and make it current (the old
 * current becomes previous; older versions are removed). 0, or -1 with err
 * and nothing changed. */
int pstore_install(const char *dir, const uint8_t *buf, size_t len, struct vpk_policy *pol,
		   unsigned accepted, struct vpk_manifest *out, char *err, size_t errlen);

/* previous becomes current and current previous. 0 or -1 with err. */
int pstore_rollback(const char *dir, const char *name, char *err, size_t errlen);

/* Remove every version of name. 0 or -1 with err. */
int pstore_remove(const char *dir, const char *name, char *err, size_t errlen);

/* Calls fn for each installed package (name order); 0 or -1. */
typedef void (*pstore_fn)(const char *name, const struct vpk_manifest *m, void *ctx);
int pstore_each(const char *dir, pstore_fn fn, void *ctx, char *err, size_t errlen);

#endif

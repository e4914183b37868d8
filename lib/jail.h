/* jail: the runner's kernel-enforced confinement (an own uid, no
 * capabilities, an empty root holding only what the app may reach). Entered
 * after the runner has read its component and before sbx_apply; policy and
 * reasons: docs/audit.md ("Layer 3: the jail"). */
#ifndef VYOMA_JAIL_H
#define VYOMA_JAIL_H

#include <stddef.h>
#include <sys/types.h>

#define JAIL_UID_BASE 10000u
#define JAIL_UID_SPAN 1000000000u /* app uids are BASE .. BASE+SPAN-1 */

struct jail_spec {
	uid_t uid;              /* 0: no uid of its own (hosted: a user namespace) */
	const char *data_dir;   /* absolute, bound read-write at the same path; or NULL */
	const char *cache_dir;  /* absolute; the directory is there, empty, read only */
	const char *cache_file; /* the one artifact in it the app may load, bound
				 * read only when it exists; or NULL */
	int net_bind;           /* keep CAP_NET_BIND_SERVICE (apps with `network`) */
	const char *const *ro_files; /* more files bound read only where they
				      * exist (the resolver's for `network`);
				      * NULL-terminated, or NULL */
};

/* The uid (and gid) of the app called `name`: the same on every boot, one
 * per app (FNV-1a of the name in a span of a billion uids, so two of a
 * thousand apps share one with odds of 1 in 2,000). Never 0. */
uid_t jail_app_uid(const char *name);

/* Confine the calling, single-threaded process. With s->uid (the runner
 * is root, PID 1's child): a mount namespace whose root is an empty
 * read-only tmpfs with the binds below, then uid/gid s->uid, no
 * supplementary groups, every capability set empty (bounding and ambient
 * too; CAP_NET_BIND_SERVICE alone stays with s->net_bind), securebits
 * locked, not dumpable. Root without s->uid: the same, staying uid 0.
 * Otherwise (hosted, not root): the same inside a new user namespace that
 * maps only the caller's own uid and gid; when the kernel refuses one,
 * nothing is changed and `note` says what could not be applied (one line
 * for the log), still 0. Binds: /dev/null,
 * /dev/zero, /dev/urandom; s->data_dir read-write; s->cache_file read
 * only. No /proc, no /sys, nothing else. -1 with err on failure: the
 * runner must then not run the app. */
int jail_enter(const struct jail_spec *s, char *note, size_t notelen, char *err, size_t errlen);

#endif

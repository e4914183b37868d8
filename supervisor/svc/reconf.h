/* reconf: `@supervisor: reload`, applying a reload plan. */
#ifndef VYOMA_RECONF_H
#define VYOMA_RECONF_H

struct app;

/* How long a reload watches the apps it started before it answers: one
 * that dies (a refused component, a crash at start) within this is
 * reported as such, not as started. */
#define RECONF_SETTLE_MS 1000u

typedef void (*reconf_done_fn)(struct app *caller);

/* Re-read boot.toml and manifests and apply the difference; a line per
 * change go to caller. When nothing was started, the summary line and
 * done(caller) follow at once; else RECONF_SETTLE_MS later, after a
 * "reload: died <app> ..." line for each started app that died meanwhile
 * (done is not called if the caller has gone). 0, or -1 (caller got the
 * error). A reload while another settles finishes that one first. */
int reconf_run(struct app *caller, reconf_done_fn done);

#endif

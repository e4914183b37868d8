/* reconf: `@supervisor: reload`, applying a reload plan. */
#ifndef VYOMA_RECONF_H
#define VYOMA_RECONF_H

struct app;

/* Re-read boot.toml and manifests and apply the difference; a line per
 * change and a summary go to caller. 0, or -1 (caller got the error). */
int reconf_run(struct app *caller);

#endif

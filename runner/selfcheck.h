/* selfcheck: `vyoma-run --sandbox-check`, the sandbox proven from inside. */
#ifndef VYOMA_RUNNER_SELFCHECK_H
#define VYOMA_RUNNER_SELFCHECK_H

#include <stddef.h>

struct selfcheck_targets {
	const char *cache_dir;  /* the jail's cache directory, or NULL */
	const char *cache_file; /* the artifact bound into the jail, or NULL */
	char **others;          /* files the runner must not reach (another app's) */
	size_t nothers;
};

/* Call after the jail and sbx_apply, exactly as a run would. Tries what the
 * policy must refuse (and what it must still allow) and prints one line
 * per probe: "sandbox <probe> denied|allowed" for the seccomp policy, then
 * "probe <name>: blocked (<errno>)" or "probe <name>: ESCAPED" for the
 * escapes of issue 11. Every escape probe is harmless if it succeeds (an
 * fd closed, a value set to what it was, signal 0). 0 when every result is
 * the expected one. */
int selfcheck_run(unsigned caps, const struct selfcheck_targets *t);

#endif

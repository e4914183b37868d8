/* wt: everything the runner asks of Wasmtime. */
#ifndef VYOMA_RUNNER_WT_H
#define VYOMA_RUNNER_WT_H

#include <stddef.h>
#include <stdint.h>

#include "runexit.h" /* the exit codes wt_run returns beyond the app's own */

struct wt_opts {
	const char *name;      /* app name, for reports */
	unsigned caps;         /* CAP_* bits granted */
	const char *data_dir;  /* host dir preopened as /data (CAP_FILESYSTEM) */
	size_t mem_cap;        /* bytes */
	const char *cache_dir; /* .cwasm cache, read only; NULL: no cache */
	const char *cache_file; /* the artifact's path in it (wt_cache_path), or NULL: computed */
	int cache_index;       /* fd of the supervisor's sealed cache index (lib/cidx.h), or -1 */
	int argc;              /* the app's argv, argv[0] is its name */
	char **argv;
	int verbose;
};

/* Load the component's artifact from the cache when the cache index vouches
 * for its bytes, else compile it in memory (never writing the cache), and
 * run it; returns the process exit code to use. */
int wt_run(const struct wt_opts *o, const uint8_t *wasm, size_t len);
/* Compile `wasm` into the cache directory under the name wt_run looks
 * for, and print that path. cpu: NULL for this machine's CPU features, or a
 * Cranelift preset ("x86-64-v2") for a baseline other CPUs can load too.
 * 0 or -1. */
/* The path in cache dir `dir` of the artifact wt_run would load for `wasm`
 * (the runner binds that one file into its jail). */
void wt_cache_path(const uint8_t *wasm, size_t len, const char *dir, char *out, size_t outlen);
int wt_precompile(const uint8_t *wasm, size_t len, const char *cache_dir, const char *cpu);

#endif

/* wt: the runner's use of Wasmtime's C API. It owns the engine, the compiled
 * component (from the .cwasm cache when the supervisor's index vouches for
 * the artifact, lib/cidx.c; never written here), the WASI context built from
 * the granted capabilities only, and the call of the app's wasi:cli/run
 * export. Nothing here decides policy: the caller passes the capabilities
 * that the manifest declared and the audit accepted. */
#include "wt.h"

#include "cidx.h"
#include "file.h"
#include "log.h"
#include "manifest.h"
#include "mem.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi.h>
#include <wasmtime.h>

#ifndef VYOMA_WASMTIME_VERSION
#error "VYOMA_WASMTIME_VERSION must be defined by the build"
#endif

/* Bump when the engine configuration changes what gets compiled. */
#define WT_CONFIG_TAG "c1"

static const char *wt_who = "runner";

static void wt_error(const char *what, wasmtime_error_t *err)
{
	wasm_byte_vec_t msg;
	wasmtime_error_message(err, &msg);
	log_err(wt_who, "%s: %.*s", what, (int)msg.size, msg.data);
	wasm_byte_vec_delete(&msg);
	wasmtime_error_delete(err);
}

/* The target triple of this machine, for precompiling with an explicit CPU
 * preset (same OS and architecture, fewer CPU features). */
#if defined(__x86_64__)
#define WT_HOST_TRIPLE "x86_64-unknown-linux-gnu"
#elif defined(__aarch64__)
#define WT_HOST_TRIPLE "aarch64-unknown-linux-gnu"
#endif

/* cpu: NULL compiles for this machine's CPU features (what Wasmtime
 * detects); a Cranelift preset such as "x86-64-v2" compiles for that
 * baseline instead, so the artifact also loads on a CPU with fewer features
 * (the QEMU guest's; Wasmtime refuses artifacts that use features the CPU
 * lacks). Only the feature flags differ, so such an artifact loads into the
 * runtime engine, whose features are detected. */
static wasm_engine_t *wt_engine(const struct wt_opts *o, const char *cpu)
{
	wasm_config_t *cfg = wasm_config_new();
	if (!cfg)
		return NULL;
	if (cpu) {
#ifdef WT_HOST_TRIPLE
		wasmtime_error_t *err = wasmtime_config_target_set(cfg, WT_HOST_TRIPLE);
		if (err) {
			wt_error("cannot set the compilation target", err);
			wasm_config_delete(cfg);
			return NULL;
		}
		wasmtime_config_cranelift_flag_enable(cfg, cpu);
#else
		log_err(wt_who, "--cpu is not supported on this architecture");
		wasm_config_delete(cfg);
		return NULL;
#endif
	}
	wasmtime_config_cranelift_opt_level_set(cfg, WASMTIME_OPT_LEVEL_SPEED);
	/* Copy-on-write memory images need Wasmtime's own mmap memories; with
	 * our memory creator (runner/mem.c) data segments are copied in. Set
	 * for precompiling too, so artifacts match the engine that runs them. */
	wasmtime_config_memory_init_cow_set(cfg, false);
	if (o)
		mem_install(cfg, o->name, o->mem_cap);
	return wasm_engine_new_with_config(cfg);
}

void wt_cache_path(const uint8_t *wasm, size_t len, const char *dir, char *out, size_t outlen)
{
	char hex[CIDX_HEX];

	cidx_sha256_hex(wasm, len, hex);
	snprintf(out, outlen, "%s/%s-wasmtime-%s-%s.cwasm", dir, hex, VYOMA_WASMTIME_VERSION,
		 WT_CONFIG_TAG);
}

/* Write atomically: a reader never sees half an artifact. */
static int wt_write_file(const char *path, const uint8_t *buf, size_t len)
{
	char tmp[4096 + 16];
	int fd, rc = -1;

	snprintf(tmp, sizeof tmp, "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	while (len > 0) {
		ssize_t w = write(fd, buf, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			goto out;
		buf += w;
		len -= (size_t)w;
	}
	if (fchmod(fd, 0644) == 0 && rename(tmp, path) == 0)
		rc = 0;
out:
	close(fd);
	if (rc)
		unlink(tmp);
	return rc;
}

static int wt_compile(wasm_engine_t *engine, const uint8_t *wasm, size_t len,
		      wasmtime_component_t **comp)
{
	wasmtime_error_t *err = wasmtime_component_new(engine, wasm, len, comp);
	if (err) {
		wt_error("cannot compile the component", err);
		return -1;
	}
	return 0;
}

static int wt_serialize(wasmtime_component_t *comp, const char *path)
{
	wasm_byte_vec_t bytes;
	wasmtime_error_t *err = wasmtime_component_serialize(comp, &bytes);
	int rc;

	if (err) {
		wt_error("cannot serialize the component", err);
		return -1;
	}
	rc = wt_write_file(path, (const uint8_t *)bytes.data, bytes.size);
	wasm_byte_vec_delete(&bytes);
	return rc;
}

/* The artifact's bytes, when the supervisor's cache index vouches for them
 * (lib/cidx.c): read once into memory, hashed, and deserialized from that
 * same copy, so a file swapped under us is never what runs. NULL (said
 * why, when an artifact is there but refused) or a malloc'd buffer. */
static uint8_t *wt_vouched(const struct wt_opts *o, const char *path, size_t *alen)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char want[CIDX_HEX], got[CIDX_HEX], why[128];
	uint8_t *art = NULL;

	if (access(path, F_OK) != 0) {
		if (o->verbose)
			log_info(o->name, "cache: no artifact %s: compiling", base);
		return NULL;
	}
	if (o->cache_index < 0) {
		log_info(o->name, "cache: no cache index from the supervisor: %s not loaded, compiling",
			 base);
		return NULL;
	}
	if (cidx_lookup(o->cache_index, base, want, why, sizeof why) < 0) {
		log_warn(o->name, "cache: %s: %s (written after the supervisor started): refused, "
				  "compiling", base, why);
		return NULL;
	}
	if (file_read(path, CIDX_ARTIFACT_MAX, &art, alen, why, sizeof why) < 0) {
		log_warn(o->name, "cache: %s: %s: compiling", base, why);
		return NULL;
	}
	cidx_sha256_hex(art, *alen, got);
	if (strcmp(got, want) != 0) {
		log_warn(o->name, "cache: %s does not match the cache index (changed after the "
				  "supervisor started): refused, compiling", base);
		free(art);
		return NULL;
	}
	return art;
}

/* The runner only reads the cache: artifacts are written by the image
 * build or `--precompile`, and loaded only as the supervisor's index says
 * (docs/runner.md). A miss or a refusal compiles in memory. */
static int wt_load(wasm_engine_t *engine, const struct wt_opts *o, const uint8_t *wasm,
		   size_t len, wasmtime_component_t **comp)
{
	char path[4096];
	uint8_t *art;
	size_t alen = 0;

	if (!o->cache_dir)
		return wt_compile(engine, wasm, len, comp);
	if (o->cache_file) /* the jail's: hashing the component once is enough */
		snprintf(path, sizeof path, "%s", o->cache_file);
	else
		wt_cache_path(wasm, len, o->cache_dir, path, sizeof path);
	art = wt_vouched(o, path, &alen);
	if (art) {
		wasmtime_error_t *err = wasmtime_component_deserialize(engine, art, alen, comp);
		free(art);
		if (!err) {
			if (o->verbose)
				log_info(wt_who, "loaded precompiled %s", path);
			return 0;
		}
		wt_error("cached artifact unusable, recompiling", err);
	}
	return wt_compile(engine, wasm, len, comp);
}

/* stdin: a pipe or socket (the supervisor's) is read on the app's own
 * thread, non-blocking, its readiness from the store's tokio reactor
 * (wasi_config_set_stdin_fd, our patch 0003): Wasmtime's inherited stdin
 * reads on a worker thread and hands each read over (docs/perf.md, IPC).
 * Anything else (a terminal, a file) is inherited as before. */
static void wt_stdin(wasi_config_t *wc)
{
	struct stat st;
	int fl = fcntl(0, F_GETFL);

	if (fstat(0, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) && fl >= 0 &&
	    fcntl(0, F_SETFL, fl | O_NONBLOCK) == 0) {
		wasi_config_set_stdin_fd(wc, 0);
		return;
	}
	wasi_config_inherit_stdin(wc);
}

/* The WASI context grants only what the manifest declared (no preopen, no
 * socket permission, no stdin/stdout without stdio). The linker below has
 * every WASI 0.2 interface in it: what keeps an app from an interface it
 * did not declare is the import audit first (lib/audit.c), this context
 * second, and seccomp (lib/sbx.c) under both (docs/audit.md). */
static int wt_wasi(wasmtime_context_t *ctx, const struct wt_opts *o)
{
	wasi_config_t *wc = wasi_config_new();
	wasmtime_error_t *err;

	if (!wc)
		return -1;
	if (!wasi_config_set_argv(wc, (size_t)o->argc, (const char **)o->argv))
		goto fail;
	if (o->caps & CAP_STDIO) {
		wt_stdin(wc);
		wasi_config_inherit_stdout(wc);
	}
	wasi_config_inherit_stderr(wc);
	if (o->caps & CAP_FILESYSTEM) {
		if (!o->data_dir) {
			log_err(wt_who, "filesystem granted but no --data directory given");
			goto fail;
		}
		/* Read-write (Wasmtime 48's C API takes one flag: fs_mutable). */
		if (!wasi_config_preopen_dir(wc, o->data_dir, "/data", true)) {
			log_err(wt_who, "cannot preopen %s as /data", o->data_dir);
			goto fail;
		}
	}
	if (o->caps & CAP_NETWORK) {
		/* TCP only: wasi_config_allow_tcp/allow_udp are the switches our
		 * build adds to the C API (scripts/wasmtime-capi/patches/,
		 * docs/runner.md); seccomp (lib/sbx.c) refuses UDP sockets too. */
		wasi_config_inherit_network(wc);
		wasi_config_allow_tcp(wc, true);
		wasi_config_allow_udp(wc, false);
		wasi_config_allow_ip_name_lookup(wc, true);
	}
	err = wasmtime_context_set_wasi(ctx, wc);
	if (err) {
		wt_error("cannot set up WASI", err);
		return -1;
	}
	return 0;
fail:
	wasi_config_delete(wc);
	return -1;
}

static int wt_find_run(wasm_engine_t *engine, wasmtime_component_t *comp,
		       wasmtime_component_export_index_t **out)
{
	wasmtime_component_type_t *ty = wasmtime_component_type(comp);
	wasmtime_component_export_index_t *inst = NULL;
	size_t n = wasmtime_component_type_export_count(ty, engine);
	static const char want[] = "wasi:cli/run@0.2.";

	for (size_t i = 0; i < n && !inst; i++) {
		const char *name;
		size_t len;
		wasmtime_component_item_t item;
		if (!wasmtime_component_type_export_nth(ty, engine, i, &name, &len, &item))
			continue;
		if (len > sizeof want - 1 && memcmp(name, want, sizeof want - 1) == 0)
			inst = wasmtime_component_get_export_index(comp, NULL, name, len);
		wasmtime_component_item_delete(&item);
	}
	wasmtime_component_type_delete(ty);
	if (!inst) {
		log_err(wt_who, "component exports no wasi:cli/run@0.2.x; is it a command?");
		return -1;
	}
	*out = wasmtime_component_get_export_index(comp, inst, "run", 3);
	wasmtime_component_export_index_delete(inst);
	if (!*out) {
		log_err(wt_who, "wasi:cli/run has no 'run' function");
		return -1;
	}
	return 0;
}

/* The app's own exit code, or a runner code for a trap. wasi:cli/exit's
 * exit (0 or 1) and exit-with-code (0.2.12, what commands call: sdk/cmd.c)
 * both end as Wasmtime's I32Exit (docs/commands.md "Exit statuses"). A
 * status that could be read as one of the runner's own codes (above
 * RUN_EXIT_APP_MAX, lib/runexit.h) becomes 1. */
static int wt_call_error(wasmtime_error_t *err)
{
	int status;
	if (wasmtime_error_exit_status(err, &status)) {
		wasmtime_error_delete(err);
		if (status < 0 || status > RUN_EXIT_APP_MAX) {
			log_warn(wt_who, "exit status %d is not an app's: reported as 1", status);
			status = 1;
		}
		return status;
	}
	wt_error("app trapped", err);
	return RUN_EXIT_TRAP;
}

int wt_run(const struct wt_opts *o, const uint8_t *wasm, size_t len)
{
	wasm_engine_t *engine = NULL;
	wasmtime_component_t *comp = NULL;
	wasmtime_component_linker_t *linker = NULL;
	wasmtime_store_t *store = NULL;
	wasmtime_component_export_index_t *run = NULL;
	wasmtime_component_instance_t inst;
	wasmtime_component_func_t fn;
	wasmtime_component_val_t res;
	wasmtime_context_t *ctx;
	wasmtime_error_t *err;
	int code = RUN_EXIT_SETUP;

	wt_who = o->name;
	engine = wt_engine(o, NULL);
	if (!engine || wt_load(engine, o, wasm, len, &comp) != 0)
		goto out;
	linker = wasmtime_component_linker_new(engine);
	/* All of WASI 0.2, not only the declared part: see wt_wasi. */
	err = wasmtime_component_linker_add_wasip2(linker);
	if (err) {
		wt_error("cannot link WASI", err);
		goto out;
	}
	store = wasmtime_store_new(engine, NULL, NULL);
	ctx = wasmtime_store_context(store);
	if (wt_wasi(ctx, o) != 0)
		goto out;
	err = wasmtime_component_linker_instantiate(linker, ctx, comp, &inst);
	if (err) {
		wt_error("cannot instantiate", err);
		goto out;
	}
	if (wt_find_run(engine, comp, &run) != 0)
		goto out;
	if (!wasmtime_component_instance_get_func(&inst, ctx, run, &fn)) {
		log_err(wt_who, "cannot get the run function");
		goto out;
	}
	res.kind = WASMTIME_COMPONENT_BOOL;
	res.of.boolean = false;
	err = wasmtime_component_func_call(&fn, ctx, NULL, 0, &res, 1);
	if (err) {
		code = wt_call_error(err);
		goto out;
	}
	code = (res.kind == WASMTIME_COMPONENT_RESULT && res.of.result.is_ok) ? 0 : 1;
	wasmtime_component_val_delete(&res);
out:
	if (run)
		wasmtime_component_export_index_delete(run);
	if (store)
		wasmtime_store_delete(store);
	if (linker)
		wasmtime_component_linker_delete(linker);
	if (comp)
		wasmtime_component_delete(comp);
	if (engine)
		wasm_engine_delete(engine);
	return code;
}

int wt_precompile(const uint8_t *wasm, size_t len, const char *cache_dir, const char *cpu)
{
	wasm_engine_t *engine = wt_engine(NULL, cpu);
	wasmtime_component_t *comp = NULL;
	char path[4096];
	int rc = -1;

	if (!engine)
		return -1;
	wt_cache_path(wasm, len, cache_dir, path, sizeof path);
	if (mkdir(cache_dir, 0755) != 0 && errno != EEXIST)
		log_err(wt_who, "cannot create %s: %s", cache_dir, strerror(errno));
	else if (wt_compile(engine, wasm, len, &comp) == 0)
		rc = wt_serialize(comp, path);
	if (rc == 0)
		printf("%s\n", path);
	if (comp)
		wasmtime_component_delete(comp);
	wasm_engine_delete(engine);
	return rc;
}

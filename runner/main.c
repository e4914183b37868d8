/* vyoma-run: one process per app. It reads the component, refuses it if it
 * imports what the manifest did not declare (our audit, before any app code
 * runs), locks itself down (run_lockdown: the jail of lib/jail.c, then the
 * seccomp filters of lib/sbx.c), then hands the component to Wasmtime with
 * only the declared capabilities (runner/wt.c). Usage and exit codes:
 * docs/runner.md. */
#include "audit.h"
#include "jail.h"
#include "log.h"
#include "manifest.h"
#include "sbx.h"
#include "selfcheck.h"
#include "wcomp.h"
#include "wt.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RUN_MAX_COMPONENT (64u << 20)

struct run_args {
	struct wt_opts wt;
	const char *component;
	const char *app_dir;
	unsigned memory_mb;
	int audit_only;
	int precompile;
	const char *cpu; /* --cpu: Cranelift preset for --precompile */
	int list_imports;
	int list_caps;
	int sandbox_check;
	char caps_from_flag;
	uid_t uid; /* --uid: the app's own uid (the supervisor as PID 1) */
	struct manifest man;
	char component_buf[PATH_MAX];
	char data_abs[PATH_MAX], cache_abs[PATH_MAX], cache_file[PATH_MAX];
};

static int run_usage(void)
{
	fprintf(stderr,
		"usage: vyoma-run [options] COMPONENT.wasm [-- app args]\n"
		"       vyoma-run --app DIR [options]       (reads DIR/vyoma.toml)\n"
		"  --name NAME        app name used in reports\n"
		"  --cap LIST         granted capabilities, e.g. stdio,filesystem\n"
		"  --data DIR         host directory preopened as /data (filesystem)\n"
		"  --memory-mb N      linear-memory cap (default %d)\n"
		"  --cache DIR        precompiled-component cache (read only when running)\n"
		"  --cache-index FD   the supervisor's sealed index of the artifacts that may be\n"
		"                     loaded (by SHA-256); without it none is\n"
		"  --audit            check the imports against the capabilities and exit\n"
		"  --precompile       compile into --cache, print the artifact path, exit\n"
		"  --cpu PRESET       with --precompile: compile for a CPU baseline (x86-64,\n"
		"                     x86-64-v2, x86-64-v3, x86-64-v4) instead of this CPU\n"
		"  --list-imports     print the component's imports and exit\n"
		"  --list-caps        print the granted capabilities and exit\n"
		"  --uid N            run as uid/gid N in a jail of its own (needs root; the\n"
		"                     supervisor as PID 1 passes it); without it, a user namespace\n"
		"  --sandbox-check    lock down as for --cap (and --uid, --data, --cache, and\n"
		"                     COMPONENT's artifact), probe, exit 0 if it holds; paths\n"
		"                     after -- are files it must not reach\n"
		"  -v                 verbose\n",
		MAN_DEFAULT_MEMORY_MB);
	return RUN_EXIT_REFUSED;
}

typedef int (*run_opt_fn)(struct run_args *a, const char *val);

static int opt_name(struct run_args *a, const char *v)
{
	a->wt.name = v;
	return 0;
}

static int opt_cap(struct run_args *a, const char *v)
{
	char buf[256], *save = NULL;
	if (strlen(v) >= sizeof buf)
		return -1;
	strcpy(buf, v);
	a->wt.caps = 0;
	a->caps_from_flag = 1;
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		unsigned bit = cap_from_name(t);
		if (strcmp(t, "none") == 0)
			continue;
		if (!bit) {
			fprintf(stderr, "vyoma-run: unknown capability '%s'\n", t);
			return -1;
		}
		a->wt.caps |= bit;
	}
	return 0;
}

static int opt_data(struct run_args *a, const char *v)
{
	a->wt.data_dir = v;
	return 0;
}

static int opt_memory(struct run_args *a, const char *v)
{
	char *end;
	unsigned long n = strtoul(v, &end, 10);
	if (*v == '\0' || *end || n < 1 || n > 4096)
		return -1;
	a->memory_mb = (unsigned)n;
	return 0;
}

static int opt_cache(struct run_args *a, const char *v)
{
	a->wt.cache_dir = v;
	return 0;
}

static int opt_cache_index(struct run_args *a, const char *v)
{
	char *end;
	long fd = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || fd < 0 || fd > 1024)
		return -1;
	a->wt.cache_index = (int)fd;
	return 0;
}

static int opt_uid(struct run_args *a, const char *v)
{
	char *end;
	unsigned long n = strtoul(v, &end, 10);
	if (*v == '\0' || *end || n < 1 || n > 0xfffffffeul)
		return -1;
	a->uid = (uid_t)n;
	return 0;
}

static int opt_app(struct run_args *a, const char *v)
{
	a->app_dir = v;
	return 0;
}

static int opt_audit(struct run_args *a, const char *v)
{
	(void)v;
	a->audit_only = 1;
	return 0;
}

static int opt_precompile(struct run_args *a, const char *v)
{
	(void)v;
	a->precompile = 1;
	return 0;
}

/* Only presets we name: Wasmtime aborts on an unknown Cranelift flag. */
static int opt_cpu(struct run_args *a, const char *v)
{
	static const char *const presets[] = {"x86-64", "x86-64-v2", "x86-64-v3", "x86-64-v4"};
	for (size_t i = 0; i < sizeof presets / sizeof presets[0]; i++)
		if (strcmp(v, presets[i]) == 0) {
			a->cpu = presets[i];
			return 0;
		}
	return -1;
}

static int opt_list_imports(struct run_args *a, const char *v)
{
	(void)v;
	a->list_imports = 1;
	return 0;
}

static int opt_list_caps(struct run_args *a, const char *v)
{
	(void)v;
	a->list_caps = 1;
	return 0;
}

static int opt_sandbox_check(struct run_args *a, const char *v)
{
	(void)v;
	a->sandbox_check = 1;
	return 0;
}

static int opt_verbose(struct run_args *a, const char *v)
{
	(void)v;
	a->wt.verbose = 1;
	return 0;
}

static const struct {
	const char *name;
	int takes_value;
	run_opt_fn fn;
} run_opts[] = {
	{"--name", 1, opt_name},        {"--cap", 1, opt_cap},
	{"--data", 1, opt_data},        {"--memory-mb", 1, opt_memory},
	{"--cache", 1, opt_cache},      {"--app", 1, opt_app},
	{"--cache-index", 1, opt_cache_index},
	{"--uid", 1, opt_uid},
	{"--audit", 0, opt_audit},      {"--precompile", 0, opt_precompile},
	{"--cpu", 1, opt_cpu},
	{"--list-imports", 0, opt_list_imports},
	{"--list-caps", 0, opt_list_caps},      {"--sandbox-check", 0, opt_sandbox_check},
	{"-v", 0, opt_verbose},
};

static int run_parse(struct run_args *a, int argc, char **argv)
{
	int i;
	for (i = 1; i < argc && argv[i][0] == '-' && strcmp(argv[i], "--") != 0; i++) {
		size_t k;
		for (k = 0; k < sizeof run_opts / sizeof run_opts[0]; k++)
			if (strcmp(argv[i], run_opts[k].name) == 0)
				break;
		if (k == sizeof run_opts / sizeof run_opts[0]) {
			fprintf(stderr, "vyoma-run: unknown option '%s'\n", argv[i]);
			return -1;
		}
		if (run_opts[k].takes_value && i + 1 >= argc) {
			fprintf(stderr, "vyoma-run: %s needs a value\n", argv[i]);
			return -1;
		}
		if (run_opts[k].fn(a, run_opts[k].takes_value ? argv[++i] : NULL) != 0) {
			fprintf(stderr, "vyoma-run: bad value for %s\n", argv[i - run_opts[k].takes_value]);
			return -1;
		}
	}
	if (i < argc && strcmp(argv[i], "--") != 0)
		a->component = argv[i++];
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	a->wt.argc = argc - i;
	a->wt.argv = argv + i;
	return 0;
}

/* --app DIR: the manifest supplies what flags did not. */
static int run_manifest(struct run_args *a)
{
	char path[PATH_MAX], msg[512];
	struct man_error err;

	if (!a->app_dir)
		return 0;
	if (snprintf(path, sizeof path, "%s/vyoma.toml", a->app_dir) >= (int)sizeof path)
		return -1;
	if (man_load_app(path, &a->man, &err) != 0) {
		man_error_format(&err, msg, sizeof msg);
		fprintf(stderr, "vyoma-run: %s\n", msg);
		return -1;
	}
	{
		/* The folder is the app's name everywhere else (boot lists,
		 * make, the supervisor): say so here, not "cannot open x.wasm". */
		const char *base = strrchr(a->app_dir, '/');
		size_t bl;

		base = base ? base + 1 : a->app_dir;
		bl = strcspn(base, "/");
		if (bl && (strlen(a->man.name) != bl || strncmp(a->man.name, base, bl) != 0)) {
			fprintf(stderr, "vyoma-run: %s: name \"%s\" does not match its folder \"%.*s\"\n",
				path, a->man.name, (int)bl, base);
			return -1;
		}
	}
	if (!a->wt.name)
		a->wt.name = a->man.name;
	if (!a->caps_from_flag)
		a->wt.caps = a->man.caps;
	if (!a->memory_mb)
		a->memory_mb = a->man.memory_mb;
	if (!a->component) {
		if (snprintf(a->component_buf, sizeof a->component_buf, "%s/%s", a->app_dir,
			     a->man.component) >= (int)sizeof a->component_buf)
			return -1;
		a->component = a->component_buf;
	}
	return 0;
}

static int run_audit(const struct run_args *a, const uint8_t *buf, size_t len)
{
	char err[4096];
	if (audit_component(buf, len, a->wt.caps, err, sizeof err) != 0) {
		fprintf(stderr, "vyoma-run: %s: refused: %s\n", a->wt.name, err);
		return -1;
	}
	return 0;
}

/* The order that makes the sandbox hold: everything opened or read first
 * (the component is in memory, the cache index is an fd), then the jail,
 * then seccomp, which denies what the jail needed (mount, setuid...). The
 * paths Wasmtime still opens afterwards are made absolute and bound into
 * the jail at the same place. buf may be NULL (no component: no artifact). */
static int run_lockdown(struct run_args *a, const uint8_t *buf, size_t len)
{
	/* Name lookup (wasi:sockets/ip-name-lookup, through the C library)
	 * reads these; apps without `network` cannot look names up at all. */
	static const char *const resolver[] = {"/etc/hosts", "/etc/resolv.conf",
					       "/etc/nsswitch.conf", "/etc/host.conf",
					       "/etc/gai.conf", NULL};
	struct jail_spec js = {.uid = a->uid};
	char err[512], note[512];

	if (a->wt.data_dir) {
		if (!realpath(a->wt.data_dir, a->data_abs)) {
			fprintf(stderr, "vyoma-run: %s: data %s: %s\n", a->wt.name, a->wt.data_dir,
				strerror(errno));
			return -1;
		}
		a->wt.data_dir = a->data_abs;
		js.data_dir = (a->wt.caps & CAP_FILESYSTEM) ? a->data_abs : NULL;
	}
	if (a->wt.cache_dir && realpath(a->wt.cache_dir, a->cache_abs)) {
		a->wt.cache_dir = a->cache_abs;
		js.cache_dir = a->cache_abs;
		if (buf) {
			wt_cache_path(buf, len, a->cache_abs, a->cache_file, sizeof a->cache_file);
			js.cache_file = a->cache_file;
			a->wt.cache_file = a->cache_file;
		}
	} else if (a->wt.cache_dir) {
		a->wt.cache_dir = NULL; /* no cache there: compile */
	}
	if (a->wt.caps & CAP_NETWORK) {
		js.ro_files = resolver;
		js.net_bind = 1;
	}
	if (jail_enter(&js, note, sizeof note, err, sizeof err) != 0) {
		fprintf(stderr, "vyoma-run: %s: jail: %s\n", a->wt.name, err);
		return -1;
	}
	if (note[0])
		log_warn(a->wt.name, "%s", note);
	if (sbx_apply(a->wt.caps, a->wt.mem_cap, err, sizeof err) != 0) {
		fprintf(stderr, "vyoma-run: %s: sandbox: %s\n", a->wt.name, err);
		return -1;
	}
	return 0;
}

/* --sandbox-check: the same lockdown as a run, then the probes. */
static int run_sandbox_check(struct run_args *a)
{
	struct selfcheck_targets t = {0};
	uint8_t *buf = NULL;
	size_t len = 0;
	char err[512];
	int rc;

	if (!a->wt.name)
		a->wt.name = "sandbox-check";
	a->wt.mem_cap = (size_t)(a->memory_mb ? a->memory_mb : MAN_DEFAULT_MEMORY_MB) << 20;
	if (a->component &&
	    wcomp_read_file(a->component, RUN_MAX_COMPONENT, &buf, &len, err, sizeof err) != 0) {
		fprintf(stderr, "vyoma-run: %s: %s\n", a->wt.name, err);
		return RUN_EXIT_REFUSED;
	}
	rc = run_lockdown(a, buf, len);
	free(buf);
	if (rc != 0)
		return RUN_EXIT_SETUP;
	t.cache_dir = a->wt.cache_dir;
	t.cache_file = a->cache_file[0] ? a->cache_file : NULL;
	t.others = a->wt.argv;
	t.nothers = (size_t)a->wt.argc;
	return selfcheck_run(a->wt.caps, &t) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct run_args a;
	uint8_t *buf = NULL;
	size_t len = 0;
	char *argv0[1];
	char err[512];
	int code;

	memset(&a, 0, sizeof a);
	a.wt.cache_index = -1;
	log_init("vyoma-run", 2);
	if (run_parse(&a, argc, argv) != 0)
		return run_usage();
	if (run_manifest(&a) != 0)
		return RUN_EXIT_REFUSED; /* it said why; the usage text would bury that */
	if (a.sandbox_check)
		return run_sandbox_check(&a);
	if (!a.component)
		return run_usage();
	if (!a.wt.name)
		a.wt.name = "app";
	if (!a.memory_mb)
		a.memory_mb = MAN_DEFAULT_MEMORY_MB;
	a.wt.mem_cap = (size_t)a.memory_mb << 20;
	if (a.wt.argc == 0) {
		argv0[0] = (char *)a.wt.name;
		a.wt.argc = 1;
		a.wt.argv = argv0;
	}
	if (a.list_caps) {
		char caps[128];
		cap_format(a.wt.caps, caps, sizeof caps);
		printf("%s\n", caps);
		return 0;
	}
	if (wcomp_read_file(a.component, RUN_MAX_COMPONENT, &buf, &len, err, sizeof err) != 0) {
		fprintf(stderr, "vyoma-run: %s: %s\n", a.wt.name, err);
		return RUN_EXIT_REFUSED;
	}
	if (a.list_imports) {
		char list[8192];
		code = audit_imports_list(buf, len, list, sizeof list, err, sizeof err) == 0 ? 0 : RUN_EXIT_REFUSED;
		printf("%s\n", code ? err : list);
		goto out;
	}
	if (run_audit(&a, buf, len) != 0) {
		code = RUN_EXIT_REFUSED;
		goto out;
	}
	if (a.audit_only) {
		code = 0;
		goto out;
	}
	if (a.precompile) {
		code = (a.wt.cache_dir && wt_precompile(buf, len, a.wt.cache_dir, a.cpu) == 0) ? 0 : RUN_EXIT_SETUP;
		goto out;
	}
	if (run_lockdown(&a, buf, len) != 0) {
		code = RUN_EXIT_SETUP;
		goto out;
	}
	code = wt_run(&a.wt, buf, len);
out:
	free(buf);
	return code;
}

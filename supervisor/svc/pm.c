/* pm: the process manager. `@supervisor: <cmd> [args]` lines (shell apps
 * and the console) are split into words and dispatched through a table.
 * Every answer is one or more "@supervisor: " lines on the caller's stdin,
 * the last "ok <cmd>" or "error: <reason>". stop and restart answer when
 * the child has really exited (the caller waits on the app, by id, so a
 * caller that goes away meanwhile is simply not answered). What happens to
 * the app is the app layer's to decide (app_start, app_stop ...): pm only
 * asks, and answers when told (pm_app_event). */
#include "pm.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "display.h"
#include "focus.h"
#include "job.h"
#include "load.h"
#include "pkg.h"
#include "log.h"
#include "reconf.h"
#include "shline.h"
#include "sys.h"

#define PM_CMD_MAX 256
#define PM_ARGS 6
#define PM_ERR_MAX 1200 /* a load error and the app's name */

typedef void (*pm_fn)(struct app *caller, int argc, char **argv);

struct pm_cmd {
	const char *name, *usage, *help;
	int min_args, max_args; /* not counting the command */
	pm_fn fn;
	bool quiet;             /* read-only: not worth a log line */
};

static void pm_help(struct app *caller, int argc, char **argv);

static void pm_ok(struct app *c, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void pm_ok(struct app *c, const char *cmd, const char *fmt, ...)
{
	char extra[256] = "";
	va_list ap;

	if (fmt) {
		va_start(ap, fmt);
		vsnprintf(extra, sizeof extra, fmt, ap);
		va_end(ap);
	}
	app_notice(c, "ok %s%s%s", cmd, extra[0] ? " " : "", extra);
}

/* The target app of a command, or NULL after answering an error. */
static struct app *pm_target(struct app *c, const char *name)
{
	struct app *a = app_find(name);
	if (!a)
		app_error(c, "unknown app %s", name);
	return a;
}

static void pm_wait(struct app *c, struct app *a, const char *verb)
{
	if (a->nwaiters == APP_WAITERS) {
		pm_ok(c, verb, "(in progress)");
		return;
	}
	a->waiters[a->nwaiters].caller = c->id;
	snprintf(a->waiters[a->nwaiters].verb, sizeof a->waiters[0].verb, "%s", verb);
	a->nwaiters++;
}

/* What a waiter hears of each event: nothing (NULL: keeps waiting) or its answer. */
static void pm_ev_started(struct app *c, struct app *a, const struct app_waiter *w)
{
	pm_ok(c, w->verb, "%s pid %d", a->name, (int)a->pid);
}

static void pm_ev_start_failed(struct app *c, struct app *a, const struct app_waiter *w)
{
	app_error(c, "%s %s: could not start", w->verb, a->name);
}

static void pm_ev_down(struct app *c, struct app *a, const struct app_waiter *w)
{
	pm_ok(c, w->verb, "%s", a->name);
}

static void pm_ev_removed(struct app *c, struct app *a, const struct app_waiter *w)
{
	app_error(c, "%s %s: removed by a reload", w->verb, a->name);
}

static void (*const pm_ev_answer[APP_EV_COUNT])(struct app *, struct app *,
						 const struct app_waiter *) = {
	[APP_EV_STARTED] = pm_ev_started,
	[APP_EV_START_FAILED] = pm_ev_start_failed,
	[APP_EV_DOWN] = pm_ev_down,
	[APP_EV_REMOVED] = pm_ev_removed,
};

void pm_app_event(struct app *a, enum app_event ev)
{
	unsigned keep = 0;

	if ((unsigned)ev >= APP_EV_COUNT || !pm_ev_answer[ev])
		return;
	for (unsigned i = 0; i < a->nwaiters; i++) {
		struct app_waiter w = a->waiters[i];
		struct app *c = app_find_id(w.caller);
		bool is_stop = strcmp(w.verb, "stop") == 0;

		/* A restart or a start waits through the stop for the start. */
		if (ev == APP_EV_DOWN && !is_stop && a->intent == APP_INTENT_RESTART) {
			a->waiters[keep++] = w;
			continue;
		}
		if (c)
			pm_ev_answer[ev](c, a, &w);
	}
	a->nwaiters = keep;
}

static void pm_ps(struct app *c, int argc, char **argv)
{
	char up[32], caps[96], mem[24], pid[16];

	(void)argc;
	app_notice(c, "%-20s %7s %-8s %9s %8s %-40s %9s %7s", "NAME", "PID", "STATE",
		   "UPTIME", "RESTARTS", "CAPS", "MEM(KiB)", "DROPS");
	for (struct app *a = app_first(); a; a = a->next) {
		if (a->kind != APP_KIND_APP)
			continue;
		app_uptime_fmt(a->pid > 0 ? a->spawned_ms : 0, up, sizeof up);
		cap_format(a->man.caps, caps, sizeof caps);
		long kib = a->pid > 0 ? app_rss_kib(a->pid) : -1;
		if (kib >= 0)
			snprintf(mem, sizeof mem, "%ld", kib);
		else
			snprintf(mem, sizeof mem, "-");
		if (a->pid > 0)
			snprintf(pid, sizeof pid, "%d", (int)a->pid);
		else
			snprintf(pid, sizeof pid, "-");
		app_notice(c, "%-20s %7s %-8s %9s %8u %-40s %9s %7" PRIu64, a->name, pid,
			   app_state_name(a->state), up, a->restarts, caps, mem,
			   a->st.drops + a->st.drops_in);
	}
	job_ps(c);
	pm_ok(c, argv[0], NULL);
}

/* mem: what the system's processes cost, as PSS and private bytes (RSS
 * counts the Wasmtime library every app shares once per app). Reads one
 * small /proc file per running app: make bench asks it once with 1,000. */
static void pm_mem(struct app *c, int argc, char **argv)
{
	long pss, priv, sum_pss = 0, sum_priv = 0;
	unsigned n = 0;

	(void)argc;
	for (struct app *a = app_first(); a; a = a->next) {
		if (a->kind != APP_KIND_APP || a->pid <= 0 || app_smaps_kib(a->pid, &pss, &priv) != 0)
			continue;
		sum_pss += pss;
		sum_priv += priv;
		n++;
	}
	if (app_smaps_kib(getpid(), &pss, &priv) != 0)
		pss = priv = -1;
	app_notice(c, "mem supervisor rss=%ld pss=%ld private=%ld (KiB)", app_rss_kib(getpid()), pss,
		   priv);
	app_notice(c, "mem apps running=%u pss=%ld private=%ld per_app_pss=%ld per_app_private=%ld (KiB)",
		   n, sum_pss, sum_priv, n ? sum_pss / (long)n : 0L, n ? sum_priv / (long)n : 0L);
	pm_ok(c, argv[0], NULL);
}

/* An app that is down may have had its manifest fixed: read it again. */
static int pm_loadable(struct app *c, struct app *a)
{
	if (a->pid <= 0 && (!a->loaded || a->state == APP_FAILED))
		load_app(a);
	if (!a->loaded) {
		app_error(c, "%s: %s", a->name, a->load_error);
		return -1;
	}
	return 0;
}

/* A person asked for this start or restart (a command, the launcher):
 * the run it makes opens its window with the focus (focus.c). Done now,
 * it is the current run; pending, the next one. */
static void pm_asked(const struct app *a, enum app_res r)
{
	if (r == APP_RES_DONE || r == APP_RES_PENDING)
		focus_user_asked(a, a->runs + (r == APP_RES_PENDING));
}

/* Answer a start or restart request now, or wait for its end. */
static void pm_answer(struct app *c, struct app *a, const char *verb, enum app_res r)
{
	pm_asked(a, r);
	switch (r) {
	case APP_RES_DONE:
		pm_ok(c, verb, "%s pid %d", a->name, (int)a->pid);
		break;
	case APP_RES_PENDING:
		pm_wait(c, a, verb);
		break;
	case APP_RES_BUSY:
		app_error(c, "%s is already running", a->name);
		break;
	case APP_RES_FAILED:
		app_error(c, "%s %s: could not start", verb, a->name);
		break;
	}
}

/* The app `name` ready to start: booted or not (any app under the apps
 * dir may be started by name), its manifest read again if it is down.
 * NULL with the reason in err. */
static struct app *pm_startable(const char *name, char *err, size_t errlen)
{
	struct app *a = app_find(name);

	if (!a) {
		if (!man_valid_name(name)) {
			snprintf(err, errlen, "bad app name %s", name);
			return NULL;
		}
		if (!(a = app_new(APP_KIND_APP, name))) {
			snprintf(err, errlen, "out of memory");
			return NULL;
		}
		if (load_app(a) < 0) {
			snprintf(err, errlen, "unknown app %s: %s", name, a->load_error);
			app_free(a);
			return NULL;
		}
	}
	if (a->pid <= 0 && (!a->loaded || a->state == APP_FAILED))
		load_app(a);
	if (!a->loaded) {
		snprintf(err, errlen, "%s: %s", a->name, a->load_error);
		return NULL;
	}
	return a;
}

static void pm_start(struct app *c, int argc, char **argv)
{
	char err[PM_ERR_MAX];
	struct app *a = pm_startable(argv[1], err, sizeof err);

	(void)argc;
	if (!a) {
		app_error(c, "%s", err);
		return;
	}
	pm_answer(c, a, argv[0], app_start(a));
}

int pm_start_app(const char *name, char *err, size_t errlen)
{
	struct app *a = pm_startable(name, err, errlen);
	enum app_res r;

	if (!a)
		return -1;
	log_info(a->name, "start asked for by the launcher");
	r = app_start(a);
	pm_asked(a, r);
	if (r == APP_RES_BUSY || r == APP_RES_FAILED) {
		snprintf(err, errlen, r == APP_RES_BUSY ? "%s is already running" : "%s could not start",
			 a->name);
		return -1;
	}
	return 0;
}

static void pm_stop(struct app *c, int argc, char **argv)
{
	struct app *a = pm_target(c, argv[1]);

	(void)argc;
	if (!a)
		return;
	if (app_stop(a) == APP_RES_PENDING)
		pm_wait(c, a, argv[0]);
	else
		pm_ok(c, argv[0], "%s", a->name);
}

static void pm_kill(struct app *c, int argc, char **argv)
{
	struct app *a = pm_target(c, argv[1]);

	(void)argc;
	if (!a)
		return;
	if (app_kill(a) < 0) {
		app_error(c, "%s is not running", a->name);
		return;
	}
	pm_ok(c, argv[0], "%s", a->name);
}

static void pm_restart(struct app *c, int argc, char **argv)
{
	struct app *a = pm_target(c, argv[1]);

	(void)argc;
	if (!a || pm_loadable(c, a) < 0)
		return;
	pm_answer(c, a, argv[0], app_restart(a));
}

static void pm_reload_done(struct app *c)
{
	pm_ok(c, "reload", NULL);
}

static void pm_reload(struct app *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	reconf_run(c, pm_reload_done);
}

struct pm_log_ctx {
	struct app *c;
};

static void pm_log_line(const char *line, size_t len, void *ctx)
{
	struct pm_log_ctx *l = ctx;
	/* "| " marks a quoted log line: an app's line reading "ok log" or
	 * "error: ..." must not end the answer early for its reader. */
	app_notice(l->c, "| %.*s", (int)len, line);
}

static void pm_log(struct app *c, int argc, char **argv)
{
	struct pm_log_ctx l = { c };
	const struct ring *r;
	unsigned long n = PM_LOG_DEFAULT;
	char *end;

	if (argc > 2) {
		n = strtoul(argv[2], &end, 10);
		if (*end || n == 0 || n > PM_LOG_MAX) {
			app_error(c, "log: n must be 1..%u", PM_LOG_MAX);
			return;
		}
	}
	if (strcmp(argv[1], "supervisor") == 0) {
		r = sys_ring();
	} else {
		struct app *a = pm_target(c, argv[1]);
		if (!a)
			return;
		r = &a->log;
	}
	ring_last(r, (unsigned)n, pm_log_line, &l);
	pm_ok(c, argv[0], NULL);
}

static void pm_focus(struct app *c, int argc, char **argv)
{
	struct app *a = pm_target(c, argv[1]);

	(void)argc;
	if (!a)
		return;
	if (display_focus_app(a) < 0) {
		app_error(c, "%s has no window", a->name);
		return;
	}
	pm_ok(c, argv[0], "%s", a->name);
}

/* pkg answers by itself ("ok pkg <verb>" or the error), at once or, when
 * it waits for an HTTP repository, later. */
static void pm_pkg(struct app *c, int argc, char **argv)
{
	pkg_command(c, argc - 1, argv + 1);
}

static void pm_jobkill(struct app *c, int argc, char **argv)
{
	char *end;
	unsigned long id = strtoul(argv[1], &end, 10);

	(void)argc;
	if (*end || job_kill(c, (unsigned)id) < 0) {
		app_error(c, "jobkill: no job %s of yours", argv[1]);
		return;
	}
	pm_ok(c, argv[0], "%s", argv[1]);
}

static void pm_shkill(struct app *c, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	shline_kill(c);
}

static void pm_shhist(struct app *c, int argc, char **argv)
{
	(void)argc;
	shline_history(c, strcmp(argv[1], "-1") == 0 ? -1 : 1);
}

static void pm_shcols(struct app *c, int argc, char **argv)
{
	char *end;
	unsigned long n = strtoul(argv[1], &end, 10);

	(void)argc;
	if (*end || n < 20 || n > 1000) {
		app_error(c, "shcols: 20..1000 characters");
		return;
	}
	shline_cols(c, (unsigned)n);
}

static void pm_commands(struct app *c, int argc, char **argv)
{
	(void)argc;
	job_commands(c);
	pm_ok(c, argv[0], NULL);
}

static void pm_poweroff(struct app *c, int argc, char **argv)
{
	(void)argc;
	log_info(NULL, "%s requested by %s", argv[0], c->name);
	pm_ok(c, argv[0], NULL);
	sys_shutdown(strcmp(argv[0], "reboot") == 0 ? SYS_DOWN_REBOOT : SYS_DOWN_POWEROFF);
}

static const struct pm_cmd pm_cmds[] = {
	{ "help", "help", "this list", 0, 0, pm_help, true },
	{ "ps", "ps", "apps: name, pid, state, uptime, restarts, caps, memory, drops", 0, 0, pm_ps, true },
	{ "mem", "mem", "memory: the supervisor's RSS, the apps' PSS and private bytes", 0, 0, pm_mem, true },
	{ "start", "start <app>", "start a stopped or failed app", 1, 1, pm_start, false },
	{ "stop", "stop <app>", "SIGTERM, SIGKILL after 2 s; not restarted", 1, 1, pm_stop, false },
	{ "kill", "kill <app>", "SIGKILL now; the restart policy applies", 1, 1, pm_kill, false },
	{ "restart", "restart <app>", "stop, then start", 1, 1, pm_restart, false },
	{ "reload", "reload", "re-read boot.toml and manifests, apply the difference", 0, 0, pm_reload, false },
	{ "log", "log <app> [n]", "last n (20) log lines; 'log supervisor' for events", 1, 2, pm_log, true },
	{ "focus", "focus <app>", "give the app's window the keyboard focus", 1, 1, pm_focus, false },
	{ "pkg", "pkg <verb> ...", "packages: list, search, info, install, upgrade, remove, rollback, boot",
	  1, 5, pm_pkg, false },
	{ "run", "run <pipeline>", "run commands (the shell sends this; docs/commands.md)", 0, 0, NULL, false },
	{ "sh", "sh <line>", "run a line as the shell does: lists, pipelines, verbs, $? (docs/commands.md)",
	  0, 0, NULL, false },
	{ "shtab", "shtab <input>", "complete the command name a shell's input line ends in (Tab)", 0, 0,
	  NULL, true },
	{ "shhist", "shhist -1|1", "an older (-1) or newer (1) line of your shell's history", 1, 1,
	  pm_shhist, true },
	{ "shcols", "shcols <n>", "your shell shows n characters a row: ps in its lines fits them", 1, 1,
	  pm_shcols, true },
	{ "shkill", "shkill", "stop the line `sh` runs for you (Ctrl+C)", 0, 0, pm_shkill, true },
	{ "jobkill", "jobkill <id>", "kill every command of a running pipeline", 1, 1, pm_jobkill, false },
	{ "commands", "commands", "the names of the command apps", 0, 0, pm_commands, true },
	{ "poweroff", "poweroff", "stop every app and power off", 0, 0, pm_poweroff, false },
	{ "reboot", "reboot", "stop every app and reboot", 0, 0, pm_poweroff, false },
};
static const size_t pm_ncmds = sizeof pm_cmds / sizeof pm_cmds[0];

static void pm_help(struct app *c, int argc, char **argv)
{
	(void)argc;
	for (size_t i = 0; i < pm_ncmds; i++)
		app_notice(c, "%-22s %s", pm_cmds[i].usage, pm_cmds[i].help);
	pm_ok(c, argv[0], NULL);
}


const char *pm_verb_name(size_t i)
{
	for (size_t k = 0; k < pm_ncmds; k++)
		if (pm_is_verb(pm_cmds[k].name) && !i--)
			return pm_cmds[k].name;
	return NULL;
}

bool pm_is_verb(const char *name)
{
	for (size_t i = 0; i < pm_ncmds; i++)
		if (pm_cmds[i].fn && strcmp(pm_cmds[i].name, name) == 0)
			return strcmp(name, "help") != 0 && strncmp(name, "sh", 2) != 0;
	return false;
}

void pm_command(struct app *caller, const char *cmd, size_t len)
{
	char buf[PM_CMD_MAX + 1], *argv[PM_ARGS + 1], *save = NULL;
	int argc = 0;

	/* A typed line (shline.c) and a pipeline's escaped words may be
	 * long and hold blanks: not split here. */
	if (len >= 3 && memcmp(cmd, "sh ", 3) == 0) {
		shline_run(caller, cmd + 3, len - 3);
		return;
	}
	if (len >= 5 && memcmp(cmd, "shtab", 5) == 0 && (len == 5 || cmd[5] == ' ')) {
		shline_complete(caller, cmd + 5 + (len > 5), len - 5 - (len > 5));
		return;
	}
	if (len >= 4 && memcmp(cmd, "run ", 4) == 0) {
		job_run(caller, cmd + 4, len - 4);
		return;
	}
	if (len > PM_CMD_MAX) {
		app_error(caller, "command too long");
		return;
	}
	memcpy(buf, cmd, len);
	buf[len] = '\0';
	for (char *w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		if (argc == PM_ARGS) {
			app_error(caller, "too many arguments");
			return;
		}
		argv[argc++] = w;
	}
	argv[argc] = NULL;
	if (argc == 0) {
		app_error(caller, "empty command (try help)");
		return;
	}
	for (size_t i = 0; i < pm_ncmds; i++) {
		if (strcmp(pm_cmds[i].name, argv[0]) != 0)
			continue;
		if (!pm_cmds[i].fn || argc - 1 < pm_cmds[i].min_args || argc - 1 > pm_cmds[i].max_args) {
			app_error(caller, "usage: %s", pm_cmds[i].usage);
			return;
		}
		if (!pm_cmds[i].quiet)
			log_info(caller->name, "command: %s%s%s", argv[0], argc > 1 ? " " : "",
				 argc > 1 ? argv[1] : "");
		pm_cmds[i].fn(caller, argc, argv);
		return;
	}
	app_error(caller, "unknown command %s (try help)", argv[0]);
}

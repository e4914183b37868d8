/* app_life: the lifecycle of an app, and the one owner of its state
 * machine. Only this file writes a->state and a->intent ("what to do once
 * it is down"); every other module asks (app_start, app_stop, app_restart,
 * app_remove, app_fail, app_shutdown_all) and hears back through
 * app_subscribe(). The whole machine is the table app_rules below: state x
 * event -> action and next state, in the manner of s6-supervise. Requests
 * that arrive while a process is going away (stopping, or exited with its
 * last output still being read) only change the intent; the intent is
 * acted on once, when the exit is complete, so no request can start a
 * second process or a second backoff timer under the first one's feet.
 *
 * Mechanisms: spawn, readiness, watchdog, stop with a grace period, and
 * the restart policy with backoff and give-up. Deadlines are loop timers,
 * and an exit is only ever observed through SIGCHLD + waitpid, never
 * assumed after a sleep. Every event is one log line with the app's name. */
#include "app.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "child.h"
#include "log.h"
#include "hot.h"

enum app_sm_ev {
	EV_START,    /* app_start(): start it */
	EV_STOP,     /* app_stop(): stop it and keep it down */
	EV_RESTART,  /* app_restart(): stop it if up, start it */
	EV_REMOVE,   /* app_remove(): stop it if up, free it */
	EV_FAIL,     /* app_fail(): it cannot be loaded */
	EV_SHUTDOWN, /* app_shutdown_all() */
	EV_READY,    /* it wrote VYOMA_READY, or lived APP_READY_MS */
	EV_EXIT,     /* waitpid() reaped it */
	EV_DRAINED,  /* its pipes are read to the end and closed */
	EV_BACKOFF,  /* its backoff delay is over */
	EV_COUNT
};

static struct {
	struct app_spawn_cfg cfg;
	app_event_fn subs[APP_SUBSCRIBERS];
	unsigned nsubs;
	bool down; /* shutting down: start nothing */
} life;

void app_life_configure(const struct app_spawn_cfg *cfg) { life.cfg = *cfg; }

int app_subscribe(app_event_fn fn)
{
	if (life.nsubs == APP_SUBSCRIBERS)
		return -1;
	life.subs[life.nsubs++] = fn;
	return 0;
}

static void app_emit(struct app *a, enum app_event ev)
{
	for (unsigned i = 0; i < life.nsubs; i++)
		life.subs[i](a, ev);
}

static void app_set_state(struct app *a, enum app_state s)
{
	a->state = s;
	app_emit(a, APP_EV_CHANGED);
}

/* ---- mechanisms -------------------------------------------------------------------- */

static void app_signal(struct app *a, int sig)
{
	if (a->pid <= 0)
		return;
	/* The whole group: the runner and anything it started. */
	if (kill(-a->pid, sig) < 0 && errno == ESRCH)
		kill(a->pid, sig);
}

static void app_ready_timer(void *ctx)
{
	struct app *a = ctx;
	a->t_ready = 0;
	if (a->pid > 0)
		app_mark_ready(a);
}

static void app_watchdog_timer(void *ctx)
{
	struct app *a = ctx;
	uint64_t limit = (uint64_t)a->man.watchdog_secs * 1000u, now = ev_now_ms();
	uint64_t silent = now - a->last_out_ms;

	a->t_watchdog = 0;
	if (a->pid <= 0 || a->state == APP_STOPPING)
		return;
	if (silent < limit) {
		a->t_watchdog = ev_timer_add(limit - silent, app_watchdog_timer, a);
		return;
	}
	log_warn(a->name, "watchdog: no output for %u s, killing pid %d", a->man.watchdog_secs,
		 (int)a->pid);
	a->watchdog_fired = true;
	app_signal(a, SIGKILL);
}

static void app_grace_timer(void *ctx)
{
	struct app *a = ctx;
	a->t_grace = 0;
	if (a->pid <= 0)
		return;
	log_warn(a->name, "did not stop within %u ms, sending SIGKILL", APP_GRACE_MS);
	app_signal(a, SIGKILL);
}

static void app_backoff_timer(void *ctx);
static enum app_res app_sm(struct app *a, enum app_sm_ev ev);

/* The policy part of an exit the app was not asked to make. */
static void app_after_exit(struct app *a, int wstatus)
{
	uint64_t now = ev_now_ms(), ran = now - a->spawned_ms;
	enum pol_exit e = pol_classify(wstatus);
	enum pol_verdict v;
	bool gave_up = false;
	char how[96];

	a->ever_exited = true;
	a->last_status = wstatus;
	pol_describe(wstatus, how, sizeof how);
	if (a->watchdog_fired)
		snprintf(how + strlen(how), sizeof how - strlen(how), " by the watchdog");
	if (ran >= POL_STABLE_MS)
		a->backoff_level = 0;
	if (e != POL_OK)
		gave_up = pol_record_failure(&a->hist, now, a->man.window_secs, a->man.max_failures);
	v = pol_decide(a->man.restart, e, gave_up);
	switch (v) {
	case POL_DONE:
		log_info(a->name, "exited: %s after %llu ms; policy %s: not restarted", how,
			 (unsigned long long)ran, restart_policy_name(a->man.restart));
		app_set_state(a, e == POL_OK ? APP_STOPPED : APP_FAILED);
		break;
	case POL_GIVE_UP:
		if (e == POL_REFUSED)
			log_err(a->name, "exited: %s; not restarted", how);
		else
			log_err(a->name, "exited: %s; gave up after %u failures within %u s", how,
				a->hist.n, a->man.window_secs);
		app_set_state(a, APP_FAILED);
		break;
	case POL_RESTART: {
		uint64_t delay = pol_backoff_ms(a->backoff_level);
		if (a->backoff_level < 16)
			a->backoff_level++;
		log_warn(a->name, "exited: %s after %llu ms; restart in %llu ms (policy %s)", how,
			 (unsigned long long)ran, (unsigned long long)delay,
			 restart_policy_name(a->man.restart));
		ev_timer_clear(&a->t_backoff); /* one backoff timer per app, ever */
		a->t_backoff = ev_timer_add(delay, app_backoff_timer, a);
		app_set_state(a, APP_BACKOFF);
		break;
	}
	}
}

/* Spawn the runner: STARTING, or what the policy says of a failed spawn. */

/* `log <app>` shows where each run begins, so an old error does not read
 * as a current one. */
static void app_mark_run(struct app *a)
{
	char mark[64];
	int n = snprintf(mark, sizeof mark, "--- run %u: pid %d ---", ++a->runs, (int)a->pid);

	ring_push(&a->log, mark, (size_t)n);
}

static enum app_res app_spawn(struct app *a)
{
	char caps[128], err[256];
	struct child_req req = { 0 };
	struct child_res res;

	ev_timer_clear(&a->t_backoff);
	a->intent = APP_INTENT_POLICY;
	if (life.down) {
		log_info(a->name, "not started: shutting down");
		return APP_RES_FAILED;
	}
	if (!a->loaded) {
		log_err(a->name, "not started: %s", a->load_error);
		app_set_state(a, APP_FAILED);
		return APP_RES_FAILED;
	}
	cap_format(a->man.caps, caps, sizeof caps);
	req.runner = life.cfg.runner;
	req.name = a->name;
	req.caps = caps;
	req.memory_mb = a->man.memory_mb;
	req.data_dir = (a->man.caps & CAP_FILESYSTEM) ? life.cfg.data_dir : NULL;
	req.cache_dir = life.cfg.cache;
	req.cache_index = life.cfg.cache_index;
	req.component = a->component;
	req.clean_env = life.cfg.clean_env;
	a->spawned_ms = a->last_out_ms = ev_now_ms();
	a->ready = a->said_ready = a->watchdog_fired = false;
	a->refused_kinds = 0;
	if (child_spawn(&req, &res, err, sizeof err) < 0) {
		log_err(a->name, "spawn failed: %s", err);
		app_after_exit(a, W_EXITCODE(127, 0));
		app_emit(a, APP_EV_START_FAILED);
		return APP_RES_FAILED;
	}
	a->pid = res.pid;
	a->in_fd = res.in_fd;
	a->out_fd = res.out_fd;
	a->err_fd = res.err_fd;
	if (app_io_attach(a) < 0)
		log_err(a->name, "cannot watch its pipes: %s", strerror(errno));
	a->t_ready = ev_timer_add(APP_READY_MS, app_ready_timer, a);
	if (a->man.watchdog_secs)
		a->t_watchdog = ev_timer_add((uint64_t)a->man.watchdog_secs * 1000u,
					     app_watchdog_timer, a);
	log_info(a->name, "started pid %d (caps %s, memory %u MiB)", (int)a->pid, caps,
		 a->man.memory_mb);
	app_mark_run(a);
	app_set_state(a, APP_STARTING);
	app_emit(a, APP_EV_STARTED);
	return APP_RES_DONE;
}

static void app_backoff_timer(void *ctx)
{
	struct app *a = ctx;
	a->t_backoff = 0;
	app_sm(a, EV_BACKOFF);
}

/* ---- actions of the table -------------------------------------------------------------- */

typedef enum app_res (*app_act)(struct app *a);

static enum app_res act_start(struct app *a)
{
	app_reset_history(a);
	return app_spawn(a);
}

static enum app_res act_respawn(struct app *a)
{
	a->restarts++;
	log_info(a->name, "restarting (restart %u)", a->restarts);
	return app_spawn(a);
}

static enum app_res act_busy(struct app *a)
{
	(void)a;
	return APP_RES_BUSY;
}

static enum app_res act_term(struct app *a)
{
	log_info(a->name, "stopping pid %d (SIGTERM)", (int)a->pid);
	app_signal(a, SIGTERM);
	ev_timer_clear(&a->t_grace);
	a->t_grace = ev_timer_add(APP_GRACE_MS, app_grace_timer, a);
	return APP_RES_PENDING;
}

/* Intents, for a process that is up or going away. A stop does not undo a
 * removal (the app goes either way); a start or restart does. */
static enum app_res act_want_down(struct app *a)
{
	if (a->intent != APP_INTENT_REMOVE)
		a->intent = APP_INTENT_DOWN;
	return APP_RES_PENDING;
}

static enum app_res act_want_restart(struct app *a)
{
	a->intent = APP_INTENT_RESTART;
	return APP_RES_PENDING;
}

static enum app_res act_want_remove(struct app *a)
{
	a->intent = APP_INTENT_REMOVE;
	return APP_RES_PENDING;
}

static enum app_res act_term_down(struct app *a)
{
	act_want_down(a);
	return act_term(a);
}

static enum app_res act_term_restart(struct app *a)
{
	act_want_restart(a);
	return act_term(a);
}

static enum app_res act_term_remove(struct app *a)
{
	act_want_remove(a);
	return act_term(a);
}

static enum app_res act_unschedule(struct app *a)
{
	ev_timer_clear(&a->t_backoff);
	log_info(a->name, "stopped (was waiting to restart)");
	return APP_RES_DONE;
}

static enum app_res act_changed(struct app *a)
{
	app_emit(a, APP_EV_CHANGED);
	return APP_RES_DONE;
}

static enum app_res act_free(struct app *a)
{
	ev_timer_clear(&a->t_backoff);
	a->intent = APP_INTENT_REMOVE;
	if (a->state != APP_STOPPED)
		app_set_state(a, APP_STOPPED);
	log_info(a->name, "removed");
	app_emit(a, APP_EV_REMOVED);
	app_remove_later(a);
	return APP_RES_DONE;
}

/* The process is gone: no child, no timers; its output is read next. */
static enum app_res act_gone(struct app *a)
{
	a->pid = 0;
	a->exited_ms = ev_now_ms();
	ev_timer_clear(&a->t_ready);
	ev_timer_clear(&a->t_grace);
	ev_timer_clear(&a->t_watchdog);
	ev_timer_clear(&a->t_eof);
	return APP_RES_DONE;
}

/* The exit is complete: act on the intent, once. */
static enum app_res act_settle(struct app *a)
{
	enum app_intent want = a->intent;
	char how[96];

	if (want == APP_INTENT_POLICY && !life.down) {
		app_after_exit(a, a->last_status);
		return APP_RES_DONE;
	}
	if (life.down && want != APP_INTENT_REMOVE)
		want = APP_INTENT_DOWN;
	pol_describe(a->last_status, how, sizeof how);
	log_info(a->name, "stopped: %s after %llu ms", how,
		 (unsigned long long)(a->exited_ms - a->spawned_ms));
	a->ever_exited = true;
	a->intent = want; /* for the waiters: a restart's wait for the start goes on */
	app_set_state(a, APP_STOPPED);
	app_emit(a, APP_EV_DOWN);
	a->intent = APP_INTENT_POLICY;
	if (want == APP_INTENT_REMOVE)
		return act_free(a);
	if (want == APP_INTENT_RESTART)
		return act_start(a);
	return APP_RES_DONE;
}

/* ---- the machine ------------------------------------------------------------------------- */


struct app_rule {
	app_act act;      /* NULL: nothing to do */
	unsigned char to; /* TO(next state) after the action; SAME (0): the action decides */
};
#define SAME 0
#define TO(s) ((s) + 1)

/* Every (state, event) pair not listed is ignored: a request answers
 * "done", and the state does not change. */
static const struct app_rule app_rules[APP_STATE_COUNT][EV_COUNT] = {
	[APP_STOPPED] = {
		[EV_START] = { act_start, SAME },   [EV_RESTART] = { act_start, SAME },
		[EV_REMOVE] = { act_free, SAME },   [EV_FAIL] = { NULL, TO(APP_FAILED) },
	},
	[APP_STARTING] = {
		[EV_START] = { act_busy, SAME },    [EV_STOP] = { act_term_down, TO(APP_STOPPING) },
		[EV_RESTART] = { act_term_restart, TO(APP_STOPPING) },
		[EV_REMOVE] = { act_term_remove, TO(APP_STOPPING) },
		[EV_FAIL] = { act_busy, SAME },     [EV_SHUTDOWN] = { act_term_down, TO(APP_STOPPING) },
		[EV_READY] = { NULL, TO(APP_RUNNING) }, [EV_EXIT] = { act_gone, TO(APP_EXITING) },
	},
	[APP_RUNNING] = {
		[EV_START] = { act_busy, SAME },    [EV_STOP] = { act_term_down, TO(APP_STOPPING) },
		[EV_RESTART] = { act_term_restart, TO(APP_STOPPING) },
		[EV_REMOVE] = { act_term_remove, TO(APP_STOPPING) },
		[EV_FAIL] = { act_busy, SAME },     [EV_SHUTDOWN] = { act_term_down, TO(APP_STOPPING) },
		[EV_READY] = { act_changed, SAME }, [EV_EXIT] = { act_gone, TO(APP_EXITING) },
	},
	[APP_STOPPING] = {
		[EV_START] = { act_want_restart, SAME }, [EV_STOP] = { act_want_down, SAME },
		[EV_RESTART] = { act_want_restart, SAME }, [EV_REMOVE] = { act_want_remove, SAME },
		[EV_FAIL] = { act_busy, SAME },     [EV_SHUTDOWN] = { act_want_down, SAME },
		[EV_READY] = { act_changed, SAME }, [EV_EXIT] = { act_gone, TO(APP_EXITING) },
	},
	[APP_EXITING] = {
		[EV_START] = { act_want_restart, SAME }, [EV_STOP] = { act_want_down, SAME },
		[EV_RESTART] = { act_want_restart, SAME }, [EV_REMOVE] = { act_want_remove, SAME },
		[EV_FAIL] = { act_busy, SAME },     [EV_SHUTDOWN] = { act_want_down, SAME },
		[EV_DRAINED] = { act_settle, SAME },
	},
	[APP_BACKOFF] = {
		[EV_START] = { act_start, SAME },   [EV_STOP] = { act_unschedule, TO(APP_STOPPED) },
		[EV_RESTART] = { act_start, SAME }, [EV_REMOVE] = { act_free, SAME },
		[EV_FAIL] = { act_unschedule, TO(APP_FAILED) },
		[EV_SHUTDOWN] = { act_unschedule, TO(APP_STOPPED) }, [EV_BACKOFF] = { act_respawn, SAME },
	},
	[APP_FAILED] = {
		[EV_START] = { act_start, SAME },   [EV_RESTART] = { act_start, SAME },
		[EV_REMOVE] = { act_free, SAME },
	},
};

static const char *const app_ev_names[EV_COUNT] = {
	"start", "stop", "restart", "remove", "fail", "shutdown", "ready", "exit", "drained",
	"backoff",
};

static enum app_res app_sm(struct app *a, enum app_sm_ev ev)
{
	const struct app_rule *r;
	enum app_res res = APP_RES_DONE;

	if (a->kind != APP_KIND_APP || (unsigned)a->state >= APP_STATE_COUNT)
		return APP_RES_FAILED;
	r = &app_rules[a->state][ev];
	log_debug(a->name, "%s in state %s", app_ev_names[ev], app_state_name(a->state));
	if (r->act)
		res = r->act(a);
	if (r->to != SAME && r->to - 1 != (int)a->state)
		app_set_state(a, (enum app_state)(r->to - 1));
	return res;
}

/* ---- requests ---------------------------------------------------------------------------- */

enum app_res app_start(struct app *a) { return app_sm(a, EV_START); }
enum app_res app_stop(struct app *a) { return app_sm(a, EV_STOP); }
enum app_res app_restart(struct app *a) { return app_sm(a, EV_RESTART); }
enum app_res app_remove(struct app *a) { return app_sm(a, EV_REMOVE); }
enum app_res app_fail(struct app *a) { return app_sm(a, EV_FAIL); }
bool app_shutting_down(void) { return life.down; }

void app_shutdown_all(void)
{
	life.down = true;
	for (struct app *a = app_first(); a; a = a->next)
		if (a->kind == APP_KIND_APP && !a->dead)
			app_sm(a, EV_SHUTDOWN);
}

struct app *app_console_new(int fd)
{
	struct app *c = app_new(APP_KIND_CONSOLE, "console");

	if (!c)
		return NULL;
	c->in_fd = fd;
	c->state = APP_RUNNING; /* a connection is up from its accept to its end */
	c->man.caps = (1u << CAP_COUNT) - 1;
	if (app_io_attach(c) < 0) {
		c->in_fd = -1; /* the caller still owns fd */
		app_remove_later(c);
		return NULL;
	}
	return c;
}

int app_kill(struct app *a)
{
	if (a->kind != APP_KIND_APP || a->pid <= 0)
		return -1;
	log_info(a->name, "killing pid %d (SIGKILL)", (int)a->pid);
	app_signal(a, SIGKILL);
	return 0;
}

VY_HOT void app_touch(struct app *a)
{
	/* last_out_ms is the watchdog's alone (spawn sets it before arming). */
	if (a->t_watchdog)
		a->last_out_ms = ev_now_ms();
}

void app_mark_ready(struct app *a)
{
	if (a->kind != APP_KIND_APP || a->pid <= 0)
		return;
	ev_timer_clear(&a->t_ready);
	if (a->ready)
		return;
	a->ready = a->ever_ready = true;
	a->ready_ms = ev_now_ms();
	log_info(a->name, "ready after %llu ms", (unsigned long long)(a->ready_ms - a->spawned_ms));
	app_sm(a, EV_READY);
}

void app_reset_history(struct app *a)
{
	a->hist.n = 0;
	a->backoff_level = 0;
}

static app_other_exit_fn life_other_exit;

void app_on_other_exit(app_other_exit_fn fn)
{
	life_other_exit = fn;
}

void app_child_exited(pid_t pid, int wstatus)
{
	struct app *a = app_find_pid(pid);

	if (!a) {
		if (life_other_exit)
			life_other_exit(pid, wstatus);
		else
			log_debug(NULL, "reaped pid %d", (int)pid);
		return;
	}
	/* Whatever the runner left in its group goes with it. */
	kill(-pid, SIGKILL);
	a->last_status = wstatus;
	app_sm(a, EV_EXIT);
	/* Its last lines may ask for anything (even its own restart): while
	 * exiting, requests only set the intent. */
	app_io_detach(a);
	app_emit(a, APP_EV_EXITED);
	app_sm(a, EV_DRAINED);
}

void app_reap(void)
{
	int st;
	pid_t pid;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		app_child_exited(pid, st);
}

/* app_life: the lifecycle of an app: spawn, readiness, watchdog, stop with
 * a grace period, and what follows an exit (restart policy, backoff,
 * give-up). Deadlines are loop timers, and an exit is only ever observed
 * through SIGCHLD + waitpid, never assumed after a sleep. Every event is
 * one log line with the app's name. */
#include "app.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "display.h"
#include "log.h"
#include "pm.h"
#include "child.h"
#include "sup.h"

static void app_set_state(struct app *a, enum app_state s)
{
	a->state = s;
	sup_app_changed(a);
}

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

static void app_after_exit(struct app *a, int wstatus);

int app_start(struct app *a)
{
	char caps[128], err[256], data[APP_DIR_MAX];
	struct child_req req = { 0 };
	struct child_res res;
	const struct sup_opts *o = sup_opts();

	if (a->kind != APP_KIND_APP || a->pid > 0)
		return -1;
	ev_timer_clear(&a->t_backoff);
	if (!a->loaded) {
		log_err(a->name, "not started: %s", a->load_error);
		app_set_state(a, APP_FAILED);
		return -1;
	}
	cap_format(a->man.caps, caps, sizeof caps);
	sup_path(data, sizeof data, "data");
	req.runner = o->runner;
	req.name = a->name;
	req.caps = caps;
	req.memory_mb = a->man.memory_mb;
	req.data_dir = (a->man.caps & CAP_FILESYSTEM) ? data : NULL;
	req.cache_dir = o->cache;
	req.component = a->component;
	req.clean_env = o->real_pid1;
	a->spawned_ms = a->last_out_ms = ev_now_ms();
	a->ready = a->said_ready = a->watchdog_fired = a->want_down = false;
	if (child_spawn(&req, &res, err, sizeof err) < 0) {
		log_err(a->name, "spawn failed: %s", err);
		app_after_exit(a, W_EXITCODE(127, 0));
		pm_app_event(a, PM_EV_START_FAILED);
		return -1;
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
	app_set_state(a, APP_STARTING);
	pm_app_event(a, PM_EV_STARTED);
	return 0;
}

void app_touch(struct app *a)
{
	if (a->kind == APP_KIND_APP)
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
	if (a->state == APP_STARTING)
		app_set_state(a, APP_RUNNING);
	else
		sup_app_changed(a);
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

void app_stop(struct app *a)
{
	if (a->kind != APP_KIND_APP)
		return;
	a->want_down = true;
	if (a->pid <= 0) {
		if (a->state == APP_BACKOFF) {
			ev_timer_clear(&a->t_backoff);
			app_set_state(a, APP_STOPPED);
		}
		return;
	}
	if (a->state == APP_STOPPING)
		return;
	log_info(a->name, "stopping pid %d (SIGTERM)", (int)a->pid);
	app_signal(a, SIGTERM);
	ev_timer_clear(&a->t_grace);
	a->t_grace = ev_timer_add(APP_GRACE_MS, app_grace_timer, a);
	app_set_state(a, APP_STOPPING);
}

void app_kill(struct app *a)
{
	if (a->kind != APP_KIND_APP || a->pid <= 0)
		return;
	log_info(a->name, "killing pid %d (SIGKILL)", (int)a->pid);
	app_signal(a, SIGKILL);
}

void app_reset_history(struct app *a)
{
	a->hist.n = 0;
	a->backoff_level = 0;
}

static void app_backoff_timer(void *ctx)
{
	struct app *a = ctx;
	a->t_backoff = 0;
	if (a->state != APP_BACKOFF || sup_shutting_down())
		return;
	a->restarts++;
	log_info(a->name, "restarting (restart %u)", a->restarts);
	app_start(a);
}

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
		a->t_backoff = ev_timer_add(delay, app_backoff_timer, a);
		app_set_state(a, APP_BACKOFF);
		break;
	}
	}
}

void app_child_exited(pid_t pid, int wstatus)
{
	struct app *a = app_find_pid(pid);
	char how[96];

	if (!a) {
		log_debug(NULL, "reaped pid %d", (int)pid);
		return;
	}
	/* Whatever the runner left in its group goes with it. */
	kill(-pid, SIGKILL);
	a->pid = 0;
	a->exited_ms = ev_now_ms();
	ev_timer_clear(&a->t_ready);
	ev_timer_clear(&a->t_grace);
	ev_timer_clear(&a->t_watchdog);
	ev_timer_clear(&a->t_eof);
	app_io_detach(a);
	display_app_exit(a);
	if (a->want_down || sup_shutting_down()) {
		pol_describe(wstatus, how, sizeof how);
		log_info(a->name, "stopped: %s after %llu ms", how,
			 (unsigned long long)(a->exited_ms - a->spawned_ms));
		a->last_status = wstatus;
		a->ever_exited = true;
		a->want_down = false;
		app_set_state(a, APP_STOPPED);
		pm_app_event(a, PM_EV_DOWN);
		if (a->remove_when_down) {
			log_info(a->name, "removed");
			app_remove_later(a);
			return;
		}
		if (a->restart_when_down && !sup_shutting_down()) {
			a->restart_when_down = false;
			app_reset_history(a);
			app_start(a);
		}
		return;
	}
	app_after_exit(a, wstatus);
}

void app_reap(void)
{
	int st;
	pid_t pid;

	while ((pid = waitpid(-1, &st, WNOHANG)) > 0)
		app_child_exited(pid, st);
}

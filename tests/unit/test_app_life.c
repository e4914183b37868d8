/* test_app_life: the app state machine (supervisor/app/app_life.c) with
 * real child processes, linked with the app layer, core/ and lib/ alone.
 * The "runner" is a shell script that runs the component file as shell,
 * so each test app does what its snippet says; exits are reaped with a
 * blocking waitpid and fed in as the loop would, so the order of events
 * is the test's, not the scheduler's. Every (state, request) pair of the
 * table, then the exits: exit-while-detaching, restart-of-self,
 * start-during-remove, stop-during-backoff, reload-while-stopping. */
#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "app.h"
#include "ev.h"
#include "log.h"

static char tdir[64];
static char runner[128];
static unsigned nevents[APP_EV_COUNT];
static enum app_state state_in_hook = APP_STATE_COUNT;
static enum app_res res_in_hook;

static void on_event(struct app *a, enum app_event ev)
{
	(void)a;
	nevents[ev]++;
}

/* The broker's stand-in: "@supervisor: <verb> <app>" asks the app layer. */
static void on_line(struct app *a, char *line, size_t len, unsigned flags)
{
	static const struct {
		const char *verb;
		enum app_res (*fn)(struct app *);
	} verbs[] = {
		{ "start", app_start }, { "stop", app_stop }, { "restart", app_restart },
		{ "remove", app_remove },
	};
	char verb[16], name[32];
	struct app *t;

	(void)len;
	(void)flags;
	if (sscanf(line, "@supervisor: %15s %31s", verb, name) != 2 || !(t = app_find(name)))
		return;
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(verb, verbs[i].verb) == 0) {
			state_in_hook = a->state;
			res_in_hook = verbs[i].fn(t);
		}
}

static unsigned count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	unsigned n = 0;

	assert_non_null(d);
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* An app whose process runs the shell snippet `sh`. */
static struct app *mk(const char *name, const char *sh)
{
	struct app *a = app_new(APP_KIND_APP, name);

	assert_non_null(a);
	snprintf(a->component, sizeof a->component, "%s/%s.sh", tdir, name);
	write_file(a->component, sh);
	a->loaded = true;
	a->man.caps = CAP_STDIO | CAP_SHELL;
	a->man.memory_mb = 1;
	a->man.restart = RESTART_ON_FAILURE;
	a->man.max_failures = 5;
	a->man.window_secs = 60;
	return a;
}

/* Wait for a's process to end (it was told to, or does by itself) and
 * hand its exit to the app layer as SIGCHLD would. */
static void reap(struct app *a)
{
	pid_t pid = a->pid;
	int st;

	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	app_child_exited(pid, st);
}

static int setup(void **state)
{
	(void)state;
	memset(nevents, 0, sizeof nevents);
	state_in_hook = APP_STATE_COUNT;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (struct app *a = app_first(); a; a = a->next)
		if (a->pid > 0) {
			kill(-a->pid, SIGKILL);
			waitpid(a->pid, NULL, 0);
			a->pid = 0;
		}
	app_free_all();
	return 0;
}

/* ---- every (state, request) pair --------------------------------------------------- */

enum req { R_START, R_STOP, R_RESTART, R_REMOVE, R_FAIL, R_COUNT };

static enum app_res req(struct app *a, enum req r)
{
	switch (r) {
	case R_START: return app_start(a);
	case R_STOP: return app_stop(a);
	case R_RESTART: return app_restart(a);
	case R_REMOVE: return app_remove(a);
	case R_FAIL: return app_fail(a);
	case R_COUNT: break;
	}
	return APP_RES_FAILED;
}

/* An app put in state s by the public requests and real exits. */
static struct app *in_state(enum app_state s)
{
	struct app *a = mk("t", "exec sleep 30\n");

	switch (s) {
	case APP_STOPPED:
		break;
	case APP_STARTING:
		assert_int_equal(app_start(a), APP_RES_DONE);
		break;
	case APP_RUNNING:
		assert_int_equal(app_start(a), APP_RES_DONE);
		app_mark_ready(a);
		break;
	case APP_STOPPING:
		assert_int_equal(app_start(a), APP_RES_DONE);
		assert_int_equal(app_stop(a), APP_RES_PENDING);
		break;
	case APP_BACKOFF:
		assert_int_equal(app_start(a), APP_RES_DONE);
		app_kill(a);
		reap(a);
		break;
	case APP_FAILED:
		app_fail(a);
		break;
	default:
		fail();
	}
	assert_int_equal(a->state, s);
	return a;
}

struct want {
	enum app_res res;
	enum app_state state;
	enum app_intent intent; /* checked while a process is up */
	bool dead;              /* removed */
};

#define W(r, s, i, d) { APP_RES_##r, APP_##s, APP_INTENT_##i, d }
static const struct {
	enum app_state from;
	struct want w[R_COUNT]; /* start, stop, restart, remove, fail */
} expect[] = {
	{ APP_STOPPED, { W(DONE, STARTING, POLICY, 0), W(DONE, STOPPED, POLICY, 0),
			 W(DONE, STARTING, POLICY, 0), W(DONE, STOPPED, REMOVE, 1),
			 W(DONE, FAILED, POLICY, 0) } },
	{ APP_STARTING, { W(BUSY, STARTING, POLICY, 0), W(PENDING, STOPPING, DOWN, 0),
			  W(PENDING, STOPPING, RESTART, 0), W(PENDING, STOPPING, REMOVE, 0),
			  W(BUSY, STARTING, POLICY, 0) } },
	{ APP_RUNNING, { W(BUSY, RUNNING, POLICY, 0), W(PENDING, STOPPING, DOWN, 0),
			 W(PENDING, STOPPING, RESTART, 0), W(PENDING, STOPPING, REMOVE, 0),
			 W(BUSY, RUNNING, POLICY, 0) } },
	{ APP_STOPPING, { W(PENDING, STOPPING, RESTART, 0), W(PENDING, STOPPING, DOWN, 0),
			  W(PENDING, STOPPING, RESTART, 0), W(PENDING, STOPPING, REMOVE, 0),
			  W(BUSY, STOPPING, DOWN, 0) } },
	{ APP_BACKOFF, { W(DONE, STARTING, POLICY, 0), W(DONE, STOPPED, POLICY, 0),
			 W(DONE, STARTING, POLICY, 0), W(DONE, STOPPED, REMOVE, 1),
			 W(DONE, FAILED, POLICY, 0) } },
	{ APP_FAILED, { W(DONE, STARTING, POLICY, 0), W(DONE, FAILED, POLICY, 0),
			W(DONE, STARTING, POLICY, 0), W(DONE, STOPPED, REMOVE, 1),
			W(DONE, FAILED, POLICY, 0) } },
};

static void test_every_request_in_every_state(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
		for (int r = 0; r < R_COUNT; r++) {
			const struct want *w = &expect[i].w[r];
			struct app *a = in_state(expect[i].from);
			unsigned timers = ev_timer_count();
			bool had_backoff = a->t_backoff != 0;
			enum app_res got = req(a, (enum req)r);

			print_message("  %s + request %d -> %s\n", app_state_name(expect[i].from), r,
				      app_state_name(a->state));
			assert_int_equal(got, w->res);
			assert_int_equal(a->state, w->state);
			assert_int_equal(a->dead, w->dead);
			if (a->pid > 0 || w->dead)
				assert_int_equal(a->intent, w->intent);
			if (had_backoff && a->state != APP_BACKOFF) /* its timer went with it */
				assert_true(a->t_backoff == 0 && ev_timer_count() < timers + 3);
			teardown(NULL);
		}
	}
}

static void test_ready_moves_starting_to_running(void **state)
{
	struct app *a = in_state(APP_STARTING);

	(void)state;
	nevents[APP_EV_CHANGED] = 0;
	app_mark_ready(a);
	assert_int_equal(a->state, APP_RUNNING);
	assert_true(a->ever_ready);
	assert_int_equal(nevents[APP_EV_CHANGED], 1);
}

/* ---- exits ----------------------------------------------------------------------------- */

static void test_stop_then_exit_stays_down(void **state)
{
	struct app *a = in_state(APP_STOPPING);

	(void)state;
	reap(a);
	assert_int_equal(a->state, APP_STOPPED);
	assert_int_equal(nevents[APP_EV_DOWN], 1);
	assert_int_equal(nevents[APP_EV_EXITED], 1);
	assert_true(a->t_backoff == 0);
}

static void test_unasked_exit_backs_off_with_one_timer(void **state)
{
	struct app *a = mk("t", "exit 1\n");
	unsigned timers = ev_timer_count();

	(void)state;
	assert_int_equal(app_start(a), APP_RES_DONE);
	reap(a);
	assert_int_equal(a->state, APP_BACKOFF);
	assert_true(a->t_backoff != 0);
	assert_int_equal(ev_timer_count(), timers + 1);
	/* the backoff runs out: started again, crashes again, one timer again */
	while (a->state == APP_BACKOFF)
		ev_run_once(2000);
	assert_int_equal(a->state, APP_STARTING);
	assert_int_equal(a->restarts, 1);
	reap(a);
	assert_int_equal(a->state, APP_BACKOFF);
	assert_int_equal(ev_timer_count(), timers + 1);
}

static void test_clean_exit_of_never_policy_app_is_stopped(void **state)
{
	struct app *a = mk("t", "exit 0\n");

	(void)state;
	a->man.restart = RESTART_NEVER;
	app_start(a);
	reap(a);
	assert_int_equal(a->state, APP_STOPPED);
	assert_int_equal(nevents[APP_EV_DOWN], 0);
}

/* The process prints its last line, then exits; the exit is handled first
 * (SIGCHLD before the readable pipe), so the line is read while exiting. */
static struct app *exiting_with(const char *last_words)
{
	char sh[256];
	struct app *a;

	snprintf(sh, sizeof sh, "echo '%s'\nexit 0\n", last_words);
	a = mk("self", sh);
	app_io_on_line(on_line);
	assert_int_equal(app_start(a), APP_RES_DONE);
	return a;
}

static void test_restart_of_self_while_exiting(void **state)
{
	unsigned fds0 = count_fds(), timers0 = ev_timer_count();
	struct app *a = exiting_with("@supervisor: restart self");
	pid_t old = a->pid;

	(void)state;
	reap(a);
	assert_int_equal(state_in_hook, APP_EXITING);
	assert_int_equal(res_in_hook, APP_RES_PENDING);
	/* one new instance with its own pipes, watched; the old ones closed */
	assert_int_equal(a->state, APP_STARTING);
	assert_true(a->pid > 0 && a->pid != old);
	assert_true(a->in_fd >= 0 && a->out_fd >= 0 && a->err_fd >= 0);
	assert_int_equal(count_fds(), fds0 + 3);
	assert_true(a->t_backoff == 0);
	assert_int_equal(nevents[APP_EV_STARTED], 2);
	/* the new instance says the same and exits: the same again, no leak */
	reap(a);
	assert_int_equal(a->state, APP_STARTING);
	assert_int_equal(count_fds(), fds0 + 3);
	assert_int_equal(ev_timer_count(), timers0 + 1); /* its ready timer, nothing else */
	app_io_on_line(NULL);
}

static void test_stop_or_remove_while_exiting(void **state)
{
	struct app *a = exiting_with("@supervisor: stop self");

	(void)state;
	reap(a);
	assert_int_equal(state_in_hook, APP_EXITING);
	assert_int_equal(a->state, APP_STOPPED);
	assert_int_equal(a->pid, 0);
	assert_true(a->t_backoff == 0); /* exit 0 of an on-failure app, and stop asked */
	assert_int_equal(nevents[APP_EV_DOWN], 1);
	teardown(NULL);
	a = exiting_with("@supervisor: remove self");
	reap(a);
	assert_true(a->dead);
	assert_int_equal(nevents[APP_EV_REMOVED], 1);
	app_io_on_line(NULL);
}

static void test_start_during_remove_starts_again(void **state)
{
	struct app *a = in_state(APP_RUNNING);
	pid_t old = a->pid;

	(void)state;
	assert_int_equal(app_remove(a), APP_RES_PENDING);
	assert_int_equal(app_start(a), APP_RES_PENDING); /* answered at the start */
	assert_int_equal(a->intent, APP_INTENT_RESTART);
	reap(a);
	assert_false(a->dead);
	assert_int_equal(a->state, APP_STARTING);
	assert_true(a->pid > 0 && a->pid != old);
	assert_int_equal(nevents[APP_EV_DOWN], 1);
	assert_int_equal(nevents[APP_EV_STARTED], 2);
	assert_int_equal(nevents[APP_EV_REMOVED], 0);
}

static void test_stop_during_remove_still_removes(void **state)
{
	struct app *a = in_state(APP_RUNNING);

	(void)state;
	app_remove(a);
	assert_int_equal(app_stop(a), APP_RES_PENDING);
	assert_int_equal(a->intent, APP_INTENT_REMOVE);
	reap(a);
	assert_true(a->dead);
	assert_int_equal(nevents[APP_EV_DOWN], 1);
	assert_int_equal(nevents[APP_EV_REMOVED], 1);
}

static void test_stop_during_backoff(void **state)
{
	struct app *a = in_state(APP_BACKOFF);
	unsigned timers = ev_timer_count();

	(void)state;
	assert_int_equal(app_stop(a), APP_RES_DONE);
	assert_int_equal(a->state, APP_STOPPED);
	assert_true(a->t_backoff == 0);
	assert_int_equal(ev_timer_count(), timers - 1);
	ev_run_once(0);
	assert_int_equal(a->state, APP_STOPPED);
}

static void test_reload_while_stopping(void **state)
{
	struct app *a = in_state(APP_STOPPING);
	pid_t old = a->pid;

	(void)state;
	/* the reload changed it: start it again on the new manifest once down */
	assert_int_equal(app_restart(a), APP_RES_PENDING);
	reap(a);
	assert_int_equal(a->state, APP_STARTING);
	assert_true(a->pid != old);
	teardown(NULL);
	/* the reload removed it */
	a = in_state(APP_STOPPING);
	assert_int_equal(app_remove(a), APP_RES_PENDING);
	reap(a);
	assert_true(a->dead);
}

static void test_spawn_failure_is_a_failed_start(void **state)
{
	struct app *a = mk("t", "exit 0\n");

	(void)state;
	a->loaded = false;
	snprintf(a->load_error, sizeof a->load_error, "no manifest");
	assert_int_equal(app_start(a), APP_RES_FAILED);
	assert_int_equal(a->state, APP_FAILED);
}

static void test_consoles_are_not_driven(void **state)
{
	int sv[2];
	struct app *c;

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv), 0);
	c = app_console_new(sv[0]);
	assert_non_null(c);
	assert_int_equal(c->state, APP_RUNNING);
	assert_int_equal(app_stop(c), APP_RES_FAILED);
	assert_int_equal(app_start(c), APP_RES_FAILED);
	assert_int_equal(c->state, APP_RUNNING);
	close(sv[1]);
}

/* Shutdown is for good: each case runs in a child process. */
static void shutdown_case(enum app_state s, enum app_state want)
{
	pid_t pid = fork();
	int st;

	assert_true(pid >= 0);
	if (pid == 0) {
		struct app *a = in_state(s);
		app_shutdown_all();
		if (a->pid > 0 && a->state == APP_STOPPING)
			reap(a);
		int bad = (a->state != want) | !app_shutting_down() << 1 |
			  (app_start(a) == APP_RES_DONE) << 2 | (a->t_backoff != 0) << 3;
		teardown(NULL);
		_exit(bad);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	print_message("  shutdown in state %s: %d\n", app_state_name(s), WEXITSTATUS(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

static void test_shutdown_from_every_state(void **state)
{
	(void)state;
	shutdown_case(APP_STOPPED, APP_STOPPED);
	shutdown_case(APP_RUNNING, APP_STOPPED);
	shutdown_case(APP_STOPPING, APP_STOPPED);
	shutdown_case(APP_BACKOFF, APP_STOPPED);
	shutdown_case(APP_FAILED, APP_FAILED);
}

/* ---- the registry's lookups (app.c's hash tables) --------------------------------- */

static void test_registry_finds_by_name_and_id(void **state)
{
	enum { N = 3 * APP_HASH_BUCKETS + 7 }; /* every chain longer than one */
	static uint64_t ids[N];
	char name[32];
	struct app *a, *old, *young, *con;

	(void)state;
	for (unsigned i = 0; i < N; i++) {
		snprintf(name, sizeof name, "a%u", i);
		assert_non_null(a = app_new(APP_KIND_APP, name));
		ids[i] = a->id;
	}
	for (unsigned i = 0; i < N; i++) {
		snprintf(name, sizeof name, "a%u", i);
		assert_non_null(a = app_find(name));
		assert_string_equal(a->name, name);
		assert_ptr_equal(app_find_id(ids[i]), a);
		assert_ptr_equal(app_find_n(name, strlen(name)), a);
	}
	/* a prefix, a longer name, an embedded NUL, an over-long name: none */
	assert_null(app_find_n("a12", 1));
	assert_ptr_equal(app_find_n("a12", 2), app_find("a1"));
	assert_null(app_find("a12x"));
	assert_null(app_find_n("a1\0\0", 4));
	memset(name, 'a', sizeof name);
	assert_null(app_find_n(name, sizeof name));
	assert_null(app_find_id(0));
	assert_null(app_find_id(ids[N - 1] + 1));

	/* freed: gone from both tables, the others still found */
	a = app_find("a5");
	app_free(a);
	assert_null(app_find("a5"));
	assert_null(app_find_id(ids[5]));
	assert_non_null(app_find("a4"));
	assert_non_null(app_find_id(ids[5 + APP_HASH_BUCKETS]));

	/* dead: not found at once; two of one name: the oldest living one; a
	 * console of the same name is never found by name */
	assert_non_null(con = app_new(APP_KIND_CONSOLE, "twin"));
	assert_non_null(old = app_new(APP_KIND_APP, "twin"));
	assert_non_null(young = app_new(APP_KIND_APP, "twin"));
	assert_ptr_equal(app_find("twin"), old);
	app_remove_later(old);
	assert_ptr_equal(app_find("twin"), young);
	assert_null(app_find_id(old->id));
	assert_ptr_equal(app_find_id(con->id), con);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_request_in_every_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ready_moves_starting_to_running, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_then_exit_stays_down, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unasked_exit_backs_off_with_one_timer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_clean_exit_of_never_policy_app_is_stopped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_restart_of_self_while_exiting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_or_remove_while_exiting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_start_during_remove_starts_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_during_remove_still_removes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_during_backoff, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reload_while_stopping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spawn_failure_is_a_failed_start, setup, teardown),
		cmocka_unit_test_setup_teardown(test_consoles_are_not_driven, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shutdown_from_every_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_registry_finds_by_name_and_id, setup, teardown),
	};
	int rc;

	log_init("test", 2);
	log_set_level(LOG_WARN);
	snprintf(tdir, sizeof tdir, "/tmp/test_app_life.XXXXXX");
	if (!mkdtemp(tdir) || ev_init() < 0)
		return 1;
	snprintf(runner, sizeof runner, "%s/runner", tdir);
	/* The runner runs its last argument (the component) as a shell script. */
	write_file(runner, "#!/bin/sh\nfor a; do c=$a; done\n. \"$c\"\n");
	chmod(runner, 0755);
	app_life_configure(&(struct app_spawn_cfg){ .runner = runner });
	app_subscribe(on_event);
	signal(SIGPIPE, SIG_IGN);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	ev_fini();
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tdir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}

/* sup: the supervisor as a whole. It loads boot.toml and the manifests,
 * starts the boot apps in order, decides when the system is ready, owns the
 * signals (SIGCHLD -> reap; SIGTERM/SIGINT -> orderly shutdown), applies
 * reload plans and runs the shutdown: SIGTERM to every app, SIGKILL after
 * the grace period, wait for every child, then exit (hosted) or power off
 * (PID 1). It also keeps the supervisor's own event log ring. */
#include "sup.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "ctl.h"
#include "display.h"
#include "ev.h"
#include "log.h"
#include "pid1.h"
#include "proto.h"

#define SUP_RING (64u * 1024u)
#define SUP_ECHO_MAX 1023u /* bytes of an app line on the console */
#define SUP_DOWN_KILL_MS 5000u /* shutdown: SIGKILL whatever is left */
#define SUP_DOWN_MAX_MS 10000u /* shutdown: stop waiting */

static struct {
	struct sup_opts o;
	struct ring ring;
	bool booted, ready;
	unsigned ready_n;
	double ready_secs;
	bool down;
	enum sup_down how;
	ev_timer_id t_down_kill, t_down_max;
	int exit_code;
} sup;

const struct sup_opts *sup_opts(void) { return &sup.o; }

int sup_fmt(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}
const struct ring *sup_ring(void) { return &sup.ring; }
bool sup_shutting_down(void) { return sup.down; }

void sup_path(char *buf, size_t len, const char *rel)
{
	const char *root = sup.o.root ? sup.o.root : "/";
	size_t rl = strlen(root);

	while (rl > 1 && root[rl - 1] == '/')
		rl--;
	if (rl == 1 && root[0] == '/')
		sup_fmt(buf, len, "/%s", rel);
	else
		sup_fmt(buf, len, "%.*s/%s", (int)rl, root, rel);
}

static char sup_apps_dir[MAN_PATH_MAX + 1] = "apps";

void sup_set_apps_dir(const char *rel)
{
	snprintf(sup_apps_dir, sizeof sup_apps_dir, "%s", rel);
}

void sup_app_dir(char *buf, size_t len, const char *name)
{
	char rel[2 * MAN_PATH_MAX];
	sup_fmt(rel, sizeof rel, "%s/%s", sup_apps_dir, name);
	sup_path(buf, len, rel);
}

/* ---- the supervisor log ring ---------------------------------------------------- */

static void sup_sink(const char *line, void *ctx)
{
	(void)ctx;
	ring_push(&sup.ring, line, strlen(line));
}

/* "shell: 1> text": the app's own words, so no time and level as an
 * event of ours has, and nothing a terminal would obey (line is valid
 * UTF-8; it is cut at a character boundary). */
void sup_echo(const struct app *a, const char *line, bool from_stderr)
{
	char buf[SUP_ECHO_MAX];
	size_t n, len = strlen(line);

	if (!sup.o.echo_apps)
		return;
	n = (size_t)snprintf(buf, sizeof buf, "%s: %s ", a->name, from_stderr ? "2>" : "1>");
	if (len > sizeof buf - n)
		for (len = sizeof buf - n; len && (line[len] & 0xC0) == 0x80; len--)
			;
	memcpy(buf + n, line, len);
	proto_terminal_safe(buf + n, len);
	log_plain(buf, n + len);
}

/* ---- loading ------------------------------------------------------------------- */

int sup_load_manifest(const char *name, struct sup_loaded *out)
{
	char dir[APP_DIR_MAX], path[APP_DIR_MAX + 16];
	struct man_error err;
	struct stat st;

	memset(out, 0, sizeof *out);
	if (proto_name_reserved(name, strlen(name))) {
		sup_fmt(out->error, sizeof out->error, "\"%s\" is a reserved name", name);
		return -1;
	}
	sup_app_dir(dir, sizeof dir, name);
	if (sup_fmt(path, sizeof path, "%s/vyoma.toml", dir) < 0) {
		sup_fmt(out->error, sizeof out->error, "%s: path too long", dir);
		return -1;
	}
	if (man_load_app(path, &out->man, &err) < 0) {
		man_error_format(&err, out->error, sizeof out->error);
		return -1;
	}
	if (strcmp(out->man.name, name) != 0) {
		sup_fmt(out->error, sizeof out->error, "%s: name \"%s\" does not match its directory",
			path, out->man.name);
		return -1;
	}
	if (sup_fmt(out->component, sizeof out->component, "%s/%s", dir, out->man.component) < 0 ||
	    stat(out->component, &st) < 0) {
		sup_fmt(out->error, sizeof out->error, "component %s: %s", out->component,
			strerror(errno));
		return -1;
	}
	out->comp_mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	out->comp_size = (int64_t)st.st_size;
	out->ok = true;
	return 0;
}

void sup_apply_loaded(struct app *a, const struct sup_loaded *l)
{
	if (!l->ok) {
		a->loaded = false;
		sup_fmt(a->load_error, sizeof a->load_error, "%s", l->error);
		return;
	}
	a->man = l->man;
	sup_fmt(a->component, sizeof a->component, "%s", l->component);
	a->comp_mtime = l->comp_mtime;
	a->comp_size = l->comp_size;
	a->loaded = true;
	a->load_error[0] = '\0';
}

int sup_load_app(struct app *a)
{
	struct sup_loaded *l = malloc(sizeof *l);
	int rc;

	if (!l)
		return -1;
	rc = sup_load_manifest(a->name, l);
	if (rc < 0)
		log_err(a->name, "bad app: %s", l->error);
	sup_apply_loaded(a, l);
	free(l);
	return rc;
}

/* ---- readiness --------------------------------------------------------------------- */

static double sup_boottime(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool sup_ready(void) { return sup.ready; }
unsigned sup_ready_count(void) { return sup.ready_n; }
double sup_ready_secs(void) { return sup.ready_secs; }

/* Ready when every boot app has been ready once or has given its answer
 * (exited, failed to load): a crash-looping app does not hold boot back. */
static void sup_check_ready(void)
{
	unsigned n = 0;

	if (sup.ready || !sup.booted)
		return;
	for (struct app *a = app_first(); a; a = a->next) {
		if (a->kind != APP_KIND_APP || !a->in_boot)
			continue;
		if (!a->ever_ready && !a->ever_exited && a->loaded)
			return;
		n += a->ever_ready;
	}
	sup.ready = true;
	sup.ready_n = n;
	sup.ready_secs = sup_boottime();
	printf("VYOMA: ready %u apps in %.3fs since kernel start\n", n, sup.ready_secs);
	fflush(stdout);
	log_info(NULL, "ready: %u apps", n);
	display_ready();
	ctl_on_ready();
}

/* ---- shutdown ------------------------------------------------------------------------ */

static void sup_check_down(void)
{
	if (!sup.down)
		return;
	for (struct app *a = app_first(); a; a = a->next)
		if (a->kind == APP_KIND_APP && a->pid > 0)
			return;
	log_info(NULL, "every app has stopped");
	ev_stop();
}

void sup_app_changed(struct app *a)
{
	(void)a;
	sup_check_ready();
	sup_check_down();
}

static void sup_down_kill(void *ctx)
{
	(void)ctx;
	sup.t_down_kill = 0;
	for (struct app *a = app_first(); a; a = a->next)
		if (a->kind == APP_KIND_APP && a->pid > 0) {
			log_warn(a->name, "still running at shutdown: SIGKILL");
			kill(-a->pid, SIGKILL);
		}
}

static void sup_down_max(void *ctx)
{
	(void)ctx;
	sup.t_down_max = 0;
	log_err(NULL, "shutdown: children did not exit in time; going down anyway");
	ev_stop();
}

void sup_shutdown(enum sup_down how)
{
	static const char *const names[] = { "exit", "poweroff", "reboot" };

	if (sup.down)
		return;
	sup.down = true;
	sup.how = how;
	log_info(NULL, "shutdown (%s): stopping every app", names[how]);
	for (struct app *a = app_first(); a; a = a->next) {
		if (a->kind != APP_KIND_APP)
			continue;
		if (a->pid > 0)
			app_stop(a);
		else if (a->state == APP_BACKOFF) {
			ev_timer_clear(&a->t_backoff);
			a->state = APP_STOPPED;
		}
	}
	sup.t_down_kill = ev_timer_add(SUP_DOWN_KILL_MS, sup_down_kill, NULL);
	sup.t_down_max = ev_timer_add(SUP_DOWN_MAX_MS, sup_down_max, NULL);
	sup_check_down();
}

static void sup_on_term(const struct signalfd_siginfo *si, void *ctx)
{
	(void)ctx;
	log_info(NULL, "signal %u (%s) from pid %u", si->ssi_signo, strsignal((int)si->ssi_signo),
		 si->ssi_pid);
	sup_shutdown(sup.o.mode == SUP_PID1 ? SUP_DOWN_POWEROFF : SUP_DOWN_EXIT);
}

static void sup_on_chld(const struct signalfd_siginfo *si, void *ctx)
{
	(void)si;
	(void)ctx;
	app_reap();
}

/* Hosted: children of ours that are no app (orphans handed to us as the
 * subreaper) must not outlive us either. */
static void sup_kill_strays(void)
{
	char path[64], line[256];
	DIR *d = opendir("/proc");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		int pid = atoi(e->d_name), ppid = -1;
		if (pid <= 0)
			continue;
		snprintf(path, sizeof path, "/proc/%d/status", pid);
		FILE *f = fopen(path, "re");
		if (!f)
			continue;
		while (fgets(line, sizeof line, f))
			if (sscanf(line, "PPid: %d", &ppid) == 1)
				break;
		fclose(f);
		if (ppid == (int)getpid()) {
			log_warn(NULL, "killing stray child pid %d", pid);
			kill(pid, SIGKILL);
		}
	}
	closedir(d);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

/* ---- boot ------------------------------------------------------------------------------ */

static int sup_boot(void)
{
	struct boot_config *bc = calloc(1, sizeof *bc);
	char path[APP_DIR_MAX], msg[512];
	struct man_error err;
	int rc = -1;

	if (!bc)
		return -1;
	sup_path(path, sizeof path, "etc/vyoma/boot.toml");
	if (man_load_boot(path, bc, &err) < 0) {
		man_error_format(&err, msg, sizeof msg);
		log_err(NULL, "boot list: %s", msg);
		goto out;
	}
	sup_set_apps_dir(bc->apps_dir);
	log_info(NULL, "boot list %s: %zu apps", path, bc->n);
	for (size_t i = 0; i < bc->n; i++) {
		if (app_find(bc->apps[i].name)) {
			log_warn(bc->apps[i].name, "listed twice in the boot list; once is enough");
			continue;
		}
		struct app *a = app_new(APP_KIND_APP, bc->apps[i].name);
		if (!a)
			goto out;
		a->boot = bc->apps[i];
		a->in_boot = true;
		if (sup_load_app(a) < 0) {
			a->state = APP_FAILED;
			continue;
		}
	}
	sup.booted = true;
	for (struct app *a = app_first(); a; a = a->next)
		if (a->kind == APP_KIND_APP && a->loaded)
			app_start(a);
	rc = 0;
out:
	free(bc);
	sup_check_ready();
	return rc;
}

/* Three fds per app: 1024 would stop at about 330 apps. */
static void sup_raise_nofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max > 65536 ? 65536 : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static void sup_default_runner(char *buf, size_t len)
{
	char self[4096];
	ssize_t n;

	if (sup.o.mode == SUP_PID1) {
		snprintf(buf, len, "/bin/vyoma-run");
		return;
	}
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0) {
		snprintf(buf, len, "vyoma-run");
		return;
	}
	self[n] = '\0';
	char *slash = strrchr(self, '/');
	if (slash)
		*slash = '\0';
	sup_fmt(buf, len, "%s/vyoma-run", self);
}

int sup_run(const struct sup_opts *o)
{
	static char runner[4096];

	sup.o = *o;
	sup.exit_code = 0;
	ring_init(&sup.ring, SUP_RING);
	log_set_sink(sup_sink, NULL);
	if (!sup.o.runner) {
		sup_default_runner(runner, sizeof runner);
		sup.o.runner = runner;
	}
	signal(SIGPIPE, SIG_IGN);
	sup_raise_nofile();
	if (sup.o.mode == SUP_PID1 && sup.o.real_pid1)
		pid1_mount_all();
	else
		prctl(PR_SET_CHILD_SUBREAPER, 1);
	if (ev_init() < 0 || ev_signal_add(SIGCHLD, sup_on_chld, NULL) < 0 ||
	    ev_signal_add(SIGTERM, sup_on_term, NULL) < 0 ||
	    ev_signal_add(SIGINT, sup_on_term, NULL) < 0 ||
	    ev_signal_add(SIGHUP, sup_on_term, NULL) < 0) {
		if (sup.o.real_pid1)
			pid1_fatal("cannot set up the event loop");
		return 1;
	}
	ev_set_prepare(app_io_flush_all);
	log_info(NULL, "vyoma supervisor: %s mode, root %s, runner %s",
		 sup.o.mode == SUP_PID1 ? "pid1" : "hosted", sup.o.root, sup.o.runner);
	display_init(&sup.o); /* display module: screen, windows, input (display.c) */
	if (sup.o.control && ctl_open(sup.o.control) < 0 && sup.o.mode == SUP_HOSTED) {
		sup.exit_code = 1;
		goto out;
	}
	if (sup_boot() < 0) {
		/* PID 1 stays up with no apps rather than power off: the error
		 * stays on the console, and poweroff still works. */
		if (!sup.o.real_pid1) {
			sup.exit_code = 1;
			goto out;
		}
		log_err(NULL, "no usable boot list: running with no apps");
	}
	if (ev_run() < 0)
		sup.exit_code = 1;
out:
	if (!sup.down)
		sup.how = SUP_DOWN_EXIT;
	if (sup.o.real_pid1) {
		pid1_kill_all(SIGTERM);
		pid1_kill_all(SIGKILL);
	}
	ctl_close();
	app_reap();
	display_fini(); /* display module: after the last display_app_exit */
	sup_kill_strays();
	ev_timer_clear(&sup.t_down_kill);
	ev_timer_clear(&sup.t_down_max);
	app_free_all();
	ev_fini();
	log_set_sink(NULL, NULL);
	ring_free(&sup.ring);
	log_info(NULL, "supervisor exits (%s)", sup.how == SUP_DOWN_REBOOT ? "reboot"
					       : sup.how == SUP_DOWN_POWEROFF ? "poweroff" : "exit");
	if (sup.o.real_pid1)
		pid1_halt(sup.how == SUP_DOWN_REBOOT ? SUP_DOWN_REBOOT : SUP_DOWN_POWEROFF);
	return sup.exit_code;
}

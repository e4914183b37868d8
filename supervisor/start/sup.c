/* sup: the one place that wires the layers together at start (docs/
 * supervisor.md). It registers every upward hook and subscription (the
 * broker gets the app lines, the services get the lifecycle news), owns
 * the signals (SIGCHLD -> reap; SIGTERM/SIGINT/SIGHUP -> orderly
 * shutdown), boots the apps of boot.toml in order, and takes everything
 * down again at the end: exit (hosted) or power off (PID 1). */
#include "sup.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "cidx.h"
#include "cons.h"
#include "cpuup.h"
#include "ctl.h"
#include "display.h"
#include "ev.h"
#include "input.h"
#include "ipc.h"
#include "job.h"
#include "launcher.h"
#include "load.h"
#include "log.h"
#include "pid1.h"
#include "pm.h"
#include "shline.h"
#include "sys.h"

static struct {
	struct sup_opts o;
	int exit_code;
	int cache_index; /* sealed, for every runner; -1: none */
} sup;

static void sup_on_term(const struct signalfd_siginfo *si, void *ctx)
{
	(void)ctx;
	log_info(NULL, "signal %u (%s) from pid %u", si->ssi_signo, strsignal((int)si->ssi_signo),
		 si->ssi_pid);
	sys_shutdown(sup.o.mode == SUP_PID1 ? SYS_DOWN_POWEROFF : SYS_DOWN_EXIT);
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

/* The boot list is started in order, at most SUP_START_PER_CPU apps per
 * CPU at once: the next starts when one of them is ready (or has exited, or
 * could not start). All 1,000 at once under emulation left PID 1 spawning
 * one app every 0.6 s (posix_spawn waits for the child's exec, and the
 * child queued behind hundreds of starting runners) and no app ready for
 * minutes. Hosted it costs little: 1,000 apps ready in 2.22 s against 2.05 s
 * all at once (make bench, same run). */
#define SUP_START_PER_CPU 16
#define SUP_BOOT_NICE (-10) /* PID 1's while it sets the display up (sup_boost) */

static struct {
	uint64_t *ids; /* boot apps not started yet, in boot-list order */
	size_t n, next;
	unsigned window;
	bool busy;
} boot_q;

static void sup_boot_more(void)
{
	unsigned starting = 0;

	if (boot_q.busy || !boot_q.ids)
		return;
	boot_q.busy = true; /* app_start emits events: no re-entry */
	for (struct app *a = app_first(); a; a = a->next)
		starting += a->kind == APP_KIND_APP && a->state == APP_STARTING;
	while (boot_q.next < boot_q.n && starting < boot_q.window && !app_shutting_down()) {
		struct app *a = app_find_id(boot_q.ids[boot_q.next++]);
		if (!a || !a->loaded || a->state != APP_STOPPED || a->pid > 0)
			continue; /* removed, failed, or started by someone meanwhile */
		if (app_start(a) == APP_RES_DONE && a->state == APP_STARTING)
			starting++;
	}
	if (boot_q.next == boot_q.n) {
		free(boot_q.ids);
		boot_q.ids = NULL;
	}
	boot_q.busy = false;
}

static void sup_boot_event(struct app *a, enum app_event ev)
{
	(void)a;
	(void)ev;
	if (boot_q.ids)
		sup_boot_more();
}

static int sup_boot(void)
{
	struct boot_config *bc = calloc(1, sizeof *bc);
	char msg[512];
	int rc = -1;

	if (!bc)
		return -1;
	if (load_boot(bc, msg, sizeof msg) < 0) {
		log_err(NULL, "boot list: %s", msg);
		goto out;
	}
	load_set_apps_dir(bc->apps_dir);
	log_info(NULL, "boot list: %zu apps", bc->n);
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
		if (load_app(a) < 0)
			app_fail(a);
	}
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	cpus = cpus > 0 ? cpus : 1;
	/* More apps than the CPUs online start at once: the CPUs the kernel
	 * left offline come up now rather than at readiness (sup_cpus_up). */
	if (sup.o.real_pid1 && bc->n > SUP_START_PER_CPU * (size_t)cpus) {
		int more = cpuup_start(CPUUP_SYSFS);
		cpus += more > 0 ? more : 0;
	}
	boot_q.window = SUP_START_PER_CPU * (unsigned)cpus;
	boot_q.ids = calloc(bc->n ? bc->n : 1, sizeof *boot_q.ids);
	if (!boot_q.ids)
		goto out;
	for (struct app *a = app_first(); a; a = a->next)
		if (a->kind == APP_KIND_APP && a->loaded)
			boot_q.ids[boot_q.n++] = a->id;
	sup_boot_more();
	sys_booted();
	rc = 0;
out:
	free(bc);
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
	load_fmt(buf, len, "%s/vyoma-run", self);
}

/* The artifacts of the cache as they are now, before any runner exists:
 * the only ones a runner will load (lib/cidx.c, docs/runner.md). Those the
 * image's index lists with their size are not hashed again. */
static void sup_cache_index(void)
{
	struct cidx_stats st;
	char err[256];

	sup.cache_index = -1;
	if (!sup.o.cache)
		return;
	sup.cache_index = cidx_build(sup.o.cache, &st, err, sizeof err);
	if (sup.cache_index < 0) {
		log_warn(NULL, "cache index: %s: no precompiled component will be loaded", err);
		return;
	}
	if (st.image[0])
		log_warn(NULL, "cache index: the image's index %s: not used, every artifact hashed",
			 st.image);
	if (st.unmatched)
		log_warn(NULL, "cache index: %u entries of the image's index name no file of that size",
			 st.unmatched);
	log_info(NULL, "cache index: %u precompiled components in %s (%u from the image's index, "
		       "%u hashed)", st.listed, sup.o.cache, st.from_image, st.listed - st.from_image);
}

/* "@app: msg" typed in a shell: the broker takes it as the shell's own line. */
static void sup_app_line(struct app *from, char *line, size_t len)
{
	ipc_line(from, line, len, 0);
}

/* While PID 1 sets the display up, the boot apps' runners start (above):
 * on two CPUs five busy processes would give PID 1 a fifth of the CPU time
 * and the apps, done first, would wait for their windows. PID 1 runs
 * ahead of them for that while (the runners, already spawned, keep nice
 * 0; a later child would inherit the boost, so it ends before the loop).
 * Only as the real PID 1: elsewhere lowering nice needs a privilege. */
static void sup_boost(bool on)
{
	if (sup.o.real_pid1 && setpriority(PRIO_PROCESS, 0, on ? SUP_BOOT_NICE : 0) < 0)
		log_warn(NULL, "setpriority: %s", strerror(errno));
}

/* What happened before the display was up, shown now: the notice of an
 * app that failed while the boot list was read (a bad manifest), and
 * readiness when it came at once (no boot app could start). */
static void sup_display_catch_up(void)
{
	for (struct app *a = app_first(); a; a = a->next)
		if (a->state == APP_FAILED || a->state == APP_BACKOFF)
			display_app_event(a, APP_EV_CHANGED);
	if (sys_ready())
		display_ready();
}

/* The kernel booted with one CPU under TCG (scripts/qemu.sh, maxcpus=1):
 * the others come online once the system is ready (svc/cpuup.c). */
static void sup_cpus_up(void)
{
	if (sup.o.real_pid1)
		cpuup_start(CPUUP_SYSFS);
}

/* A reaped child that is no app: cpuup's, or a command instance's. */
static void sup_other_exit(pid_t pid, int wstatus)
{
	if (!cpuup_reaped(pid, wstatus))
		job_child_exited(pid, wstatus);
}

/* Every upward path of the layers, registered here and nowhere else. */
static void sup_wire(void)
{
	static char data[APP_DIR_MAX];
	struct app_spawn_cfg spawn;

	load_set_root(sup.o.root);
	load_path(data, sizeof data, "data");
	sup_cache_index();
	spawn = (struct app_spawn_cfg){ .runner = sup.o.runner, .cache = sup.o.cache,
					.cache_index = sup.cache_index, .data_dir = data,
					.clean_env = sup.o.real_pid1 };
	app_life_configure(&spawn);
	job_configure(&spawn);          /* command instances run as apps do */
	app_on_other_exit(sup_other_exit); /* command instances and cpuup's child reaped */
	app_io_on_line(ipc_line);          /* app lines -> the broker */
	app_io_on_echo(sys_echo);          /* app log lines -> the console */
	app_io_on_broken(ctl_console_broken);
	app_subscribe(sys_app_event);      /* readiness, shutdown */
	app_subscribe(display_app_event);  /* windows of exited apps */
	app_subscribe(pm_app_event);       /* answers to stop, restart, start */
	app_subscribe(job_app_event);      /* a caller gone: its pipelines killed */
	app_subscribe(shline_app_event);   /* a caller gone: its line and $? forgotten */
	shline_configure(&(struct shline_ops){ pm_command, pm_is_verb, pm_verb_name, sup_app_line });
	job_on_exit(shline_job_exit);      /* a pipeline of a shell line ended: the line goes on */
	input_on_copy(shline_copy);        /* Ctrl+Shift+c in a shell: its last output copied */
	app_subscribe(sup_boot_event);     /* the next boot app when one is ready */
	sys_on_ready(sup_cpus_up);         /* every CPU online, before the wallpaper's decoding */
	sys_on_ready(display_ready);       /* the boot focus rule may end */
	launcher_set_start_fn(pm_start_app); /* the launcher starts apps as `start` does */
	sys_on_ready(ctl_on_ready);        /* wait-ready answers */
	ev_set_prepare(app_io_flush_all);
}

int sup_run(const struct sup_opts *o)
{
	static char runner[4096];
	struct display_cfg dc;
	int boot_rc;

	sup.o = *o;
	sup.exit_code = 0;
	sup.cache_index = -1;
	sys_init(sup.o.echo_apps);
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
	if (cons_open(STDERR_FILENO, STDOUT_FILENO) == 0)
		log_set_writer(cons_sup); /* the console never makes the loop wait */
	sup_wire();
	log_info(NULL, "vyoma supervisor: %s mode, root %s, runner %s",
		 sup.o.mode == SUP_PID1 ? "pid1" : "hosted", sup.o.root, sup.o.runner);
	dc = (struct display_cfg){ .real_pid1 = sup.o.real_pid1, .hosted = sup.o.mode == SUP_HOSTED,
				   .evdev = sup.o.evdev, .screen_w = sup.o.screen_w,
				   .screen_h = sup.o.screen_h, .fb_file = sup.o.fb_file,
				   .root = sup.o.root };
	/* The boot apps first, the display after: a runner needs the screen
	 * only when its app asks for a window, which is read in the loop
	 * below, so the runners' start (the longest part of boot, on the
	 * other CPU) overlaps the mode set instead of waiting for it. */
	boot_rc = sup_boot();
	sup_boost(true);
	display_init(&dc); /* display module: screen, windows, input (display.c) */
	sup_boost(false);
	sup_display_catch_up();
	if (sup.o.control && ctl_open(sup.o.control) < 0 && sup.o.mode == SUP_HOSTED) {
		sup.exit_code = 1;
		goto out;
	}
	if (boot_rc < 0) {
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
	if (sup.o.real_pid1) {
		pid1_kill_all(SIGTERM);
		pid1_kill_all(SIGKILL);
	}
	ctl_close();
	app_reap();
	display_fini(); /* display module: after the last exit */
	sup_kill_strays();
	app_free_all();
	sys_fini();
	if (sup.cache_index >= 0)
		close(sup.cache_index);
	cons_close(CONS_DRAIN_MS);
	log_set_writer(NULL);
	ev_fini();
	log_info(NULL, "supervisor exits (%s)", sys_down_how() == SYS_DOWN_REBOOT ? "reboot"
					       : sys_down_how() == SYS_DOWN_POWEROFF ? "poweroff" : "exit");
	if (sup.o.real_pid1)
		pid1_halt(sys_down_how() == SYS_DOWN_REBOOT);
	return sup.exit_code;
}

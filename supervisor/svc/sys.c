/* sys: the supervisor as a whole, as the services see it. It keeps the
 * supervisor's own event log ring (every log line but echoed app lines),
 * decides when the system is ready (every boot app ready once or settled)
 * and runs the shutdown: every app stopped through the app layer, SIGKILL
 * after SYS_DOWN_KILL_MS, then the loop ends. It learns of apps only as an
 * app_subscribe() subscriber; it tells of readiness through sys_on_ready(). */
#include "sys.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cons.h"
#include "esc.h"
#include "ev.h"
#include "job.h"
#include "log.h"

#define SYS_RING (64u * 1024u)
#define SYS_DOWN_KILL_MS 5000u /* shutdown: SIGKILL whatever is left */
#define SYS_DOWN_MAX_MS 10000u /* shutdown: stop waiting */
#define SYS_READY_FNS 4

static struct {
	struct ring ring;
	bool echo_apps;
	bool booted, ready;
	unsigned ready_n;
	double ready_secs;
	void (*ready_fns[SYS_READY_FNS])(void);
	unsigned nready_fns;
	bool down;
	enum sys_down how;
	ev_timer_id t_down_kill, t_down_max;
} sys;

/* ---- the supervisor log ring -------------------------------------------------------- */

static void sys_sink(const char *line, void *ctx)
{
	(void)ctx;
	ring_push(&sys.ring, line, strlen(line));
}

void sys_init(bool echo_apps)
{
	sys.echo_apps = echo_apps;
	ring_init(&sys.ring, SYS_RING);
	log_set_sink(sys_sink, NULL);
}

void sys_fini(void)
{
	ev_timer_clear(&sys.t_down_kill);
	ev_timer_clear(&sys.t_down_max);
	log_set_sink(NULL, NULL);
	ring_free(&sys.ring);
}

const struct ring *sys_ring(void) { return &sys.ring; }

/* "shell: 1> text": the app's own words, so no time and level as an
 * event of ours has, and nothing a terminal would obey: control bytes and
 * escape sequences are shown as \xNN (lib/esc.c). The console writer
 * (core/cons.c) queues it in the app's lane and may drop it, counted, when
 * the console is too slow; the app's ring has it anyway. */
void sys_echo(const struct app *a, const char *line, bool from_stderr)
{
	char buf[CONS_LINE_MAX];
	int n;

	if (!sys.echo_apps)
		return;
	n = snprintf(buf, sizeof buf, "%s: %s ", a->name, from_stderr ? "2>" : "1>");
	if (n < 0 || (size_t)n >= sizeof buf)
		return;
	n += (int)esc_text(buf + n, sizeof buf - (size_t)n, line, strlen(line));
	cons_app(a->name, buf, (size_t)n);
}

/* ---- readiness ------------------------------------------------------------------------ */

static double sys_boottime(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool sys_ready(void) { return sys.ready; }
unsigned sys_ready_count(void) { return sys.ready_n; }
double sys_ready_secs(void) { return sys.ready_secs; }

int sys_on_ready(void (*fn)(void))
{
	if (sys.nready_fns == SYS_READY_FNS)
		return -1;
	sys.ready_fns[sys.nready_fns++] = fn;
	return 0;
}

/* Ready when every boot app has been ready once or has given its answer
 * (exited, failed to load): a crash-looping app does not hold boot back. */
static void sys_check_ready(void)
{
	char line[128];
	unsigned n = 0;

	if (sys.ready || !sys.booted)
		return;
	for (struct app *a = app_first(); a; a = a->next) {
		if (a->kind != APP_KIND_APP || !a->in_boot)
			continue;
		if (!a->ever_ready && !a->ever_exited && a->loaded)
			return;
		n += a->ever_ready;
	}
	sys.ready = true;
	sys.ready_n = n;
	sys.ready_secs = sys_boottime();
	snprintf(line, sizeof line, "VYOMA: ready %u apps in %.3fs since kernel start", n,
		 sys.ready_secs);
	cons_stdout(line, strlen(line));
	log_info(NULL, "ready: %u apps", n);
	for (unsigned i = 0; i < sys.nready_fns; i++)
		sys.ready_fns[i]();
}

void sys_booted(void)
{
	sys.booted = true;
	sys_check_ready();
}

/* ---- shutdown --------------------------------------------------------------------------- */

static void sys_check_down(void)
{
	if (!sys.down)
		return;
	for (struct app *a = app_first(); a; a = a->next)
		if (a->kind == APP_KIND_APP && a->pid > 0)
			return;
	log_info(NULL, "every app has stopped");
	ev_stop();
}

void sys_app_event(struct app *a, enum app_event ev)
{
	(void)a;
	if (ev != APP_EV_CHANGED)
		return;
	sys_check_ready();
	sys_check_down();
}

static void sys_down_kill(void *ctx)
{
	(void)ctx;
	sys.t_down_kill = 0;
	for (struct app *a = app_first(); a; a = a->next)
		if (a->kind == APP_KIND_APP && a->pid > 0) {
			log_warn(a->name, "still running at shutdown: SIGKILL");
			kill(-a->pid, SIGKILL);
		}
}

static void sys_down_max(void *ctx)
{
	(void)ctx;
	sys.t_down_max = 0;
	log_err(NULL, "shutdown: children did not exit in time; going down anyway");
	ev_stop();
}

bool sys_shutting_down(void) { return sys.down; }
enum sys_down sys_down_how(void) { return sys.down ? sys.how : SYS_DOWN_EXIT; }

void sys_shutdown(enum sys_down how)
{
	static const char *const names[] = { "exit", "poweroff", "reboot" };

	if (sys.down)
		return;
	sys.down = true;
	sys.how = how;
	log_info(NULL, "shutdown (%s): stopping every app", names[how]);
	app_shutdown_all();
	job_kill_all();
	sys.t_down_kill = ev_timer_add(SYS_DOWN_KILL_MS, sys_down_kill, NULL);
	sys.t_down_max = ev_timer_add(SYS_DOWN_MAX_MS, sys_down_max, NULL);
	sys_check_down();
}

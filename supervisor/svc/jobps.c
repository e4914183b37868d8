/* jobps: the process list a command is given on stdin (the ps and uptime
 * commands; docs/commands.md, "The process list"). The first stage of a
 * pipeline whose command declares `shell` (the capability that already
 * lets an app ask `ps`) and that has no `< FILE` reads, in place of
 * /dev/null, a snapshot written by us into a pipe and closed: one record a
 * line, words separated by spaces:
 *
 *   uptime <seconds since boot> <load1> <load5> <load15>
 *   app <name> <state> <pid|-> <rss KiB|-> <uptime ms|-> <restarts> <caps>
 *   cmd <name#N> running <pid> <rss KiB|-> <uptime ms> 0 <caps>
 *
 * A command without `shell` reads /dev/null as before. The list is taken
 * once every stage has started (so it shows the pipeline itself), written
 * whole into a fresh pipe nobody else holds, without blocking (at most
 * JOBPS_MAX bytes, whole lines, within the kernel's pipe buffer), and our
 * end is closed: the command cannot ask for anything, only read. */
#include "job.h"
#include "job_priv.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ev.h"
#include "log.h"

#define JOBPS_MAX 60000 /* under the 64 KiB pipe buffer */

struct jobps_buf {
	char b[JOBPS_MAX];
	size_t n; /* bytes of whole lines */
};

static void jobps_add(struct jobps_buf *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void jobps_add(struct jobps_buf *o, const char *fmt, ...)
{
	va_list ap;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(o->b + o->n, sizeof o->b - o->n, fmt, ap);
	va_end(ap);
	if (k > 0 && (size_t)k < sizeof o->b - o->n)
		o->n += (size_t)k; /* a line that does not fit is left out whole */
}

static void jobps_uptime(struct jobps_buf *o)
{
	struct timespec ts;
	char load[64] = "0 0 0";
	FILE *f = fopen("/proc/loadavg", "re");

	if (f) {
		double a, b, c;
		if (fscanf(f, "%lf %lf %lf", &a, &b, &c) == 3)
			snprintf(load, sizeof load, "%.2f %.2f %.2f", a, b, c);
		fclose(f);
	}
	clock_gettime(CLOCK_BOOTTIME, &ts);
	jobps_add(o, "uptime %lld %s\n", (long long)ts.tv_sec, load);
}

static void jobps_list(struct jobps_buf *o)
{
	char caps[96], pid[16], rss[24], up[24];
	uint64_t now = ev_now_ms();

	for (struct app *a = app_first(); a; a = a->next) {
		if (a->kind != APP_KIND_APP)
			continue;
		long kib = a->pid > 0 ? app_rss_kib(a->pid) : -1;
		cap_format(a->man.caps, caps, sizeof caps);
		snprintf(pid, sizeof pid, a->pid > 0 ? "%d" : "-", (int)a->pid);
		snprintf(rss, sizeof rss, kib >= 0 ? "%ld" : "-", kib);
		snprintf(up, sizeof up, a->pid > 0 ? "%" PRIu64 : "-", now - a->spawned_ms);
		jobps_add(o, "app %s %s %s %s %s %u %s\n", a->name, app_state_name(a->state), pid, rss, up,
			  a->restarts, caps[0] ? caps : "-");
	}
	for (struct job *j = job_g.list; j; j = j->next)
		for (unsigned i = 0; i < j->n; i++) {
			const struct job_inst *in = &j->inst[i];
			if (in->pid <= 0)
				continue;
			long kib = app_rss_kib(in->pid);
			cap_format(in->caps, caps, sizeof caps);
			snprintf(rss, sizeof rss, kib >= 0 ? "%ld" : "-", kib);
			jobps_add(o, "cmd %s running %d %s %" PRIu64 " 0 %s\n", in->name, (int)in->pid, rss,
				  now - in->started_ms, caps[0] ? caps : "-");
		}
}

int job_ps_pipe(int *wfd)
{
	int pfd[2];

	if (pipe2(pfd, O_CLOEXEC) < 0)
		return -1;
	/* Our end never blocks; the command's blocks as any stdin does. */
	fcntl(pfd[1], F_SETFL, O_NONBLOCK);
	*wfd = pfd[1];
	return pfd[0];
}

void job_ps_write(int wfd)
{
	static struct jobps_buf o; /* PID 1 is one thread */
	ssize_t w;

	o.n = 0;
	jobps_uptime(&o);
	jobps_list(&o);
	w = write(wfd, o.b, o.n);
	if (w != (ssize_t)o.n)
		log_warn("supervisor", "process list: %zd of %zu bytes written", w, o.n);
	close(wfd);
}

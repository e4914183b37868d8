/* job: command instances and pipelines while they run (job.h,
 * docs/commands.md; job_run.c starts them). The stages' stdin and stdout
 * are pipes and files never parsed by us: pipe(2) joins two runners
 * directly, so a stage that floods a reader that stopped blocks on its
 * pipe, which is bounded by the kernel. Only the last stage's stdout (when
 * not redirected) and every stage's stderr come to us; we read them only
 * while the caller's queue has room (else the fds leave the loop for
 * JOB_RESUME_MS and the commands block), so a fast command cannot grow
 * our memory. Exits come from app_reap through app_on_other_exit, never a
 * blocking wait. */
#include "job.h"
#include "job_priv.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "esc.h"
#include "ev.h"
#include "log.h"
#include "shparse.h"

#define JOB_CHUNK 4096           /* bytes read from a pipe at a time */
#define JOB_Q_HIGH (256u * 1024u) /* pause while the caller owes this many bytes */
#define JOB_RESUME_MS 20
#define JOB_ERR_LOG 20           /* stderr lines logged per instance */

struct job_reg job_g = { .next_id = 1, .seq = 1 };

static void (*job_exit_fn)(struct app *caller, unsigned id, int status);

void job_on_exit(void (*fn)(struct app *caller, unsigned id, int status))
{
	job_exit_fn = fn;
}

void job_configure(const struct app_spawn_cfg *cfg)
{
	job_g.cfg = *cfg;
}

unsigned job_running(void)
{
	return job_g.running;
}

static struct app *job_caller(const struct job *j)
{
	struct app *c = j->orphan ? NULL : app_find_id(j->caller);
	return c && app_alive(c) ? c : NULL;
}

/* ---- output to the caller --------------------------------------------------------- */

/* "@supervisor: <head><body>\n" whatever the body's length (app_notice
 * cuts its text at about 1.5 KB). */
void job_line(struct app *c, const char *head, const char *body, size_t len)
{
	struct iovec iov[4] = {
		{ "@supervisor: ", 13 }, { (void *)head, strlen(head) }, { (void *)body, len }, { "\n", 1 },
	};
	app_sendv(c, iov, 4);
}

/* A shell line's output as a person reads it: tabs to 8-column stops,
 * every other control byte and invalid UTF-8 as \xNN (lib/esc.c). */
static size_t job_shown(char *dst, size_t cap, const char *s, size_t len)
{
	static char tabbed[JOB_LINE * 8];
	size_t n = 0, col = 0;

	for (size_t i = 0; i < len && n + 8 < sizeof tabbed; i++) {
		if (s[i] == '\t') {
			do
				tabbed[n++] = ' ';
			while (++col % 8);
			continue;
		}
		tabbed[n++] = s[i];
		col += ((unsigned char)s[i] & 0xc0) != 0x80;
	}
	return esc_text(dst, cap, tabbed, n);
}

/* Send len bytes as one `job <id> <kind> [who: ]<escaped>` line, or for
 * a shell line `sh out <shown>` / `sh err <who>: <shown>`. */
static void job_send(struct job *j, const char *kind, const char *who, const char *s, size_t len)
{
	static char esc[JOB_LINE * 32 + 8];
	char head[MAN_NAME_MAX + 64];
	struct app *c = job_caller(j);
	size_t used, n;

	if (!c)
		return;
	if (j->shown) {
		n = job_shown(esc, sizeof esc, s, len);
		snprintf(head, sizeof head, "sh %s %s%s", who ? "err" : "out", who ? who : "",
			 who ? ": " : "");
	} else {
		n = sh_esc(esc, sizeof esc, s, len, &used);
		snprintf(head, sizeof head, "job %u %s %s%s", j->id, kind, who ? who : "",
			 who ? ": " : "");
	}
	job_line(c, head, esc, n);
}

/* Stderr lines also go to the log, escaped by the logger, a few per instance. */
static void job_err_line(struct job_inst *in, const char *s, size_t len)
{
	if (in->logged < JOB_ERR_LOG) {
		in->logged++;
		log_info(in->name, "stderr: %.*s", (int)len, s);
	} else {
		in->quiet++;
	}
	job_send(in->job, "err", in->name, s, len);
}

/* Append bytes to a line buffer; every complete line (and a full buffer)
 * goes out as it forms. */
static void job_lines(struct job *j, struct job_inst *in, char *buf, size_t *blen, const char *s,
		      size_t n)
{
	while (n) {
		size_t take = JOB_LINE - *blen < n ? JOB_LINE - *blen : n;
		const char *nl = memchr(s, '\n', take);
		if (nl)
			take = (size_t)(nl - s) + 1;
		memcpy(buf + *blen, s, take);
		*blen += take;
		s += take;
		n -= take;
		if (nl || *blen == JOB_LINE) {
			size_t len = *blen - (nl ? 1 : 0);
			if (in)
				job_err_line(in, buf, len);
			else
				job_send(j, nl ? "out" : "part", NULL, buf, len);
			*blen = 0;
		}
	}
}

/* ---- the end of a job ----------------------------------------------------------------- */

static bool job_busy(const struct job *j)
{
	struct app *c = job_caller(j);
	return c && outq_pending(&c->q) > JOB_Q_HIGH;
}

static void job_close_fd(int *fd)
{
	if (*fd < 0)
		return;
	ev_fd_del(*fd);
	close(*fd);
	*fd = -1;
}

static void job_free(struct job *j)
{
	struct job **pp = &job_g.list;

	while (*pp && *pp != j)
		pp = &(*pp)->next;
	if (*pp)
		*pp = j->next;
	ev_timer_clear(&j->t_resume);
	job_close_fd(&j->out_fd);
	for (unsigned i = 0; i < j->n; i++)
		job_close_fd(&j->inst[i].err_fd);
	job_g.njobs--;
	free(j);
}

/* Every stage reaped and every pipe read to its end: the answer. */
static void job_maybe_done(struct job *j)
{
	char sts[SH_STAGES_MAX * (MAN_NAME_MAX + 20)];
	size_t n = 0;

	if (j->running || j->out_fd >= 0)
		return;
	for (unsigned i = 0; i < j->n; i++)
		if (j->inst[i].err_fd >= 0)
			return;
	if (j->olen)
		job_send(j, "part", NULL, j->obuf, j->olen);
	sts[0] = '\0';
	for (unsigned i = 0; i < j->n && n < sizeof sts; i++) {
		struct job_inst *in = &j->inst[i];
		if (in->elen)
			job_err_line(in, in->ebuf, in->elen);
		if (in->quiet)
			log_info(in->name, "%u more stderr lines not logged", in->quiet);
		n += (size_t)snprintf(sts + n, sizeof sts - n, " %s=%d", in->name, in->status);
	}
	struct app *c = job_caller(j);
	unsigned id = j->id;
	int status = j->inst[j->n - 1].status;
	if (c && !j->shown) {
		char head[48];
		snprintf(head, sizeof head, "job %u exit %d", id, status);
		job_line(c, head, sts, strlen(sts));
	}
	job_free(j);
	if (c && job_exit_fn)
		job_exit_fn(c, id, status);
}

static void job_kill_job(struct job *j)
{
	j->killed = true;
	for (unsigned i = 0; i < j->n; i++)
		if (j->inst[i].pid > 0)
			kill(-j->inst[i].pid, SIGKILL);
}

/* The caller is gone: kill it all, read nothing more. */
void job_orphan(struct job *j)
{
	j->orphan = true;
	job_kill_job(j);
	job_close_fd(&j->out_fd);
	for (unsigned i = 0; i < j->n; i++)
		job_close_fd(&j->inst[i].err_fd);
	job_maybe_done(j);
}

/* ---- reading the pipes ----------------------------------------------------------------- */

static void job_pause(struct job *j);

/* Read one chunk from fd: 1 data, 0 end (fd closed), -1 nothing now. */
static int job_read(struct job *j, int *fd, char *buf, size_t *blen, struct job_inst *in)
{
	char chunk[JOB_CHUNK];
	ssize_t r;

	if (!job_caller(j)) {
		job_orphan(j);
		return -1;
	}
	if (job_busy(j)) {
		job_pause(j);
		return -1;
	}
	r = read(*fd, chunk, sizeof chunk);
	if (r > 0) {
		job_lines(j, in, buf, blen, chunk, (size_t)r);
		return 1;
	}
	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return -1;
	job_close_fd(fd);
	job_maybe_done(j);
	return 0;
}

static void job_on_out(int fd, unsigned events, void *ctx)
{
	struct job *j = ctx;

	(void)fd;
	(void)events;
	job_read(j, &j->out_fd, j->obuf, &j->olen, NULL);
}

static void job_on_err(int fd, unsigned events, void *ctx)
{
	struct job_inst *in = ctx;

	(void)fd;
	(void)events;
	job_read(in->job, &in->err_fd, in->ebuf, &in->elen, in);
}

void job_watch(struct job *j, bool on)
{
	if (j->out_fd >= 0) {
		if (on)
			ev_fd_add(j->out_fd, EV_IN, job_on_out, j);
		else
			ev_fd_del(j->out_fd);
	}
	for (unsigned i = 0; i < j->n; i++) {
		if (j->inst[i].err_fd < 0)
			continue;
		if (on)
			ev_fd_add(j->inst[i].err_fd, EV_IN, job_on_err, &j->inst[i]);
		else
			ev_fd_del(j->inst[i].err_fd);
	}
}

static void job_resume(void *ctx)
{
	struct job *j = ctx;

	j->t_resume = 0;
	if (!job_caller(j)) {
		j->paused = false;
		job_watch(j, true);
		job_orphan(j);
		return;
	}
	if (job_busy(j)) {
		j->t_resume = ev_timer_add(JOB_RESUME_MS, job_resume, j);
		return;
	}
	j->paused = false;
	job_watch(j, true);
}

/* Out of the loop (epoll reports a hung-up pipe even with no events
 * asked), back in when the caller has read. */
static void job_pause(struct job *j)
{
	if (j->paused)
		return;
	j->paused = true;
	job_watch(j, false);
	j->t_resume = ev_timer_add(JOB_RESUME_MS, job_resume, j);
}

/* ---- exits ------------------------------------------------------------------------------ */

static int job_status(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return 1;
}

void job_child_exited(pid_t pid, int wstatus)
{
	for (struct job *j = job_g.list; j; j = j->next)
		for (unsigned i = 0; i < j->n; i++) {
			struct job_inst *in = &j->inst[i];
			if (in->pid != pid)
				continue;
			/* Whatever the runner left in its group goes with it. */
			kill(-pid, SIGKILL);
			in->pid = 0;
			in->status = job_status(wstatus);
			j->running--;
			job_g.running--;
			log_debug(in->name, "exited with status %d", in->status);
			job_maybe_done(j);
			return;
		}
	log_debug(NULL, "reaped pid %d", (int)pid);
}

void job_app_event(struct app *a, enum app_event ev)
{
	if (ev != APP_EV_EXITED && ev != APP_EV_REMOVED)
		return;
	for (struct job *j = job_g.list, *next; j; j = next) {
		next = j->next;
		if (j->caller == a->id && !j->orphan)
			job_orphan(j);
	}
}

void job_kill_all(void)
{
	for (struct job *j = job_g.list; j; j = j->next)
		job_kill_job(j);
}

int job_kill(struct app *caller, unsigned id)
{
	for (struct job *j = job_g.list; j; j = j->next)
		if (j->id == id && j->caller == caller->id && !j->orphan) {
			log_info(caller->name, "job %u: killed (%u running)", id, j->running);
			job_kill_job(j);
			return 0;
		}
	return -1;
}

/* job: command instances and pipelines (job.h, docs/commands.md).
 *
 * A pipeline is started whole or not at all: every stage is looked up
 * (a command app: `command = true` in its manifest), the redirected files
 * are opened beneath /data by us (lib/dpath.c), and the pipes between the
 * stages are made before the first runner is spawned. The stages' stdin
 * and stdout are those fds, never parsed by us: pipe(2) joins two runners
 * directly, so a stage that floods a reader that stopped blocks on its
 * pipe, which is bounded by the kernel. Only the last stage's stdout (when
 * not redirected) and every stage's stderr come to us; we read them only
 * while the caller's queue has room (else the fds leave the loop for
 * JOB_RESUME_MS and the commands block), so a fast command cannot grow
 * our memory. Exits come from app_reap through app_on_other_exit, never a
 * blocking wait. */
#include "job.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "dpath.h"
#include "ev.h"
#include "load.h"
#include "log.h"
#include "shparse.h"

#define JOB_CHUNK 4096           /* bytes read from a pipe at a time */
#define JOB_LINE 1024            /* output bytes per `out` line at most */
#define JOB_Q_HIGH (256u * 1024u) /* pause while the caller owes this many bytes */
#define JOB_RESUME_MS 20
#define JOB_ERR_LOG 20           /* stderr lines logged per instance */

struct job;

struct job_inst {
	struct job *job;
	pid_t pid;                    /* 0 once reaped */
	char name[MAN_NAME_MAX + 12]; /* wc#3 */
	unsigned caps;
	int err_fd;
	int status;                   /* shell status, once reaped */
	uint64_t started_ms;
	unsigned logged, quiet;       /* stderr lines logged, and held back */
	char ebuf[JOB_LINE];
	size_t elen;
};

struct job {
	unsigned id;
	uint64_t caller;
	unsigned n, running;
	bool orphan;     /* the caller is gone: nothing is sent */
	bool paused;
	bool killed;
	int out_fd;      /* the last stage's stdout, ours to read; -1: redirected or done */
	char obuf[JOB_LINE];
	size_t olen;
	ev_timer_id t_resume;
	struct job *next;
	struct job_inst inst[];
};

static struct {
	struct app_spawn_cfg cfg;
	struct job *list;
	unsigned njobs, running, next_id, seq;
} job = { .next_id = 1, .seq = 1 };

void job_configure(const struct app_spawn_cfg *cfg)
{
	job.cfg = *cfg;
}

unsigned job_running(void)
{
	return job.running;
}

static struct app *job_caller(const struct job *j)
{
	struct app *c = j->orphan ? NULL : app_find_id(j->caller);
	return c && app_alive(c) ? c : NULL;
}

/* ---- output to the caller --------------------------------------------------------- */

/* "@supervisor: <head><body>\n" whatever the body's length (app_notice
 * cuts its text at about 1.5 KB). */
static void job_line(struct app *c, const char *head, const char *body, size_t len)
{
	struct iovec iov[4] = {
		{ "@supervisor: ", 13 }, { (void *)head, strlen(head) }, { (void *)body, len }, { "\n", 1 },
	};
	app_sendv(c, iov, 4);
}

/* Send len bytes as one `job <id> <kind> [who: ]<escaped>` line. */
static void job_send(struct job *j, const char *kind, const char *who, const char *s, size_t len)
{
	static char esc[JOB_LINE * 4 + 8];
	char head[MAN_NAME_MAX + 64];
	struct app *c = job_caller(j);
	size_t used, n;

	if (!c)
		return;
	n = sh_esc(esc, sizeof esc, s, len, &used);
	snprintf(head, sizeof head, "job %u %s %s%s", j->id, kind, who ? who : "", who ? ": " : "");
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
	struct job **pp = &job.list;

	while (*pp && *pp != j)
		pp = &(*pp)->next;
	if (*pp)
		*pp = j->next;
	ev_timer_clear(&j->t_resume);
	job_close_fd(&j->out_fd);
	for (unsigned i = 0; i < j->n; i++)
		job_close_fd(&j->inst[i].err_fd);
	job.njobs--;
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
	if (c) {
		char head[48];
		snprintf(head, sizeof head, "job %u exit %d", j->id, j->inst[j->n - 1].status);
		job_line(c, head, sts, strlen(sts));
	}
	job_free(j);
}

static void job_kill_job(struct job *j)
{
	j->killed = true;
	for (unsigned i = 0; i < j->n; i++)
		if (j->inst[i].pid > 0)
			kill(-j->inst[i].pid, SIGKILL);
}

/* The caller is gone: kill it all, read nothing more. */
static void job_orphan(struct job *j)
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

static void job_watch(struct job *j, bool on)
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
	for (struct job *j = job.list; j; j = j->next)
		for (unsigned i = 0; i < j->n; i++) {
			struct job_inst *in = &j->inst[i];
			if (in->pid != pid)
				continue;
			/* Whatever the runner left in its group goes with it. */
			kill(-pid, SIGKILL);
			in->pid = 0;
			in->status = job_status(wstatus);
			j->running--;
			job.running--;
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
	for (struct job *j = job.list, *next; j; j = next) {
		next = j->next;
		if (j->caller == a->id && !j->orphan)
			job_orphan(j);
	}
}

void job_kill_all(void)
{
	for (struct job *j = job.list; j; j = j->next)
		job_kill_job(j);
}

int job_kill(struct app *caller, unsigned id)
{
	for (struct job *j = job.list; j; j = j->next)
		if (j->id == id && j->caller == caller->id && !j->orphan) {
			log_info(caller->name, "job %u: killed (%u running)", id, j->running);
			job_kill_job(j);
			return 0;
		}
	return -1;
}

/* ---- starting a pipeline ----------------------------------------------------------------- */

struct job_setup {
	struct sh_list l;
	struct load_result lr;
	int dirfd, in_fd, out_fd; /* the redirections' fds, -1: none */
	int rd;                   /* the read end of the pipe before the stage being spawned */
	int ours;                 /* the read end of the last stage's stdout when not redirected */
	char err[512];
	int status;               /* the shell status of a refusal */
};

static void job_setup_close(struct job_setup *s)
{
	int *fds[] = { &s->dirfd, &s->in_fd, &s->out_fd, &s->rd, &s->ours };
	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
		if (*fds[i] >= 0) {
			close(*fds[i]);
			*fds[i] = -1;
		}
}

static int job_refuse(struct job_setup *s, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int job_refuse(struct job_setup *s, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->err, sizeof s->err, fmt, ap);
	va_end(ap);
	s->status = status;
	return -1;
}

/* Every stage a command app (status 127 when not), within the limits. */
static int job_check(struct job_setup *s)
{
	const struct sh_pipe *p = &s->l.pipe[0];

	if (job.njobs >= JOB_MAX)
		return job_refuse(s, 1, "too many pipelines running (%d at most)", JOB_MAX);
	if (job.running + p->nstages > JOB_INST_MAX)
		return job_refuse(s, 1, "too many commands running (%u now, %d at most)", job.running,
				  JOB_INST_MAX);
	for (unsigned i = 0; i < p->nstages; i++) {
		const char *name = sh_arg(&s->l, i, 0);
		if (!man_valid_name(name))
			return job_refuse(s, 127, "%s: no such command", name);
		if (load_manifest(name, &s->lr) < 0)
			return job_refuse(s, 127, "%s: no such command", name);
		if (!s->lr.man.command)
			return job_refuse(s, 126, "%s: an app, not a command (start it with: start %s)",
					  name, name);
	}
	return 0;
}

static int job_redirs(struct job_setup *s)
{
	const struct sh_pipe *p = &s->l.pipe[0];
	char err[sizeof s->err];

	if (p->in < 0 && p->out < 0)
		return 0;
	s->dirfd = open(job.cfg.data_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (s->dirfd < 0)
		return job_refuse(s, 1, "/data: %s", strerror(errno));
	if (p->in >= 0 &&
	    (s->in_fd = dpath_open(s->dirfd, sh_file(&s->l, p->in), DPATH_READ, err, sizeof err)) < 0)
		return job_refuse(s, 1, "%s", err);
	if (p->out >= 0 &&
	    (s->out_fd = dpath_open(s->dirfd, sh_file(&s->l, p->out),
				    p->append ? DPATH_APPEND : DPATH_WRITE, err, sizeof err)) < 0)
		return job_refuse(s, 1, "%s", err);
	return 0;
}

/* Spawn stage i with stdin s->rd; leaves the next stage's stdin in s->rd. */
static int job_spawn(struct job_setup *s, struct job *j, unsigned i, int null_fd)
{
	const struct sh_stage *st = &s->l.stage[i];
	struct job_inst *in = &j->inst[i];
	const char *args[SH_WORDS_MAX];
	char caps[96], err[256];
	int pfd[2] = { -1, -1 }, out;
	struct child_req req = { 0 };
	struct child_res res;
	bool last = i + 1 == j->n;

	if (load_manifest(sh_arg(&s->l, i, 0), &s->lr) < 0)
		return job_refuse(s, 127, "%s: %s", sh_arg(&s->l, i, 0), s->lr.error);
	if (!last || s->out_fd < 0) {
		if (pipe2(pfd, O_CLOEXEC) < 0)
			return job_refuse(s, 1, "pipe: %s", strerror(errno));
	}
	out = last ? (s->out_fd >= 0 ? s->out_fd : pfd[1]) : pfd[1];
	for (unsigned a = 0; a < st->argc; a++)
		args[a] = sh_arg(&s->l, i, a);
	cap_format(s->lr.man.caps, caps, sizeof caps);
	snprintf(in->name, sizeof in->name, "%s#%u", s->lr.man.name, job.seq++);
	in->job = j;
	in->err_fd = -1;
	in->caps = s->lr.man.caps;
	req.runner = job.cfg.runner;
	req.name = in->name;
	req.caps = caps;
	req.memory_mb = s->lr.man.memory_mb;
	req.data_dir = (s->lr.man.caps & CAP_FILESYSTEM) ? job.cfg.data_dir : NULL;
	req.cache_dir = job.cfg.cache;
	req.cache_index = job.cfg.cache_index;
	req.component = s->lr.component;
	req.clean_env = job.cfg.clean_env;
	req.args = args;
	req.nargs = st->argc;
	req.given_stdio = true;
	req.stdin_fd = s->rd >= 0 ? s->rd : null_fd;
	req.stdout_fd = out;
	if (child_spawn(&req, &res, err, sizeof err) < 0) {
		if (pfd[0] >= 0)
			close(pfd[0]), close(pfd[1]);
		return job_refuse(s, 1, "%s: %s", in->name, err);
	}
	in->pid = res.pid;
	in->err_fd = res.err_fd;
	in->started_ms = ev_now_ms();
	j->running++;
	job.running++;
	if (s->rd >= 0)
		close(s->rd);
	s->rd = -1;
	if (pfd[1] >= 0)
		close(pfd[1]);
	if (last)
		s->ours = pfd[0];
	else
		s->rd = pfd[0];
	return 0;
}

static struct job *job_start(struct app *caller, struct job_setup *s)
{
	unsigned n = s->l.pipe[0].nstages;
	struct job *j = calloc(1, sizeof *j + n * sizeof j->inst[0]);
	int null_fd = -1;

	if (!j) {
		job_refuse(s, 1, "out of memory");
		return NULL;
	}
	j->id = job.next_id++;
	j->caller = caller->id;
	j->n = n;
	j->out_fd = -1;
	for (unsigned i = 0; i < n; i++)
		j->inst[i].err_fd = -1;
	j->next = job.list;
	job.list = j;
	job.njobs++;
	null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	s->rd = s->in_fd;
	s->in_fd = -1;
	for (unsigned i = 0; i < n; i++)
		if (job_spawn(s, j, i, null_fd) < 0) {
			/* Those already started die with the job; it answers
			 * nothing but the refusal. */
			j->n = i;
			if (null_fd >= 0)
				close(null_fd);
			job_orphan(j);
			return NULL;
		}
	if (null_fd >= 0)
		close(null_fd);
	if (s->ours >= 0) {
		fcntl(s->ours, F_SETFL, O_NONBLOCK);
		j->out_fd = s->ours;
		s->ours = -1;
	}
	job_watch(j, true); /* child_spawn made the stderr pipes O_NONBLOCK */
	return j;
}

void job_run(struct app *caller, const char *wire, size_t len)
{
	struct job_setup *s = calloc(1, sizeof *s);
	const char *perr = NULL;
	struct job *j;

	if (!s) {
		app_error(caller, "run: 1 out of memory");
		return;
	}
	s->dirfd = s->in_fd = s->out_fd = s->rd = s->ours = -1;
	if (sh_decode(wire, len, &s->l, &perr) < 0) {
		job_refuse(s, 2, "%s", perr);
		goto refused;
	}
	if (job_check(s) < 0 || job_redirs(s) < 0 || !(j = job_start(caller, s)))
		goto refused;
	app_notice(caller, "ok run %u", j->id);
	log_info(caller->name, "job %u: %u commands, first %s", j->id, j->n, j->inst[0].name);
	goto out;
refused:
	app_error(caller, "run: %d %s", s->status, s->err);
out:
	job_setup_close(s);
	free(s);
}

/* ---- ps and the list of commands ----------------------------------------------------------- */

void job_ps(struct app *to)
{
	char caps[96], up[32], mem[24];

	for (struct job *j = job.list; j; j = j->next)
		for (unsigned i = 0; i < j->n; i++) {
			const struct job_inst *in = &j->inst[i];
			uint64_t ms = ev_now_ms() - in->started_ms;
			long kib = in->pid > 0 ? app_rss_kib(in->pid) : -1;
			if (in->pid <= 0)
				continue;
			cap_format(in->caps, caps, sizeof caps);
			snprintf(up, sizeof up, "%" PRIu64 ".%" PRIu64 "s", ms / 1000, ms % 1000 / 100);
			snprintf(mem, sizeof mem, kib >= 0 ? "%ld" : "-", kib);
			app_notice(to, "%-20s %7d %-8s %9s %8s %-40s %9s %7s", in->name, (int)in->pid,
				   "running", up, "-", caps, mem, "-");
		}
}

void job_commands(struct app *to)
{
	struct load_result *lr = malloc(sizeof *lr);
	char dir[APP_DIR_MAX], line[8192];
	size_t n = 0;
	struct dirent *e;
	DIR *d;

	load_app_dir(dir, sizeof dir, "");
	if (!lr || !(d = opendir(dir))) {
		free(lr);
		app_notice(to, "commands");
		return;
	}
	while ((e = readdir(d)) && n < sizeof line - MAN_NAME_MAX - 2) {
		if (!man_valid_name(e->d_name) || load_manifest(e->d_name, lr) < 0 || !lr->man.command)
			continue;
		n += (size_t)snprintf(line + n, sizeof line - n, " %s", e->d_name);
	}
	closedir(d);
	free(lr);
	job_line(to, "commands", line, n);
}

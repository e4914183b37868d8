/* job_run: starting a pipeline (the rest of the job module: job.c runs
 * it). Every stage is looked up (a command app: `command = true` in its
 * manifest), the redirected files are opened beneath /data by us
 * (lib/dpath.c, the powerbox of docs/commands.md), and the pipes between
 * the stages are made as the runners are spawned, each with its own
 * manifest's capabilities: pipe(2) joins two runners directly. A stage that
 * cannot start takes the others down with it. Also `ps` rows and the list
 * of commands. */
#include "job.h"
#include "job_priv.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "child.h"
#include "dpath.h"
#include "ev.h"
#include "load.h"
#include "log.h"
#include "shparse.h"


struct job_setup {
	struct sh_list l;
	struct load_result lr;
	int dirfd, in_fd, out_fd; /* the redirections' fds, -1: none */
	int rd;                   /* the read end of the pipe before the stage being spawned */
	int ours;                 /* the read end of the last stage's stdout when not redirected */
	int feed;                 /* the process list's write end (jobps.c), -1: none */
	char err[512];
	int status;               /* the shell status of a refusal */
};

static void job_setup_close(struct job_setup *s)
{
	int *fds[] = { &s->dirfd, &s->in_fd, &s->out_fd, &s->rd, &s->ours, &s->feed };
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
/* Names a person types that no command app can hold: `echo` belongs to a
 * test app (tests/apps/echo, the IPC fixture of many tests), so the command
 * is the app `say`. Used only when no command has the typed name. */
static const struct {
	const char *typed, *app;
} job_alias[] = {
	{ "echo", "say" },
};

/* Load the manifest of the command stage i names (an alias's app when the
 * typed name is no command). 0, or -1 as load_manifest. */
static int job_load(struct job_setup *s, unsigned i)
{
	const char *name = sh_arg(&s->l, i, 0);

	if (load_manifest(name, &s->lr) == 0 && s->lr.man.command)
		return 0;
	for (size_t k = 0; k < sizeof job_alias / sizeof job_alias[0]; k++)
		if (strcmp(name, job_alias[k].typed) == 0 && load_manifest(job_alias[k].app, &s->lr) == 0 &&
		    s->lr.man.command)
			return 0;
	return load_manifest(name, &s->lr);
}

static int job_check(struct job_setup *s)
{
	const struct sh_pipe *p = &s->l.pipe[0];

	if (job_g.njobs >= JOB_MAX)
		return job_refuse(s, 1, "too many pipelines running (%d at most)", JOB_MAX);
	if (job_g.running + p->nstages > JOB_INST_MAX)
		return job_refuse(s, 1, "too many commands running (%u now, %d at most)", job_g.running,
				  JOB_INST_MAX);
	for (unsigned i = 0; i < p->nstages; i++) {
		const char *name = sh_arg(&s->l, i, 0);
		if (!man_valid_name(name))
			return job_refuse(s, 127, "%s: no such command", name);
		if (job_load(s, i) < 0)
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
	s->dirfd = open(job_g.cfg.data_dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
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

	if (job_load(s, i) < 0)
		return job_refuse(s, 127, "%s: %s", sh_arg(&s->l, i, 0), s->lr.error);
	if (!last || s->out_fd < 0) {
		if (pipe2(pfd, O_CLOEXEC) < 0)
			return job_refuse(s, 1, "pipe: %s", strerror(errno));
	}
	out = last ? (s->out_fd >= 0 ? s->out_fd : pfd[1]) : pfd[1];
	for (unsigned a = 0; a < st->argc; a++)
		args[a] = sh_arg(&s->l, i, a);
	cap_format(s->lr.man.caps, caps, sizeof caps);
	snprintf(in->name, sizeof in->name, "%s#%u", s->lr.man.name, job_g.seq++);
	in->job = j;
	in->err_fd = -1;
	in->caps = s->lr.man.caps;
	req.runner = job_g.cfg.runner;
	req.name = in->name;
	req.caps = caps;
	req.memory_mb = s->lr.man.memory_mb;
	req.data_dir = (s->lr.man.caps & CAP_FILESYSTEM) ? job_g.cfg.data_dir : NULL;
	req.cache_dir = job_g.cfg.cache;
	req.cache_index = job_g.cfg.cache_index;
	req.component = s->lr.component;
	req.clean_env = job_g.cfg.clean_env;
	req.args = args;
	req.nargs = st->argc;
	req.given_stdio = true;
	if (i == 0 && s->rd < 0 && (in->caps & CAP_SHELL))
		s->rd = job_ps_pipe(&s->feed); /* ps, uptime: jobps.c */
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
	job_g.running++;
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
	j->id = job_g.next_id++;
	j->caller = caller->id;
	j->n = n;
	j->out_fd = -1;
	for (unsigned i = 0; i < n; i++)
		j->inst[i].err_fd = -1;
	j->next = job_g.list;
	job_g.list = j;
	job_g.njobs++;
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
	if (s->feed >= 0) {
		job_ps_write(s->feed);
		s->feed = -1;
	}
	if (s->ours >= 0) {
		fcntl(s->ours, F_SETFL, O_NONBLOCK);
		j->out_fd = s->ours;
		s->ours = -1;
	}
	job_watch(j, true); /* child_spawn made the stderr pipes O_NONBLOCK */
	return j;
}

/* Decode, check and start; the job, or NULL with s->status and s->err. */
static struct job *job_launch(struct app *caller, struct job_setup *s, const char *wire, size_t len)
{
	const char *perr = NULL;

	s->dirfd = s->in_fd = s->out_fd = s->rd = s->ours = s->feed = -1;
	if (sh_decode(wire, len, &s->l, &perr) < 0) {
		job_refuse(s, 2, "%s", perr);
		return NULL;
	}
	if (job_check(s) < 0 || job_redirs(s) < 0)
		return NULL;
	return job_start(caller, s);
}

unsigned job_run_quiet(struct app *caller, const char *wire, size_t len, bool shown, int *status,
		       char *err, size_t cap)
{
	struct job_setup *s = calloc(1, sizeof *s);
	struct job *j = s ? job_launch(caller, s, wire, len) : NULL;
	unsigned id = j ? j->id : 0;

	if (j)
		j->shown = shown;

	*status = s ? s->status : 1;
	snprintf(err, cap, "%s", s ? s->err : "out of memory");
	if (j)
		log_info(caller->name, "job %u: %u commands, first %s", j->id, j->n, j->inst[0].name);
	if (s)
		job_setup_close(s);
	free(s);
	return id;
}

void job_run(struct app *caller, const char *wire, size_t len)
{
	char err[512];
	int status;
	unsigned id = job_run_quiet(caller, wire, len, false, &status, err, sizeof err);

	if (id)
		app_notice(caller, "ok run %u", id);
	else
		app_error(caller, "run: %d %s", status, err);
}

/* ---- ps and the list of commands ----------------------------------------------------------- */

void job_ps(struct app *to)
{
	char caps[96], up[32], mem[24];

	for (struct job *j = job_g.list; j; j = j->next)
		for (unsigned i = 0; i < j->n; i++) {
			const struct job_inst *in = &j->inst[i];
			long kib = in->pid > 0 ? app_rss_kib(in->pid) : -1;
			if (in->pid <= 0)
				continue;
			cap_format(in->caps, caps, sizeof caps);
			app_uptime_fmt(in->started_ms, up, sizeof up);
			snprintf(mem, sizeof mem, kib >= 0 ? "%ld" : "-", kib);
			app_notice(to, "%-20s %7d %-8s %9s %8s %-40s %9s %7s", in->name, (int)in->pid,
				   "running", up, "-", caps, mem, "-");
		}
}

void job_each(void (*fn)(void *ctx, const char *name, pid_t pid, uint64_t started_ms), void *ctx)
{
	for (struct job *j = job_g.list; j; j = j->next)
		for (unsigned i = 0; i < j->n; i++)
			if (j->inst[i].pid > 0)
				fn(ctx, j->inst[i].name, j->inst[i].pid, j->inst[i].started_ms);
}

size_t job_command_names(char *line, size_t cap)
{
	struct load_result *lr = malloc(sizeof *lr);
	char dir[APP_DIR_MAX];
	size_t n = 0;
	struct dirent *e;
	DIR *d;

	line[0] = '\0';
	load_app_dir(dir, sizeof dir, "");
	if (!lr || !(d = opendir(dir))) {
		free(lr);
		return 0;
	}
	while ((e = readdir(d)) && n + MAN_NAME_MAX + 2 < cap) {
		if (!man_valid_name(e->d_name) || load_manifest(e->d_name, lr) < 0 || !lr->man.command)
			continue;
		n += (size_t)snprintf(line + n, cap - n, " %s", e->d_name);
	}
	closedir(d);
	free(lr);
	return n;
}

void job_commands(struct app *to)
{
	static char line[8192];
	size_t n = job_command_names(line, sizeof line);

	job_line(to, "commands", line, n);
}

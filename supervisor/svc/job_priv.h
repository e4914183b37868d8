/* job_priv: what the two files of the job module share (job.c: running
 * jobs, their output and exits; job_run.c: starting them, ps, the list of
 * commands). Not for other modules: they use job.h. */
#ifndef VYOMA_JOB_PRIV_H
#define VYOMA_JOB_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include <sys/types.h>

#include "app.h"

#define JOB_LINE 1024 /* output bytes per `out` line at most */

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
	bool shown;      /* a shell line's (shline.c): `sh out|err` lines, as shown */
	int out_fd;      /* the last stage's stdout, ours to read; -1: redirected or done */
	char obuf[JOB_LINE];
	size_t olen;
	ev_timer_id t_resume;
	struct job *next;
	struct job_inst inst[];
};

/* The registry: every job, and how runners are spawned. */
struct job_reg {
	struct app_spawn_cfg cfg;
	struct job *list;
	unsigned njobs, running, next_id, seq;
};
extern struct job_reg job_g;

/* "@supervisor: <head><body>\n", whatever the body's length. */
void job_line(struct app *c, const char *head, const char *body, size_t len);
/* Watch (on) or stop watching the job's pipes. */
void job_watch(struct job *j, bool on);
/* Kill it all and read nothing more (its caller is gone, or it never
 * started whole); freed once every stage is reaped. */
void job_orphan(struct job *j);
/* The process list (jobps.c) for the stdin of a first stage whose command
 * declares `shell`: a pipe's read end (-1 on error) and, in *wfd, the end
 * job_ps_write fills (once every stage runs) and closes. */
int job_ps_pipe(int *wfd);
void job_ps_write(int wfd);

#endif

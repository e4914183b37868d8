/* job: command instances and pipelines (docs/commands.md). A shell-capable
 * app (or the console) asks `run <pipeline>`; the supervisor starts one
 * transient runner per stage with the command's own capabilities, joins
 * them with pipes, opens the redirected files under /data itself (the
 * powerbox), forwards the last stage's output and every stage's stderr to
 * the caller as escaped lines, and answers with the exit statuses. */
#ifndef VYOMA_JOB_H
#define VYOMA_JOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "app.h"

#define JOB_INST_MAX 64 /* command instances running at once, every caller together */
#define JOB_MAX 64      /* pipelines running at once */

/* How to spawn runners (the same as apps: app_spawn_cfg). Set once at start. */
void job_configure(const struct app_spawn_cfg *cfg);
/* `run <wire words>` from caller (lib/shparse.h's wire form). Answers
 * "ok run <id>" then job lines, or "error: run: <status> <reason>". */
void job_run(struct app *caller, const char *wire, size_t len);
/* The same, answering nothing (svc/shline.c): the job id, or 0 with the
 * status it gives $? and the reason in err. shown: its output goes as
 * `sh out <text>` and `sh err <inst>: <text>` lines, text as a person
 * reads it (docs/commands.md, "The shell"), and no exit line. */
unsigned job_run_quiet(struct app *caller, const char *wire, size_t len, bool shown, int *status,
		       char *err, size_t cap);
/* Called when a job of a live caller has ended, after its exit line
 * (registered in start/sup.c). */
void job_on_exit(void (*fn)(struct app *caller, unsigned id, int status));
/* `jobkill <id>`: SIGKILL every stage of the caller's job. 0 or -1. */
int job_kill(struct app *caller, unsigned id);
/* ps rows of the running instances, in pm's format. */
void job_ps(struct app *to);
/* fn for every running instance (a narrow ps: svc/shline.c). */
void job_each(void (*fn)(void *ctx, const char *name, pid_t pid, uint64_t started_ms), void *ctx);
/* The names of the command apps, each after a space, into line: its length. */
size_t job_command_names(char *line, size_t cap);
/* `commands`: the names of the command apps, one line. */
void job_commands(struct app *to);
/* A reaped pid that is no app's (app_on_other_exit). */
void job_child_exited(pid_t pid, int wstatus);
/* An app or console went away: its jobs are killed (app_subscribe). */
void job_app_event(struct app *a, enum app_event ev);
/* Shutdown: kill every instance now. */
void job_kill_all(void);
/* Instances running now (tests, stats). */
unsigned job_running(void);

#endif

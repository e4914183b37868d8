/* shline: `sh <line>`, the shell's line language run by the supervisor
 * (docs/commands.md, "The shell"). */
#ifndef VYOMA_SHLINE_H
#define VYOMA_SHLINE_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"

/* What shline uses of the modules that call it (pm, ipc): given once by
 * start/sup.c, so the modules form no cycle. */
struct shline_ops {
	void (*verb)(struct app *c, const char *cmd, size_t len);  /* pm_command */
	bool (*is_verb)(const char *name);                          /* pm_is_verb */
	const char *(*verb_name)(size_t i);                         /* pm_verb_name */
	void (*line)(struct app *from, char *line, size_t len);     /* a line as if from wrote it */
};
void shline_configure(const struct shline_ops *ops);

/* `sh <line>` from c: parse and run it; answers the output of its
 * pipelines and verbs, then `sh done <status>`. */
void shline_run(struct app *c, const char *line, size_t len);
/* `shtab <input>` (Tab): complete the command name the input ends in from
 * the verbs and the command apps. Answers `sh input <input>` when it
 * grew it, a line of the candidates when there are several. */
void shline_complete(struct app *c, const char *input, size_t len);
/* `shhist -1|1` (Up/Down): answers `sh input <older or newer line>`. */
void shline_history(struct app *c, int dir);
/* `shcols <n>`: the caller shows n characters a row; `ps` in its lines
 * then fits them (names cut with a marker, never wrapped). */
void shline_cols(struct app *c, unsigned cols);
/* `shkill`: kill c's running pipeline and drop the rest of its line. */
void shline_kill(struct app *c);
/* A job of c ended (job_on_exit): the line goes on. */
void shline_job_exit(struct app *c, unsigned id, int status);
/* The user's copy key in a's window (input_on_copy): the output of its
 * last line, from its transcript (the "| " lines of its log), to the
 * clipboard, with a notice. */
void shline_copy(struct app *a);
/* A caller gone: its line and $? are forgotten (app_subscribe). */
void shline_app_event(struct app *a, enum app_event ev);

#endif

/* pm: the process manager, the `@supervisor: <cmd>` commands. */
#ifndef VYOMA_PM_H
#define VYOMA_PM_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"

#define PM_LOG_DEFAULT 20u
#define PM_LOG_MAX 1000u

/* One command line (without "@supervisor: ") from caller. */
void pm_command(struct app *caller, const char *cmd, size_t len);
/* A verb a line may run alone (shline.c): every command of the table
 * but help, shkill and the two whose words are not split (sh, run). */
bool pm_is_verb(const char *name);
/* The i-th such verb, NULL past the last. */
const char *pm_verb_name(size_t i);
/* Start app `name` as `start <name>` would, for a person who asked by other
 * means (the launcher): its window opens with the focus. 0, or -1 with
 * the reason in err (unknown, cannot be loaded, already running). */
int pm_start_app(const char *name, char *err, size_t errlen);
/* Lifecycle news (an app_subscribe() subscriber) for the commands that
 * wait on it (stop, restart, start of an app that is stopping). */
void pm_app_event(struct app *a, enum app_event ev);

#endif

/* pm: the process manager, the `@supervisor: <cmd>` commands. */
#ifndef VYOMA_PM_H
#define VYOMA_PM_H

#include <stddef.h>

struct app;

enum pm_event {
	PM_EV_DOWN,         /* a stop completed (the child is gone) */
	PM_EV_STARTED,      /* spawned after a start, restart or reload */
	PM_EV_START_FAILED, /* could not be spawned */
};

#define PM_LOG_DEFAULT 20u
#define PM_LOG_MAX 1000u

/* One command line (without "@supervisor: ") from caller. */
void pm_command(struct app *caller, const char *cmd, size_t len);
/* Lifecycle news for commands that wait on it (stop, restart). */
void pm_app_event(struct app *a, enum pm_event ev);

#endif

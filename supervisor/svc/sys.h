/* sys: the system as a whole: the supervisor's event log, readiness, shutdown. */
#ifndef VYOMA_SYS_H
#define VYOMA_SYS_H

#include <stdbool.h>

#include "app.h"
#include "ring.h"

enum sys_down { SYS_DOWN_EXIT, SYS_DOWN_POWEROFF, SYS_DOWN_REBOOT };

/* The supervisor's ring takes every log line from now on; app log lines
 * are echoed on the console when echo_apps. */
void sys_init(bool echo_apps);
void sys_fini(void);
/* The supervisor's own event log. */
const struct ring *sys_ring(void);
/* An app log line on the console (when echo_apps), not in the supervisor
 * ring (the app_io_on_echo hook). */
void sys_echo(const struct app *a, const char *line, bool from_stderr);
/* Lifecycle news (an app_subscribe() subscriber): readiness and shutdown
 * watch every change. */
void sys_app_event(struct app *a, enum app_event ev);

/* Readiness: true once every boot app has settled (docs/protocol.md),
 * checked from sys_booted() on. */
void sys_booted(void);
bool sys_ready(void);
unsigned sys_ready_count(void);
double sys_ready_secs(void);
/* Called once when the system becomes ready. 0, or -1 when full. */
int sys_on_ready(void (*fn)(void));

/* Stop every app (SIGKILL after 5 s), then leave the loop (at most 10 s). */
void sys_shutdown(enum sys_down how);
bool sys_shutting_down(void);
enum sys_down sys_down_how(void);

#endif

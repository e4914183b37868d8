/* ipc: the broker: dispatch of every line an app writes, and delivery. */
#ifndef VYOMA_IPC_H
#define VYOMA_IPC_H

#include <stddef.h>

struct app;

/* One framed line from an app's stdout or a control connection. */
void ipc_line(struct app *from, char *line, size_t len, unsigned line_flags);
/* "@<from>: msg" on to's stdin. 0, or -1 (from got an error line). */
int ipc_deliver(struct app *from, struct app *to, const char *msg, size_t len);
/* Replies to an app (app_notice, app_error, app_raw) are in app.h. */

#endif

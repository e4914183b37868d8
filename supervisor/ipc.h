/* ipc: the broker: dispatch of every line an app writes, and delivery. */
#ifndef VYOMA_IPC_H
#define VYOMA_IPC_H

#include <stddef.h>

struct app;

/* One framed line from an app's stdout or a control connection. */
void ipc_line(struct app *from, char *line, size_t len, unsigned line_flags);
/* "@<from>: msg" on to's stdin. 0, or -1 (from got an error line). */
int ipc_deliver(struct app *from, struct app *to, const char *msg, size_t len);
/* "@supervisor: <text>" to a (dropped and counted if its queue is full). */
void ipc_notice(struct app *to, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* "@supervisor: error: <text>" to a; counted as one of a's drops. */
void ipc_error(struct app *to, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A raw line to a (no prefix), e.g. VYOMA_TEST answers. */
void ipc_raw(struct app *to, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif

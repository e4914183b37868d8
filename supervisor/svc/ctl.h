/* ctl: the control socket (hosted mode) and its VYOMA_TEST verbs. */
#ifndef VYOMA_CTL_H
#define VYOMA_CTL_H

#include <stddef.h>

struct app;

/* A test verb: `VYOMA_TEST:<verb>[:<args>]` or `VYOMA_TEST:<verb> <args>`
 * from a console. It answers with app_raw() lines and must end with
 * ctl_test_ok() or ctl_test_error(). */
typedef void (*ctl_test_fn)(struct app *console, const char *verb, const char *args);

#define CTL_MAX_VERBS 32
#define CTL_MAX_CLIENTS 64

/* Listen on a unix stream socket at path (an old socket file is replaced). */
int ctl_open(const char *path);
/* Close the listener, every connection, and remove the socket file. */
void ctl_close(void);
/* Add a verb (the display module adds key, mouse, screenshot). 0 or -1. */
int ctl_test_register(const char *verb, ctl_test_fn fn);
/* A VYOMA_TEST line from a console (body after "VYOMA_TEST:"). */
void ctl_test(struct app *console, const char *body, size_t len);
void ctl_test_ok(struct app *console, const char *verb);
void ctl_test_error(struct app *console, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The connection failed or closed: close it now, free it from the loop
 * (the app_io_on_broken hook). */
void ctl_console_broken(struct app *console);
/* Called once when the boot apps are ready (sys_on_ready): answers wait-ready. */
void ctl_on_ready(void);

#endif

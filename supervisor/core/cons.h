/* cons: the console writer: a bounded, fair, non-blocking output queue in
 * front of the console (PID 1's serial line, a hosted terminal or pipe). */
#ifndef VYOMA_CONS_H
#define VYOMA_CONS_H

#include <stddef.h>
#include <stdint.h>

#define CONS_LINE_MAX 1024u          /* bytes of one console line, newline included */
#define CONS_SUP_CAP (64u * 1024u)   /* the supervisor's own lines waiting: its reserved room */
#define CONS_SRC_CAP (16u * 1024u)   /* one app's lines waiting */
#define CONS_APPS_CAP (256u * 1024u) /* every app's lines waiting, together */
#define CONS_SRC_MAX 256u            /* apps with lines waiting at once */
#define CONS_OUT_MAX (8u * 1024u)    /* bytes handed to write() at a time */
#define CONS_REPORT_MS 1000u         /* at most one drop report per app per this */
#define CONS_NAME_MAX 64u
#define CONS_DRAIN_MS 2000u          /* at exit: how long to wait for a slow console */

/* How the console is written (cons_open decides). */
enum cons_mode {
	CONS_DIRECT,  /* plain write(): before cons_open, a regular file, or no epoll */
	CONS_QUEUED,  /* non-blocking fd, bounded queues, flushed on EPOLLOUT */
	CONS_GONE,    /* the reader went away: lines are counted and discarded */
};

struct cons_stats {
	uint64_t lines, bytes;   /* written (or handed to the fd) */
	uint64_t dropped;        /* lines dropped because the console was too slow */
	size_t queued;           /* bytes waiting now, every lane */
	enum cons_mode mode;
};

/* Take over the console on fd (normally 2): a pipe, FIFO or terminal is
 * opened again, non-blocking, through /proc/self/fd (the shared open file
 * stays as it is for everyone else); stdout_fd's lines (cons_stdout) go
 * into the same queue when it is the same file. Needs ev_init(). 0, or -1
 * when the console stays direct (said in a log line). */
int cons_open(int fd, int stdout_fd);
/* Report pending drops, write what is queued for at most drain_ms, then
 * go back to direct writes. */
void cons_close(unsigned drain_ms);

/* One line, without its newline, already safe for a terminal. Never
 * blocks once open; a line that does not fit is dropped and counted. */
void cons_sup(const char *line, size_t len);                   /* the supervisor's: first */
void cons_app(const char *src, const char *line, size_t len);  /* an app's: round-robin */
/* A line for stdout (the readiness line): the supervisor's lane when
 * stdout is the console, else written to stdout as it is. */
void cons_stdout(const char *line, size_t len);

void cons_get_stats(struct cons_stats *st);

#endif

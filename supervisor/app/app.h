/* app: the app layer. One supervised app (or one control connection): the
 * registry (app.c), its pipes and replies (app_io.c), and its lifecycle,
 * whose state machine app_life.c alone drives (docs/supervisor.md). This
 * layer calls only core/ and lib/; news for the services above goes through
 * the hooks and subscriptions below, which start/sup.c registers. */
#ifndef VYOMA_APP_H
#define VYOMA_APP_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/uio.h>

#include "ev.h"
#include "line.h"
#include "manifest.h"
#include "outq.h"
#include "policy.h"
#include "ring.h"

/* Written by app_life.c only: every other module asks it (app_start ...). */
enum app_state {
	APP_STOPPED,  /* not running, not scheduled */
	APP_STARTING, /* spawned, not yet counted ready */
	APP_RUNNING,  /* ready (VYOMA_READY, or 200 ms alive) */
	APP_STOPPING, /* SIGTERM sent, waiting for the exit */
	APP_EXITING,  /* the process is gone, its last output is being read */
	APP_BACKOFF,  /* exited, restart scheduled */
	APP_FAILED,   /* gave up, refused, or could not be loaded */
	APP_STATE_COUNT
};

/* What to do once the process is down (written by app_life.c only). */
enum app_intent {
	APP_INTENT_POLICY,  /* nothing asked: the restart policy decides */
	APP_INTENT_DOWN,    /* stop asked: stay stopped */
	APP_INTENT_RESTART, /* restart asked (or a start while it stops): start again */
	APP_INTENT_REMOVE,  /* reload removed it: free it */
};

enum app_kind {
	APP_KIND_APP,     /* a runner child */
	APP_KIND_CONSOLE, /* a control-socket connection, the pseudo-app "console" */
};

struct app_stats {
	uint64_t lines_in;   /* lines read from the app (stdout) */
	uint64_t lines_out;  /* lines written to the app (stdin) */
	uint64_t bytes_in, bytes_out;
	uint64_t msgs_sent;  /* messages it sent that were delivered */
	uint64_t msgs_recv;  /* messages delivered to it */
	uint64_t drops;      /* its messages or commands refused or undeliverable */
	uint64_t drops_in;   /* lines for it dropped because its queue was full */
	uint64_t overlong;   /* its lines cut at LINE_MAX_LEN */
	uint64_t bad_utf8;   /* its lines with invalid UTF-8 */
	uint64_t refused;    /* lines refused for a missing capability */
	uint64_t draw_lines; /* VYOMA_DRAW lines accepted */
	uint64_t log_lines;  /* log lines (stdout and stderr) */
};

#define APP_WAITERS 8
#define APP_DIR_MAX 1024

/* A command caller waiting for an app to settle (pm: stop, restart). */
struct app_waiter {
	uint64_t caller; /* app id */
	char verb[12];
};

struct app {
	uint64_t id;                  /* unique for the life of the supervisor */
	enum app_kind kind;
	char name[MAN_NAME_MAX + 1];
	size_t name_len;              /* strlen(name): lookups and "@name: " per message */
	struct manifest man;
	struct boot_entry boot;       /* placement; valid when in_boot */
	bool in_boot;                 /* listed in the current boot.toml */
	bool loaded;                  /* man is valid */
	char load_error[1024];         /* why it could not be loaded */
	char component[APP_DIR_MAX];  /* absolute or root-relative path */
	int64_t comp_mtime;           /* to notice a rebuilt component on reload */
	int64_t comp_size;

	enum app_state state;
	pid_t pid;                    /* 0 when no child */
	int in_fd, out_fd, err_fd;    /* -1 when closed; consoles use in_fd == out_fd */
	bool in_watch;                /* EPOLLOUT armed on in_fd */
	bool dirty;                   /* output queued this round, flushed before the next wait */
	struct app *dirty_next;
	struct line_buf out_lb, err_lb;
	struct outq q;                /* bytes owed to its stdin */
	struct ring log;              /* its log lines */
	struct app_stats st;

	uint64_t spawned_ms, ready_ms, last_out_ms, exited_ms;
	bool ready;                   /* counted ready since its last spawn */
	bool said_ready;              /* wrote VYOMA_READY */
	bool ever_ready, ever_exited; /* boot readiness: ready once, or gave its answer */
	unsigned restarts;            /* automatic restarts so far */
	unsigned backoff_level;
	struct pol_hist hist;
	int last_status;              /* waitpid status of its last exit, -1: none */
	enum app_intent intent;
	bool dead;                    /* unlinked from lookups, freed from a timer */
	bool watchdog_fired;
	ev_timer_id t_ready, t_grace, t_backoff, t_watchdog, t_eof;

	uint64_t lim_ms, lim_quiet;   /* drop-log rate limit: window start, lines held back */
	unsigned runs;                /* processes started so far (its log marks each run) */
	unsigned refused_kinds;       /* bit per proto kind refused for a capability this run:
	                               * the app hears of each kind once per run */

	uint64_t last_sender;         /* id of who last sent it a message */
	char last_sender_name[MAN_NAME_MAX + 1];

	struct app_waiter waiters[APP_WAITERS]; /* owned by pm */
	unsigned nwaiters;

	void *display;                /* owned by the display module */
	struct app *next;
	struct app *by_name, *by_id;  /* hash chains of the registry (app.c) */
};

/* ---- registry (app.c) --------------------------------------------------- */
struct app *app_new(enum app_kind kind, const char *name);
/* Unlink and free; the app must have no child left. Closes its fds. */
void app_free(struct app *a);
void app_free_all(void);
/* Free a from a zero-delay timer: it is never freed under a callback that
 * may still use it. Lookups stop finding it at once. */
void app_remove_later(struct app *a);
struct app *app_first(void);
/* Apps only (not consoles), by name. */
struct app *app_find(const char *name);
struct app *app_find_n(const char *name, size_t n);
struct app *app_find_id(uint64_t id);
struct app *app_find_pid(pid_t pid);
const char *app_state_name(enum app_state s);
bool app_alive(const struct app *a); /* has a child or is a live console */
unsigned app_count(enum app_kind kind);

/* ---- pipes, framing and replies (app_io.c) -------------------------------- */
/* Upward news from the pipes, registered once at start (start/sup.c):
 * every framed stdout line (or control-connection line) goes to the broker,
 * every log line may be echoed, a broken control connection is closed. */
typedef void (*app_line_fn)(struct app *a, char *line, size_t len, unsigned line_flags);
typedef void (*app_echo_fn)(const struct app *a, const char *line, bool from_stderr);
typedef void (*app_conn_fn)(struct app *console);
void app_io_on_line(app_line_fn fn);
void app_io_on_echo(app_echo_fn fn);
void app_io_on_broken(app_conn_fn fn);

/* Queue one line (a "\n" is added) on the app's stdin; never blocks.
 * 0, or -1 when it cannot be delivered (not running, queue full: counted). */
int app_send_line(struct app *a, const char *line);
/* The same for a line in pieces; OUTQ_OK, OUTQ_FULL, and
 * -3 when the app has no open stdin. */
int app_sendv(struct app *a, const struct iovec *iov, int iovcnt);
/* A message "@<from>: <msg>" to `to`, as app_sendv. When msg is the last
 * line of the read being handled, it may be rewritten in place (the bytes
 * before it are overwritten) and written at once (app_io.c). */
int app_send_msg(struct app *to, const struct app *from, const char *msg, size_t len);
/* Replies: "@supervisor: <text>" (dropped and counted if the queue is full),
 * "@supervisor: error: <text>" (counted as one of a's drops), and a raw
 * line (VYOMA_TEST answers). */
void app_notice(struct app *to, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void app_error(struct app *to, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void app_raw(struct app *to, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Write what this round of callbacks queued for every app: one write per
 * app per round instead of one per line (ev_set_prepare hook). */
void app_io_flush_all(void);
/* Take a out of the to-flush list (before freeing it). */
void app_io_forget(struct app *a);
/* Watch the app's fds in the loop (after spawn or accept). */
int app_io_attach(struct app *a);
/* Read what is left on stdout/stderr, then close every fd. */
void app_io_detach(struct app *a);
/* Close a control connection's socket now (it is freed later). */
void app_io_close_conn(struct app *console);
/* Keep a log line of the app (stdout log line or stderr). */
void app_log_line(struct app *a, char *line, size_t len, bool from_stderr);
/* VmRSS of the app's process in KiB, -1 when unknown. */
long app_rss_kib(pid_t pid);
/* The uptime column of every ps ("12.3s") since started_ms on the loop's
 * clock; "-" when started_ms is 0 (not running). */
void app_uptime_fmt(uint64_t started_ms, char *buf, size_t len);
/* PSS and private (clean + dirty) KiB of pid, from /proc/<pid>/smaps_rollup:
 * memory per app without the shared Wasmtime pages counted in full. 0 or -1. */
int app_smaps_kib(pid_t pid, long *pss, long *priv);

/* ---- lifecycle: the one owner of app state (app_life.c) -------------------- */
/* News for the layers above, in subscription order. */
enum app_event {
	APP_EV_CHANGED,      /* its state or readiness changed */
	APP_EV_EXITED,       /* its process is gone (once per exit, output drained) */
	APP_EV_STARTED,      /* spawned after a start, restart or reload */
	APP_EV_START_FAILED, /* a start, restart or reload could not spawn it */
	APP_EV_DOWN,         /* a requested stop completed */
	APP_EV_REMOVED,      /* it is being freed: forget it */
	APP_EV_COUNT
};
typedef void (*app_event_fn)(struct app *a, enum app_event ev);
#define APP_SUBSCRIBERS 8
/* 0, or -1 when full. */
int app_subscribe(app_event_fn fn);

/* How to run a runner child (set once at start). */
struct app_spawn_cfg {
	const char *runner;   /* the vyoma-run binary */
	const char *cache;    /* --cache, or NULL */
	int cache_index;      /* the sealed cache index every runner gets (lib/cidx.h), or -1 */
	const char *data_dir; /* --data for filesystem apps */
	bool clean_env;       /* PID 1: a fixed minimal environment */
};
void app_life_configure(const struct app_spawn_cfg *cfg);

/* The answer to a request. */
enum app_res {
	APP_RES_DONE,    /* done now */
	APP_RES_PENDING, /* under way: APP_EV_DOWN, _STARTED, _START_FAILED or _REMOVED ends it */
	APP_RES_BUSY,    /* refused: it is already running */
	APP_RES_FAILED,  /* it could not be started (logged; state failed or backoff) */
};
/* Requests: every module asks these; none writes a->state. */
enum app_res app_start(struct app *a);   /* start a stopped, failed or backing-off app */
enum app_res app_stop(struct app *a);    /* SIGTERM, SIGKILL after APP_GRACE_MS; stay down */
enum app_res app_restart(struct app *a); /* stop if up, then start */
enum app_res app_remove(struct app *a);  /* stop if up, then free it */
enum app_res app_fail(struct app *a);    /* it cannot be loaded: failed */
/* Shutdown: stop every app, start none from now on. */
void app_shutdown_all(void);
bool app_shutting_down(void);
/* A control connection on fd, running from the start. NULL on failure
 * (fd is then still the caller's to close). */
struct app *app_console_new(int fd);
/* SIGKILL now; the restart policy applies. -1 when not running. */
int app_kill(struct app *a);
/* A child exited (called for every reaped pid). */
void app_child_exited(pid_t pid, int wstatus);
/* Who hears of a reaped pid that is no app's (command instances, svc/job.c;
 * registered at start). */
typedef void (*app_other_exit_fn)(pid_t pid, int wstatus);
void app_on_other_exit(app_other_exit_fn fn);
/* The app wrote a stdout line or VYOMA_READY: the watchdog's clock, read only
 * while its watchdog runs (no clock read per message otherwise). */
void app_touch(struct app *a);
void app_mark_ready(struct app *a);
/* Forget give-up history (explicit start/restart). */
void app_reset_history(struct app *a);
/* Reap every exited child. */
void app_reap(void);

#define APP_GRACE_MS 2000u
#define APP_READY_MS 200u
#define APP_EOF_MS 200u /* stdout closed, still alive after this: worth a log line */
#define APP_LOG_RING (16u * 1024u)
#define APP_HASH_BUCKETS 1024u /* registry lookups by name and id: a power of two */

#endif

/* vyoma.h: the VyomaOS app SDK, the one header an app includes.
 *
 * An app is `int main(void)` in C, compiled to a WASI 0.2 component. It
 * talks to the system through lines: what it writes goes to the supervisor
 * (messages, draw commands, log lines), what it reads are events (messages
 * from apps, supervisor answers, keys, mouse). Each group of functions below
 * lives in its own file, and an app links only what it calls: a component
 * imports only the WASI interfaces its code uses, which the supervisor
 * checks against the app's vyoma.toml. The reference is docs/sdk.md. */
#ifndef VYOMA_H
#define VYOMA_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- output (sdk/out.c): buffered, flushed by line batches ---------------- */
int vy_write(const void *buf, size_t len);          /* raw bytes */
int vy_print(const char *s);                        /* a string as is */
int vy_line(const char *s);                         /* s and a newline */
int vy_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vy_vprintf(const char *fmt, va_list ap);
int vy_flush(void);                                 /* 0, or -1 if stdout is closed */
int vy_log(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* to stderr */

/* ---- formatting (sdk/fmt.c): a small printf without floats ------------------
 * %d %i %u %x %X %c %s %p %% with l/ll/z, width, '-', '0' and .precision for
 * strings. Always NUL-terminates; returns the length it wanted. */
int vy_snprintf(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vy_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap);

/* ---- messages (sdk/msg.c) --------------------------------------------------- */
int vy_send(const char *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vy_broadcast(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vy_reply(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vy_command(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* @supervisor: (needs shell) */
int vy_ready(void);                                 /* VYOMA_READY */

/* ---- events (sdk/event.c) ------------------------------------------------------- */
enum vy_ev_type {
	VY_EV_TIMEOUT = 0, /* the wait's timeout passed */
	VY_EV_MESSAGE,     /* from: sender app, text: message */
	VY_EV_SUPERVISOR,  /* text: a supervisor answer or notice */
	VY_EV_KEY,         /* key: key name (see docs/input.md), text: same */
	VY_EV_MOUSE,       /* x, y (window-relative), buttons, text: event kind */
	VY_EV_FOCUS,       /* focused: gained (true) or lost */
	VY_EV_LINE,        /* text: any other line on stdin */
	VY_EV_EOF,         /* stdin closed: the supervisor is gone */
};

struct vy_event {
	enum vy_ev_type type;
	const char *from;  /* VY_EV_MESSAGE */
	const char *text;  /* valid until the next vy_wait */
	const char *key;   /* VY_EV_KEY */
	int x, y, buttons; /* VY_EV_MOUSE */
	bool focused;      /* VY_EV_FOCUS */
};

/* Wait for the next event, at most timeout_ms (-1: no limit). Flushes output
 * first. Returns the event type. */
enum vy_ev_type vy_wait(struct vy_event *ev, int64_t timeout_ms);

/* ---- time (sdk/time.c) ------------------------------------------------------------ */
uint64_t vy_now_ms(void);                  /* monotonic milliseconds */
uint64_t vy_now_ns(void);
int64_t vy_wall_time(uint32_t *nanos);     /* seconds since the epoch, UTC */
void vy_sleep_ms(uint64_t ms);

/* ---- files under /data (sdk/fs.c; needs `filesystem`) -------------------------
 * Paths are relative to /data or start with "/data/". All return 0, or -1
 * with the reason in vy_fs_error() (a WASI error-code name). */
typedef int (*vy_dir_fn)(const char *name, bool is_dir, void *ctx); /* nonzero stops */
int vy_file_read(const char *path, void *buf, size_t cap, size_t *len);
int vy_file_write(const char *path, const void *buf, size_t len);  /* create or truncate */
int vy_file_save(const char *path, const void *buf, size_t len);   /* atomic replace */
int vy_file_rename(const char *from, const char *to);
int vy_file_delete(const char *path);
int vy_file_stat(const char *path, uint64_t *size, bool *is_dir);
int vy_mkdir(const char *path);
int vy_dir_list(const char *path, vy_dir_fn fn, void *ctx);
const char *vy_fs_error(void);

/* ---- TCP (sdk/net.c; needs `network`) ----------------------------------------------
 * IPv4 only for now. Calls block up to timeout_ms (-1: no limit); they
 * return 0 (read: bytes, 0 at end of stream), or -1 with vy_net_error(). */
typedef struct vy_tcp {
	int32_t sock, in, out;
	bool open, streams;
} vy_tcp_t;
int vy_tcp_listen(const char *ip, uint16_t port, vy_tcp_t *listener);
int vy_tcp_accept(vy_tcp_t *listener, vy_tcp_t *conn, int64_t timeout_ms);
int vy_tcp_connect(const char *ip, uint16_t port, vy_tcp_t *conn, int64_t timeout_ms);
long vy_tcp_read(vy_tcp_t *conn, void *buf, size_t cap, int64_t timeout_ms);
int vy_tcp_write(vy_tcp_t *conn, const void *buf, size_t len);
void vy_tcp_close(vy_tcp_t *conn);
const char *vy_net_error(void);

/* ---- process (sdk/run.c) -------------------------------------------------------------- */
_Noreturn void vy_exit(int code);          /* flushes output; 0 ok, else failure */

/* ---- memory (sdk/alloc.c): malloc/free/realloc/calloc are provided too ---------- */
void *vy_alloc(size_t n);
void vy_free(void *p);

/* ---- strings (sdk/str.c); <string.h> from wasi-libc works as well ------------- */
bool vy_starts_with(const char *s, const char *prefix);
/* Decimal with optional sign; *end (if not NULL) is set past the digits. */
long long vy_atoll(const char *s, const char **end);
size_t vy_strlcpy(char *dst, const char *src, size_t cap);

#endif

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
 * %d %i %u %x %X %c %s %p %% (%p as %x, no 0x) with l/ll/z, width, '-', '0'
 * and .precision for strings. Always NUL-terminates; returns the length it
 * wanted. */
int vy_snprintf(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vy_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap);

/* ---- messages (sdk/msg.c) --------------------------------------------------- */
int vy_send(const char *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vy_broadcast(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vy_reply(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Answer the sender of the last message vy_wait returned, by name. Safer
 * than vy_reply: @reply goes to whoever sent last when the supervisor reads
 * it, which is another app if one sent a message in between. */
int vy_answer(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
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
	VY_EV_TCP,         /* tcp: a watched connection is readable (or closed),
			      or a watched listener has a connection to accept */
};

struct vy_event {
	enum vy_ev_type type;
	const char *from;  /* VY_EV_MESSAGE */
	const char *text;  /* valid until the next vy_wait */
	const char *key;   /* VY_EV_KEY */
	int x, y, buttons; /* VY_EV_MOUSE */
	bool focused;      /* VY_EV_FOCUS */
	struct vy_tcp *tcp; /* VY_EV_TCP */
};

/* Wait for the next event, at most timeout_ms (-1: no limit). Flushes output
 * first. Returns the event type. Watched sockets (vy_tcp_watch) are waited
 * on in the same poll. */
enum vy_ev_type vy_wait(struct vy_event *ev, int64_t timeout_ms);

/* ---- keys (sdk/key.c): names from docs/input.md -------------------------------- */
#define VY_KEY_ENTER "Enter"
#define VY_KEY_BACKSPACE "Backspace"
#define VY_KEY_DELETE "Delete"
#define VY_KEY_TAB "Tab"
#define VY_KEY_ESCAPE "Escape"
#define VY_KEY_UP "Up"
#define VY_KEY_DOWN "Down"
#define VY_KEY_LEFT "Left"
#define VY_KEY_RIGHT "Right"
#define VY_KEY_HOME "Home"
#define VY_KEY_END "End"
#define VY_KEY_PAGE_UP "PageUp"
#define VY_KEY_PAGE_DOWN "PageDown"
/* true if ev is a key event for the key named `name` (a VY_KEY_* name). */
bool vy_key_is(const struct vy_event *ev, const char *name);
/* The character a key event types (printable ASCII, space included), or 0
 * for keys that type nothing (arrows, Enter, modifiers...). */
int vy_key_char(const struct vy_event *ev);

/* ---- time (sdk/time.c) ------------------------------------------------------------ */
uint64_t vy_now_ms(void);                  /* monotonic milliseconds */
uint64_t vy_now_ns(void);
int64_t vy_wall_time(uint32_t *nanos);     /* seconds since the epoch, UTC */
void vy_sleep_ms(uint64_t ms);

/* ---- drawing (sdk/draw.c; needs `display`): docs/draw.md as functions -----------
 * Colours are 0xRRGGBBAA. Coordinates are window-relative and clipped by the
 * supervisor; they are clamped here to the protocol's range, and rectangles
 * with no area are skipped, so no call can produce a refused line. Nothing
 * shows until vy_flush_frame(). All return 0, or -1 if stdout is closed. */
#define VY_RGB(r, g, b) (((uint32_t)(r) << 24) | ((uint32_t)(g) << 16) | ((uint32_t)(b) << 8) | 0xffu)
#define VY_RGBA(r, g, b, a) (((uint32_t)(r) << 24) | ((uint32_t)(g) << 16) | ((uint32_t)(b) << 8) | (uint32_t)(a))
#define VY_BLIT_MAX 4096 /* pixels in one vy_blit */
enum vy_text_size { VY_TEXT_S = 's', VY_TEXT_M = 'm', VY_TEXT_L = 'l' };
/* The shared look of the bundled apps (docs/sdk.md, "Style"). */
#define VY_THEME_BG     VY_RGB(0x1b, 0x1f, 0x2a) /* window background */
#define VY_THEME_PANEL  VY_RGB(0x26, 0x2c, 0x3b) /* raised areas, rows */
#define VY_THEME_LINE   VY_RGB(0x3a, 0x42, 0x55) /* grid lines, borders */
#define VY_THEME_TEXT   VY_RGB(0xe6, 0xe9, 0xef)
#define VY_THEME_DIM    VY_RGB(0x8b, 0x93, 0xa7) /* secondary text */
#define VY_THEME_ACCENT VY_RGB(0x5f, 0xb3, 0xf9) /* selection, focus */
#define VY_THEME_GOOD   VY_RGB(0x7b, 0xd8, 0x8f)
#define VY_THEME_WARN   VY_RGB(0xff, 0xd8, 0x66)
#define VY_THEME_BAD    VY_RGB(0xff, 0x6b, 0x6b)
int vy_clear(uint32_t rgba);
int vy_fill_rect(int x, int y, int w, int h, uint32_t rgba);
int vy_rect(int x, int y, int w, int h, uint32_t rgba);       /* 1-pixel outline */
int vy_draw_line(int x0, int y0, int x1, int y1, uint32_t rgba);
int vy_pixel(int x, int y, uint32_t rgba);
int vy_blit(int x, int y, int w, int h, const uint32_t *pixels); /* w*h <= VY_BLIT_MAX */
/* Text, top-left of the first cell at (x, y). Newlines and other control
 * characters are drawn as spaces and invalid UTF-8 as '?', so any string
 * (a file, a network reply) is safe to draw: it can never end the line. */
int vy_draw_text(int x, int y, uint32_t rgba, enum vy_text_size size, const char *text);
int vy_draw_textn(int x, int y, uint32_t rgba, enum vy_text_size size, const char *text, size_t len);
int vy_draw_textf(int x, int y, uint32_t rgba, enum vy_text_size size, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
int vy_flush_frame(void);                  /* VYOMA_DRAW:flush, then vy_flush() */

/* ---- text layout (sdk/text.c): the built-in font's cells ------------------------
 * Every character is one cell: s 4x8, m 8x16, l 16x32 pixels. */
int vy_text_cell_w(enum vy_text_size size);
int vy_text_cell_h(enum vy_text_size size);
size_t vy_text_cells(const char *text, size_t len); /* characters (UTF-8 code points) */
int vy_text_width(enum vy_text_size size, const char *text);
/* One line of wrapped text: the number of bytes of s[0..len) that fit in
 * `cols` cells, breaking after a space when it can, at a newline always.
 * *next is where the following line starts (past the break). */
size_t vy_text_wrap(const char *s, size_t len, size_t cols, size_t *next);
/* Draw text centred in [x, x+w) or right-aligned to end at x+w. */
int vy_draw_text_center(int x, int y, int w, uint32_t rgba, enum vy_text_size size, const char *text);
int vy_draw_text_right(int x, int y, int w, uint32_t rgba, enum vy_text_size size, const char *text);
/* Draw text wrapped into the box (x, y, w, h); lines that do not fit are
 * left out. Returns the number of lines drawn. */
int vy_draw_text_box(int x, int y, int w, int h, uint32_t rgba, enum vy_text_size size, const char *text);

/* ---- scrollback (sdk/lines.c): the last lines of a log, chat or terminal --------- */
#define VY_LINES_MAX 128 /* lines kept; older ones are dropped */
#define VY_LINE_LEN 200  /* bytes per line; longer ones are cut */
struct vy_lines {
	char text[VY_LINES_MAX][VY_LINE_LEN];
	uint32_t color[VY_LINES_MAX];
	unsigned head, count; /* head: the next slot to write */
};
void vy_lines_add(struct vy_lines *l, uint32_t rgba, const char *text);
void vy_lines_clear(struct vy_lines *l);
/* Line i, 0 the oldest kept, count-1 the newest; NULL past the end. */
const char *vy_lines_get(const struct vy_lines *l, unsigned i, uint32_t *rgba);
/* Draw the newest lines, wrapped, bottom-aligned in the box, skipping the
 * newest `scroll` lines. Returns the number of screen rows drawn. */
int vy_lines_draw(const struct vy_lines *l, int x, int y, int w, int h, enum vy_text_size size, unsigned scroll);

/* ---- files under /data (sdk/fs.c; needs `filesystem`) -------------------------
 * Paths are relative to /data or start with "/data/". All return 0, or -1
 * with the reason in vy_fs_error() (a WASI error-code name). */
typedef int (*vy_dir_fn)(const char *name, bool is_dir, void *ctx); /* nonzero stops */
int vy_file_read(const char *path, void *buf, size_t cap, size_t *len);
/* Up to cap bytes from offset; *len < cap only at the end of the file. */
int vy_file_read_at(const char *path, uint64_t offset, void *buf, size_t cap, size_t *len);
int vy_file_write(const char *path, const void *buf, size_t len);  /* create or truncate */
int vy_file_save(const char *path, const void *buf, size_t len);   /* atomic replace */
int vy_file_rename(const char *from, const char *to);
int vy_file_delete(const char *path);
int vy_file_stat(const char *path, uint64_t *size, bool *is_dir);
int vy_mkdir(const char *path);
int vy_rmdir(const char *path);                                    /* an empty folder */
int vy_dir_list(const char *path, vy_dir_fn fn, void *ctx);
const char *vy_fs_error(void);

/* ---- TCP (sdk/net.c; needs `network`) ----------------------------------------------
 * IPv4 only for now. Calls block up to timeout_ms (-1: no limit); they
 * return 0 (read: bytes, 0 at end of stream), or -1 with vy_net_error(). */
typedef struct vy_tcp {
	int32_t sock, in, out, poll;
	bool open, streams, watched;
} vy_tcp_t;
/* ip "0.0.0.0" listens on every interface; port 0 picks a free port. */
int vy_tcp_listen(const char *ip, uint16_t port, vy_tcp_t *listener);
int vy_tcp_local_port(vy_tcp_t *t);          /* the bound port, or -1 */
int vy_tcp_accept(vy_tcp_t *listener, vy_tcp_t *conn, int64_t timeout_ms);
int vy_tcp_connect(const char *ip, uint16_t port, vy_tcp_t *conn, int64_t timeout_ms);
long vy_tcp_read(vy_tcp_t *conn, void *buf, size_t cap, int64_t timeout_ms);
int vy_tcp_write(vy_tcp_t *conn, const void *buf, size_t len);
void vy_tcp_close(vy_tcp_t *conn);           /* unwatches it too */
const char *vy_net_error(void);
/* Make vy_wait also return VY_EV_TCP (ev->tcp == t) while t is readable or
 * closed (a connection) or has a connection waiting (a listener). Level
 * triggered: it fires again until the data is read or the connection is
 * accepted. At most VY_WATCH_MAX sockets at once. */
#define VY_WATCH_MAX 16
int vy_tcp_watch(vy_tcp_t *t);
void vy_tcp_unwatch(vy_tcp_t *t);
/* A host name or dotted quad to a dotted IPv4 quad (ip: 16 bytes), through
 * wasi:sockets/ip-name-lookup (sdk/dns.c). */
int vy_resolve(const char *host, char *ip, int64_t timeout_ms);

/* ---- randomness (sdk/rand.c): wasi:random, needs no capability ------------------- */
uint32_t vy_random(void);
uint32_t vy_random_below(uint32_t n);       /* uniform in [0, n), n > 0 */

/* ---- process list (sdk/ps.c): rows of the supervisor's `ps` answer ------------- */
struct vy_ps {
	char name[32];
	char state[12];
	char caps[64];
	int pid;          /* -1 when not running */
	unsigned uptime_ds; /* tenths of a second; 0 when not running */
	unsigned restarts;
	long mem_kib;     /* -1 when unknown */
	unsigned long drops;
};
/* 0 if line (the text of a VY_EV_SUPERVISOR event) is a ps row, else -1
 * (the header, the final "ok ps", anything else). */
int vy_ps_parse(const char *line, struct vy_ps *row);

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
const char *vy_skip_space(const char *s);
/* Copy the next space-separated word of s into out (cut to cap-1 bytes);
 * returns where the word ends (s's end if there is none; *out is "" then). */
const char *vy_word(const char *s, char *out, size_t cap);

#endif

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
int vy_vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
int vy_flush(void);                                 /* 0, or -1 if stdout is closed */
int vy_log(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* to stderr */

/* ---- formatting (sdk/fmt.c): a small printf ----------------------------------
 * %d %i %u %x %X %c %s %p %f %% (%p as %x, no 0x) with l/ll/z, width, '-',
 * '0', .precision for strings and %f (default 6 digits, at most 9; "big"
 * when |v| * 10^digits is over 1.8e19, and for inf and NaN). %f costs
 * about 200 bytes, so it is linked only into an app that says
 * VY_FLOAT_FORMAT; once at file scope; without it %f prints as "%f".
 * An app whose formats use only %s %c %d %i %u (l, ll, z) and %% gets a
 * narrow formatter (sdk/fmtn.c) that prints the same in fewer bytes; the
 * build picks it by reading the formats, which must be string literals
 * (-Wformat-nonliteral). An app that builds a format at run time says
 * VY_RUNTIME_FORMAT; once at file scope, after its includes: it keeps the
 * full formatter, and the warning is off for that file. */
#define VY_FLOAT_FORMAT \
	extern const char sdk_fmtf_on; \
	__attribute__((used)) static const char *const vy_float_format_ref = &sdk_fmtf_on
#define VY_RUNTIME_FORMAT \
	_Pragma("clang diagnostic ignored \"-Wformat-nonliteral\"") \
	__attribute__((used)) static const char vy_runtime_format_mark[] = "vyoma-mark:runtime-format"
/* Always NUL-terminates; returns the length it wanted. */
int vy_snprintf(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vy_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));

/* ---- messages (sdk/msg.c) --------------------------------------------------- */
int vy_msg_send(const char *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vy_msg_broadcast(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vy_msg_reply_latest(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Answer the sender of the last message vy_ev_wait returned, by name. Safer
 * than vy_msg_reply_latest: @reply goes to whoever sent last when the supervisor reads
 * it, which is another app if one sent a message in between. */
int vy_msg_answer(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vy_sys_command(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* @supervisor: (needs shell) */
int vy_sys_ready(void);                                 /* VYOMA_READY */

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
	VY_EV_RESIZE,      /* w, h: the window's new content size: relayout, redraw */
	VY_EV_PASTE,       /* text: the clipboard, decoded (the user pressed Ctrl+v) */
	VY_EV_ERROR,       /* text: "error: <reason>", a refusal of a line this app
			      wrote; vy_ev_error_call names the call that wrote it */
	VY_EV_TIMER,       /* timer: the id vy_timer_start returned */
};

/* ev.kind of VY_EV_MOUSE */
enum vy_mouse_kind { VY_MOUSE_DOWN = 'd', VY_MOUSE_UP = 'u', VY_MOUSE_MOVE = 'm', VY_MOUSE_WHEEL = 'w' };

struct vy_event {
	enum vy_ev_type type;
	const char *from;  /* VY_EV_MESSAGE */
	const char *text;  /* valid until the next vy_ev_wait */
	const char *key;   /* VY_EV_KEY */
	int x, y, buttons; /* VY_EV_MOUSE (a wheel event has no buttons) */
	int dy;            /* VY_EV_MOUSE wheel: notches, > 0 towards the user */
	char kind;         /* VY_EV_MOUSE: a vy_mouse_kind */
	int w, h;          /* VY_EV_RESIZE */
	int timer;         /* VY_EV_TIMER */
	bool focused;      /* VY_EV_FOCUS */
	struct vy_tcp *tcp; /* VY_EV_TCP */
};

/* Wait for the next event, at most timeout_ms (-1: no limit). Flushes output
 * first. Returns the event type. Watched sockets (vy_net_watch) and timers
 * (vy_timer_start) are waited on in the same poll. */
enum vy_ev_type vy_ev_wait(struct vy_event *ev, int64_t timeout_ms);
/* The next event already read from stdin, reading nothing more: a line
 * vy_ev_wait has buffered, VY_EV_EOF, or else VY_EV_TIMEOUT. For an app
 * that redraws when idle (every event read, then one draw, then
 * vy_ev_wait(-1)): the blocking read takes all that is waiting, so the
 * draws coalesce as with a wait of 0, which asks stdin's pollable and so
 * imports wasi:io/poll (about 370 bytes). Timers fire in vy_ev_wait only. */
enum vy_ev_type vy_ev_next(struct vy_event *ev);
/* The SDK call whose line the supervisor refused in a VY_EV_ERROR event
 * ("vy_draw_*", "vy_msg_send", "vy_sys_command", "vy_clip_copy"), or
 * "a raw line" (sdk/everr.c). */
const char *vy_ev_error_call(const struct vy_event *ev);

/* ---- timers (sdk/timer.c): fired by vy_ev_wait as VY_EV_TIMER ------------------- */
#define VY_TIMER_MAX 8
/* A timer due in ms; every ms after that if repeat. Returns its id (> 0), or
 * -1 when VY_TIMER_MAX are running. */
int vy_timer_start(uint32_t ms, bool repeat);
void vy_timer_stop(int id);                /* an unknown or stopped id is ignored */

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
/* true if ev is a key event for the key named `name` (a VY_KEY_* name, or
 * with its modifiers: "Ctrl+s"). */
bool vy_key_is(const struct vy_event *ev, const char *name);
/* The code point a key event types: printable ASCII, space included, and
 * Latin-1 (U+00A0..U+00FF, "é" is 0xe9); 0 for keys that type nothing
 * (arrows, Enter, anything with Ctrl or Alt). */
int vy_key_char(const struct vy_event *ev);
/* The modifier prefixes of a key event's name as bits (sdk/keymod.c). */
#define VY_MOD_CTRL  1u
#define VY_MOD_ALT   2u
#define VY_MOD_SHIFT 4u
unsigned vy_key_mods(const struct vy_event *ev);

/* ---- time (sdk/time.c) ------------------------------------------------------------ */
uint64_t vy_time_ms(void);                  /* monotonic milliseconds */
uint64_t vy_time_ns(void);
int64_t vy_time_wall(uint32_t *nanos);     /* seconds since the epoch, UTC */
void vy_time_sleep(uint64_t ms);

/* ---- drawing (sdk/draw.c; needs `display`): docs/draw.md as functions -----------
 * Colours are 0xRRGGBBAA. Coordinates are window-relative and clipped by the
 * supervisor; they are clamped here to the protocol's range, and rectangles
 * with no area are skipped, so no call can produce a refused line. Nothing
 * shows until vy_draw_flush(). All return 0, or -1 if stdout is closed. */
#define VY_RGB(r, g, b) (((uint32_t)(r) << 24) | ((uint32_t)(g) << 16) | ((uint32_t)(b) << 8) | 0xffu)
#define VY_RGBA(r, g, b, a) (((uint32_t)(r) << 24) | ((uint32_t)(g) << 16) | ((uint32_t)(b) << 8) | (uint32_t)(a))
#define VY_BLIT_MAX 4096 /* pixels in one vy_draw_blit */
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
int vy_draw_clear(uint32_t rgba);
int vy_draw_fill(int x, int y, int w, int h, uint32_t rgba);
int vy_draw_rect(int x, int y, int w, int h, uint32_t rgba);       /* 1-pixel outline */
int vy_draw_line(int x0, int y0, int x1, int y1, uint32_t rgba);
int vy_draw_pixel(int x, int y, uint32_t rgba);
int vy_draw_blit(int x, int y, int w, int h, const uint32_t *pixels); /* w*h <= VY_BLIT_MAX */
/* Text, top-left of the first cell at (x, y). Newlines and other control
 * characters are drawn as spaces and invalid UTF-8 as '?', so any string
 * (a file, a network reply) is safe to draw: it can never end the line. */
int vy_draw_text(int x, int y, uint32_t rgba, enum vy_text_size size, const char *text);
int vy_draw_textn(int x, int y, uint32_t rgba, enum vy_text_size size, const char *text, size_t len);
int vy_draw_textf(int x, int y, uint32_t rgba, enum vy_text_size size, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
int vy_draw_flush(void);
/* Move what is drawn next by (x, y): an app with a fixed-size board
 * centres it in a resized window (vy_ui_size) without touching its
 * drawing code. 0, 0 until called. */
void vy_draw_origin(int x, int y);                  /* VYOMA_DRAW:flush, then vy_flush() */

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

/* ---- errors (sdk/err.c): why an fs or net call failed -----------------------------
 * The WASI error codes of files and of sockets, each followed by the SDK's
 * own for that area. */
enum vy_err {
	VY_OK = 0,
	/* wasi:filesystem error-code, in its order */
	VY_E_ACCESS, VY_E_WOULD_BLOCK, VY_E_ALREADY, VY_E_BAD_DESCRIPTOR, VY_E_BUSY, VY_E_DEADLOCK,
	VY_E_QUOTA, VY_E_EXIST, VY_E_FILE_TOO_LARGE, VY_E_ILLEGAL_BYTE_SEQUENCE, VY_E_IN_PROGRESS,
	VY_E_INTERRUPTED, VY_E_INVALID, VY_E_IO, VY_E_IS_DIRECTORY, VY_E_LOOP, VY_E_TOO_MANY_LINKS,
	VY_E_MESSAGE_SIZE, VY_E_NAME_TOO_LONG, VY_E_NO_DEVICE, VY_E_NO_ENTRY, VY_E_NO_LOCK,
	VY_E_INSUFFICIENT_MEMORY, VY_E_INSUFFICIENT_SPACE, VY_E_NOT_DIRECTORY, VY_E_NOT_EMPTY,
	VY_E_NOT_RECOVERABLE, VY_E_UNSUPPORTED, VY_E_NO_TTY, VY_E_NO_SUCH_DEVICE, VY_E_OVERFLOW,
	VY_E_NOT_PERMITTED, VY_E_PIPE, VY_E_READ_ONLY, VY_E_INVALID_SEEK, VY_E_TEXT_FILE_BUSY,
	VY_E_CROSS_DEVICE,
	VY_E_NO_DATA_DIR,   /* the SDK's: no /data (is the filesystem capability declared?) */
	/* wasi:sockets error-code, in its order */
	VY_E_NET_UNKNOWN, VY_E_NET_ACCESS_DENIED, VY_E_NET_NOT_SUPPORTED, VY_E_NET_INVALID_ARGUMENT,
	VY_E_NET_OUT_OF_MEMORY, VY_E_NET_TIMEOUT, VY_E_NET_CONCURRENCY_CONFLICT,
	VY_E_NET_NOT_IN_PROGRESS, VY_E_NET_WOULD_BLOCK, VY_E_NET_INVALID_STATE,
	VY_E_NET_NEW_SOCKET_LIMIT, VY_E_NET_ADDRESS_NOT_BINDABLE, VY_E_NET_ADDRESS_IN_USE,
	VY_E_NET_REMOTE_UNREACHABLE, VY_E_NET_CONNECTION_REFUSED, VY_E_NET_CONNECTION_RESET,
	VY_E_NET_CONNECTION_ABORTED, VY_E_NET_DATAGRAM_TOO_LARGE, VY_E_NET_NAME_UNRESOLVABLE,
	VY_E_NET_TEMPORARY_RESOLVER_FAILURE, VY_E_NET_PERMANENT_RESOLVER_FAILURE,
	/* the SDK's own, of connections */
	VY_E_TIMEOUT,       /* a timeout_ms passed */
	VY_E_BAD_ADDRESS,   /* not a dotted IPv4 quad */
	VY_E_NO_IPV4,       /* the name has no IPv4 address */
	VY_E_NOT_OPEN,      /* the connection is closed */
	VY_E_STREAM,        /* a read or write on the connection failed */
	VY_E_TOO_MANY,      /* VY_WATCH_MAX sockets are watched already */
};
/* The error's name: "no-entry", "connection-refused", "timeout"... */
const char *vy_err_str(enum vy_err e);

/* ---- files under /data (sdk/fs.c; needs `filesystem`) -------------------------
 * Paths are relative to /data or start with "/data/". All return 0, or -1
 * with the reason in vy_fs_err(). */
typedef int (*vy_fs_list_fn)(const char *name, bool is_dir, void *ctx); /* nonzero stops */
int vy_fs_read(const char *path, void *buf, size_t cap, size_t *len);
/* Up to cap bytes from offset; *len < cap only at the end of the file. */
int vy_fs_read_at(const char *path, uint64_t offset, void *buf, size_t cap, size_t *len);
int vy_fs_write(const char *path, const void *buf, size_t len);  /* create or truncate */
int vy_fs_save(const char *path, const void *buf, size_t len);   /* atomic replace */
int vy_fs_rename(const char *from, const char *to);
int vy_fs_delete(const char *path);
int vy_fs_stat(const char *path, uint64_t *size, bool *is_dir);
int vy_fs_mkdir(const char *path);
int vy_fs_rmdir(const char *path);                                    /* an empty folder */
int vy_fs_list(const char *path, vy_fs_list_fn fn, void *ctx);
/* The whole file in a new vy_mem_alloc'd buffer, NUL-terminated (*len
 * without the NUL), the caller frees it. A file over `limit` bytes is not
 * read: -1 with VY_E_FILE_TOO_LARGE, never a silent cut. */
int vy_fs_read_all(const char *path, size_t limit, char **data, size_t *len);
enum vy_err vy_fs_err(void);              /* the last failure's reason */

/* ---- TCP (sdk/net.c; needs `network`) ----------------------------------------------
 * IPv4 only for now. Calls block up to timeout_ms (-1: no limit); they
 * return 0 (read: bytes, 0 at end of stream), or -1 with vy_net_err(). */
typedef struct vy_tcp {
	int32_t sock, in, out, poll;
	bool open, streams, watched;
} vy_tcp_t;
/* ip "0.0.0.0" (or NULL) listens on every interface; port 0 picks a free port. */
int vy_net_listen(const char *ip, uint16_t port, vy_tcp_t *listener);
int vy_net_local_port(vy_tcp_t *t);          /* the bound port, or -1 */
int vy_net_accept(vy_tcp_t *listener, vy_tcp_t *conn, int64_t timeout_ms);
int vy_net_connect(const char *ip, uint16_t port, vy_tcp_t *conn, int64_t timeout_ms);
long vy_net_read(vy_tcp_t *conn, void *buf, size_t cap, int64_t timeout_ms);
int vy_net_write(vy_tcp_t *conn, const void *buf, size_t len);
void vy_net_close(vy_tcp_t *conn);           /* unwatches it too */
enum vy_err vy_net_err(void);             /* the last failure's reason */
/* Make vy_ev_wait also return VY_EV_TCP (ev->tcp == t) while t is readable or
 * closed (a connection) or has a connection waiting (a listener). Level
 * triggered: it fires again until the data is read or the connection is
 * accepted. At most VY_WATCH_MAX sockets at once. */
#define VY_WATCH_MAX 16
int vy_net_watch(vy_tcp_t *t);
void vy_net_unwatch(vy_tcp_t *t);
/* A host name or dotted quad to a dotted IPv4 quad (ip: 16 bytes), through
 * wasi:sockets/ip-name-lookup (sdk/dns.c). */
int vy_net_resolve(const char *host, char *ip, int64_t timeout_ms);
/* Resolve host (a name or dotted quad) and connect to it: vy_net_resolve then
 * vy_net_connect, without the address as text between them (no quad parser
 * nor formatter for it). 0, or -1 with vy_net_err(); *step (if not NULL) is
 * then "resolve" or "connect", the call that failed. timeout_ms is each's. */
int vy_net_dial(const char *host, uint16_t port, vy_tcp_t *conn, int64_t timeout_ms, const char **step);

/* ---- randomness (sdk/rand.c): wasi:random, needs no capability ------------------- */
uint32_t vy_rand(void);
uint32_t vy_rand_below(uint32_t n);       /* uniform in [0, n), n > 0 */

/* ---- window (sdk/event.c, sdk/notify.c; needs `display`) ---------------------------
 * The content size: the manifest's [window] size until the user resizes
 * the window, then what the last VY_EV_RESIZE said. vy_ui_size leaves *w
 * and *h as they are until then, so pass the manifest's size in. Calling
 * it once turns VY_EV_RESIZE on: an app that never asks its size never
 * relays out, and links no resize parsing. */
void vy_ui_size(int *w, int *h);
/* A short notice in the taskbar strip (<= 120 bytes shown; the supervisor
 * rate-limits it). */
int vy_ui_notify(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- clipboard (sdk/clip.c; needs `display`) -------------------------------------
 * Copy only: an app reads the clipboard only as the VY_EV_PASTE event the
 * supervisor sends when the user presses Ctrl+v in its window. At most
 * 16 KiB; the supervisor refuses more (a VY_EV_ERROR). */
int vy_clip_copy(const char *text, size_t len);
/* Decode pastes for an app without a text field (the shell): from then on
 * VY_EV_PASTE's text is the clipboard's bytes, not its escaped line.
 *   vy_clip_on(); ... case VY_EV_PASTE: insert(ev.text); */
void vy_clip_on(void);

/* ---- layout (sdk/layout.c): rows and columns of a rectangle --------------------- */
struct vy_box { int x, y, w, h; };
/* Cut a strip of `size` pixels (negative: the rest minus -size) off the top
 * (vy_ui_cut_top) or the left of *r, and return it; *r keeps the rest. */
struct vy_box vy_ui_cut_top(struct vy_box *r, int size);
struct vy_box vy_ui_cut_left(struct vy_box *r, int size);
/* Cell i of n equal columns (vy_ui_col) or rows (vy_ui_row) of r, with
 * `gap` pixels between cells. */
struct vy_box vy_ui_col(struct vy_box r, int n, int i, int gap);
struct vy_box vy_ui_row(struct vy_box r, int n, int i, int gap);
/* r shrunk by pad pixels on every side */
struct vy_box vy_ui_inset(struct vy_box r, int pad);
bool vy_ui_hit(struct vy_box r, int x, int y);

/* ---- mouse (sdk/mouse.c; needs `mouse`) --------------------------------------------
 * Linking these marks the component as a mouse user (docs/audit.md). */
/* Call once at start: from then on VY_EV_MOUSE events carry x, y, buttons,
 * kind and dy (an app that never calls it links no mouse parsing). */
void vy_mouse_on(void);
/* true if ev is a press of the left button inside r */
bool vy_mouse_click(const struct vy_event *ev, struct vy_box r);

/* ---- list view (sdk/list.c): a selection that scrolls with it -------------------
 * The app keeps the items; the list keeps which is selected and which is at
 * the top, so the selection is always on screen. */
struct vy_ui_list {
	int count;    /* items */
	int sel;      /* selected item, -1 when count is 0 */
	int top;      /* first visible item */
	int rows;     /* rows that fit: set by vy_ui_list_layout */
	struct vy_box box;
	int row_h;
};
/* Where the list is drawn and how tall a row is; clamps sel and top. */
void vy_ui_list_layout(struct vy_ui_list *l, struct vy_box box, int row_h);
void vy_ui_list_set_count(struct vy_ui_list *l, int count);
void vy_ui_list_select(struct vy_ui_list *l, int i); /* clamped, scrolled into view */
/* Up/Down/PageUp/PageDown/Home/End move the selection: true if ev was one
 * of them (redraw). */
bool vy_ui_list_key(struct vy_ui_list *l, const struct vy_event *ev);
/* A left click selects the row under it, the wheel scrolls (sdk/listmouse.c,
 * needs `mouse`): true if ev changed the list. */
bool vy_ui_list_mouse(struct vy_ui_list *l, const struct vy_event *ev);
/* Row i's rectangle (for drawing it); i from l->top to l->top + l->rows. */
struct vy_box vy_ui_list_row(const struct vy_ui_list *l, int i);

/* ---- text field (sdk/field.c): one line of UTF-8 being edited -------------------
 * Left/Right/Home/End move the cursor (Shift+ extends a selection),
 * Backspace/Delete erase, typed characters (ASCII and Latin-1) insert,
 * Ctrl+a selects all, a VY_EV_PASTE inserts (control characters become
 * spaces). With vy_ui_field_clipboard (sdk/clip.c, about 500 bytes more):
 * Ctrl+c copies the selection (or the whole field), Ctrl+x cuts, and
 * pastes arrive decoded. */
#define VY_FIELD_MAX 256
struct vy_ui_field {
	char text[VY_FIELD_MAX]; /* NUL-terminated UTF-8 */
	int len;                 /* bytes */
	int cur;                 /* cursor, a byte offset at a character start */
	int anchor;              /* selection from anchor to cur; == cur: none */
	int (*copy)(const char *text, size_t len); /* vy_ui_field_clipboard sets it */
};
void vy_ui_field_set(struct vy_ui_field *f, const char *text);
void vy_ui_field_clipboard(struct vy_ui_field *f); /* Ctrl+c, Ctrl+x, decoded pastes */
/* true if ev changed the field or its cursor (redraw). */
bool vy_ui_field_event(struct vy_ui_field *f, const struct vy_event *ev);
/* Draw it in r (one text row of size `size`), the cursor shown if focused;
 * scrolled sideways so the cursor is always visible. */
void vy_ui_field_draw(const struct vy_ui_field *f, struct vy_box r, enum vy_text_size size, bool focused);

/* ---- text from pieces (sdk/join.c): no format --------------------------------
 * A line built from strings and decimal numbers, for an app whose texts
 * need no more than %s and %d: it then links no formatter (vy_vsnprintf,
 * about 1.1 KB). Pieces go into one SDK buffer (cut at VY_JOIN_MAX - 1
 * bytes) until vy_join_end returns the text and starts the next:
 *   vy_join_s("saved "); vy_join_d(n); vy_join_s(" bytes");
 *   vy_str_copy(status, vy_join_end(), sizeof status);
 * vy_join_answer and vy_join_send end the text and write it as a message
 * (as vy_msg_answer and vy_msg_send). */
#define VY_JOIN_MAX 1024
void vy_join_s(const char *s);
void vy_join_d(long long v);
void vy_join_u(unsigned long long v); /* a count: no sign linked */
const char *vy_join_end(void);  /* the text, valid until the next piece */
int vy_join_answer(void);
int vy_join_send(const char *app);

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
_Noreturn void vy_sys_exit(int code);          /* flushes output; 0 ok, else failure */

/* ---- memory (sdk/heap.c): malloc/free/realloc/calloc are provided too ----------- */
void *vy_mem_alloc(size_t n);
void vy_mem_free(void *p);

/* ---- strings (sdk/str.c); <string.h> from wasi-libc works as well ------------- */
bool vy_str_starts(const char *s, const char *prefix);
/* Decimal with optional sign, held at LLONG_MIN or LLONG_MAX when it does not
 * fit; *end (if not NULL) is set past the digits. */
long long vy_str_atoll(const char *s, const char **end);
/* v's decimal digits written just before end (up to 20 bytes, no NUL);
 * returns where they start. */
char *vy_str_dec(char *end, unsigned long long v);
size_t vy_str_copy(char *dst, const char *src, size_t cap);
const char *vy_str_skip_space(const char *s);
/* Copy the next space-separated word of s into out (cut to cap-1 bytes);
 * returns where the word ends (s's end if there is none; *out is "" then). */
const char *vy_str_word(const char *s, char *out, size_t cap);

#endif

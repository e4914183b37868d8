/* app_io: the pipes between the supervisor and each app (and the socket of
 * each control connection). Reads are one chunk per readiness event, so a
 * flooding app gets its turn like everyone else; writes go through the
 * app's bounded outq with EPOLLOUT armed only while bytes are pending, so a
 * reader that stops reading costs at most OUTQ_CAP and never blocks the
 * loop. Lines are framed by line_ and handed to whoever registered for
 * them (the broker); replies to an app are written here too. The bottom of
 * the app layer: it calls only core/ and lib/, and the layer above through
 * the three hooks. */
#include "app.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ev.h"
#include "log.h"
#include "proto.h"
#include "hot.h"

#define APP_IO_CHUNK (64u * 1024u)
/* Room before each read for "@<sender>: " (MAN_NAME_MAX + 3 bytes): a
 * message can then be rewritten in place and written from here. */
#define APP_IO_HEAD 64u

static char app_io_buf[APP_IO_HEAD + APP_IO_CHUNK];
/* While a read of app_io_buf is framed: its end; while its last line is
 * handed out: that line's end (app_send_msg writes such a line at once). */
static const char *app_io_end, *app_io_tail;
static struct app *app_io_dirty;
static struct {
	app_line_fn line;
	app_echo_fn echo;
	app_conn_fn broken;
} app_io_hooks;

void app_io_on_line(app_line_fn fn) { app_io_hooks.line = fn; }
void app_io_on_echo(app_echo_fn fn) { app_io_hooks.echo = fn; }
void app_io_on_broken(app_conn_fn fn) { app_io_hooks.broken = fn; }

static void app_io_close_fd(int *fd)
{
	if (*fd < 0)
		return;
	ev_fd_del(*fd);
	close(*fd);
	*fd = -1;
}

/* The app's stdin is gone (it closed it, or exited): what it was owed is lost. */
static void app_io_broken(struct app *console)
{
	if (app_io_hooks.broken)
		app_io_hooks.broken(console);
	else
		app_io_close_conn(console);
}

void app_io_close_conn(struct app *c)
{
	if (c->in_fd < 0)
		return;
	ev_fd_del(c->in_fd);
	close(c->in_fd);
	c->in_fd = -1;
	c->in_watch = false;
	log_debug(c->name, "control connection %" PRIu64 " closed", c->id);
}

static void app_io_close_in(struct app *a)
{
	if (a->kind == APP_KIND_CONSOLE) {
		app_io_broken(a);
		return;
	}
	if (outq_pending(&a->q))
		log_info(a->name, "stdin closed with %zu bytes unread", outq_pending(&a->q));
	app_io_close_fd(&a->in_fd);
	a->in_watch = false;
	outq_free(&a->q);
	outq_init(&a->q, OUTQ_CAP);
}

void app_log_line(struct app *a, char *line, size_t len, bool from_stderr)
{
	if (!proto_utf8_valid(line, len)) {
		a->st.bad_utf8++;
		proto_utf8_sanitize(line, len);
	}
	a->st.log_lines++;
	ring_push(&a->log, line, len);
	if (app_io_hooks.echo)
		app_io_hooks.echo(a, line, from_stderr);
}

VY_HOT static void app_io_out_line(char *line, size_t len, unsigned flags, void *ctx)
{
	struct app *a = ctx;

	if (!app_io_hooks.line) {
		app_log_line(a, line, len, false);
		return;
	}
	/* The last line of a read in app_io_buf ("\r\n" ends take the queue). */
	app_io_tail = line + len + 1 == app_io_end ? line + len : NULL;
	app_io_hooks.line(a, line, len, flags);
	app_io_tail = NULL;
}

static void app_io_err_line(char *line, size_t len, unsigned flags, void *ctx)
{
	struct app *a = ctx;
	(void)flags;
	app_log_line(a, line, len, true);
}

/* Read one chunk; 1 when more may come, 0 on end of stream. */
VY_HOT static int app_io_read(struct app *a, int fd, struct line_buf *lb, line_fn fn, char *buf,
		       size_t cap)
{
	ssize_t r = read(fd, buf, cap);

	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return 1;
	if (r <= 0) {
		line_finish(lb, fn, a);
		return 0;
	}
	a->st.bytes_in += (uint64_t)r;
	const char *end = app_io_end;
	app_io_end = buf == app_io_buf + APP_IO_HEAD ? buf + r : NULL;
	line_feed(lb, buf, (size_t)r, fn, a);
	app_io_end = end;
	return 1;
}

static void app_io_eof_check(void *ctx)
{
	struct app *a = ctx;
	a->t_eof = 0;
	if (a->pid > 0)
		log_info(a->name, "closed its stdout (still running)");
}

VY_HOT static void app_io_out(int fd, unsigned events, void *ctx)
{
	struct app *a = ctx;
	(void)events;
	if (app_io_read(a, fd, &a->out_lb, app_io_out_line, app_io_buf + APP_IO_HEAD, APP_IO_CHUNK))
		return;
	/* An app may close stdout and keep running: stop watching, keep it.
	 * Usually the EOF just means it is dying; say so only if it lives on. */
	if (a->pid > 0 && !a->t_eof)
		a->t_eof = ev_timer_add(APP_EOF_MS, app_io_eof_check, a);
	app_io_close_fd(&a->out_fd);
}

static void app_io_err(int fd, unsigned events, void *ctx)
{
	struct app *a = ctx;
	(void)events;
	if (app_io_read(a, fd, &a->err_lb, app_io_err_line, app_io_buf + APP_IO_HEAD, APP_IO_CHUNK))
		return;
	app_io_close_fd(&a->err_fd);
}

VY_HOT static void app_io_arm(struct app *a, bool want)
{
	unsigned base = a->kind == APP_KIND_CONSOLE ? EV_IN : 0;

	if (want == a->in_watch || a->in_fd < 0)
		return;
	if (ev_fd_mod(a->in_fd, base | (want ? EV_OUT : 0)) == 0)
		a->in_watch = want;
}

VY_HOT static void app_io_flush(struct app *a)
{
	int r = outq_flush(&a->q, a->in_fd);

	if (r < 0) {
		app_io_close_in(a);
		return;
	}
	app_io_arm(a, r > 0);
}

static void app_io_in(int fd, unsigned events, void *ctx)
{
	struct app *a = ctx;
	(void)fd;
	if (events & EV_OUT) {
		app_io_flush(a);
		return;
	}
	/* EPOLLERR on a pipe's write end: the reader has gone. */
	if (events & (EV_ERR | EV_HUP))
		app_io_close_in(a);
}

static void app_io_console(int fd, unsigned events, void *ctx)
{
	struct app *a = ctx;

	if (events & EV_OUT) {
		app_io_flush(a);
		if (a->in_fd < 0)
			return;
	}
	if (!(events & (EV_IN | EV_HUP | EV_ERR)))
		return;
	if (!app_io_read(a, fd, &a->out_lb, app_io_out_line, app_io_buf + APP_IO_HEAD, APP_IO_CHUNK))
		app_io_broken(a);
}

int app_io_attach(struct app *a)
{
	if (a->kind == APP_KIND_CONSOLE)
		return ev_fd_add(a->in_fd, EV_IN, app_io_console, a);
	if (ev_fd_add(a->in_fd, 0, app_io_in, a) < 0 ||
	    ev_fd_add(a->out_fd, EV_IN, app_io_out, a) < 0 ||
	    ev_fd_add(a->err_fd, EV_IN, app_io_err, a) < 0)
		return -1;
	return 0;
}

void app_io_detach(struct app *a)
{
	static char drain[APP_IO_CHUNK];

	if (a->kind == APP_KIND_APP) {
		/* The child is dead: whatever it wrote is already in the pipes.
		 * Bounded, in case a stray grandchild still holds them. */
		for (int i = 0; i < 16 && a->out_fd >= 0; i++)
			if (!app_io_read(a, a->out_fd, &a->out_lb, app_io_out_line, drain, sizeof drain))
				break;
		for (int i = 0; i < 16 && a->err_fd >= 0; i++)
			if (!app_io_read(a, a->err_fd, &a->err_lb, app_io_err_line, drain, sizeof drain))
				break;
		line_finish(&a->out_lb, app_io_out_line, a);
		line_finish(&a->err_lb, app_io_err_line, a);
	}
	app_io_close_fd(&a->out_fd);
	app_io_close_fd(&a->err_fd);
	app_io_close_fd(&a->in_fd);
	a->in_watch = false;
	line_free(&a->out_lb);
	line_free(&a->err_lb);
	outq_free(&a->q);
	outq_init(&a->q, OUTQ_CAP);
}

/* n bytes of one line are owed to or written to a this round: counted,
 * and a is on the flush list (what comes later this round queues behind). */
VY_HOT static void app_io_sent(struct app *a, size_t n)
{
	a->st.lines_out++;
	a->st.bytes_out += n;
	if (!a->dirty) {
		a->dirty = true;
		a->dirty_next = app_io_dirty;
		app_io_dirty = a;
	}
}

VY_HOT int app_sendv(struct app *a, const struct iovec *iov, int iovcnt)
{
	size_t had = a->q.len;
	int r;

	if (a->in_fd < 0)
		return -3;
	r = outq_pushv(&a->q, iov, iovcnt);
	if (r != OUTQ_OK) {
		a->st.drops_in++;
		return r;
	}
	app_io_sent(a, a->q.len - had);
	return OUTQ_OK;
}

/* A message written at once, from where it was read: msg is the last line
 * of the read being handled (so the bytes before it in app_io_buf are
 * free for "@<from>: ") and nothing is owed to `to` or written to it yet
 * this round. Then no copy into the queue, no queue memory touched. What
 * the pipe does not take is queued as usual; 1 when not taken this way
 * (app_sendv then queues it, or refuses a closed stdin). */
VY_HOT static int app_io_direct(struct app *to, const struct app *from, const char *msg,
				size_t len)
{
	size_t hl = from->name_len + 3, total = hl + len + 1;
	uintptr_t at = (uintptr_t)msg - (uintptr_t)app_io_buf;
	ssize_t w;

	if (msg + len != app_io_tail || at < hl || to->in_fd < 0 || to->dirty || to->in_watch ||
	    outq_pending(&to->q) || total > to->q.limit)
		return 1;
	char *s = app_io_buf + (at - hl);
	s[0] = '@';
	memcpy(s + 1, from->name, from->name_len);
	s[hl - 2] = ':';
	s[hl - 1] = ' ';
	s[total - 1] = '\n';
	w = write(to->in_fd, s, total);
	s[total - 1] = '\0';
	if (w <= 0)
		return 1; /* EAGAIN or an error: queued, and flush_all decides */
	if ((size_t)w < total) {
		struct iovec rest = { s + w, total - (size_t)w };
		if (outq_pushv(&to->q, &rest, 1) != OUTQ_OK) {
			/* Half a line went out and the rest has no room: the stream
			 * is broken for this reader. */
			app_io_close_in(to);
			return 0;
		}
	}
	app_io_sent(to, total);
	return 0;
}

VY_HOT int app_send_msg(struct app *to, const struct app *from, const char *msg, size_t len)
{
	if (!app_io_direct(to, from, msg, len))
		return OUTQ_OK;
	struct iovec iov[5] = {
		{ "@", 1 },
		{ (void *)from->name, from->name_len },
		{ ": ", 2 },
		{ (void *)msg, len },
		{ "\n", 1 },
	};
	return app_sendv(to, iov, 5);
}

VY_HOT void app_io_flush_all(void)
{
	while (app_io_dirty) {
		struct app *a = app_io_dirty;
		app_io_dirty = a->dirty_next;
		a->dirty = false;
		a->dirty_next = NULL;
		if (a->in_fd >= 0 && !a->in_watch && outq_pending(&a->q))
			app_io_flush(a);
	}
}

void app_io_forget(struct app *a)
{
	struct app **pp;

	if (!a->dirty)
		return;
	for (pp = &app_io_dirty; *pp; pp = &(*pp)->dirty_next)
		if (*pp == a) {
			*pp = a->dirty_next;
			break;
		}
	a->dirty = false;
}

/* Input routing is the display module's; the capability rule is enforced
 * here, on the one path every input line takes. */
static const struct {
	const char *prefix;
	unsigned need;
} app_input_caps[] = {
	{ "VYOMA_INPUT:mouse:", CAP_MOUSE },
	{ "VYOMA_INPUT:paste:", CAP_DISPLAY }, /* the clipboard: svc/clip.c */
};

int app_send_line(struct app *a, const char *line)
{
	for (size_t i = 0; i < sizeof app_input_caps / sizeof app_input_caps[0]; i++) {
		if (strncmp(line, app_input_caps[i].prefix, strlen(app_input_caps[i].prefix)) == 0 &&
		    a->kind == APP_KIND_APP && !(a->man.caps & app_input_caps[i].need)) {
			a->st.refused++;
			return -1;
		}
	}
	struct iovec iov[2] = {
		{ (void *)line, strlen(line) },
		{ "\n", 1 },
	};
	return app_sendv(a, iov, 2) == OUTQ_OK ? 0 : -1;
}

/* ---- replies ------------------------------------------------------------------ */

static void app_vsend(struct app *to, const char *prefix, const char *fmt, va_list ap)
{
	char text[RING_LINE_MAX + 512];
	int n = vsnprintf(text, sizeof text, fmt, ap);
	struct iovec iov[3] = {
		{ (void *)prefix, strlen(prefix) },
		{ text, n < 0 ? 0 : (size_t)n >= sizeof text ? sizeof text - 1 : (size_t)n },
		{ "\n", 1 },
	};
	app_sendv(to, iov, 3);
}

void app_notice(struct app *to, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	app_vsend(to, "@supervisor: ", fmt, ap);
	va_end(ap);
}

void app_error(struct app *to, const char *fmt, ...)
{
	va_list ap;
	to->st.drops++;
	va_start(ap, fmt);
	app_vsend(to, "@supervisor: error: ", fmt, ap);
	va_end(ap);
}

void app_raw(struct app *to, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	app_vsend(to, "", fmt, ap);
	va_end(ap);
}

void app_uptime_fmt(uint64_t started_ms, char *buf, size_t len)
{
	uint64_t ms = ev_now_ms() - started_ms;

	if (!started_ms)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%" PRIu64 ".%" PRIu64 "s", ms / 1000, ms % 1000 / 100);
}

long app_rss_kib(pid_t pid)
{
	char path[64], line[256];
	long kib = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

int app_smaps_kib(pid_t pid, long *pss, long *priv)
{
	char path[64], line[256];
	long v;
	FILE *f;

	*pss = *priv = 0;
	snprintf(path, sizeof path, "/proc/%d/smaps_rollup", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		if (sscanf(line, "Pss: %ld kB", &v) == 1)
			*pss = v;
		else if (sscanf(line, "Private_Clean: %ld kB", &v) == 1 ||
			 sscanf(line, "Private_Dirty: %ld kB", &v) == 1)
			*priv += v;
	}
	fclose(f);
	return 0;
}

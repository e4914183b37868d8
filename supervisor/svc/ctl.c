/* ctl: the control socket of the hosted supervisor. Each connection is a
 * struct app of kind console named "console" with every capability: what
 * it writes goes through the broker like an app's stdout (messages,
 * @supervisor: commands), and what is addressed to it comes back on the
 * socket. On top, VYOMA_TEST:<verb> lines drive integration tests through
 * an extensible verb table (wait-ready, stats, ping here; the display
 * module registers key, mouse, screenshot). A connection that breaks is
 * closed at once but freed from a timer, never under its own callback. */
#include "ctl.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "app.h"
#include "log.h"
#include "sys.h"

static struct {
	int fd;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	uint64_t waiters[CTL_MAX_CLIENTS];
	unsigned nwaiters;
	struct {
		char verb[32];
		ctl_test_fn fn;
	} verbs[CTL_MAX_VERBS];
	unsigned nverbs;
} ctl = { .fd = -1 };

void ctl_console_broken(struct app *c)
{
	app_io_close_conn(c);
	app_remove_later(c);
}

static void ctl_resume(void *ctx)
{
	(void)ctx;
	if (ctl.fd >= 0)
		ev_fd_mod(ctl.fd, EV_IN);
}

static void ctl_accept(int fd, unsigned events, void *ctx)
{
	struct app *c;
	int cfd;

	(void)events;
	(void)ctx;
	cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (cfd < 0) {
		/* Out of fds: the connection stays pending and the listener stays
		 * readable; pause it rather than spin. */
		if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
			log_warn(NULL, "control socket: %s; pausing accept for 100 ms", strerror(errno));
			ev_fd_mod(fd, 0);
			ev_timer_add(100, ctl_resume, NULL);
		}
		return;
	}
	if (app_count(APP_KIND_CONSOLE) >= CTL_MAX_CLIENTS) {
		log_warn(NULL, "control socket: too many connections, refusing one");
		close(cfd);
		return;
	}
	c = app_console_new(cfd);
	if (!c) {
		close(cfd);
		return;
	}
	log_debug(c->name, "control connection %" PRIu64 " opened", c->id);
}

int ctl_open(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct stat st;

	/* The socket is made under a temporary name and renamed once it is
	 * owner-only and listening, so a client that sees the path can
	 * connect (between bind and listen a connect is refused) and nobody
	 * else ever could. */
	if (strlen(path) + sizeof ".new" > sizeof sa.sun_path) {
		log_err(NULL, "control socket path too long: %s", path);
		return -1;
	}
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s.new", path);
	ctl.fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (ctl.fd < 0)
		goto fail;
	/* Replace a stale socket from an earlier run, never any other file. */
	if (lstat(sa.sun_path, &st) == 0 && S_ISSOCK(st.st_mode))
		unlink(sa.sun_path);
	if (lstat(path, &st) == 0 && !S_ISSOCK(st.st_mode)) {
		errno = EEXIST;
		goto fail;
	}
	/* Whoever can connect is root over every app: owner only. */
	if (bind(ctl.fd, (struct sockaddr *)&sa, sizeof sa) < 0 || chmod(sa.sun_path, 0600) < 0 ||
	    listen(ctl.fd, 16) < 0 || rename(sa.sun_path, path) < 0 ||
	    ev_fd_add(ctl.fd, EV_IN, ctl_accept, NULL) < 0)
		goto fail;
	snprintf(ctl.path, sizeof ctl.path, "%s", path);
	log_info(NULL, "control socket %s", path);
	return 0;
fail:
	log_err(NULL, "control socket %s: %s", path, strerror(errno));
	if (ctl.fd >= 0)
		close(ctl.fd);
	ctl.fd = -1;
	return -1;
}

void ctl_close(void)
{
	for (struct app *a = app_first(); a; a = a->next)
		if (a->kind == APP_KIND_CONSOLE && a->in_fd >= 0) {
			/* Last words (the poweroff answer) get one more try. */
			outq_flush(&a->q, a->in_fd);
			ctl_console_broken(a);
		}
	if (ctl.fd >= 0) {
		ev_fd_del(ctl.fd);
		close(ctl.fd);
		ctl.fd = -1;
		unlink(ctl.path);
	}
}

void ctl_test_ok(struct app *c, const char *verb) { app_raw(c, "VYOMA_TEST:ok %s", verb); }

void ctl_test_error(struct app *c, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	app_raw(c, "VYOMA_TEST:error %s", msg);
}

/* ---- verbs ------------------------------------------------------------------- */

static void ctl_answer_ready(struct app *c)
{
	app_raw(c, "VYOMA_TEST:ready %u %.3f", sys_ready_count(), sys_ready_secs());
	ctl_test_ok(c, "wait-ready");
}

void ctl_on_ready(void)
{
	for (unsigned i = 0; i < ctl.nwaiters; i++) {
		struct app *c = app_find_id(ctl.waiters[i]);
		if (c)
			ctl_answer_ready(c);
	}
	ctl.nwaiters = 0;
}

static void ctl_wait_ready(struct app *c, const char *verb, const char *args)
{
	(void)verb;
	(void)args;
	if (sys_ready()) {
		ctl_answer_ready(c);
		return;
	}
	if (ctl.nwaiters == CTL_MAX_CLIENTS) {
		ctl_test_error(c, "too many waiters");
		return;
	}
	ctl.waiters[ctl.nwaiters++] = c->id;
}

static unsigned ctl_count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	unsigned n = 0;

	if (!d)
		return 0;
	while (readdir(d))
		n++;
	closedir(d);
	return n > 3 ? n - 3 : 0; /* ".", ".." and the DIR's own fd */
}

static void ctl_stats(struct app *c, const char *verb, const char *args)
{
	for (struct app *a = app_first(); a; a = a->next) {
		if (a->kind != APP_KIND_APP || (args[0] && strcmp(args, a->name) != 0))
			continue;
		const struct app_stats *s = &a->st;
		app_raw(c,
			"VYOMA_TEST:stats app=%s pid=%d state=%s lines_in=%" PRIu64
			" lines_out=%" PRIu64 " bytes_in=%" PRIu64 " bytes_out=%" PRIu64
			" msgs_sent=%" PRIu64 " msgs_recv=%" PRIu64 " drops=%" PRIu64
			" drops_in=%" PRIu64 " overlong=%" PRIu64 " bad_utf8=%" PRIu64
			" refused=%" PRIu64 " draw=%" PRIu64 " log=%" PRIu64
			" queued=%zu rss=%ld restarts=%u",
			a->name, (int)a->pid, app_state_name(a->state), s->lines_in, s->lines_out,
			s->bytes_in, s->bytes_out, s->msgs_sent, s->msgs_recv, s->drops, s->drops_in,
			s->overlong, s->bad_utf8, s->refused, s->draw_lines, s->log_lines,
			outq_pending(&a->q), a->pid > 0 ? app_rss_kib(a->pid) : -1L, a->restarts);
	}
	app_raw(c, "VYOMA_TEST:stats app=supervisor pid=%d rss=%ld apps=%u consoles=%u timers=%u fds=%u",
		(int)getpid(), app_rss_kib(getpid()), app_count(APP_KIND_APP),
		app_count(APP_KIND_CONSOLE), ev_timer_count(), ctl_count_fds());
	ctl_test_ok(c, verb);
}

static void ctl_ping(struct app *c, const char *verb, const char *args)
{
	(void)args;
	app_raw(c, "VYOMA_TEST:pong");
	ctl_test_ok(c, verb);
}

/* send <app> <line>: put a line on an app's stdin as the input router
 * does (app_send_line), e.g. to check that mouse input needs `mouse`. */
static void ctl_send(struct app *c, const char *verb, const char *args)
{
	const char *sp = strchr(args, ' ');
	struct app *a;

	if (!sp) {
		ctl_test_error(c, "usage: send <app> <line>");
		return;
	}
	a = app_find_n(args, (size_t)(sp - args));
	if (!a) {
		ctl_test_error(c, "unknown app %.*s", (int)(sp - args), args);
		return;
	}
	if (app_send_line(a, sp + 1) < 0) {
		ctl_test_error(c, "not delivered to %s", a->name);
		return;
	}
	ctl_test_ok(c, verb);
}

static void ctl_builtin_verbs(void)
{
	if (ctl.nverbs)
		return;
	ctl_test_register("wait-ready", ctl_wait_ready);
	ctl_test_register("stats", ctl_stats);
	ctl_test_register("ping", ctl_ping);
	ctl_test_register("send", ctl_send);
}

int ctl_test_register(const char *verb, ctl_test_fn fn)
{
	if (ctl.nverbs == CTL_MAX_VERBS || strlen(verb) >= sizeof ctl.verbs[0].verb)
		return -1;
	if (!ctl.nverbs && strcmp(verb, "wait-ready") != 0)
		ctl_builtin_verbs();
	snprintf(ctl.verbs[ctl.nverbs].verb, sizeof ctl.verbs[0].verb, "%s", verb);
	ctl.verbs[ctl.nverbs++].fn = fn;
	return 0;
}

void ctl_test(struct app *c, const char *body, size_t len)
{
	char verb[32], args[1024];
	size_t v = 0;

	ctl_builtin_verbs();
	while (v < len && body[v] != ':' && body[v] != ' ')
		v++;
	if (v == 0 || v >= sizeof verb || len - v > sizeof args) {
		ctl_test_error(c, "malformed test line");
		return;
	}
	memcpy(verb, body, v);
	verb[v] = '\0';
	size_t alen = v < len ? len - v - 1 : 0;
	memcpy(args, body + len - alen, alen);
	args[alen] = '\0';
	for (unsigned i = 0; i < ctl.nverbs; i++) {
		if (strcmp(ctl.verbs[i].verb, verb) == 0) {
			ctl.verbs[i].fn(c, verb, args);
			return;
		}
	}
	ctl_test_error(c, "unknown verb %s", verb);
}

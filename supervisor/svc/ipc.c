/* ipc: the broker. Every line an app writes comes here, is classified by
 * proto_, checked (length, UTF-8, capability) and dispatched through a
 * table by kind: messages are delivered as "@<sender>: msg" on the
 * receiver's stdin, commands go to pm_, draw lines to the display module,
 * clipboard lines to clip_,
 * test verbs to ctl_. Nothing is dropped silently: every refusal or
 * undeliverable message sends the sender an "@supervisor: error:" line and
 * is counted; the log of drops is rate limited so a flood cannot flood the
 * console too. The replies themselves are the app layer's (app_error). */
#include "ipc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "clip.h"
#include "ctl.h"
#include "display.h"
#include "line.h"
#include "log.h"
#include "pm.h"
#include "proto.h"
#include "hot.h"

#define IPC_LOG_BURST 5 /* drop/refusal log lines per app per second */

/* Log an app's drop or refusal, at most IPC_LOG_BURST a second. */
static void ipc_droplog(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ipc_droplog(struct app *a, const char *fmt, ...)
{
	uint64_t now = ev_now_ms();
	va_list ap;

	if (now - a->lim_ms >= 1000) {
		if (a->lim_quiet > IPC_LOG_BURST)
			log_warn(a->name, "%llu similar events not logged",
				 (unsigned long long)(a->lim_quiet - IPC_LOG_BURST));
		a->lim_ms = now;
		a->lim_quiet = 0;
	}
	if (a->lim_quiet++ >= IPC_LOG_BURST)
		return;
	va_start(ap, fmt);
	log_vmsg(LOG_WARN, a->name, fmt, ap);
	va_end(ap);
}

VY_HOT static bool ipc_receives(const struct app *to)
{
	if (to->kind == APP_KIND_CONSOLE)
		return to->in_fd >= 0;
	return to->pid > 0 && (to->state == APP_STARTING || to->state == APP_RUNNING);
}

VY_HOT int ipc_deliver(struct app *from, struct app *to, const char *msg, size_t len)
{
	int r;

	if (!ipc_receives(to)) {
		app_error(from, "%s is not running", to->name);
		return -1;
	}
	r = app_send_msg(to, from, msg, len);
	if (r == OUTQ_OK) {
		from->st.msgs_sent++;
		to->st.msgs_recv++;
		/* Ids are never reused and names never change: the name is
		 * copied only when the sender does. */
		if (to->last_sender != from->id) {
			to->last_sender = from->id;
			memcpy(to->last_sender_name, from->name, sizeof to->last_sender_name);
		}
		display_message_arrived(to, from);
		return 0;
	}
	if (r == OUTQ_FULL) {
		app_error(from, "queue full: %s has %zu bytes unread", to->name, outq_pending(&to->q));
		ipc_droplog(to, "queue full (%zu bytes): message from %s dropped",
			    outq_pending(&to->q), from->name);
	} else {
		app_error(from, "%s is not reading its stdin", to->name);
		ipc_droplog(to, "stdin closed: message from %s dropped", from->name);
	}
	return -1;
}

/* ---- handlers by kind ------------------------------------------------------- */

typedef void (*ipc_handler)(struct app *from, const struct proto_line *p, char *line, size_t len);

static void ipc_on_log(struct app *from, const struct proto_line *p, char *line, size_t len)
{
	(void)p;
	app_log_line(from, line, len, false);
}

static void ipc_to_consoles(struct app *from, const char *msg, size_t len)
{
	unsigned n = 0;

	for (struct app *c = app_first(); c; c = c->next)
		if (c->kind == APP_KIND_CONSOLE && c != from && ipc_receives(c)) {
			ipc_deliver(from, c, msg, len);
			n++;
		}
	if (!n)
		app_error(from, "console is not connected");
}

VY_HOT static void ipc_on_unicast(struct app *from, const struct proto_line *p, char *line, size_t len)
{
	struct app *to;

	(void)line;
	(void)len;
	if (p->target_len == 7 && memcmp(p->target, "console", 7) == 0) {
		ipc_to_consoles(from, p->body, p->body_len);
		return;
	}
	to = app_find_n(p->target, p->target_len);
	if (!to) {
		app_error(from, "unknown app %.*s", (int)p->target_len, p->target);
		ipc_droplog(from, "message to unknown app %.*s", (int)p->target_len, p->target);
		return;
	}
	ipc_deliver(from, to, p->body, p->body_len);
}

static void ipc_on_broadcast(struct app *from, const struct proto_line *p, char *line, size_t len)
{
	(void)line;
	(void)len;
	for (struct app *to = app_first(); to; to = to->next)
		if (to != from && ipc_receives(to))
			ipc_deliver(from, to, p->body, p->body_len);
}

VY_HOT static void ipc_on_reply(struct app *from, const struct proto_line *p, char *line, size_t len)
{
	struct app *to = from->last_sender ? app_find_id(from->last_sender) : NULL;

	(void)line;
	(void)len;
	/* The sender restarted since: its new instance has the same name. */
	if (!to && from->last_sender_name[0])
		to = app_find(from->last_sender_name);
	if (!to) {
		app_error(from, "nobody to reply to");
		return;
	}
	ipc_deliver(from, to, p->body, p->body_len);
}

static void ipc_on_supervisor(struct app *from, const struct proto_line *p, char *line, size_t len)
{
	(void)line;
	(void)len;
	pm_command(from, p->body, p->body_len);
}

static void ipc_on_draw(struct app *from, const struct proto_line *p, char *line, size_t len)
{
	char err[256] = "";

	(void)line;
	(void)len;
	if (display_draw_line(from, p->body, p->body_len, err, sizeof err) < 0) {
		app_error(from, "draw: %s", err[0] ? err : "bad draw command");
		return;
	}
	from->st.draw_lines++;
}

static void ipc_on_clip(struct app *from, const struct proto_line *p, char *line, size_t len)
{
	(void)line;
	(void)len;
	clip_line(from, p->body, p->body_len);
}

static void ipc_on_ready(struct app *from, const struct proto_line *p, char *line, size_t len)
{
	(void)p;
	(void)line;
	(void)len;
	from->said_ready = true;
	app_mark_ready(from);
}

static void ipc_on_test(struct app *from, const struct proto_line *p, char *line, size_t len)
{
	(void)line;
	(void)len;
	ctl_test(from, p->body, p->body_len);
}

static void ipc_on_bad(struct app *from, const struct proto_line *p, char *line, size_t len)
{
	(void)line;
	(void)len;
	app_error(from, "%s", p->err);
	ipc_droplog(from, "refused line: %s", p->err);
}

static const struct {
	ipc_handler fn;
	unsigned need;      /* capability bits */
	bool console_only;
	bool message;       /* must be valid UTF-8 and complete */
} ipc_table[PROTO_KIND_COUNT] = {
	[PROTO_LOG] = { ipc_on_log, 0, false, false },
	[PROTO_UNICAST] = { ipc_on_unicast, CAP_STDIO, false, true },
	[PROTO_BROADCAST] = { ipc_on_broadcast, CAP_STDIO, false, true },
	[PROTO_REPLY] = { ipc_on_reply, CAP_STDIO, false, true },
	[PROTO_SUPERVISOR] = { ipc_on_supervisor, CAP_SHELL, false, true },
	[PROTO_DRAW] = { ipc_on_draw, CAP_DISPLAY, false, true },
	[PROTO_READY] = { ipc_on_ready, 0, false, false },
	[PROTO_TEST] = { ipc_on_test, 0, true, true },
	[PROTO_BAD] = { ipc_on_bad, 0, false, false },
	[PROTO_CLIP] = { ipc_on_clip, CAP_DISPLAY, false, true },
};

_Static_assert(PROTO_KIND_COUNT <= 32, "app.refused_kinds has a bit per kind");

static unsigned ipc_caps(const struct app *a)
{
	return a->kind == APP_KIND_CONSOLE ? ~0u : a->man.caps;
}

VY_HOT void ipc_line(struct app *from, char *line, size_t len, unsigned line_flags)
{
	struct proto_line p;
	char caps[64];

	from->st.lines_in++;
	app_touch(from);
	proto_parse(line, len, &p);
	if (line_flags & LINE_CUT) {
		from->st.overlong++;
		ipc_droplog(from, "line longer than %u bytes cut (%s)", LINE_MAX_LEN,
			    proto_kind_name(p.kind));
		if (ipc_table[p.kind].message) {
			app_error(from, "line longer than %u bytes refused", LINE_MAX_LEN);
			return;
		}
		app_error(from, "line longer than %u bytes cut", LINE_MAX_LEN);
		from->st.drops--; /* kept as a cut log line, not a drop */
	}
	/* What is before the body is ASCII (proto.h): the body decides. */
	if (ipc_table[p.kind].message && !proto_utf8_valid(p.body, p.body_len)) {
		from->st.bad_utf8++;
		app_error(from, "invalid UTF-8 refused");
		ipc_droplog(from, "refused %s line: invalid UTF-8", proto_kind_name(p.kind));
		return;
	}
	if (ipc_table[p.kind].console_only && from->kind != APP_KIND_CONSOLE) {
		app_error(from, "%s lines are for the control socket only", proto_kind_name(p.kind));
		return;
	}
	if ((ipc_caps(from) & ipc_table[p.kind].need) != ipc_table[p.kind].need) {
		/* Once per kind per run: an app that answers every error by
		 * drawing again must not turn a refusal into a busy loop. The
		 * rest are counted (refused in ps and `VYOMA_TEST:stats`). */
		from->st.refused++;
		if (from->refused_kinds & (1u << p.kind))
			return;
		from->refused_kinds |= 1u << p.kind;
		cap_format(ipc_table[p.kind].need & ~ipc_caps(from), caps, sizeof caps);
		app_error(from, "%s needs the %s capability (said once; later %s lines are refused "
			  "without an answer)", proto_kind_name(p.kind), caps, proto_kind_name(p.kind));
		log_warn(from->name, "refused %s lines: missing capability %s (logged once per run)",
			 proto_kind_name(p.kind), caps);
		return;
	}
	ipc_table[p.kind].fn(from, &p, line, len);
}

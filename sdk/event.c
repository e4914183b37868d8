/* event: the app's stdin, read as events. One wasi:io/poll call waits on
 * stdin, a clock and any watched sockets together, so an app can animate
 * or serve connections and still answer keys and messages. Lines are framed
 * here with the same 64 KiB limit the supervisor uses; a longer line is cut
 * and the rest dropped. */
#include "sdk.h"

#include <string.h>

#define IN_CAP 65536

/* The line last returned is framed in place: it stays at the start of
 * in_buf (in_used bytes with its newline) until the next vy_ev_wait or
 * vy_ev_next drops it. */
static uint8_t in_buf[IN_CAP + 1];
SDK_LOW static size_t in_len, in_used;
SDK_LOW static bool in_eof, in_skip;
SDK_LOW static wasi_cli_stdin_own_input_stream_t in_stream;
SDK_LOW static wasi_io_poll_own_pollable_t in_poll;

const struct sdk_watch *sdk_watch;

/* Taken on the first wait: 0 is never a handle (see sdk/out.c). */
static void ev_open(void)
{
	if (!in_stream.__handle)
		in_stream = wasi_cli_stdin_get_stdin();
}

/* stdin's pollable, made on the first wait that polls: an app that only
 * ever waits with no limit (-1) on stdin alone never polls, and LTO drops
 * this with wasi:io/poll's calls (the blocking read is its wait). */
static wasi_io_poll_borrow_pollable_t ev_pollable(void)
{
	if (!in_poll.__handle)
		in_poll = wasi_io_streams_method_input_stream_subscribe(
			wasi_io_streams_borrow_input_stream(in_stream));
	return wasi_io_poll_borrow_pollable(in_poll);
}

/* The next complete line (or, at EOF, the rest), NUL-terminated in place
 * at the start of in_buf (ev_drop has dropped the one before). */
static char *ev_take_line(void)
{
	uint8_t *nl = memchr(in_buf, '\n', in_len);
	if (!nl) {
		if (!in_eof || !in_len)
			return NULL;
		nl = in_buf + in_len; /* below IN_CAP: a full buffer has a newline */
	}
	in_used = (size_t)(nl - in_buf) + (nl < in_buf + in_len);
	if (nl > in_buf && nl[-1] == '\r')
		nl--;
	*nl = '\0';
	return (char *)in_buf;
}

/* Drops the line returned last, before the next is framed. */
static void ev_drop(void)
{
	in_len -= in_used;
	memmove(in_buf, in_buf + in_used, in_len);
	in_used = 0;
}

/* Reads stdin into in_buf. Blocking: called once stdin is ready, or when
 * nothing else is waited for, so the wait is the runner's poll(2) on the
 * app's own thread. With now (a wait of 0 on stdin alone), only what is
 * there now, maybe nothing: asked by reading, not of stdin's pollable, so
 * an app whose waits are all 0 or -1 on stdin imports no wasi:io/poll
 * (LTO drops the read an app never makes). */
static void ev_read(bool now)
{
	struct sdk_io_ret *r = &sdk_io_r;
	uint8_t *p;
	size_t n;

	if (now)
		__wasm_import_wasi_io_streams_method_input_stream_read(in_stream.__handle, IN_CAP - in_len, (uint8_t *)r);
	else
		__wasm_import_wasi_io_streams_method_input_stream_blocking_read(in_stream.__handle, IN_CAP - in_len,
										 (uint8_t *)r);
	if (r->is_err) {
		sdk_io_ret_drop(r);
		in_eof = true;
		return;
	}
	/* The read asked for no more than the free room, so it fits. */
	p = r->u.ok.ptr;
	n = r->u.ok.len;
	if (in_skip) { /* the rest of an overlong line: drop it, newline included */
		uint8_t *nl = memchr(p, '\n', n);
		in_skip = !nl;
		n = nl ? n - (size_t)(nl + 1 - p) : 0;
		if (nl)
			p = nl + 1;
	}
	memcpy(in_buf + in_len, p, n);
	in_len += n;
	if (in_len == IN_CAP && !memchr(in_buf, '\n', IN_CAP)) {
		/* Overlong: keep the cut line, drop the rest up to the newline. */
		in_buf[IN_CAP - 1] = '\n';
		in_skip = true;
	}
	app_list_u8_free(&r->u.ok);
}

static enum vy_ev_type ev_empty(struct vy_event *ev, enum vy_ev_type t)
{
	memset(ev, 0, sizeof *ev);
	ev->text = "";
	return ev->type = t;
}

/* A timeout of 0 waits for nothing: a line already read or ready now
 * (one read or poll), else VY_EV_TIMEOUT. With stdin alone that is one
 * non-blocking read (ev_read), not a poll with a timer of 0, so an app
 * whose only timeouts are 0 and -1 (redraw when idle) links no clock and
 * no poll: LTO sees timeout_ms is never above 0, and the component does
 * not import wasi:clocks/monotonic-clock nor wasi:io/poll (about 200 and
 * 170 bytes; stdin's `ready` on its pollable was the poll before). */
enum vy_ev_type vy_ev_wait(struct vy_event *ev, int64_t timeout_ms)
{
	bool now_only = timeout_ms == 0;
	uint64_t deadline = timeout_ms > 0 ? vy_time_ns() + (uint64_t)timeout_ms * 1000000u : 0;
	uint64_t wait_until;
	bool timed;

	vy_flush();
	ev_open();
	ev_drop();
	for (;;) {
		/* [0] stdin, [1..] watched sockets, [last] the timer */
		wasi_io_poll_borrow_pollable_t list[VY_WATCH_MAX + 2];
		wasi_io_poll_list_borrow_pollable_t in = {list, 0};
		wasi_io_poll_own_pollable_t timer = {0};
		app_list_u32_t ready;
		struct vy_tcp *tcp = NULL;
		bool got_input;
		char *line = ev_take_line();

		if (line)
			return sdk_ev_parse(ev, line);
		if (in_eof)
			return ev_empty(ev, VY_EV_EOF);
		wait_until = deadline;
		timed = timeout_ms > 0;
		/* Timers exist only in apps that link sdk/timer.c. */
		if (sdk_timer_due) {
			uint64_t due;
			int id = sdk_timer_due(&due);
			if (id) {
				ev_empty(ev, VY_EV_TIMER);
				ev->timer = id;
				return VY_EV_TIMER;
			}
			if (due && !now_only && (!timed || due < wait_until)) {
				wait_until = due;
				timed = true;
			}
		}
		in.len = 1; /* list[0], stdin's pollable, is set below if a poll is made */
		if (sdk_watch)
			in.len += sdk_watch->add(list + in.len);
		if (now_only && in.len > 1) { /* sockets too: a timer of 0 */
			wait_until = 0;
			timed = true;
		}
		if (timed) {
			uint64_t now = vy_time_ns();
			timer = wasi_clocks_monotonic_clock_subscribe_duration(wait_until > now ? wait_until - now : 0);
			list[in.len++] = wasi_io_poll_borrow_pollable(timer);
		}
		/* stdin alone: no poll, the read below is the wait (or, for a
		 * wait of 0, takes what is there now) */
		ready.len = 0;
		got_input = in.len == 1;
		if (!got_input) {
			list[0] = ev_pollable();
			wasi_io_poll_poll(&in, &ready);
		}
		for (size_t i = 0; i < ready.len; i++)
			if (ready.ptr[i] == 0)
				got_input = true;
		if (timed)
			wasi_io_poll_pollable_drop_own(timer);
		if (got_input)
			ev_read(now_only && in.len == 1);
		/* A waiting line goes before a ready socket. */
		line = ev_take_line();
		if (!line && sdk_watch)
			tcp = sdk_watch->pick(ready.ptr, ready.len);
		app_list_u32_free(&ready);
		if (line)
			return sdk_ev_parse(ev, line);
		if (tcp) {
			ev_empty(ev, VY_EV_TCP);
			ev->tcp = tcp;
			return VY_EV_TCP;
		}
		/* a wait of 0 reads once: no whole line yet is a timeout */
		if (now_only || (!got_input && timeout_ms > 0 && vy_time_ns() >= deadline))
			return ev_empty(ev, VY_EV_TIMEOUT);
	}
}

enum vy_ev_type vy_ev_next(struct vy_event *ev)
{
	char *line;

	ev_drop();
	line = ev_take_line();
	if (line)
		return sdk_ev_parse(ev, line);
	return ev_empty(ev, in_eof ? VY_EV_EOF : VY_EV_TIMEOUT);
}

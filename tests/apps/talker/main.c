/* talker: the real app of the supervisor's integration tests
 * (tests/integration), and the shared source of its siblings. Each sibling
 * directory (echo, pong, sink, slow, crasher, quitter, silent, ticker,
 * closer) is a one-line main.c that sets TAPP_MODE and includes this file,
 * so every behaviour is its own component with its own vyoma.toml.
 *
 * Every mode that reads stdin logs each line it gets on stderr as
 * "got: <line>" (stderr lines land in the app's log ring, where tests look
 * for them), except the quiet benchmark modes. The talker also obeys
 * commands, given as the text of a message ("@talker: say hi") or as a bare
 * line (VYOMA_TEST:send):
 *
 *   say <line>             write <line> on stdout as is (any protocol line)
 *   send <app> <text>      vy_msg_send          broadcast <text>   vy_msg_broadcast
 *   reply <text>           vy_msg_reply_latest         cmd <command>      vy_sys_command
 * (commands go out as vy_msg_send("supervisor", ...), not vy_sys_command, so
 * the build gives this test app no `shell` mark: tests run it without
 * `shell` on purpose, to see the supervisor refuse at run time)
 *   log <text>             a line on stderr ready               VYOMA_READY
 *   flood <app> <n>        n messages "m <i>" at once, then "flooded <n>"
 *   big <n> [prefix]       one line: prefix, then n bytes 'x'
 *   badutf8 <prefix>       one line: prefix, then the bytes ff fe
 *   close-stdout           drop the stdout stream, keep running
 *   sleep <ms>             exit <code>      trap
 *   pingpong <app> <n>     n round trips "ping <i>" / any answer, then
 *                          "@console: pingpong <n> <ns>"
 *   burst <app> <n> <w>    n messages "m <i>" in windows of w, waiting for
 *                          an answer after each window (a sink acks), then
 *                          "@console: burst <n> <ns>"
 */
#include <vyoma.h>

#include "app.h" /* raw WASI bindings: the SDK never drops its stdout */

#include <string.h>

#define TAPP_TALKER 0
#define TAPP_ECHO 1    /* answers every message "@reply: echo <text>" */
#define TAPP_PONG 2    /* answers every message "@reply: pong", quietly */
#define TAPP_SINK 3    /* counts "m <i>" messages, "@reply: ack" every 1000 and on "last" */
#define TAPP_SLOW 4    /* counts "m <i>" messages, sleeping 1 ms every 8 lines read */
#define TAPP_CRASHER 5 /* one line, then exits with failure at once */
#define TAPP_QUITTER 6 /* one line, then exits 0 at once */
#define TAPP_SILENT 7  /* never writes, never reads: sleeps forever */
#define TAPP_TICKER 8  /* "tick <n>" every 200 ms, forever */
#define TAPP_CLOSER 9  /* VYOMA_READY, drops its stdout, then serves like the talker */

#ifndef TAPP_MODE
#define TAPP_MODE TAPP_TALKER
#endif

#define SINK_WINDOW 1000

static void got(const struct vy_event *ev)
{
	switch (ev->type) {
	case VY_EV_MESSAGE:
	case VY_EV_ERROR:
	case VY_EV_SUPERVISOR:
		vy_log("got: @%s: %s", ev->from, ev->text);
		break;
	case VY_EV_KEY:
		vy_log("got: VYOMA_INPUT:key:%s", ev->key);
		break;
	case VY_EV_MOUSE:
		vy_log("got: VYOMA_INPUT:mouse:%s", ev->text); /* unparsed: no vy_mouse_on */
		break;
	case VY_EV_FOCUS:
		vy_log("got: VYOMA_INPUT:focus:%d", ev->focused ? 1 : 0);
		break;
	default:
		vy_log("got: %s", ev->text);
		break;
	}
}

/* The next word of *s (into out), *s moved past it and one space. */
static void word(const char **s, char *out, size_t cap)
{
	*s = vy_str_word(*s, out, cap);
	if (**s == ' ')
		(*s)++;
}

/* Wait for the next message (an answer), logging nothing. */
static int next_message(void)
{
	struct vy_event ev;
	for (;;) {
		enum vy_ev_type t = vy_ev_wait(&ev, -1);
		if (t == VY_EV_MESSAGE)
			return 0;
		if (t == VY_EV_EOF)
			return -1;
	}
}

static void pingpong(const char *target, long n)
{
	uint64_t t0 = vy_time_ns();
	for (long i = 0; i < n; i++) {
		vy_msg_send(target, "ping %ld", i);
		if (next_message() != 0)
			vy_sys_exit(1);
	}
	vy_msg_send("console", "pingpong %ld %llu", n, (unsigned long long)(vy_time_ns() - t0));
}

static void burst(const char *target, long n, long w)
{
	uint64_t t0 = vy_time_ns();
	for (long i = 0; i < n; i++) {
		vy_msg_send(target, "m %ld%s", i, i + 1 == n ? " last" : "");
		if (((i + 1) % w == 0 || i + 1 == n) && next_message() != 0)
			vy_sys_exit(1);
	}
	vy_msg_send("console", "burst %ld %llu", n, (unsigned long long)(vy_time_ns() - t0));
}

static void close_stdout(void)
{
	vy_flush();
	wasi_io_streams_output_stream_drop_own(wasi_cli_stdout_get_stdout());
	vy_log("dropped stdout");
}

static void command(const char *text)
{
	char verb[32], arg[64];
	const char *rest = text;

	word(&rest, verb, sizeof verb);
	if (!strcmp(verb, "say"))
		vy_line(rest);
	else if (!strcmp(verb, "send")) {
		word(&rest, arg, sizeof arg);
		vy_msg_send(arg, "%s", rest);
	} else if (!strcmp(verb, "broadcast"))
		vy_msg_broadcast("%s", rest);
	else if (!strcmp(verb, "reply"))
		vy_msg_reply_latest("%s", rest);
	else if (!strcmp(verb, "cmd"))
		vy_msg_send("supervisor", "%s", rest);
	else if (!strcmp(verb, "log"))
		vy_log("%s", rest);
	else if (!strcmp(verb, "ready"))
		vy_sys_ready();
	else if (!strcmp(verb, "flood")) {
		word(&rest, arg, sizeof arg);
		long n = (long)vy_str_atoll(rest, NULL);
		for (long i = 0; i < n; i++)
			vy_msg_send(arg, "m %ld", i);
		vy_printf("flooded %ld\n", n);
	} else if (!strcmp(verb, "big")) {
		long n = (long)vy_str_atoll(rest, &rest);
		static char xs[4096];
		memset(xs, 'x', sizeof xs);
		vy_print(vy_str_skip_space(rest));
		for (; n > 0; n -= (long)sizeof xs)
			vy_write(xs, n < (long)sizeof xs ? (size_t)n : sizeof xs);
		vy_write("\n", 1);
	} else if (!strcmp(verb, "badutf8")) {
		vy_print(rest);
		vy_write("\xff\xfe\n", 3);
	} else if (!strcmp(verb, "close-stdout"))
		close_stdout();
	else if (!strcmp(verb, "sleep"))
		vy_time_sleep((uint64_t)vy_str_atoll(rest, NULL));
	else if (!strcmp(verb, "exit"))
		vy_sys_exit((int)vy_str_atoll(rest, NULL));
	else if (!strcmp(verb, "trap"))
		__builtin_trap();
	else if (!strcmp(verb, "pingpong")) {
		word(&rest, arg, sizeof arg);
		pingpong(arg, (long)vy_str_atoll(rest, NULL));
	} else if (!strcmp(verb, "burst")) {
		word(&rest, arg, sizeof arg);
		long n = (long)vy_str_atoll(rest, &rest);
		long w = (long)vy_str_atoll(vy_str_skip_space(rest), NULL);
		burst(arg, n, w > 0 ? w : 1);
	}
	/* anything else is only logged: answers from other apps land here */
}

/* sink and slow: count the "m <i>" messages, check their order. */
static long count, last = -1, disorder;

static bool counted(const struct vy_event *ev)
{
	long i;

	if (ev->type != VY_EV_MESSAGE || !vy_str_starts(ev->text, "m "))
		return false;
	i = (long)vy_str_atoll(ev->text + 2, NULL);
	if (i <= last)
		disorder++;
	last = i;
	count++;
	if (TAPP_MODE == TAPP_SINK && (count % SINK_WINDOW == 0 || strstr(ev->text, " last")))
		vy_msg_reply_latest("ack %ld", count);
	if (TAPP_MODE == TAPP_SLOW && count % 8 == 0)
		vy_time_sleep(1);
	return true;
}

static void serve(void)
{
	struct vy_event ev;

	for (;;) {
		enum vy_ev_type t = vy_ev_wait(&ev, -1);
		if (t == VY_EV_EOF) {
			if (TAPP_MODE != TAPP_PONG && TAPP_MODE != TAPP_SINK)
				vy_log("stdin closed, exiting");
			return;
		}
		if (TAPP_MODE == TAPP_PONG) {
			if (t == VY_EV_MESSAGE)
				vy_msg_reply_latest("pong");
			continue;
		}
		if ((TAPP_MODE == TAPP_SINK || TAPP_MODE == TAPP_SLOW) && counted(&ev))
			continue;
		got(&ev);
		if (t != VY_EV_MESSAGE && t != VY_EV_LINE)
			continue;
		if (TAPP_MODE == TAPP_ECHO) {
			if (t == VY_EV_MESSAGE)
				vy_msg_reply_latest("echo %s", ev.text);
		} else if (TAPP_MODE == TAPP_SINK || TAPP_MODE == TAPP_SLOW) {
			if (!strcmp(ev.text, "report"))
				vy_msg_reply_latest("got %ld order %s last %ld", count, disorder ? "bad" : "ok", last);
		} else
			command(ev.text);
	}
}

int main(void)
{
	switch (TAPP_MODE) {
	case TAPP_CRASHER:
		vy_line("crasher: failing");
		return 1;
	case TAPP_QUITTER:
		vy_line("quitter: done");
		return 0;
	case TAPP_SILENT:
		for (;;)
			vy_time_sleep(3600 * 1000);
	case TAPP_TICKER:
		for (long i = 0;; i++) {
			vy_printf("tick %ld\n", i);
			vy_time_sleep(200);
		}
	default:
		break;
	}
	vy_sys_ready();
	if (TAPP_MODE == TAPP_CLOSER)
		close_stdout();
	serve();
	return 0;
}

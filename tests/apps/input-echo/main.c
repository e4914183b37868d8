/* input-echo: the input tests' app (tests/integration/test_input.py). It
 * opens its window by drawing one frame (clear to the colour of
 * ECHO_RGB, its name on it), then reports every input event it reads back
 * to the console, rebuilt in the protocol's own form:
 *
 *   @console: input VYOMA_INPUT:key:<key>
 *   @console: input VYOMA_INPUT:mouse:<x>,<y>,<buttons>,<event>
 *   @console: input VYOMA_INPUT:focus:<0|1>
 *
 * and logs the same line on stderr ("input VYOMA_INPUT:..."), for the QEMU
 * test, which reads the supervisor's console. A message "sync <tag>" is
 * answered "@reply: sync <tag>". Its manifest declares `mouse`; the hosted
 * tests run copies with and without it. */
#include <vyoma.h>

#include <stdarg.h>
#include <string.h>

#define ECHO_RGB "2e3440"

static void report(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void report(const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vy_vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	vy_msg_send("console", "input %s", line);
	vy_log("input %s", line);
}

int main(void)
{
	struct vy_event ev;

	vy_printf("VYOMA_DRAW:clear:%s\n", ECHO_RGB);
	vy_line("VYOMA_DRAW:draw_text:8,8,d8dee9,m,input-echo");
	vy_line("VYOMA_DRAW:flush");
	vy_sys_ready();
	for (;;) {
		switch (vy_ev_wait(&ev, -1)) {
		case VY_EV_EOF:
			return 0;
		case VY_EV_KEY:
			report("VYOMA_INPUT:key:%s", ev.key);
			break;
		case VY_EV_MOUSE:
			/* the line's own fields, unparsed: no vy_mouse_on, so no mouse
			 * mark, and the tests may run it without `mouse` */
			report("VYOMA_INPUT:mouse:%s", ev.text);
			break;
		case VY_EV_FOCUS:
			report("VYOMA_INPUT:focus:%d", ev.focused ? 1 : 0);
			break;
		case VY_EV_MESSAGE:
			if (vy_str_starts(ev.text, "sync "))
				vy_msg_reply_latest("%s", ev.text);
			break;
		default:
			break;
		}
	}
}

/* input-echo: the input tests' app (tests/integration/test_input.py). It
 * opens its window by drawing one frame (clear to the colour of
 * ECHO_RGB, its name on it), then reports every input event it reads back
 * to the console, rebuilt in the protocol's own form:
 *
 *   @console: input VYOMA_INPUT:key:<key>
 *   @console: input VYOMA_INPUT:mouse:<x>,<y>,<buttons>,<event>
 *   @console: input VYOMA_INPUT:focus:<0|1>
 *
 * A message "sync <tag>" is answered "@reply: sync <tag>". Whether it gets
 * mouse events is up to its manifest (the tests run it with and without
 * `mouse`). */
#include <vyoma.h>

#include <string.h>

#define ECHO_RGB "2e3440"

int main(void)
{
	struct vy_event ev;

	vy_printf("VYOMA_DRAW:clear:%s\n", ECHO_RGB);
	vy_line("VYOMA_DRAW:draw_text:8,8,d8dee9,m,input-echo");
	vy_line("VYOMA_DRAW:flush");
	vy_ready();
	for (;;) {
		switch (vy_wait(&ev, -1)) {
		case VY_EV_EOF:
			return 0;
		case VY_EV_KEY:
			vy_send("console", "input VYOMA_INPUT:key:%s", ev.key);
			break;
		case VY_EV_MOUSE:
			vy_send("console", "input VYOMA_INPUT:mouse:%d,%d,%d,%s", ev.x, ev.y, ev.buttons,
				ev.text);
			break;
		case VY_EV_FOCUS:
			vy_send("console", "input VYOMA_INPUT:focus:%d", ev.focused ? 1 : 0);
			break;
		case VY_EV_MESSAGE:
			if (vy_starts_with(ev.text, "sync "))
				vy_reply("%s", ev.text);
			break;
		default:
			break;
		}
	}
}

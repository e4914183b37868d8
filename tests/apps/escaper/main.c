/* escaper: an app whose log lines try to drive the terminal they are shown
 * on (issue 11, item 4): set the window title (ESC ]0;...BEL), clear the
 * screen (ESC [2J), move back over text (backspaces, CR), a C1 CSI, on
 * stderr and as a stdout log line; then VYOMA_READY, and it repeats them
 * once for every message it gets. The console must show them as \x1b...
 * text. tests/integration/test_console_flood.py, tests/qemu/serial_console.py. */
#include <vyoma.h>

static void show(void)
{
	vy_log("escaper: title \x1b]0;owned\x07 clear \x1b[2J back x\b\b\rCR csi \xc2\x9b" "31m end");
	vy_line("escaper: out \x1b[31mred\x1b[0m bell \x07 end");
	vy_flush();
}

int main(void)
{
	struct vy_event ev;

	show();
	vy_sys_ready();
	for (;;) {
		enum vy_ev_type t = vy_ev_wait(&ev, -1);
		if (t == VY_EV_EOF)
			return 0;
		if (t == VY_EV_MESSAGE)
			show();
	}
}

/* qemu-win: the display app of the QEMU boot test (tests/qemu/boot.toml).
 * It says "qemu-win: running", paints its whole window in one colour the
 * host looks for in a QMP screendump (QEMU_WIN_RGB, also in tests/qemu/boot_real.py), with a text
 * line in white, then reports on the console how many draw errors the
 * supervisor sent back in the next second ("qemu-win: drawn, N errors"). It
 * redraws the same scene every 2 s, so the screen shows it whenever the
 * host looks. Needs stdio and display. */
#include <vyoma.h>

#define QEMU_WIN_RGB VY_RGB(0x2a, 0x9d, 0x8f)
#define QEMU_WIN_W 2048 /* clipped to the window by the supervisor */
#define QEMU_WIN_H 2048

static void scene(void)
{
	vy_draw_fill(0, 0, QEMU_WIN_W, QEMU_WIN_H, QEMU_WIN_RGB);
	vy_draw_text(16, 16, VY_RGB(0xff, 0xff, 0xff), VY_TEXT_L, "VYOMA QEMU");
	vy_draw_flush();
}

int main(void)
{
	struct vy_event ev;
	unsigned errors = 0;
	uint64_t until;

	vy_line("qemu-win: running"); /* its code runs: bench/boot_bench.py times this */
	scene();
	vy_sys_ready();
	until = vy_time_ms() + 1000;
	while (vy_time_ms() < until) {
		enum vy_ev_type t = vy_ev_wait(&ev, (int64_t)(until - vy_time_ms()));
		if (t == VY_EV_EOF)
			return 0;
		if (t == VY_EV_ERROR && vy_str_starts(ev.text, "error")) {
			errors++;
			vy_printf("qemu-win: supervisor: %s\n", ev.text);
		}
	}
	vy_printf("qemu-win: drawn, %u errors\n", errors);
	for (;;) {
		if (vy_ev_wait(&ev, 2000) == VY_EV_EOF)
			return 0;
		if (ev.type == VY_EV_TIMEOUT)
			scene();
	}
}

/* redrawer: draws a frame on every event it gets, whatever the event, as a
 * naive app does (the tutorial's greeter redraws on any event). Run
 * without `display` (tests/integration/test_refusals.py), each draw line is
 * refused; the supervisor must say so once, not answer every line with an
 * error event that makes it draw again, or the two spin. */
#include <vyoma.h>

int main(void)
{
	struct vy_event ev;

	vy_sys_ready();
	for (;;) {
		vy_draw_clear(VY_THEME_BG);
		vy_draw_fill(10, 10, 40, 20, VY_THEME_ACCENT);
		if (vy_draw_flush() < 0)
			return 0;
		if (vy_ev_wait(&ev, -1) == VY_EV_EOF)
			return 0;
	}
}

/* display_stub: weak defaults for display.h so the supervisor links and
 * runs before (and without) the display module: draw lines are accepted
 * and counted by the broker, nothing is rendered. The display module
 * overrides both with strong definitions. */
#include "display.h"

__attribute__((weak)) int display_draw_line(struct app *a, const char *line, size_t len,
					    char *err, size_t errlen)
{
	(void)a;
	(void)line;
	(void)len;
	(void)err;
	(void)errlen;
	return 0;
}

__attribute__((weak)) void display_app_exit(struct app *a)
{
	(void)a;
}

__attribute__((weak)) void display_ready(void)
{
}

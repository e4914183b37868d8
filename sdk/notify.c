/* notify: VYOMA_DRAW:notify:<text>, a notice in the taskbar strip. */
#include "sdkcore.h"

int vy_ui_notify(const char *fmt, ...)
{
	char buf[121];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vy_vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	/* the same text rules as draw_text: one line of valid UTF-8 */
	for (char *p = buf; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	(void)n;
	vy_print("VYOMA_DRAW:notify:");
	return vy_line(buf);
}

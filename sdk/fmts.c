/* fmts: vy_snprintf, over whichever vy_vsnprintf the build linked (the
 * full sdk/fmt.c or the narrow sdk/fmtn.c: mk/apps.mk picks), so it is
 * in neither. */
#include "sdkcore.h"

int vy_snprintf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vy_vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

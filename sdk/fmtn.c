/* fmtn: the narrow vy_vsnprintf, for apps whose every format uses only
 * %s %c %d %i %u (with l, ll or z) and %%: less than half of sdk/fmt.c.
 * What it does, it does as sdk/fmt.c (an unknown conversion and a '%' at
 * the end too); what it does not do (a width, '-', '0', a precision, '*',
 * %x %X %p %f) it never sees: the build (mk/apps.mk) links an app's core
 * module with this file first and links it again with sdk/fmt.c when any
 * '%' in its data starts one of those (scripts/fmt-narrow.py). Formats are
 * literals (the apps build with -Wformat-nonliteral), so all are there. */
#include "sdkcore.h"

#include <string.h>

SDK_LOW static char fmtn_tmp[24];

int vy_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
	size_t len = 0;

	for (; *fmt; fmt++) {
		char *end = fmtn_tmp + sizeof fmtn_tmp, *p = end;
		const char *s = fmt;
		size_t n = 1;
		int lng = 0;
		char c;

		if (*fmt == '%') {
			while ((c = *++fmt) == 'l' || c == 'z')
				lng += c == 'z' ? (sizeof(size_t) > 4 ? 2 : 1) : 1;
			if (c == 's') {
				s = va_arg(ap, const char *);
				if (!s)
					s = "(null)";
				n = strlen(s);
			} else if (c == 'c') {
				*--p = (char)va_arg(ap, int);
				s = p;
			} else if (c == 'd' || c == 'i' || c == 'u') {
				bool wide = lng >= 2 || (lng && sizeof(long) > 4), neg = false;
				unsigned long long v = wide ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned);
				if (c != 'u') {
					long long sv = wide ? (long long)v : (int)v;
					neg = sv < 0;
					v = neg ? 0ull - (unsigned long long)sv : (unsigned long long)sv;
				}
				do {
					*--p = (char)('0' + v % 10);
					v /= 10;
				} while (v);
				if (neg)
					*--p = '-';
				s = p;
				n = (size_t)(end - p);
			} else if (c) { /* "%%" is '%'; one it does not know stays as
					* it is: as in sdk/fmt.c */
				*--p = c;
				*--p = '%';
				s = p;
				n = c == '%' ? 1 : 2;
			} else { /* a '%' that ends the format prints nothing */
				break;
			}
		}
		for (size_t i = 0; i < n; i++, len++)
			if (len + 1 < cap)
				buf[len] = s[i];
	}
	if (cap)
		buf[len < cap ? len : cap - 1] = '\0';
	return (int)len;
}

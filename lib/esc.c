/* esc: the one rule for app-originated text on the console (the serial
 * line, a terminal): an app's log line, or a supervisor log line that
 * quotes what an app sent, must never move the cursor, clear the screen,
 * set the window title or send a terminal its own answerback. Every byte
 * a terminal would act on is shown as the text \xNN; printable UTF-8
 * passes unchanged. Used by lib/log.c for every event line and by the
 * supervisor's echo of app lines (svc/sys.c). Pure; unit-tested in
 * tests/unit/test_esc.c. The UTF-8 rule here is also the line protocol's
 * (supervisor/core/proto.c). */
#include "esc.h"

#include <stdbool.h>

size_t esc_utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t need;
	unsigned lo = 0x80, hi = 0xbf;

	if (c == 0)
		return 0;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		need = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		if (c == 0xe0)
			lo = 0xa0;          /* no overlong forms */
		else if (c == 0xed)
			hi = 0x9f;          /* no surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;          /* at most U+10FFFF */
	} else
		return 0;
	if (n < need || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < need; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return need;
}

static bool esc_control(const unsigned char *p, size_t k)
{
	if (k == 1)
		return p[0] < 0x20 || p[0] == 0x7f;
	return k == 2 && p[0] == 0xc2 && p[1] < 0xa0; /* C1: U+0080..U+009F */
}

size_t esc_text(char *dst, size_t cap, const char *src, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)src;
	size_t i = 0, o = 0;

	if (cap == 0)
		return 0;
	while (i < n) {
		size_t k = esc_utf8_seq(p + i, n - i);
		bool esc = k == 0 || esc_control(p + i, k);
		size_t bytes = k ? k : 1, need = esc ? 4 * bytes : bytes;

		if (o + need >= cap)
			break;
		for (size_t j = 0; j < bytes; j++) {
			if (!esc) {
				dst[o++] = (char)p[i + j];
				continue;
			}
			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = hex[p[i + j] >> 4];
			dst[o++] = hex[p[i + j] & 0xf];
		}
		i += bytes;
	}
	dst[o] = '\0';
	return o;
}

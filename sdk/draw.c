/* draw: every VYOMA_DRAW command of docs/draw.md as a function. Lines are
 * built here without printf (drawing is the hot path of most apps, and the
 * numbers are all integers and hex), and every argument is made valid
 * before it is written: coordinates are clamped to the protocol's range,
 * empty rectangles are skipped, text is made into one line of valid UTF-8.
 * So an app cannot get a draw refusal from the SDK, only from raw lines. */
#include "sdkcore.h"

#include <string.h>

#define COORD_MAX 1000000
/* Room for the longest command head: "VYOMA_DRAW:fill_rect:" and four
 * clamped ints and a colour are 66 bytes. */
#define HEAD_MAX 128

/* Commands are written in place at the end of the output buffer
 * (sdk_out_room), not built elsewhere and copied. */
static char *d_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	return p;
}

/* The digits' scratch: static, and ended by its last '\0' (vy_str_dec,
 * the one decimal writer, which vy_join_d links too). */
SDK_LOW static char d_num[12];

static char *d_int(char *p, int v)
{
	if (v < 0) {
		*p++ = '-';
		v = v < -COORD_MAX ? COORD_MAX : -v;
	}
	return d_str(p, vy_str_dec(d_num + 11, v > COORD_MAX ? COORD_MAX : (unsigned)v));
}

/* rgba as 8 hex digits, or 6 (its rgb) when it is opaque */
static char *d_hex(char *p, uint32_t v, int digits)
{
	if (digits == 6)
		v >>= 8;
	while (digits--) {
		unsigned d = v >> (digits * 4) & 15;
		*p++ = (char)(d < 10 ? '0' + d : 'a' - 10 + d);
	}
	return p;
}

/* vy_draw_origin's offset: only it writes them, so in an app that never
 * calls it LTO folds them to 0 and the adds below cost nothing. */
static int d_ox, d_oy;

void vy_draw_origin(int x, int y)
{
	d_ox = x;
	d_oy = y;
}

/* A command's ints: static, so the functions that fill them need no
 * stack frame (the SDK is single-threaded). */
SDK_LOW static int d_v[4];

/* "VYOMA_DRAW:<cmd>:" then n ints of d_v (the first two moved by the
 * origin) then (if any) a colour; returns the end. */
static char *d_head(const char *cmd, int n, int has_colour, uint32_t rgba)
{
	const int *v = d_v;

	char *p = d_str(sdk_out_room(NULL, HEAD_MAX), "VYOMA_DRAW:");
	p = d_str(p, cmd);
	for (int i = 0; i < n; i++) {
		*p++ = i ? ',' : ':';
		p = d_int(p, v[i] + (i == 0 ? d_ox : i == 1 ? d_oy : 0));
	}
	if (has_colour) {
		*p++ = n ? ',' : ':';
		p = d_hex(p, rgba, (rgba & 0xff) == 0xff ? 6 : 8);
	}
	return p;
}

static int d_cmd(const char *cmd, int n, uint32_t rgba)
{
	char *p = d_head(cmd, n, 1, rgba);
	*p++ = '\n';
	return sdk_out_done(p);
}

int vy_draw_clear(uint32_t rgba) { return d_cmd("clear", 0, rgba); }

/* The four ints of a command into d_v. */
static void d_set(int a, int b, int c, int d)
{
	d_v[0] = a;
	d_v[1] = b;
	d_v[2] = c;
	d_v[3] = d;
}

int vy_draw_fill(int x, int y, int w, int h, uint32_t rgba)
{
	if (w <= 0 || h <= 0)
		return 0;
	d_set(x, y, w, h);
	return d_cmd("fill_rect", 4, rgba);
}

int vy_draw_rect(int x, int y, int w, int h, uint32_t rgba)
{
	if (w <= 0 || h <= 0)
		return 0;
	d_set(x, y, w, h);
	return d_cmd("rect", 4, rgba);
}

int vy_draw_line(int x0, int y0, int x1, int y1, uint32_t rgba)
{
	d_set(x0, y0, x1 + d_ox, y1 + d_oy);
	return d_cmd("line", 4, rgba);
}

int vy_draw_pixel(int x, int y, uint32_t rgba)
{
	d_set(x, y, 0, 0);
	return d_cmd("pixel", 2, rgba);
}

int vy_draw_blit(int x, int y, int w, int h, const uint32_t *px)
{
	char *p;
	int n;

	if (w <= 0 || h <= 0)
		return 0;
	if (w > VY_BLIT_MAX || h > VY_BLIT_MAX / w)
		return -1;
	d_set(x, y, w, h);
	p = d_head("blit", 4, 0, 0);
	*p++ = ',';
	n = w * h;
	for (int i = 0; i < n; i++)
		p = d_hex(sdk_out_room(p, 9), px[i], 8);
	p = sdk_out_room(p, 1);
	*p++ = '\n';
	return sdk_out_done(p);
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if there is none:
 * the well-formed byte sequences of the Unicode standard (table 3-7), whose
 * second byte's range is narrower after E0, ED, F0 and F4 (no overlong
 * form, no surrogate, nothing past U+10FFFF). */
static size_t utf8_len(const unsigned char *s, size_t left)
{
	unsigned c = s[0], lo = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80, hi = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
	size_t n = c < 0x80 ? 1 : c < 0xc2 ? 0 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : c < 0xf5 ? 4 : 0;

	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++, lo = 0x80, hi = 0xbf)
		if (s[i] < lo || s[i] > hi)
			return 0;
	return n;
}

int vy_draw_textn(int x, int y, uint32_t rgba, enum vy_text_size size, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	char *p;

	d_v[0] = x; /* d_head reads two ints here */
	d_v[1] = y;
	p = d_head("draw_text", 2, 1, rgba);

	*p++ = ',';
	*p++ = (char)size;
	*p++ = ',';
	for (size_t i = 0, n; i < len; i += n, p += n) {
		p = sdk_out_room(p, 5); /* a character and the newline */
		n = utf8_len(s + i, len - i);
		memcpy(p, s + i, n);
		if (n <= 1) /* a stray byte is '?', a control character a space */
			*p = n ? (s[i] < 0x20 ? ' ' : (char)s[i]) : '?', n = 1;
	}
	*p++ = '\n';
	return sdk_out_done(p);
}

int vy_draw_text(int x, int y, uint32_t rgba, enum vy_text_size size, const char *text)
{
	return vy_draw_textn(x, y, rgba, size, text, strlen(text));
}

int vy_draw_textf(int x, int y, uint32_t rgba, enum vy_text_size size, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vy_vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return vy_draw_textn(x, y, rgba, size, buf, n < (int)sizeof buf ? (size_t)n : sizeof buf - 1);
}

int vy_draw_flush(void)
{
	/* Two writes, so that "VYOMA_DRAW:" is the string d_head uses. Once
	 * stdout is closed, what they buffer is dropped and vy_flush says -1. */
	vy_print("VYOMA_DRAW:");
	vy_write("flush\n", 6);
	return vy_flush();
}

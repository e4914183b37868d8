/* draw: every VYOMA_DRAW command of docs/draw.md as a function. Lines are
 * built here without printf (drawing is the hot path of most apps, and the
 * numbers are all integers and hex), and every argument is made valid
 * before it is written: coordinates are clamped to the protocol's range,
 * empty rectangles are skipped, text is made into one line of valid UTF-8.
 * So an app cannot get a draw refusal from the SDK, only from raw lines. */
#include "vyoma.h"

#include <string.h>

#define COORD_MAX 1000000

struct dline {
	char b[128];
	size_t n;
};

static void d_str(struct dline *d, const char *s)
{
	while (*s)
		d->b[d->n++] = *s++;
}

static void d_int(struct dline *d, int v)
{
	char tmp[12];
	size_t n = 0;
	unsigned u;

	if (v > COORD_MAX)
		v = COORD_MAX;
	if (v < -COORD_MAX)
		v = -COORD_MAX;
	if (v < 0)
		d->b[d->n++] = '-';
	u = v < 0 ? (unsigned)-v : (unsigned)v;
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	while (n)
		d->b[d->n++] = tmp[--n];
}

static void d_hex(struct dline *d, uint32_t v, int digits)
{
	static const char hex[] = "0123456789abcdef";
	for (int i = digits - 1; i >= 0; i--)
		d->b[d->n++] = hex[(v >> (i * 4 + (digits == 6 ? 8 : 0))) & 15];
}

static void d_rgba(struct dline *d, uint32_t c)
{
	d_hex(d, c, (c & 0xff) == 0xff ? 6 : 8);
}

/* "VYOMA_DRAW:<cmd>:" then n ints then (if any) a colour. */
static int d_cmd(const char *cmd, const int *v, int n, int has_colour, uint32_t rgba, int nl)
{
	struct dline d = {.n = 0};
	d_str(&d, "VYOMA_DRAW:");
	d_str(&d, cmd);
	for (int i = 0; i < n; i++) {
		d.b[d.n++] = i ? ',' : ':';
		d_int(&d, v[i]);
	}
	if (has_colour) {
		d.b[d.n++] = n ? ',' : ':';
		d_rgba(&d, rgba);
	}
	if (nl)
		d.b[d.n++] = '\n';
	return vy_write(d.b, d.n);
}

int vy_clear(uint32_t rgba) { return d_cmd("clear", NULL, 0, 1, rgba, 1); }

int vy_fill_rect(int x, int y, int w, int h, uint32_t rgba)
{
	int v[4] = {x, y, w, h};
	if (w <= 0 || h <= 0)
		return 0;
	return d_cmd("fill_rect", v, 4, 1, rgba, 1);
}

int vy_rect(int x, int y, int w, int h, uint32_t rgba)
{
	int v[4] = {x, y, w, h};
	if (w <= 0 || h <= 0)
		return 0;
	return d_cmd("rect", v, 4, 1, rgba, 1);
}

int vy_draw_line(int x0, int y0, int x1, int y1, uint32_t rgba)
{
	int v[4] = {x0, y0, x1, y1};
	return d_cmd("line", v, 4, 1, rgba, 1);
}

int vy_pixel(int x, int y, uint32_t rgba)
{
	int v[2] = {x, y};
	return d_cmd("pixel", v, 2, 1, rgba, 1);
}

int vy_blit(int x, int y, int w, int h, const uint32_t *px)
{
	int v[4] = {x, y, w, h};
	struct dline d;
	int n;

	if (w <= 0 || h <= 0)
		return 0;
	if (w > VY_BLIT_MAX || h > VY_BLIT_MAX / w)
		return -1;
	if (d_cmd("blit", v, 4, 0, 0, 0) != 0 || vy_write(",", 1) != 0)
		return -1;
	n = w * h;
	d.n = 0;
	for (int i = 0; i < n; i++) {
		d_hex(&d, px[i], 8);
		if (d.n > sizeof d.b - 8 || i == n - 1) {
			if (vy_write(d.b, d.n) != 0)
				return -1;
			d.n = 0;
		}
	}
	return vy_write("\n", 1);
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if there is none. */
static size_t utf8_len(const unsigned char *s, size_t left)
{
	unsigned c = s[0];
	size_t n;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if (n > left)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

int vy_draw_textn(int x, int y, uint32_t rgba, enum vy_text_size size, const char *text, size_t len)
{
	int v[2] = {x, y};
	struct dline d;
	const unsigned char *s = (const unsigned char *)text;

	if (d_cmd("draw_text", v, 2, 1, rgba, 0) != 0)
		return -1;
	d.n = 0;
	d.b[d.n++] = ',';
	d.b[d.n++] = (char)size;
	d.b[d.n++] = ',';
	for (size_t i = 0; i < len;) {
		size_t n = utf8_len(s + i, len - i);
		if (n == 0) {
			d.b[d.n++] = '?';
			n = 1;
		} else if (n == 1) {
			d.b[d.n++] = s[i] < 0x20 ? ' ' : (char)s[i];
		} else {
			memcpy(d.b + d.n, s + i, n);
			d.n += n;
		}
		i += n;
		if (d.n > sizeof d.b - 4) {
			if (vy_write(d.b, d.n) != 0)
				return -1;
			d.n = 0;
		}
	}
	d.b[d.n++] = '\n';
	return vy_write(d.b, d.n);
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

int vy_flush_frame(void)
{
	if (vy_write("VYOMA_DRAW:flush\n", 17) != 0)
		return -1;
	return vy_flush();
}

/* draw: parser and renderer of VYOMA_DRAW commands (docs/draw.md).
 * One table row per command gives its name, its fields (each with a kind
 * that says how it is parsed and where in struct draw_cmd it goes), an
 * optional cross-field check and the renderer. The parser never allocates,
 * never reads outside s[0..len), and refuses anything that is not exactly
 * the grammar, with a message naming the command and the field: the
 * message goes back to the app, so it quotes at most a few printable bytes
 * of what the app sent. */
#include "draw.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "hex.h"

enum field_kind {
	F_INT,  /* a coordinate: may be negative */
	F_DIM,  /* a width or height: must be > 0 */
	F_RGBA, /* 6 or 8 hex digits */
	F_SIZE, /* s, m or l */
	F_REST, /* everything left, commas included (text); may be empty */
	F_HEX,  /* everything left, checked by the command's check */
};

struct field {
	const char *name;
	enum field_kind kind;
	size_t off; /* where in struct draw_cmd */
};

struct verb {
	const char *name;
	enum draw_op op;
	int nfields;
	const struct field *fields;
	int (*check)(const struct verb *v, struct draw_cmd *cmd, char *err, size_t errlen);
	struct canvas_rect (*exec)(const struct draw_cmd *cmd, struct canvas *back);
};

#define FLD(n, k, m) { n, k, offsetof(struct draw_cmd, m) }

static const struct field f_fill[] = {
	FLD("x", F_INT, x), FLD("y", F_INT, y), FLD("w", F_DIM, w), FLD("h", F_DIM, h),
	FLD("rgba", F_RGBA, rgba),
};
static const struct field f_text[] = {
	FLD("x", F_INT, x), FLD("y", F_INT, y), FLD("rgba", F_RGBA, rgba),
	FLD("size", F_SIZE, size), FLD("text", F_REST, data),
};
static const struct field f_clear[] = { FLD("rgba", F_RGBA, rgba) };
static const struct field f_line[] = {
	FLD("x0", F_INT, x), FLD("y0", F_INT, y), FLD("x1", F_INT, x1), FLD("y1", F_INT, y1),
	FLD("rgba", F_RGBA, rgba),
};
static const struct field f_pixel[] = {
	FLD("x", F_INT, x), FLD("y", F_INT, y), FLD("rgba", F_RGBA, rgba),
};
static const struct field f_blit[] = {
	FLD("x", F_INT, x), FLD("y", F_INT, y), FLD("w", F_DIM, w), FLD("h", F_DIM, h),
	FLD("pixels", F_HEX, data),
};

static void fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* At most 20 bytes of s, non-printable bytes shown as '?', for quoting. */
static const char *quote(char out[32], const char *s, size_t len)
{
	size_t n = len < 20 ? len : 20, i;

	for (i = 0; i < n; i++)
		out[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	if (len > n) {
		memcpy(out + i, "...", 3);
		i += 3;
	}
	out[i] = '\0';
	return out;
}

static int parse_int(const struct verb *v, const struct field *f, const char *s, size_t n,
		     int *out, char *err, size_t errlen)
{
	size_t i = 0;
	long val = 0;
	bool neg = false;
	char q[32];

	if (n > 0 && s[0] == '-') {
		neg = true;
		i = 1;
	}
	if (i == n) {
		fail(err, errlen, "%s: %s: expected an integer, got '%s'", v->name, f->name,
		     quote(q, s, n));
		return -1;
	}
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			fail(err, errlen, "%s: %s: not an integer: '%s'", v->name, f->name,
			     quote(q, s, n));
			return -1;
		}
		if (val <= DRAW_COORD_MAX)
			val = val * 10 + (s[i] - '0');
	}
	if (val > DRAW_COORD_MAX) {
		fail(err, errlen, "%s: %s: out of range [-%d, %d]: '%s'", v->name,
		     f->name, DRAW_COORD_MAX, DRAW_COORD_MAX, quote(q, s, n));
		return -1;
	}
	*out = (int)(neg ? -val : val);
	if (f->kind == F_DIM && *out <= 0) {
		fail(err, errlen, "%s: %s: must be positive, got %d", v->name, f->name, *out);
		return -1;
	}
	return 0;
}

static int parse_rgba(const struct verb *v, const struct field *f, const char *s, size_t n,
		      uint32_t *out, char *err, size_t errlen)
{
	uint32_t val = 0;
	char q[32];

	if (n != 6 && n != 8)
		goto bad;
	for (size_t i = 0; i < n; i++) {
		int d = hex_digit(s[i]);
		if (d < 0)
			goto bad;
		val = val << 4 | (uint32_t)d;
	}
	*out = n == 6 ? val << 8 | 0xFFu : val;
	return 0;
bad:
	fail(err, errlen, "%s: %s: expected RRGGBBAA or RRGGBB hex, got '%s'", v->name, f->name,
	     quote(q, s, n));
	return -1;
}

static int parse_size(const struct verb *v, const struct field *f, const char *s, size_t n,
		      enum font_size *out, char *err, size_t errlen)
{
	static const struct {
		char ch;
		enum font_size size;
	} sizes[] = { { 's', FONT_SMALL }, { 't', FONT_TEXT }, { 'm', FONT_MEDIUM }, { 'l', FONT_LARGE } };
	char q[32];

	for (size_t i = 0; n == 1 && i < sizeof sizes / sizeof sizes[0]; i++) {
		if (s[0] == sizes[i].ch) {
			*out = sizes[i].size;
			return 0;
		}
	}
	fail(err, errlen, "%s: %s: expected s, t, m or l, got '%s'", v->name, f->name,
	     quote(q, s, n));
	return -1;
}

static int parse_field(const struct verb *v, const struct field *f, const char *s, size_t n,
		       struct draw_cmd *cmd, char *err, size_t errlen)
{
	char *slot = (char *)cmd + f->off;

	switch (f->kind) {
	case F_INT:
	case F_DIM:
		return parse_int(v, f, s, n, (int *)(void *)slot, err, errlen);
	case F_RGBA:
		return parse_rgba(v, f, s, n, (uint32_t *)(void *)slot, err, errlen);
	case F_SIZE:
		return parse_size(v, f, s, n, (enum font_size *)(void *)slot, err, errlen);
	case F_REST:
	case F_HEX:
		cmd->data = s;
		cmd->data_len = n;
		return 0;
	}
	return -1;
}

/* blit: the pixel data must be exactly w*h RRGGBBAA groups. */
static int check_blit(const struct verb *v, struct draw_cmd *cmd, char *err, size_t errlen)
{
	long px = (long)cmd->w * cmd->h;

	if (px > DRAW_BLIT_MAX) {
		fail(err, errlen, "%s: %dx%d is %ld pixels, at most %d", v->name, cmd->w, cmd->h,
		     px, DRAW_BLIT_MAX);
		return -1;
	}
	if (cmd->data_len != (size_t)px * 8) {
		fail(err, errlen, "%s: pixels: expected %ld hex digits for %dx%d, got %zu",
		     v->name, px * 8, cmd->w, cmd->h, cmd->data_len);
		return -1;
	}
	for (size_t i = 0; i < cmd->data_len; i++) {
		if (hex_digit(cmd->data[i]) < 0) {
			fail(err, errlen, "%s: pixels: not a hex digit at offset %zu", v->name, i);
			return -1;
		}
	}
	return 0;
}

static struct canvas_rect exec_fill(const struct draw_cmd *cmd, struct canvas *back)
{
	return canvas_fill(back, NULL, (struct canvas_rect){ cmd->x, cmd->y, cmd->w, cmd->h },
			   cmd->rgba);
}

static struct canvas_rect exec_text(const struct draw_cmd *cmd, struct canvas *back)
{
	return font_draw(back, NULL, cmd->x, cmd->y, cmd->rgba, cmd->size, cmd->data,
			 cmd->data_len);
}

static struct canvas_rect exec_flush(const struct draw_cmd *cmd, struct canvas *back)
{
	(void)cmd;
	(void)back;
	return (struct canvas_rect){ 0, 0, 0, 0 };
}

static struct canvas_rect exec_clear(const struct draw_cmd *cmd, struct canvas *back)
{
	return canvas_fill(back, NULL, canvas_bounds(back), cmd->rgba);
}

static struct canvas_rect exec_line(const struct draw_cmd *cmd, struct canvas *back)
{
	return canvas_line(back, NULL, cmd->x, cmd->y, cmd->x1, cmd->y1, cmd->rgba);
}

static struct canvas_rect exec_rect(const struct draw_cmd *cmd, struct canvas *back)
{
	return canvas_outline(back, NULL, (struct canvas_rect){ cmd->x, cmd->y, cmd->w, cmd->h },
			      cmd->rgba);
}

static struct canvas_rect exec_pixel(const struct draw_cmd *cmd, struct canvas *back)
{
	return canvas_put(back, NULL, cmd->x, cmd->y, cmd->rgba);
}

static struct canvas_rect exec_blit(const struct draw_cmd *cmd, struct canvas *back)
{
	uint32_t px[DRAW_BLIT_MAX];
	size_t n;

	/* A hand-made cmd gets the same limits as a parsed one. */
	if (cmd->w <= 0 || cmd->h <= 0 || (long)cmd->w * cmd->h > DRAW_BLIT_MAX || !cmd->data)
		return (struct canvas_rect){ 0, 0, 0, 0 };
	n = (size_t)cmd->w * (size_t)cmd->h;
	if (cmd->data_len < n * 8)
		return (struct canvas_rect){ 0, 0, 0, 0 };
	for (size_t i = 0; i < n; i++) {
		uint32_t v = 0;
		for (size_t k = 0; k < 8; k++) {
			int d = hex_digit(cmd->data[i * 8 + k]);
			v = v << 4 | (uint32_t)(d < 0 ? 0 : d);
		}
		px[i] = v;
	}
	return canvas_blit_rgba(back, NULL, cmd->x, cmd->y, px, cmd->w, cmd->h, cmd->w);
}

#define NF(a) ((int)(sizeof a / sizeof a[0]))

/* Indexed by op. */
static const struct verb verbs[DRAW_OP_COUNT] = {
	[DRAW_FILL_RECT] = { "fill_rect", DRAW_FILL_RECT, NF(f_fill), f_fill, NULL, exec_fill },
	[DRAW_TEXT] = { "draw_text", DRAW_TEXT, NF(f_text), f_text, NULL, exec_text },
	[DRAW_FLUSH] = { "flush", DRAW_FLUSH, 0, NULL, NULL, exec_flush },
	[DRAW_CLEAR] = { "clear", DRAW_CLEAR, NF(f_clear), f_clear, NULL, exec_clear },
	[DRAW_LINE] = { "line", DRAW_LINE, NF(f_line), f_line, NULL, exec_line },
	[DRAW_RECT] = { "rect", DRAW_RECT, NF(f_fill), f_fill, NULL, exec_rect },
	[DRAW_PIXEL] = { "pixel", DRAW_PIXEL, NF(f_pixel), f_pixel, NULL, exec_pixel },
	[DRAW_BLIT] = { "blit", DRAW_BLIT, NF(f_blit), f_blit, check_blit, exec_blit },
};

static const struct verb *verb_by_name(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (strlen(verbs[i].name) == n && memcmp(verbs[i].name, s, n) == 0)
			return &verbs[i];
	return NULL;
}

static const struct verb *verb_by_op(enum draw_op op)
{
	return (unsigned)op < DRAW_OP_COUNT ? &verbs[op] : NULL;
}

const char *draw_op_name(enum draw_op op)
{
	const struct verb *v = verb_by_op(op);
	return v ? v->name : "?";
}

/* Comma-separated fields of a[0..n); a field of kind F_REST/F_HEX takes the
 * rest. Counts every comma-separated field for the error message. */
static int split_fields(const struct verb *v, const char *a, size_t n, struct draw_cmd *cmd,
			char *err, size_t errlen)
{
	const char *start[8];
	size_t len[8], got = 0, pos = 0;
	const struct field *last = &v->fields[v->nfields - 1];
	bool rest = last->kind == F_REST || last->kind == F_HEX;

	for (;;) {
		const char *comma;

		if (rest && got == (size_t)v->nfields - 1) {
			start[got] = a + pos;
			len[got++] = n - pos;
			break;
		}
		comma = memchr(a + pos, ',', n - pos);
		if (got < (size_t)v->nfields) {
			start[got] = a + pos;
			len[got] = comma ? (size_t)(comma - (a + pos)) : n - pos;
		}
		got++;
		if (!comma)
			break;
		pos = (size_t)(comma - a) + 1;
	}
	if (got != (size_t)v->nfields) {
		fail(err, errlen, "%s: expected %d field%s, got %zu", v->name, v->nfields,
		     v->nfields == 1 ? "" : "s", got);
		return -1;
	}
	for (int i = 0; i < v->nfields; i++)
		if (parse_field(v, &v->fields[i], start[i], len[i], cmd, err, errlen) < 0)
			return -1;
	return 0;
}

int draw_parse(const char *s, size_t len, struct draw_cmd *cmd, char *err, size_t errlen)
{
	const char *colon = s ? memchr(s, ':', len) : NULL;
	size_t nlen = colon ? (size_t)(colon - s) : len;
	const struct verb *v;
	char q[32];

	memset(cmd, 0, sizeof *cmd);
	if (err && errlen)
		err[0] = '\0';
	if (!s || nlen == 0) {
		fail(err, errlen, "empty command");
		return -1;
	}
	v = verb_by_name(s, nlen);
	if (!v) {
		fail(err, errlen, "unknown command '%s'", quote(q, s, nlen));
		return -1;
	}
	cmd->op = v->op;
	if (v->nfields == 0) {
		if (colon) {
			fail(err, errlen, "%s: takes no arguments", v->name);
			return -1;
		}
		return 0;
	}
	if (!colon) {
		fail(err, errlen, "%s: expected %d field%s, got 0", v->name, v->nfields,
		     v->nfields == 1 ? "" : "s");
		return -1;
	}
	if (split_fields(v, colon + 1, len - nlen - 1, cmd, err, errlen) < 0)
		return -1;
	if (v->check && v->check(v, cmd, err, errlen) < 0)
		return -1;
	return 0;
}

struct canvas_rect draw_exec(const struct draw_cmd *cmd, struct canvas *back)
{
	const struct verb *v = verb_by_op(cmd->op);

	if (!v || !back->px)
		return (struct canvas_rect){ 0, 0, 0, 0 };
	return v->exec(cmd, back);
}

/* toml_lex: the character level of the strict TOML parser. The input is
 * checked whole first (size, NUL, UTF-8, lone CR), so everything after may
 * assume valid UTF-8 and count columns in characters. Every read goes through
 * toml_lex_peek, which returns -1 past the end: no path can read out of
 * bounds whatever the input. */
#include "toml_lex.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }
static bool is_digit(int c) { return c >= '0' && c <= '9'; }
static bool is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_bare_key(int c) { return is_alpha(c) || is_digit(c) || c == '_' || c == '-'; }
static bool is_bare_val(int c) { return is_bare_key(c) || c == '+' || c == '.' || c == ':'; }
/* TOML forbids raw control characters (tab aside) in strings and comments:
 * they would hide content from anyone reading the file. */
static bool is_ctrl(int c) { return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7F; }

static void set_err(struct toml_error *err, int line, int col, const char *fmt, va_list ap)
{
	if (!err)
		return;
	err->line = line;
	err->col = col;
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
}

static int check_fail(struct toml_error *err, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int check_fail(struct toml_error *err, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_err(err, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

/* Length of the UTF-8 sequence at s[0..avail), 0 when invalid. Overlong
 * forms, surrogates and code points past U+10FFFF are refused. */
static size_t utf8_len(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	size_t n;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		n = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		n = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		n = 4;
	else
		return 0;
	if (c == 0xE0)
		lo = 0xA0;
	else if (c == 0xED)
		hi = 0x9F;
	else if (c == 0xF0)
		lo = 0x90;
	else if (c == 0xF4)
		hi = 0x8F;
	if (avail < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (!is_cont(s[i]))
			return 0;
	return n;
}

int toml_lex_check(const char *src, size_t len, struct toml_error *err)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t lim = len > TOML_MAX_INPUT ? TOML_MAX_INPUT : len;
	int line = 1, col = 1;

	for (size_t i = 0; i < lim;) {
		size_t n;

		if (s[i] == 0)
			return check_fail(err, line, col, "NUL byte in input");
		/* Look past `lim` (still inside the input) so that a sequence
		 * straddling the size limit is reported as too large, not as bad. */
		if (s[i] == '\r' && (i + 1 >= len || s[i + 1] != '\n'))
			return check_fail(err, line, col, "carriage return not followed by a line feed");
		n = utf8_len(s + i, len - i);
		if (n == 0)
			return check_fail(err, line, col, "invalid UTF-8 (byte 0x%02X)", s[i]);
		if (n > lim - i)
			break;
		if (s[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
		i += n;
	}
	if (len > TOML_MAX_INPUT)
		return check_fail(err, line, col, "input is larger than %u bytes", TOML_MAX_INPUT);
	return 0;
}

void toml_lex_init(struct toml_lex *lx, const char *src, size_t len,
		   struct toml_error *err, char *buf, size_t buf_cap)
{
	memset(lx, 0, sizeof *lx);
	lx->src = src;
	lx->len = len;
	lx->line = 1;
	lx->col = 1;
	lx->err = err;
	lx->buf = buf;
	lx->buf_cap = buf_cap;
}

int toml_lex_fail(struct toml_lex *lx, int line, int col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_err(lx->err, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void toml_lex_printable(char *out, size_t n, const char *s, size_t len)
{
	size_t j = 0;

	if (n == 0)
		return;
	for (size_t i = 0; i < len && j + 1 < n; i++) {
		unsigned char c = (unsigned char)s[i];

		out[j++] = c >= 0x20 && c < 0x7F ? (char)c : '?';
	}
	out[j] = '\0';
}

int toml_lex_peek(const struct toml_lex *lx, size_t ahead)
{
	if (ahead >= lx->len - lx->pos)
		return -1;
	return (unsigned char)lx->src[lx->pos + ahead];
}

void toml_lex_adv(struct toml_lex *lx)
{
	unsigned char c;

	if (lx->pos >= lx->len)
		return;
	c = (unsigned char)lx->src[lx->pos++];
	if (c == '\n') {
		lx->line++;
		lx->col = 1;
	} else if (!is_cont(c)) {
		lx->col++;
	}
}

/* The code point at the cursor, for messages. Input is valid UTF-8. */
static unsigned cur_codepoint(const struct toml_lex *lx)
{
	int c = toml_lex_peek(lx, 0);
	unsigned cp;
	int extra;

	if (c < 0x80)
		return (unsigned)c;
	extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
	cp = (unsigned)c & (0x3Fu >> extra);
	for (int i = 1; i <= extra; i++)
		cp = (cp << 6) | ((unsigned)toml_lex_peek(lx, (size_t)i) & 0x3F);
	return cp;
}

int toml_lex_unexpected(struct toml_lex *lx, const char *where)
{
	int c = toml_lex_peek(lx, 0);
	char what[32];

	if (c < 0)
		snprintf(what, sizeof what, "end of input");
	else if (c == '\n' || c == '\r')
		snprintf(what, sizeof what, "end of line");
	else if (c > 0x20 && c < 0x7F)
		snprintf(what, sizeof what, "'%c'", c);
	else
		snprintf(what, sizeof what, "character U+%04X", cur_codepoint(lx));
	return toml_lex_fail(lx, lx->line, lx->col, "unexpected %s %s", what, where);
}

bool toml_lex_at_eol(const struct toml_lex *lx)
{
	int c = toml_lex_peek(lx, 0);

	/* toml_lex_check guarantees a CR is followed by LF. */
	return c < 0 || c == '\n' || c == '\r';
}

void toml_lex_skip_ws(struct toml_lex *lx)
{
	int c;

	while ((c = toml_lex_peek(lx, 0)) == ' ' || c == '\t')
		toml_lex_adv(lx);
}

static int skip_comment(struct toml_lex *lx)
{
	toml_lex_adv(lx); /* '#' */
	while (!toml_lex_at_eol(lx)) {
		int c = toml_lex_peek(lx, 0);

		if (is_ctrl(c))
			return toml_lex_fail(lx, lx->line, lx->col,
					     "control character U+%04X in comment", (unsigned)c);
		toml_lex_adv(lx);
	}
	return 0;
}

static void skip_newline(struct toml_lex *lx)
{
	if (toml_lex_peek(lx, 0) == '\r')
		toml_lex_adv(lx);
	toml_lex_adv(lx);
}

int toml_lex_end_line(struct toml_lex *lx, const char *after)
{
	char where[48];

	toml_lex_skip_ws(lx);
	if (toml_lex_peek(lx, 0) == '#' && skip_comment(lx) < 0)
		return -1;
	if (!toml_lex_at_eol(lx)) {
		snprintf(where, sizeof where, "after %s (expected end of line)", after);
		return toml_lex_unexpected(lx, where);
	}
	if (toml_lex_peek(lx, 0) >= 0)
		skip_newline(lx);
	return 0;
}

int toml_lex_skip_blank(struct toml_lex *lx)
{
	for (;;) {
		int c = toml_lex_peek(lx, 0);

		if (c == ' ' || c == '\t')
			toml_lex_adv(lx);
		else if (c == '\n' || c == '\r')
			skip_newline(lx);
		else if (c == '#') {
			if (skip_comment(lx) < 0)
				return -1;
		} else
			return 0;
	}
}

static int buf_put(struct toml_lex *lx, const char *bytes, size_t n, int line, int col)
{
	if (n > TOML_MAX_STR_LEN - lx->buf_len)
		return toml_lex_fail(lx, line, col, "string longer than %d bytes", TOML_MAX_STR_LEN);
	/* Decoding never grows text, so a buffer as long as the input always
	 * suffices; refuse rather than overflow should that ever break. */
	if (n > lx->buf_cap - lx->buf_len)
		return toml_lex_fail(lx, line, col, "internal error: string buffer too small");
	memcpy(lx->buf + lx->buf_len, bytes, n);
	lx->buf_len += n;
	lx->buf[lx->buf_len] = '\0';
	return 0;
}

static size_t utf8_encode(unsigned cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static int hex_val(int c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The cursor is on a backslash inside a basic string. */
static int lex_escape(struct toml_lex *lx, int sline, int scol)
{
	static const struct { char esc, val; } simple[] = {
		{'"', '"'}, {'\\', '\\'}, {'n', '\n'}, {'t', '\t'},
		{'r', '\r'}, {'b', '\b'}, {'f', '\f'},
	};
	int line = lx->line, col = lx->col, c = toml_lex_peek(lx, 1);
	unsigned cp = 0;
	size_t digits;
	char enc[4];

	for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++) {
		if (c == simple[i].esc) {
			toml_lex_adv(lx);
			toml_lex_adv(lx);
			return buf_put(lx, &simple[i].val, 1, sline, scol);
		}
	}
	if (c != 'u' && c != 'U') {
		if (c > 0x20 && c < 0x7F)
			return toml_lex_fail(lx, line, col, "invalid escape '\\%c' in string", c);
		return toml_lex_fail(lx, line, col, "invalid escape in string");
	}
	digits = c == 'u' ? 4 : 8;
	for (size_t i = 0; i < digits; i++) {
		int h = hex_val(toml_lex_peek(lx, 2 + i));

		if (h < 0)
			return toml_lex_fail(lx, line, col, "\\%c needs exactly %zu hex digits", c, digits);
		cp = (cp << 4) | (unsigned)h;
	}
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return toml_lex_fail(lx, line, col, "escape \\%c%0*X is not a Unicode scalar value",
				     c, (int)digits, cp);
	/* Strings end up as C strings: an embedded NUL would silently cut them. */
	if (cp == 0)
		return toml_lex_fail(lx, line, col, "NUL (\\%c%0*X) is not allowed in strings",
				     c, (int)digits, 0u);
	for (size_t i = 0; i < digits + 2; i++)
		toml_lex_adv(lx);
	return buf_put(lx, enc, utf8_encode(cp, enc), sline, scol);
}

int toml_lex_string(struct toml_lex *lx)
{
	int q = toml_lex_peek(lx, 0), line = lx->line, col = lx->col;

	lx->buf_len = 0;
	lx->buf[0] = '\0';
	if (toml_lex_peek(lx, 1) == q && toml_lex_peek(lx, 2) == q)
		return toml_lex_fail(lx, line, col, "multi-line strings are unsupported");
	toml_lex_adv(lx);
	for (;;) {
		int c = toml_lex_peek(lx, 0);

		if (toml_lex_at_eol(lx))
			return toml_lex_fail(lx, line, col, "unterminated string");
		if (c == q) {
			toml_lex_adv(lx);
			return 0;
		}
		if (c == '\\' && q == '"') {
			if (lex_escape(lx, line, col) < 0)
				return -1;
			continue;
		}
		if (is_ctrl(c))
			return toml_lex_fail(lx, lx->line, lx->col,
					     "control character U+%04X in string (use an escape)",
					     (unsigned)c);
		if (buf_put(lx, lx->src + lx->pos, 1, line, col) < 0)
			return -1;
		toml_lex_adv(lx);
	}
}

int toml_lex_key(struct toml_lex *lx)
{
	int c = toml_lex_peek(lx, 0), line = lx->line, col = lx->col;

	if (c == '"' || c == '\'') {
		if (toml_lex_string(lx) < 0)
			return -1;
	} else if (is_bare_key(c)) {
		lx->buf_len = 0;
		while (is_bare_key(toml_lex_peek(lx, 0)) && lx->buf_len <= TOML_MAX_KEY_LEN) {
			if (buf_put(lx, lx->src + lx->pos, 1, line, col) < 0)
				return -1;
			toml_lex_adv(lx);
		}
	} else {
		return toml_lex_unexpected(lx, "where a key was expected");
	}
	if (lx->buf_len > TOML_MAX_KEY_LEN)
		return toml_lex_fail(lx, line, col, "key longer than %d bytes", TOML_MAX_KEY_LEN);
	return 0;
}

/* A decimal integer: optional sign, no leading zeros, '_' only between
 * digits, within int64. */
static int lex_int(struct toml_lex *lx, const char *t, size_t n, int line, int col, int64_t *out)
{
	size_t i = t[0] == '+' || t[0] == '-' ? 1 : 0;
	bool neg = t[0] == '-';
	uint64_t v = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;

	if (n - i > 1 && t[i] == '0')
		return toml_lex_fail(lx, line, col, "leading zeros are not allowed in integers");
	for (; i < n; i++) {
		if (t[i] == '_') {
			if (!is_digit(t[i - 1]) || i + 1 >= n || !is_digit(t[i + 1]))
				return toml_lex_fail(lx, line, col,
						     "'_' in an integer must be between digits");
			continue;
		}
		if (!is_digit(t[i]))
			return toml_lex_fail(lx, line, col, "invalid integer '%.*s'",
					     (int)(n > 40 ? 40 : n), t);
		if (v > (lim - (uint64_t)(t[i] - '0')) / 10)
			return toml_lex_fail(lx, line, col, "integer '%.*s' out of range (64-bit)",
					     (int)(n > 40 ? 40 : n), t);
		v = v * 10 + (uint64_t)(t[i] - '0');
	}
	*out = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
	return 0;
}

static bool tok_is(const char *t, size_t n, const char *word)
{
	size_t w = strlen(word);

	if (n > 0 && (t[0] == '+' || t[0] == '-')) {
		t++;
		n--;
	}
	return n == w && memcmp(t, word, w) == 0;
}

int toml_lex_scalar(struct toml_lex *lx, struct toml_scalar *out)
{
	int line = lx->line, col = lx->col;
	const char *t = lx->src + lx->pos;
	size_t n = 0, s;

	while (is_bare_val(toml_lex_peek(lx, n)))
		n++;
	if (n == 0)
		return toml_lex_unexpected(lx, "where a value was expected");
	for (size_t i = 0; i < n; i++)
		toml_lex_adv(lx);
	memset(out, 0, sizeof *out);
	if ((n == 4 && memcmp(t, "true", 4) == 0) || (n == 5 && memcmp(t, "false", 5) == 0)) {
		out->type = TOML_BOOL;
		out->b = n == 4;
		return 0;
	}
	if (tok_is(t, n, "inf") || tok_is(t, n, "nan"))
		return toml_lex_fail(lx, line, col, "floats are unsupported");
	if ((n >= 5 && is_digit(t[0]) && is_digit(t[1]) && is_digit(t[2]) && is_digit(t[3]) &&
	     t[4] == '-') ||
	    (n >= 3 && is_digit(t[0]) && is_digit(t[1]) && t[2] == ':'))
		return toml_lex_fail(lx, line, col, "dates and times are unsupported");
	s = t[0] == '+' || t[0] == '-' ? 1 : 0;
	if (s >= n || !is_digit(t[s]))
		return toml_lex_fail(lx, line, col,
				     "invalid value '%.*s' (strings must be quoted)",
				     (int)(n > 40 ? 40 : n), t);
	if (n - s > 1 && t[s] == '0' && (t[s + 1] == 'x' || t[s + 1] == 'o' || t[s + 1] == 'b'))
		return toml_lex_fail(lx, line, col,
				     "hexadecimal, octal and binary integers are unsupported");
	if (memchr(t, '.', n) || memchr(t, 'e', n) || memchr(t, 'E', n))
		return toml_lex_fail(lx, line, col, "floats are unsupported");
	out->type = TOML_INT;
	return lex_int(lx, t, n, line, col, &out->i);
}

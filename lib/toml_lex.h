/* toml_lex: the character level of the TOML parser (lib/toml.c): input
 * checks, position tracking, whitespace and comments, keys, strings and bare
 * scalars. Private to the toml module; not for other callers. */
#ifndef VYOMA_TOML_LEX_H
#define VYOMA_TOML_LEX_H

#include "toml.h"

struct toml_lex {
	const char *src;
	size_t len, pos;
	int line, col;
	struct toml_error *err;
	char *buf;           /* decoded key or string, NUL-terminated */
	size_t buf_len, buf_cap; /* buf_cap + 1 bytes are allocated */
};

/* A bare value: a boolean or a decimal integer. */
struct toml_scalar {
	enum toml_type type;
	int64_t i;
	bool b;
};

/* Size, NUL bytes, UTF-8 and lone CR, before anything else looks at it. */
int toml_lex_check(const char *src, size_t len, struct toml_error *err);
void toml_lex_init(struct toml_lex *lx, const char *src, size_t len,
		   struct toml_error *err, char *buf, size_t buf_cap);

int toml_lex_fail(struct toml_lex *lx, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* "unexpected <what the cursor is on> <where>" at the cursor. */
int toml_lex_unexpected(struct toml_lex *lx, const char *where);
/* `s` made safe to print inside quotes: control and non-ASCII as '?'. */
void toml_lex_printable(char *out, size_t n, const char *s, size_t len);

/* Byte `ahead` bytes past the cursor, or -1 past the end. */
int toml_lex_peek(const struct toml_lex *lx, size_t ahead);
void toml_lex_adv(struct toml_lex *lx);
bool toml_lex_at_eol(const struct toml_lex *lx); /* newline or end of input */
void toml_lex_skip_ws(struct toml_lex *lx);
/* Whitespace, then an optional comment, then a newline or the end. */
int toml_lex_end_line(struct toml_lex *lx, const char *after);
/* Whitespace, comments and newlines (inside arrays). */
int toml_lex_skip_blank(struct toml_lex *lx);

/* Into lx->buf / lx->buf_len. A key is bare or quoted. */
int toml_lex_key(struct toml_lex *lx);
int toml_lex_string(struct toml_lex *lx);
int toml_lex_scalar(struct toml_lex *lx, struct toml_scalar *out);

#endif

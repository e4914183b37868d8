/* tomlf: table-driven reading of the small strict TOML documents of
 * packages (MANIFEST, INDEX, key and signature files): a {key, handler}
 * table per table, unknown keys refused, required keys checked, and the
 * value readers they share. Messages are "line:col: why". */
#ifndef VYOMA_TOMLF_H
#define VYOMA_TOMLF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "toml.h"

struct tomlf_err {
	char *buf;
	size_t len;
};

typedef int (*tomlf_fn)(void *ctx, const struct toml_node *v, struct tomlf_err *e);

struct tomlf_key {
	const char *key;
	tomlf_fn fn;
	bool required;
};

/* Parse text (at most max bytes) and walk its top table through keys into
 * ctx (tomlf_walk). 0, or -1 with "line:col: msg" in err; ctx may then
 * hold part of the document (the caller clears it). */
int tomlf_read(const char *text, size_t len, size_t max, const struct tomlf_key *keys, size_t n,
	       void *ctx, char *err, size_t errlen);
/* Every key of table t through its handler; at most 32 keys in the table. */
int tomlf_walk(const struct toml_node *t, const struct tomlf_key *keys, size_t n, void *ctx,
	       struct tomlf_err *e);
/* "line:col: msg" for node v; returns -1. */
int tomlf_fail(const struct toml_node *v, struct tomlf_err *e, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Value readers: each refuses the wrong type or a bad value, naming key. */
int tomlf_name(const struct toml_node *v, const char *key, char *dst, struct tomlf_err *e);
int tomlf_version(const struct toml_node *v, const char *key, char *dst, struct tomlf_err *e);
int tomlf_uint(const struct toml_node *v, const char *key, int64_t min, uint64_t *dst,
	       struct tomlf_err *e);
int tomlf_one(const struct toml_node *v, const char *key, struct tomlf_err *e); /* == 1 */
/* The handler of every format's `format = 1` key (ctx unused). */
int tomlf_format(void *ctx, const struct toml_node *v, struct tomlf_err *e);
/* Exactly 2n lower-case hex digits into n bytes. */
int tomlf_hex(const struct toml_node *v, const char *key, uint8_t *dst, size_t n,
	      struct tomlf_err *e);
/* A key id: 16 hex digits, copied as text. */
int tomlf_key_id(const struct toml_node *v, const char *key, char *dst, struct tomlf_err *e);
/* An array of capability names, each once, into CAP_* bits. */
int tomlf_caps(const struct toml_node *v, unsigned *caps, struct tomlf_err *e);
/* A string of at most max bytes; NULL (with e set) otherwise. */
const char *tomlf_str(const struct toml_node *v, const char *key, size_t max, size_t *len,
		      struct tomlf_err *e);

#endif

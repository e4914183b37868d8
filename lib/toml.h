/* toml: a strict parser for the TOML subset VyomaOS manifests use (comments,
 * bare and quoted keys, basic and literal strings, decimal integers,
 * booleans, single-type arrays, [table] and [[array-of-tables]]). Anything
 * else is refused as unsupported, never guessed at. The result is a small
 * read-only DOM; every node remembers where it came from so that callers can
 * point at the offending line and column. See docs/manifest.md. */
#ifndef VYOMA_TOML_H
#define VYOMA_TOML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TOML_MAX_INPUT      (1u << 20) /* bytes of source text */
#define TOML_MAX_KEY_LEN    128        /* bytes of one decoded key */
#define TOML_MAX_STR_LEN    65536      /* bytes of one decoded string */
#define TOML_MAX_ARRAY_LEN  4096       /* elements of one array (or [[x]] tables) */
#define TOML_MAX_TABLE_KEYS 1024       /* keys in one table */
#define TOML_MAX_MEMORY     (64u << 20) /* bytes the DOM of one document may use */

enum toml_type { TOML_TABLE, TOML_ARRAY, TOML_STRING, TOML_INT, TOML_BOOL };

struct toml_error {
	int line, col;     /* 1-based; col counts characters, not bytes */
	char msg[160];
};

struct toml_doc;
struct toml_node;

/* One key of a table, in definition order. */
struct toml_entry {
	const char *key;   /* NUL-terminated; keys never contain NUL */
	size_t key_len;
	int line, col;     /* where the key was written */
	const struct toml_node *value;
};

/* NULL on error, with *err filled in (err may be NULL). */
struct toml_doc *toml_parse(const char *text, size_t len, struct toml_error *err);
void toml_free(struct toml_doc *doc);
const struct toml_node *toml_root(const struct toml_doc *doc);

enum toml_type toml_type(const struct toml_node *n);
/* "table", "array", "array of tables", "string", "integer", "boolean". */
const char *toml_type_name(const struct toml_node *n);
int toml_line(const struct toml_node *n);
int toml_col(const struct toml_node *n);
/* True for an array made by [[name]] headers (its elements are tables). */
bool toml_is_table_array(const struct toml_node *n);

/* Tables: keys in definition order. Entry: 0, or -1 when out of range. */
size_t toml_table_len(const struct toml_node *table);
int toml_table_entry(const struct toml_node *table, size_t i, struct toml_entry *out);
/* NULL when absent or when `table` is not a table. */
const struct toml_node *toml_get(const struct toml_node *table, const char *key);

/* Arrays: NULL when out of range or not an array. */
size_t toml_array_len(const struct toml_node *arr);
const struct toml_node *toml_array_at(const struct toml_node *arr, size_t i);

/* Scalars: NULL / -1 when the node has another type. Strings are
 * NUL-terminated and never contain NUL. */
const char *toml_string(const struct toml_node *n, size_t *len);
int toml_int(const struct toml_node *n, int64_t *out);
int toml_bool(const struct toml_node *n, bool *out);

#endif

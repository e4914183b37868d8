/* tomlf: the one key-table walker and value readers behind the package
 * documents (lib/vpk.c MANIFEST, lib/pidx.c INDEX, lib/pkey.c key and
 * signature files), so that they refuse the same things the same way. */
#include "tomlf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "manifest.h"
#include "semver.h"
#include "hex.h"
#include "pkey.h"

int tomlf_fail(const struct toml_node *v, struct tomlf_err *e, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(e->buf, e->len, "%d:%d: ", toml_line(v), toml_col(v));

	if (n < 0 || (size_t)n >= e->len)
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->buf + n, e->len - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

int tomlf_read(const char *text, size_t len, size_t max, const struct tomlf_key *keys, size_t n,
	       void *ctx, char *err, size_t errlen)
{
	struct tomlf_err e = { err, errlen };
	struct toml_error te;
	struct toml_doc *doc;
	int rc;

	if (len > max) {
		snprintf(err, errlen, "larger than %zu bytes", max);
		return -1;
	}
	doc = toml_parse(text, len, &te);
	if (!doc) {
		snprintf(err, errlen, "%d:%d: %s", te.line, te.col, te.msg);
		return -1;
	}
	rc = tomlf_walk(toml_root(doc), keys, n, ctx, &e);
	toml_free(doc);
	return rc;
}

int tomlf_walk(const struct toml_node *t, const struct tomlf_key *keys, size_t n, void *ctx,
	       struct tomlf_err *e)
{
	uint32_t seen = 0;
	struct toml_entry ent;
	size_t k;

	for (size_t i = 0; toml_table_entry(t, i, &ent) == 0; i++) {
		for (k = 0; k < n && strcmp(keys[k].key, ent.key) != 0; k++)
			;
		if (k == n) {
			snprintf(e->buf, e->len, "%d:%d: unknown key '%.64s'", ent.line, ent.col,
				 ent.key);
			return -1;
		}
		if (keys[k].fn(ctx, ent.value, e) < 0)
			return -1;
		seen |= 1u << k;
	}
	for (k = 0; k < n; k++)
		if (keys[k].required && !(seen & 1u << k)) {
			snprintf(e->buf, e->len, "%d:%d: missing required key '%s'", toml_line(t),
				 toml_col(t), keys[k].key);
			return -1;
		}
	return 0;
}

const char *tomlf_str(const struct toml_node *v, const char *key, size_t max, size_t *len,
		      struct tomlf_err *e)
{
	const char *s = toml_type(v) == TOML_STRING ? toml_string(v, len) : NULL;

	if (!s || *len > max) {
		tomlf_fail(v, e, "'%s' must be a string of at most %zu bytes", key, max);
		return NULL;
	}
	return s;
}

/* A string of at most max bytes that valid() accepts, into dst; else
 * "'key' must be <what>". */
static int tomlf_checked(const struct toml_node *v, const char *key, size_t max,
			 bool (*valid)(const char *), const char *what, char *dst, struct tomlf_err *e)
{
	size_t len;
	const char *s = tomlf_str(v, key, max, &len, e);

	if (!s || !valid(s))
		return tomlf_fail(v, e, "'%s' must be %s", key, what);
	memcpy(dst, s, len + 1);
	return 0;
}

int tomlf_name(const struct toml_node *v, const char *key, char *dst, struct tomlf_err *e)
{
	return tomlf_checked(v, key, MAN_NAME_MAX, man_valid_name,
			     "an app name ([a-z][a-z0-9-]*, 31 bytes)", dst, e);
}

int tomlf_version(const struct toml_node *v, const char *key, char *dst, struct tomlf_err *e)
{
	return tomlf_checked(v, key, MAN_VERSION_MAX, semver_valid, "MAJOR.MINOR.PATCH", dst, e);
}

int tomlf_uint(const struct toml_node *v, const char *key, int64_t min, uint64_t *dst,
	       struct tomlf_err *e)
{
	int64_t i;

	if (toml_type(v) != TOML_INT || toml_int(v, &i) < 0 || i < min)
		return tomlf_fail(v, e, "'%s' must be an integer of at least %lld", key,
				  (long long)min);
	*dst = (uint64_t)i;
	return 0;
}

int tomlf_one(const struct toml_node *v, const char *key, struct tomlf_err *e)
{
	int64_t i;

	if (toml_type(v) != TOML_INT || toml_int(v, &i) < 0 || i != 1)
		return tomlf_fail(v, e, "'%s' must be 1", key);
	return 0;
}

int tomlf_format(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	(void)ctx;
	return tomlf_one(v, "format", e);
}

int tomlf_hex(const struct toml_node *v, const char *key, uint8_t *dst, size_t n,
	      struct tomlf_err *e)
{
	size_t len;
	const char *s = toml_type(v) == TOML_STRING ? toml_string(v, &len) : NULL;

	if (!s || hex_decode(s, len, dst, n) < 0)
		return tomlf_fail(v, e, "'%s' must be %zu lower-case hex digits", key, 2 * n);
	return 0;
}

int tomlf_key_id(const struct toml_node *v, const char *key, char *dst, struct tomlf_err *e)
{
	uint8_t raw[PKEY_ID_LEN / 2];

	if (tomlf_hex(v, key, raw, sizeof raw, e) < 0)
		return -1;
	hex_encode(raw, sizeof raw, dst);
	return 0;
}

int tomlf_caps(const struct toml_node *v, unsigned *caps, struct tomlf_err *e)
{
	if (toml_type(v) != TOML_ARRAY || toml_is_table_array(v))
		return tomlf_fail(v, e, "'capabilities' must be an array of strings");
	for (size_t i = 0; i < toml_array_len(v); i++) {
		const struct toml_node *el = toml_array_at(v, i);
		const char *s = toml_type(el) == TOML_STRING ? toml_string(el, NULL) : NULL;
		unsigned bit = s ? cap_from_name(s) : 0;

		if (!bit)
			return tomlf_fail(el, e, "unknown capability");
		if (*caps & bit)
			return tomlf_fail(el, e, "capability listed twice");
		*caps |= bit;
	}
	return 0;
}

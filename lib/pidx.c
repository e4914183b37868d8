/* pidx: the repository index. INDEX is strict TOML (lib/toml.c), read
 * with one handler per key from tables; it is signed as a whole by
 * INDEX.sig, so the transport that brought it (a 9P share, HTTP) is not
 * trusted. Parsing is bounded and refuses anything it does not name. */
#include "pidx.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toml.h"

struct ix_ctx {
	struct pidx *idx;
	struct pidx_pkg *pkg; /* the [[package]] being read */
	char *err;
	size_t errlen;
};

typedef int (*ix_handler)(struct ix_ctx *cx, const struct toml_node *v);

struct ix_key {
	const char *key;
	ix_handler fn;
	bool required;
};

static int ix_fail(struct ix_ctx *cx, const struct toml_node *v, const char *msg)
{
	snprintf(cx->err, cx->errlen, "%d:%d: %s", toml_line(v), toml_col(v), msg);
	return -1;
}

static const char *ix_str(const struct toml_node *v, size_t *len)
{
	return toml_type(v) == TOML_STRING ? toml_string(v, len) : NULL;
}

static int ix_format(struct ix_ctx *cx, const struct toml_node *v)
{
	int64_t i;

	return toml_int(v, &i) == 0 && i == 1 ? 0 : ix_fail(cx, v, "'format' must be 1");
}

static int ix_key_id(struct ix_ctx *cx, const struct toml_node *v)
{
	size_t len;
	const char *s = ix_str(v, &len);

	if (!s || !pkey_valid_id(s, len))
		return ix_fail(cx, v, "'key_id' must be 16 lower-case hex digits");
	memcpy(cx->idx->key_id, s, len + 1);
	return 0;
}

static int ix_revoked(struct ix_ctx *cx, const struct toml_node *v)
{
	struct pkey_revoked *r = &cx->idx->revoked;

	if (toml_type(v) != TOML_ARRAY || toml_is_table_array(v))
		return ix_fail(cx, v, "'revoked' must be an array of key ids");
	if (toml_array_len(v) > PKEY_RING_MAX)
		return ix_fail(cx, v, "too many revoked keys");
	for (size_t i = 0; i < toml_array_len(v); i++) {
		const struct toml_node *e = toml_array_at(v, i);
		size_t len;
		const char *s = ix_str(e, &len);

		if (!s || !pkey_valid_id(s, len))
			return ix_fail(cx, e, "a revoked key id must be 16 lower-case hex digits");
		if (pkey_is_revoked(r, s))
			return ix_fail(cx, e, "key id revoked twice");
		memcpy(r->ids[r->n++], s, len + 1);
	}
	return 0;
}

static int p_name(struct ix_ctx *cx, const struct toml_node *v)
{
	size_t len;
	const char *s = ix_str(v, &len);

	if (!s || !man_valid_name(s))
		return ix_fail(cx, v, "'name' must be an app name");
	memcpy(cx->pkg->name, s, len + 1);
	return 0;
}

static int p_version(struct ix_ctx *cx, const struct toml_node *v)
{
	size_t len;
	const char *s = ix_str(v, &len);

	if (!s || !man_valid_version(s))
		return ix_fail(cx, v, "'version' must be MAJOR.MINOR.PATCH");
	memcpy(cx->pkg->version, s, len + 1);
	return 0;
}

static int p_seq(struct ix_ctx *cx, const struct toml_node *v)
{
	int64_t i;

	if (toml_int(v, &i) < 0 || i < 1)
		return ix_fail(cx, v, "'seq' must be a positive integer");
	cx->pkg->seq = (uint64_t)i;
	return 0;
}

static int p_size(struct ix_ctx *cx, const struct toml_node *v)
{
	int64_t i;

	if (toml_int(v, &i) < 0 || i < 0)
		return ix_fail(cx, v, "'size' must be a non-negative integer");
	cx->pkg->size = (uint64_t)i;
	return 0;
}

static int p_file(struct ix_ctx *cx, const struct toml_node *v)
{
	size_t len;
	const char *s = ix_str(v, &len);

	if (!s || ustar_name_problem(s, len) || len < 5 || strcmp(s + len - 4, ".vpk") != 0)
		return ix_fail(cx, v, "'file' must be a flat file name ending in .vpk");
	memcpy(cx->pkg->file, s, len + 1);
	return 0;
}

static int p_sha256(struct ix_ctx *cx, const struct toml_node *v)
{
	size_t len;
	const char *s = ix_str(v, &len);

	if (!s || pkey_unhex(s, len, cx->pkg->sha256, 32) < 0)
		return ix_fail(cx, v, "'sha256' must be 64 lower-case hex digits");
	return 0;
}

static int p_caps(struct ix_ctx *cx, const struct toml_node *v)
{
	if (toml_type(v) != TOML_ARRAY || toml_is_table_array(v))
		return ix_fail(cx, v, "'capabilities' must be an array of strings");
	for (size_t i = 0; i < toml_array_len(v); i++) {
		const struct toml_node *e = toml_array_at(v, i);
		const char *s = ix_str(e, NULL);
		unsigned bit = s ? cap_from_name(s) : 0;

		if (!bit || (cx->pkg->caps & bit))
			return ix_fail(cx, e, "unknown or repeated capability");
		cx->pkg->caps |= bit;
	}
	return 0;
}

static int p_desc(struct ix_ctx *cx, const struct toml_node *v)
{
	size_t len;
	const char *s = ix_str(v, &len);

	if (!s || len > MAN_DESC_MAX)
		return ix_fail(cx, v, "'description' must be a string of at most 127 bytes");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return ix_fail(cx, v, "'description' must not contain control characters");
	memcpy(cx->pkg->description, s, len + 1);
	return 0;
}

static const struct ix_key pkg_keys[] = {
	{ "name", p_name, true },        { "version", p_version, true }, { "seq", p_seq, true },
	{ "file", p_file, true },        { "size", p_size, true },       { "sha256", p_sha256, true },
	{ "capabilities", p_caps, false }, { "description", p_desc, false },
};

static int ix_packages(struct ix_ctx *cx, const struct toml_node *v);

static const struct ix_key top_keys[] = {
	{ "format", ix_format, true },   { "key_id", ix_key_id, true },
	{ "revoked", ix_revoked, false }, { "package", ix_packages, false },
};

/* One table against a key table: unknown keys refused, required ones
 * present. */
static int ix_walk(struct ix_ctx *cx, const struct toml_node *t, const struct ix_key *keys,
		   size_t nkeys)
{
	unsigned seen = 0;
	struct toml_entry e;
	size_t k;

	for (size_t i = 0; toml_table_entry(t, i, &e) == 0; i++) {
		for (k = 0; k < nkeys && strcmp(keys[k].key, e.key) != 0; k++)
			;
		if (k == nkeys) {
			snprintf(cx->err, cx->errlen, "%d:%d: unknown key '%.64s'", e.line, e.col, e.key);
			return -1;
		}
		if (keys[k].fn(cx, e.value) < 0)
			return -1;
		seen |= 1u << k;
	}
	for (k = 0; k < nkeys; k++)
		if (keys[k].required && !(seen & 1u << k)) {
			snprintf(cx->err, cx->errlen, "%d:%d: missing required key '%s'", toml_line(t),
				 toml_col(t), keys[k].key);
			return -1;
		}
	return 0;
}

static int ix_packages(struct ix_ctx *cx, const struct toml_node *v)
{
	size_t n = toml_array_len(v);

	if (!toml_is_table_array(v))
		return ix_fail(cx, v, "'package' must be written as [[package]] tables");
	if (n > PIDX_MAX_PACKAGES)
		return ix_fail(cx, v, "more than 1024 packages");
	cx->idx->pkgs = calloc(n ? n : 1, sizeof *cx->idx->pkgs);
	if (!cx->idx->pkgs)
		return ix_fail(cx, v, "out of memory");
	for (size_t i = 0; i < n; i++) {
		const struct toml_node *t = toml_array_at(v, i);

		cx->pkg = &cx->idx->pkgs[i];
		if (ix_walk(cx, t, pkg_keys, sizeof pkg_keys / sizeof pkg_keys[0]) < 0)
			return -1;
		cx->idx->n = i + 1;
		if (i > 0 && strcmp(cx->idx->pkgs[i - 1].name, cx->pkg->name) >= 0)
			return ix_fail(cx, t, "packages must be sorted by name, each name once");
	}
	return 0;
}

void pidx_free(struct pidx *idx)
{
	free(idx->pkgs);
	memset(idx, 0, sizeof *idx);
}

int pidx_parse(const char *text, size_t len, struct pidx *out, char *err, size_t errlen)
{
	struct ix_ctx cx = { out, NULL, err, errlen };
	struct toml_error te;
	struct toml_doc *doc;
	int rc;

	memset(out, 0, sizeof *out);
	if (len > PIDX_MAX_BYTES) {
		snprintf(err, errlen, "larger than %u bytes", PIDX_MAX_BYTES);
		return -1;
	}
	doc = toml_parse(text, len, &te);
	if (!doc) {
		snprintf(err, errlen, "%d:%d: %s", te.line, te.col, te.msg);
		return -1;
	}
	rc = ix_walk(&cx, toml_root(doc), top_keys, sizeof top_keys / sizeof top_keys[0]);
	toml_free(doc);
	if (rc < 0)
		pidx_free(out);
	return rc;
}

static int pkg_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pidx_pkg *)a)->name, ((const struct pidx_pkg *)b)->name);
}

int pidx_format(struct pidx *idx, char **out, size_t *len, char *err, size_t errlen)
{
	size_t cap = 512 + PKEY_RING_MAX * 24 + idx->n * 768, n;
	char *buf = malloc(cap), hex[65], caps[96];

	*out = NULL;
	if (!buf) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (idx->n)
		qsort(idx->pkgs, idx->n, sizeof *idx->pkgs, pkg_cmp);
	n = (size_t)snprintf(buf, cap,
			     "# VyomaOS package index, signed by INDEX.sig (docs/packages.md)\n"
			     "format = 1\nkey_id = \"%s\"\nrevoked = [",
			     idx->key_id);
	for (size_t i = 0; i < idx->revoked.n; i++)
		n += (size_t)snprintf(buf + n, cap - n, "%s\"%s\"", i ? ", " : "", idx->revoked.ids[i]);
	n += (size_t)snprintf(buf + n, cap - n, "]\n");
	for (size_t i = 0; i < idx->n; i++) {
		const struct pidx_pkg *p = &idx->pkgs[i];
		size_t c = 0;

		pkey_hex(p->sha256, 32, hex);
		caps[0] = '\0';
		for (unsigned bit = 1; bit < 1u << CAP_COUNT; bit <<= 1)
			if (p->caps & bit)
				c += (size_t)snprintf(caps + c, sizeof caps - c, "%s\"%s\"",
						      c ? ", " : "", cap_name((enum cap_bit)bit));
		/* descriptions have no control characters; quotes and
		 * backslashes are escaped for TOML */
		n += (size_t)snprintf(buf + n, cap - n,
				      "\n[[package]]\nname = \"%s\"\nversion = \"%s\"\nseq = %" PRIu64
				      "\nfile = \"%s\"\nsize = %" PRIu64 "\nsha256 = \"%s\"\n"
				      "capabilities = [%s]\ndescription = \"",
				      p->name, p->version, p->seq, p->file, p->size, hex, caps);
		for (const char *d = p->description; *d; d++)
			n += (size_t)snprintf(buf + n, cap - n, "%s%c",
					      *d == '"' || *d == '\\' ? "\\" : "", *d);
		n += (size_t)snprintf(buf + n, cap - n, "\"\n");
	}
	*out = buf;
	*len = n;
	return 0;
}

int pidx_verify(const char *text, size_t len, const char *sig, size_t siglen,
		const struct pkey_ring *ring, struct pidx *out, char *err, size_t errlen)
{
	struct pkey_sig s;
	char why[512];

	memset(out, 0, sizeof *out);
	if (pkey_parse_sig(sig, siglen, &s, why, sizeof why) < 0) {
		snprintf(err, errlen, "INDEX.sig: %s", why);
		return -1;
	}
	if (pkey_verify(ring, NULL, &s, text, len, why, sizeof why) < 0) {
		snprintf(err, errlen, "INDEX: %s", why);
		return -1;
	}
	if (pidx_parse(text, len, out, why, sizeof why) < 0) {
		snprintf(err, errlen, "INDEX:%s", why);
		return -1;
	}
	if (strcmp(out->key_id, s.id) != 0 || pkey_is_revoked(&out->revoked, s.id)) {
		snprintf(err, errlen, "INDEX: signed by key %s, which it names differently or revokes",
			 s.id);
		pidx_free(out);
		return -1;
	}
	return 0;
}

const struct pidx_pkg *pidx_find(const struct pidx *idx, const char *name)
{
	for (size_t i = 0; i < idx->n; i++)
		if (strcmp(idx->pkgs[i].name, name) == 0)
			return &idx->pkgs[i];
	return NULL;
}

/* pidx: the repository index. INDEX is strict TOML (lib/toml.c), read
 * with one handler per key from tables; it is signed as a whole by
 * INDEX.sig, so the transport that brought it (a 9P share, HTTP) is not
 * trusted. Parsing is bounded and refuses anything it does not name. */
#include "pidx.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "hex.h"
#include "toml.h"
#include "tomlf.h"

#define PKG(ctx) ((struct pidx_pkg *)(ctx))

static int ix_key_id(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_key_id(v, "key_id", ((struct pidx *)ctx)->key_id, e);
}

static int ix_revoked(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	struct pkey_revoked *r = &((struct pidx *)ctx)->revoked;
	char id[PKEY_ID_LEN + 1];

	if (toml_type(v) != TOML_ARRAY || toml_is_table_array(v))
		return tomlf_fail(v, e, "'revoked' must be an array of key ids");
	if (toml_array_len(v) > PKEY_RING_MAX)
		return tomlf_fail(v, e, "more than %d revoked keys", PKEY_RING_MAX);
	for (size_t i = 0; i < toml_array_len(v); i++) {
		const struct toml_node *el = toml_array_at(v, i);

		if (tomlf_key_id(el, "revoked", id, e) < 0)
			return -1;
		if (pkey_is_revoked(r, id))
			return tomlf_fail(el, e, "key id revoked twice");
		memcpy(r->ids[r->n++], id, sizeof id);
	}
	return 0;
}

static int p_name(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_name(v, "name", PKG(ctx)->name, e);
}

static int p_version(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_version(v, "version", PKG(ctx)->version, e);
}

static int p_seq(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_uint(v, "seq", 1, &PKG(ctx)->seq, e);
}

static int p_size(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_uint(v, "size", 0, &PKG(ctx)->size, e);
}

static int p_sha256(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_hex(v, "sha256", PKG(ctx)->sha256, 32, e);
}

static int p_caps(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_caps(v, &PKG(ctx)->caps, e);
}

static int p_file(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	size_t len;
	const char *s = tomlf_str(v, "file", USTAR_NAME_MAX, &len, e);

	if (!s || ustar_name_problem(s, len) || len < 5 || strcmp(s + len - 4, ".vpk") != 0)
		return tomlf_fail(v, e, "'file' must be a flat file name ending in .vpk");
	memcpy(PKG(ctx)->file, s, len + 1);
	return 0;
}

static int p_desc(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	size_t len;
	const char *s = tomlf_str(v, "description", MAN_DESC_MAX, &len, e);

	if (!s)
		return -1;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return tomlf_fail(v, e, "'description' must not contain control characters");
	memcpy(PKG(ctx)->description, s, len + 1);
	return 0;
}

static const struct tomlf_key pkg_keys[] = {
	{ "name", p_name, true },        { "version", p_version, true }, { "seq", p_seq, true },
	{ "file", p_file, true },        { "size", p_size, true },       { "sha256", p_sha256, true },
	{ "capabilities", p_caps, false }, { "description", p_desc, false },
};

static int ix_packages(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	struct pidx *idx = ctx;
	size_t n = toml_array_len(v);

	if (!toml_is_table_array(v))
		return tomlf_fail(v, e, "'package' must be written as [[package]] tables");
	if (n > PIDX_MAX_PACKAGES)
		return tomlf_fail(v, e, "more than %d packages", PIDX_MAX_PACKAGES);
	idx->pkgs = calloc(n ? n : 1, sizeof *idx->pkgs);
	if (!idx->pkgs)
		return tomlf_fail(v, e, "out of memory");
	for (size_t i = 0; i < n; i++) {
		const struct toml_node *t = toml_array_at(v, i);

		if (tomlf_walk(t, pkg_keys, sizeof pkg_keys / sizeof pkg_keys[0], &idx->pkgs[i], e) < 0)
			return -1;
		idx->n = i + 1;
		if (i > 0 && strcmp(idx->pkgs[i - 1].name, idx->pkgs[i].name) >= 0)
			return tomlf_fail(t, e, "packages must be sorted by name, each name once");
	}
	return 0;
}

static const struct tomlf_key top_keys[] = {
	{ "format", tomlf_format, true },    { "key_id", ix_key_id, true },
	{ "revoked", ix_revoked, false }, { "package", ix_packages, false },
};

void pidx_free(struct pidx *idx)
{
	free(idx->pkgs);
	memset(idx, 0, sizeof *idx);
}

int pidx_parse(const char *text, size_t len, struct pidx *out, char *err, size_t errlen)
{
	int rc;

	memset(out, 0, sizeof *out);
	rc = tomlf_read(text, len, PIDX_MAX_BYTES, top_keys, sizeof top_keys / sizeof top_keys[0], out,
			err, errlen);
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

		hex_encode(p->sha256, 32, hex);
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

int pidx_load(const char *dir, const struct pkey_ring *ring, struct pidx *out, char *err,
	      size_t errlen)
{
	char path[1024], why[512];
	uint8_t *text = NULL, *sig = NULL;
	size_t tlen, slen;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (snprintf(path, sizeof path, "%s/INDEX", dir) >= (int)sizeof path - 4) {
		snprintf(err, errlen, "%.200s: path too long", dir);
		return -1;
	}
	if (file_read(path, PIDX_MAX_BYTES, &text, &tlen, why, sizeof why) < 0) {
		snprintf(err, errlen, "%s: %s", path, why);
		goto out;
	}
	strcat(path, ".sig");
	if (file_read(path, PKEY_SIG_FILE_MAX, &sig, &slen, why, sizeof why) < 0) {
		snprintf(err, errlen, "%s: %s", path, why);
		goto out;
	}
	rc = pidx_verify((const char *)text, tlen, (const char *)sig, slen, ring, out, err, errlen);
out:
	free(text);
	free(sig);
	return rc;
}

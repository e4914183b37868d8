/* vpk: the signed app bundle. This file owns the MANIFEST format (strict
 * TOML through lib/toml.c), packing (sign + ustar) and the verification an
 * installer runs before it writes anything: every refusal is one sentence,
 * and the order of checks is the order of trust (shape, signature, then
 * what the signed bytes say). Unpacking is in vpk_io.c. */
#include "vpk.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "hex.h"
#include "semver.h"
#include "toml.h"
#include "tomlf.h"
#include "wcomp.h"

#define MAN_FILE "MANIFEST"
#define SIG_FILE "MANIFEST.sig"
#define TOML_FILE "vyoma.toml"
#define ICON_FILE "icon.png"

/* ---- MANIFEST format -------------------------------------------------------- */

int vpk_manifest_format(const struct vpk_manifest *m, char **out, size_t *len, char *err,
			size_t errlen)
{
	size_t cap = 1024 + m->nfiles * 256, n;
	char *buf = malloc(cap), hex[65];
	bool first = true;

	*out = NULL;
	if (!buf) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	n = (size_t)snprintf(buf, cap,
			     "# VyomaOS package manifest, signed by MANIFEST.sig (docs/packages.md)\n"
			     "format = 1\nname = \"%s\"\nversion = \"%s\"\nseq = %" PRIu64 "\n"
			     "min_os = \"%s\"\nkey_id = \"%s\"\ncapabilities = [",
			     m->name, m->version, m->seq, m->min_os, m->key_id);
	for (unsigned bit = 1; bit < 1u << CAP_COUNT; bit <<= 1)
		if (m->caps & bit) {
			n += (size_t)snprintf(buf + n, cap - n, "%s\"%s\"", first ? "" : ", ",
					      cap_name((enum cap_bit)bit));
			first = false;
		}
	n += (size_t)snprintf(buf + n, cap - n, "]\n");
	for (size_t i = 0; i < m->nfiles; i++) {
		hex_encode(m->files[i].sha256, 32, hex);
		n += (size_t)snprintf(buf + n, cap - n,
				      "\n[[file]]\npath = \"%s\"\nsize = %" PRIu64 "\nsha256 = \"%s\"\n",
				      m->files[i].path, m->files[i].size, hex);
	}
	*out = buf;
	*len = n;
	return 0;
}

static int mf_name(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_name(v, "name", ((struct vpk_manifest *)ctx)->name, e);
}

static int mf_version(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_version(v, "version", ((struct vpk_manifest *)ctx)->version, e);
}

static int mf_min_os(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_version(v, "min_os", ((struct vpk_manifest *)ctx)->min_os, e);
}

static int mf_seq(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_uint(v, "seq", 1, &((struct vpk_manifest *)ctx)->seq, e);
}

static int mf_key_id(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_key_id(v, "key_id", ((struct vpk_manifest *)ctx)->key_id, e);
}

static int mf_caps(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_caps(v, &((struct vpk_manifest *)ctx)->caps, e);
}

static int f_path(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	size_t len;
	const char *s = tomlf_str(v, "path", USTAR_NAME_MAX, &len, e);

	if (!s || ustar_name_problem(s, len))
		return tomlf_fail(v, e, "'path' must be a flat file name");
	memcpy(((struct vpk_file *)ctx)->path, s, len + 1);
	return 0;
}

static int f_size(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_uint(v, "size", 0, &((struct vpk_file *)ctx)->size, e);
}

static int f_sha256(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_hex(v, "sha256", ((struct vpk_file *)ctx)->sha256, 32, e);
}

static const struct tomlf_key file_keys[] = {
	{ "path", f_path, true }, { "size", f_size, true }, { "sha256", f_sha256, true },
};

static int mf_files(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	struct vpk_manifest *m = ctx;
	size_t n = toml_array_len(v);

	if (!toml_is_table_array(v))
		return tomlf_fail(v, e, "'file' must be written as [[file]] tables");
	if (n > VPK_MAX_FILES)
		return tomlf_fail(v, e, "more [[file]] entries than a package holds");
	for (size_t i = 0; i < n; i++) {
		if (tomlf_walk(toml_array_at(v, i), file_keys, 3, &m->files[i], e) < 0)
			return -1;
		/* sorted and unique: one order for the same set */
		if (i > 0 && strcmp(m->files[i - 1].path, m->files[i].path) >= 0)
			return tomlf_fail(toml_array_at(v, i), e,
					  "[[file]] paths must be sorted and unique");
	}
	m->nfiles = n;
	return 0;
}

static const struct tomlf_key mf_keys[] = {
	{ "format", tomlf_format, true },   { "name", mf_name, true },     { "version", mf_version, true },
	{ "seq", mf_seq, true },         { "min_os", mf_min_os, true }, { "key_id", mf_key_id, true },
	{ "capabilities", mf_caps, false }, { "file", mf_files, true },
};

int vpk_manifest_parse(const char *text, size_t len, struct vpk_manifest *out, char *err,
		       size_t errlen)
{
	int rc;

	memset(out, 0, sizeof *out);
	rc = tomlf_read(text, len, VPK_MANIFEST_MAX, mf_keys, sizeof mf_keys / sizeof mf_keys[0], out,
			err, errlen);
	if (rc < 0)
		memset(out, 0, sizeof *out);
	return rc;
}

/* ---- packing ------------------------------------------------------------------ */

static int path_cmp(const void *a, const void *b)
{
	return strcmp(((const struct vpk_file *)a)->path, ((const struct vpk_file *)b)->path);
}

int vpk_pack(struct vpk_manifest *m, const struct ustar_file *payload, size_t n,
	     const struct pkey_secret *k, uint8_t **out, size_t *outlen, char *err, size_t errlen)
{
	struct ustar_file all[USTAR_MAX_ENTRIES];
	char *text = NULL, sigtext[512];
	struct pkey_sig sig;
	size_t len;
	int rc = -1;

	if (n > VPK_MAX_FILES) {
		snprintf(err, errlen, "%zu files, a package holds at most %d", n, VPK_MAX_FILES);
		return -1;
	}
	memcpy(m->key_id, k->id, sizeof m->key_id);
	m->nfiles = n;
	for (size_t i = 0; i < n; i++) {
		snprintf(m->files[i].path, sizeof m->files[i].path, "%s", payload[i].name);
		m->files[i].size = payload[i].size;
		pkey_sha256(payload[i].data, payload[i].size, m->files[i].sha256);
		all[i] = payload[i];
	}
	qsort(m->files, n, sizeof m->files[0], path_cmp);
	if (vpk_manifest_format(m, &text, &len, err, errlen) < 0)
		return -1;
	pkey_sign(k, text, len, &sig);
	pkey_format_sig(&sig, sigtext, sizeof sigtext);
	all[n] = (struct ustar_file){ MAN_FILE, (const uint8_t *)text, len };
	all[n + 1] = (struct ustar_file){ SIG_FILE, (const uint8_t *)sigtext, strlen(sigtext) };
	rc = ustar_write(all, n + 2, out, outlen, err, errlen);
	free(text);
	return rc;
}

int vpk_build(const struct vpk_input *in, const struct pkey_secret *k, uint8_t **out,
	      size_t *outlen, char *err, size_t errlen)
{
	struct ustar_file files[VPK_MAX_FILES];
	struct vpk_manifest m = { 0 };
	struct manifest app;
	struct man_error me;
	char why[2048];
	size_t n = 0;

	*out = NULL;
	if (man_parse_app((const char *)in->toml, in->toml_len, TOML_FILE, &app, &me) < 0) {
		man_error_format(&me, why, sizeof why);
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	if (ustar_name_problem(app.component, strlen(app.component)) ||
	    strcmp(app.component, TOML_FILE) == 0 || strcmp(app.component, ICON_FILE) == 0 ||
	    strncmp(app.component, "MANIFEST", 8) == 0) {
		snprintf(err, errlen, "component '%s' must be a plain file name beside vyoma.toml",
			 app.component);
		return -1;
	}
	if (audit_component(in->comp, in->comp_len, app.caps, why, sizeof why) < 0) {
		snprintf(err, errlen, "%s: refused by the import audit: %s", app.component, why);
		return -1;
	}
	if (in->seq < 1 || in->seq > VPK_SEQ_MAX) {
		snprintf(err, errlen, "seq must be a positive integer");
		return -1;
	}
	if (in->min_os && !semver_valid(in->min_os)) {
		snprintf(err, errlen, "min_os must be MAJOR.MINOR.PATCH");
		return -1;
	}
	memcpy(m.name, app.name, sizeof m.name);
	memcpy(m.version, app.version, sizeof m.version);
	snprintf(m.min_os, sizeof m.min_os, "%s", in->min_os ? in->min_os : VPK_OS_VERSION);
	m.seq = in->seq;
	m.caps = app.caps;
	files[n++] = (struct ustar_file){ TOML_FILE, in->toml, in->toml_len };
	files[n++] = (struct ustar_file){ app.component, in->comp, in->comp_len };
	if (in->icon)
		files[n++] = (struct ustar_file){ ICON_FILE, in->icon, in->icon_len };
	return vpk_pack(&m, files, n, k, out, outlen, err, errlen);
}

/* ---- verification ---------------------------------------------------------------- */

static const struct ustar_entry *find(const struct vpk_bundle *b, const char *name)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->entries[i].name, name) == 0)
			return &b->entries[i];
	return NULL;
}

static size_t entry_limit(const char *name)
{
	if (strcmp(name, SIG_FILE) == 0)
		return PKEY_SIG_FILE_MAX;
	if (strcmp(name, MAN_FILE) == 0 || strcmp(name, TOML_FILE) == 0)
		return VPK_MANIFEST_MAX;
	if (strcmp(name, ICON_FILE) == 0)
		return VPK_ICON_MAX;
	return WCOMP_FILE_MAX;
}

/* Archive shape, sizes, and the signature over MANIFEST. */
static int check_signed(const uint8_t *buf, size_t len, const struct vpk_policy *pol,
			struct vpk_bundle *b, char *err, size_t errlen)
{
	size_t max = pol->max_bytes ? pol->max_bytes : VPK_MAX_BYTES;
	const struct ustar_entry *man, *sig;
	struct pkey_sig s;
	char why[512];

	if (len > max) {
		snprintf(err, errlen, "the bundle is %zu bytes, over the limit of %zu", len, max);
		return -1;
	}
	if (ustar_read(buf, len, WCOMP_FILE_MAX, b->entries, USTAR_MAX_ENTRIES, &b->n, why,
		       sizeof why) < 0) {
		snprintf(err, errlen, "not a valid bundle archive: %s", why);
		return -1;
	}
	for (size_t i = 0; i < b->n; i++)
		if (b->entries[i].size > entry_limit(b->entries[i].name)) {
			snprintf(err, errlen, "entry '%s' is %zu bytes, over its limit of %zu",
				 b->entries[i].name, b->entries[i].size,
				 entry_limit(b->entries[i].name));
			return -1;
		}
	man = find(b, MAN_FILE);
	sig = find(b, SIG_FILE);
	if (!man || !sig) {
		snprintf(err, errlen, "the bundle has no %s: it is not signed", man ? SIG_FILE : MAN_FILE);
		return -1;
	}
	if (pkey_parse_sig((const char *)sig->data, sig->size, &s, why, sizeof why) < 0) {
		snprintf(err, errlen, "%s: %s", SIG_FILE, why);
		return -1;
	}
	if (pkey_verify(pol->ring, pol->revoked, &s, man->data, man->size, why, sizeof why) < 0) {
		snprintf(err, errlen, "%s: %s", MAN_FILE, why);
		return -1;
	}
	if (vpk_manifest_parse((const char *)man->data, man->size, &b->man, why, sizeof why) < 0) {
		snprintf(err, errlen, "%s: %s", MAN_FILE, why);
		return -1;
	}
	if (strcmp(b->man.key_id, s.id) != 0) {
		snprintf(err, errlen, "%s names key %s but is signed by key %s", MAN_FILE,
			 b->man.key_id, s.id);
		return -1;
	}
	return 0;
}

/* Every entry listed, every listed file present with its size and hash. */
static int check_files(struct vpk_bundle *b, char *err, size_t errlen)
{
	uint8_t h[32];

	for (size_t i = 0; i < b->n; i++) {
		const char *name = b->entries[i].name;
		size_t j = 0;

		if (strcmp(name, MAN_FILE) == 0 || strcmp(name, SIG_FILE) == 0)
			continue;
		while (j < b->man.nfiles && strcmp(b->man.files[j].path, name) != 0)
			j++;
		if (j == b->man.nfiles) {
			snprintf(err, errlen, "entry '%s' is not listed in %s", name, MAN_FILE);
			return -1;
		}
	}
	for (size_t j = 0; j < b->man.nfiles; j++) {
		const struct vpk_file *f = &b->man.files[j];
		const struct ustar_entry *e = find(b, f->path);

		if (!e) {
			snprintf(err, errlen, "%s lists '%s', which the bundle does not hold",
				 MAN_FILE, f->path);
			return -1;
		}
		if (e->size != f->size) {
			snprintf(err, errlen, "'%s' is %zu bytes but %s says %" PRIu64, f->path,
				 e->size, MAN_FILE, f->size);
			return -1;
		}
		pkey_sha256(e->data, e->size, h);
		if (memcmp(h, f->sha256, 32) != 0) {
			snprintf(err, errlen, "'%s': SHA-256 mismatch, the file was changed after signing",
				 f->path);
			return -1;
		}
	}
	return 0;
}

/* vyoma.toml against MANIFEST, and the installer's policy. */
static int check_app(struct vpk_bundle *b, const struct vpk_policy *pol, char *err,
		     size_t errlen)
{
	const char *os = pol->os_version ? pol->os_version : VPK_OS_VERSION;
	const struct ustar_entry *t = find(b, TOML_FILE);
	struct man_error me;
	char why[2048];

	if (!t) {
		snprintf(err, errlen, "the bundle has no %s", TOML_FILE);
		return -1;
	}
	if (man_parse_app((const char *)t->data, t->size, TOML_FILE, &b->app, &me) < 0) {
		man_error_format(&me, why, sizeof why);
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	if (strcmp(b->app.name, b->man.name) != 0 || strcmp(b->app.version, b->man.version) != 0 ||
	    b->app.caps != b->man.caps) {
		snprintf(err, errlen, "%s and %s disagree on the name, version or capabilities",
			 TOML_FILE, MAN_FILE);
		return -1;
	}
	for (size_t i = 0; i < b->n; i++) {
		const char *name = b->entries[i].name;

		if (strcmp(name, MAN_FILE) && strcmp(name, SIG_FILE) && strcmp(name, TOML_FILE) &&
		    strcmp(name, ICON_FILE) && strcmp(name, b->app.component)) {
			snprintf(err, errlen, "entry '%s' has no place in a package", name);
			return -1;
		}
	}
	b->component = find(b, b->app.component);
	b->icon = find(b, ICON_FILE);
	if (!b->component) {
		snprintf(err, errlen, "the bundle has no component '%s'", b->app.component);
		return -1;
	}
	for (size_t i = 0; i < pol->nsystem; i++)
		if (strcmp(pol->system_apps[i], b->man.name) == 0) {
			snprintf(err, errlen, "'%s' is the name of a system app; a package may not replace it",
				 b->man.name);
			return -1;
		}
	if (b->man.seq < pol->installed_seq) {
		snprintf(err, errlen, "seq %" PRIu64 " is lower than the installed seq %" PRIu64
			 ": a downgrade is refused", b->man.seq, pol->installed_seq);
		return -1;
	}
	if (semver_valid(os) && semver_cmp(b->man.min_os, os) > 0) {
		snprintf(err, errlen, "needs VyomaOS %s or newer (this is %s)", b->man.min_os, os);
		return -1;
	}
	if (audit_component(b->component->data, b->component->size, b->man.caps, why,
			    sizeof why) < 0) {
		snprintf(err, errlen, "%s imports more than its declared capabilities allow: %s",
			 b->app.component, why);
		return -1;
	}
	return 0;
}

int vpk_verify(const uint8_t *buf, size_t len, const struct vpk_policy *pol,
	       struct vpk_bundle *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	if (check_signed(buf, len, pol, out, err, errlen) < 0 || check_files(out, err, errlen) < 0 ||
	    check_app(out, pol, err, errlen) < 0) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	return 0;
}

/* ---- consent ------------------------------------------------------------------------ */

void vpk_cap_diff(unsigned installed, unsigned offered, unsigned *added, unsigned *removed)
{
	*added = offered & ~installed;
	*removed = installed & ~offered;
}

int vpk_consent(unsigned installed, unsigned offered, unsigned accepted, char *msg,
		size_t msglen)
{
	unsigned added, removed, missing;
	char names[128];

	vpk_cap_diff(installed, offered, &added, &removed);
	missing = added & ~accepted;
	if (!missing) {
		msg[0] = '\0';
		return 0;
	}
	cap_format(missing, names, sizeof names);
	snprintf(msg, msglen, "asks for new capabilities: %s (confirm with --accept %s)", names,
		 names);
	return -1;
}

/* wcomp: a minimal, strict reader of WebAssembly component binaries that
 * only extracts the names of the top-level imports. It is ours, in C, and
 * runs before Wasmtime sees the file, so the capability audit never depends
 * on the runtime that it is guarding. Everything else is skipped by section
 * size, but every byte we do decode is bounds-checked and every encoding we
 * cannot decode unambiguously is refused, never guessed.
 *
 * Grammar followed (component-model design/mvp/Binary.md, and wasmparser
 * 0.261/0.263, what Wasmtime 50 and wasm-tools use, where the two differ):
 *   component  ::= 00 61 73 6d  0d 00  01 00  section*
 *   section    ::= id:u8 size:u32 bytes          (ids 0..12)
 *   section_10 ::= vec(import)
 *   import     ::= name externdesc
 *   name       ::= 0x00 string | 0x01 string     (0x01: legacy, same meaning)
 *                | 0x02 string vec(option)       (option ::= 0x00 implements
 *                                                  | 0x01 version-suffix
 *                                                  | 0x02 external-id, each
 *                                                  a string, each at most once)
 *   externdesc ::= 0x00 0x11 u32 | 0x01 u32 | 0x02 value | 0x03 typebound
 *                | 0x04 u32 | 0x05 u32
 *   typebound  ::= 0x00 u32 | 0x01 */
#include "wcomp.h"

#include "file.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	SEC_IMPORT = 10,
	SEC_LAST   = 12, /* the value section, the highest id the format defines */
	/* The smallest import: 0x00, a 1-byte length, 1 byte of name, then
	 * 0x03 0x01 (a fresh resource type). Used to refuse absurd counts
	 * before looping over them. */
	IMPORT_MIN_BYTES = 5,
	NAME_OPT_MAX = 3, /* implements, version-suffix, external-id */
};

struct rd {
	const uint8_t *buf; /* the whole binary, so messages carry file offsets */
	size_t pos, end;
	char *err;
	size_t errlen;
};

__attribute__((format(printf, 2, 3)))
static int rd_fail(const struct rd *r, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!r->err || !r->errlen)
		return -1;
	n = snprintf(r->err, r->errlen, "at byte %zu: ", r->pos);
	if (n < 0 || (size_t)n >= r->errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(r->err + n, r->errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

static int rd_u8(struct rd *r, uint8_t *out, const char *what)
{
	if (r->pos >= r->end)
		return rd_fail(r, "truncated %s", what);
	*out = r->buf[r->pos++];
	return 0;
}

/* Unsigned LEB128 of at most 5 bytes. Zero padding within those 5 bytes is
 * legal (wasm-ld pads section sizes); a sixth byte or bits beyond 32 are
 * refused. */
static int rd_u32(struct rd *r, uint32_t *out, const char *what)
{
	size_t start = r->pos;
	uint32_t v = 0;

	for (unsigned i = 0; i < 5; i++) {
		uint8_t b;

		if (r->pos >= r->end) {
			r->pos = start;
			return rd_fail(r, "truncated %s", what);
		}
		b = r->buf[r->pos++];
		if (i == 4 && (b & 0xf0)) {
			r->pos = start;
			return rd_fail(r, "%s: LEB128 longer than 5 bytes or over 32 bits", what);
		}
		v |= (uint32_t)(b & 0x7f) << (7 * i);
		if (!(b & 0x80))
			break;
	}
	*out = v;
	return 0;
}

/* Strict UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF) and no
 * C0/C1 control characters or DEL: names end up in log lines and terminal
 * tables, and no valid import name contains them. NULL when fine. */
static const char *text_problem(const uint8_t *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint8_t c = s[i];
		uint32_t cp;
		size_t k;

		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f)
				return "control character";
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			k = 1;
			cp = c & 0x1f;
		} else if ((c & 0xf0) == 0xe0) {
			k = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			k = 3;
			cp = c & 0x07;
		} else {
			return "invalid UTF-8";
		}
		if (n - i - 1 < k)
			return "truncated UTF-8 sequence";
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return "invalid UTF-8";
			cp = cp << 6 | (s[i + j] & 0x3f);
		}
		if ((k == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (k == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return "invalid UTF-8";
		if (cp >= 0x80 && cp <= 0x9f)
			return "control character";
		i += k + 1;
	}
	return NULL;
}

struct str {
	const uint8_t *p;
	uint32_t n;
};

static int rd_str(struct rd *r, struct str *out, const char *what)
{
	const char *bad;
	size_t at;

	if (rd_u32(r, &out->n, what) != 0)
		return -1;
	if (out->n > r->end - r->pos)
		return rd_fail(r, "%s of %u bytes runs past its section (%zu left)", what,
			       (unsigned)out->n, r->end - r->pos);
	if (out->n > WCOMP_NAME_MAX)
		return rd_fail(r, "%s of %u bytes is longer than %d", what, (unsigned)out->n,
			       WCOMP_NAME_MAX);
	out->p = r->buf + r->pos;
	at = r->pos;
	r->pos += out->n;
	bad = text_problem(out->p, out->n);
	if (bad) {
		r->pos = at;
		return rd_fail(r, "%s: %s", what, bad);
	}
	return 0;
}

struct name {
	char s[WCOMP_NAME_MAX + 1];
	size_t n;
};

static int name_add(struct name *nm, const void *p, size_t n)
{
	if (n > WCOMP_NAME_MAX - nm->n)
		return -1;
	memcpy(nm->s + nm->n, p, n);
	nm->n += n;
	nm->s[nm->n] = '\0';
	return 0;
}

/* Only an interface name with a version ("a:b/c@0.2") takes a suffix; the
 * same rule as wasmparser's with_version_suffix, so we report exactly the
 * name Wasmtime will link against. */
static int name_add_versioned(struct name *nm, const struct str *s, const struct str *suffix)
{
	if (name_add(nm, s->p, s->n) != 0)
		return -1;
	if (suffix->p && memchr(s->p, '@', s->n))
		return name_add(nm, suffix->p, suffix->n);
	return 0;
}

static int rd_name(struct rd *r, struct name *nm)
{
	struct str base = {0}, opt[NAME_OPT_MAX] = {{0}};
	static const char *const opt_names[NAME_OPT_MAX] = {
		"implements option", "version-suffix option", "external-id option",
	};
	uint32_t nopt = 0;
	size_t at = r->pos;
	uint8_t disc = 0;
	int rc = 0;

	if (rd_u8(r, &disc, "import name") != 0)
		return -1;
	if (disc > 0x02) {
		r->pos = at;
		return rd_fail(r, "unknown import name encoding 0x%02x", disc);
	}
	if (rd_str(r, &base, "import name") != 0)
		return -1;
	if (base.n == 0) {
		r->pos = at;
		return rd_fail(r, "empty import name");
	}
	if (disc == 0x02 && rd_u32(r, &nopt, "name option count") != 0)
		return -1;
	if (nopt > NAME_OPT_MAX)
		return rd_fail(r, "%u name options: at most %d are defined", (unsigned)nopt,
			       NAME_OPT_MAX);
	for (uint32_t i = 0; i < nopt; i++) {
		uint8_t kind = 0;
		struct str s;

		if (rd_u8(r, &kind, "name option") != 0)
			return -1;
		if (kind >= NAME_OPT_MAX) {
			r->pos--;
			return rd_fail(r, "unknown name option 0x%02x", kind);
		}
		if (opt[kind].p) {
			r->pos--;
			return rd_fail(r, "duplicate %s", opt_names[kind]);
		}
		if (rd_str(r, &s, opt_names[kind]) != 0)
			return -1;
		/* s.p is set even for an empty string, so presence is p != NULL. */
		opt[kind] = s;
	}

	nm->n = 0;
	nm->s[0] = '\0';
	/* The external id is an opaque hint for the host and names nothing, so
	 * it is validated above and otherwise ignored. */
	if (opt[0].p) {
		static const char pre[] = "[implements=";
		rc = name_add(nm, pre, sizeof pre - 1);
		if (rc == 0)
			rc = name_add_versioned(nm, &opt[0], &opt[1]);
		if (rc == 0)
			rc = name_add(nm, "]", 1);
		if (rc == 0)
			rc = name_add(nm, base.p, base.n);
	} else {
		rc = name_add_versioned(nm, &base, &opt[1]);
	}
	if (rc != 0) {
		r->pos = at;
		return rd_fail(r, "import name longer than %d bytes with its options",
			       WCOMP_NAME_MAX);
	}
	return 0;
}

enum ext_shape { EXT_IDX, EXT_CORE_MODULE, EXT_TYPE_BOUND, EXT_REFUSED };

static const struct ext_kind {
	const char *name;
	enum ext_shape shape;
} ext_kinds[] = {
	[0x00] = {"core module", EXT_CORE_MODULE},
	[0x01] = {"func", EXT_IDX},
	/* Value imports (the "coin" feature) have two incompatible encodings:
	 * Binary.md says valuebound (0x00 idx | 0x01 valtype), wasmparser reads
	 * a bare valtype. Wasmtime does not run them either way, so refusing
	 * beats guessing where the next import starts. */
	[0x02] = {"value", EXT_REFUSED},
	[0x03] = {"type", EXT_TYPE_BOUND},
	[0x04] = {"component", EXT_IDX},
	[0x05] = {"instance", EXT_IDX},
};

static int rd_externdesc(struct rd *r, const struct name *nm)
{
	const struct ext_kind *k;
	uint32_t idx = 0;
	uint8_t b = 0;

	if (rd_u8(r, &b, "import kind") != 0)
		return -1;
	if (b >= sizeof ext_kinds / sizeof ext_kinds[0]) {
		r->pos--;
		return rd_fail(r, "import '%s': unknown kind 0x%02x", nm->s, b);
	}
	k = &ext_kinds[b];
	switch (k->shape) {
	case EXT_CORE_MODULE:
		if (rd_u8(r, &b, "core sort") != 0)
			return -1;
		if (b != 0x11) {
			r->pos--;
			return rd_fail(r, "import '%s': core sort 0x%02x, only 0x11 (module) "
				       "can be imported", nm->s, b);
		}
		return rd_u32(r, &idx, "core type index");
	case EXT_IDX:
		return rd_u32(r, &idx, "type index");
	case EXT_TYPE_BOUND:
		if (rd_u8(r, &b, "type bound") != 0)
			return -1;
		if (b == 0x00)
			return rd_u32(r, &idx, "type index");
		if (b == 0x01)
			return 0;
		r->pos--;
		return rd_fail(r, "import '%s': unknown type bound 0x%02x", nm->s, b);
	case EXT_REFUSED:
		break;
	}
	r->pos--;
	return rd_fail(r, "import '%s' is a %s import, which VyomaOS does not support", nm->s,
		       k->name);
}

static int rd_import_section(struct rd *r, size_t *total, wcomp_import_fn cb, void *ctx)
{
	struct name nm;
	uint32_t count = 0;

	if (rd_u32(r, &count, "import count") != 0)
		return -1;
	if (count > WCOMP_MAX_IMPORTS - *total)
		return rd_fail(r, "%u more imports: a component may have at most %d",
			       (unsigned)count, WCOMP_MAX_IMPORTS);
	if (count > (r->end - r->pos) / IMPORT_MIN_BYTES)
		return rd_fail(r, "%u imports cannot fit in the %zu bytes left of the section",
			       (unsigned)count, r->end - r->pos);
	for (uint32_t i = 0; i < count; i++) {
		if (rd_name(r, &nm) != 0 || rd_externdesc(r, &nm) != 0)
			return -1;
		(*total)++;
		if (cb)
			cb(nm.s, nm.n, ctx);
	}
	if (r->pos != r->end)
		return rd_fail(r, "%zu stray bytes after the last import of the section",
			       r->end - r->pos);
	return 0;
}

static int rd_preamble(struct rd *r)
{
	static const uint8_t magic[4] = {0x00, 'a', 's', 'm'};
	unsigned version, layer;

	if (r->end < 4 || memcmp(r->buf, magic, 4) != 0)
		return rd_fail(r, "not a WebAssembly binary (no \\0asm magic)");
	if (r->end < 8)
		return rd_fail(r, "truncated preamble");
	version = r->buf[4] | (unsigned)r->buf[5] << 8;
	layer = r->buf[6] | (unsigned)r->buf[7] << 8;
	if (layer == 0)
		return rd_fail(r, "not a component: core module (make it a component with "
			       "`wasm-tools component new`)");
	if (layer != 1)
		return rd_fail(r, "unknown layer %u (components are layer 1)", layer);
	if (version != 0x0d)
		return rd_fail(r, "component binary version 0x%02x: only 0x0d is supported",
			       version);
	r->pos = 8;
	return 0;
}

int wcomp_imports(const uint8_t *buf, size_t len, wcomp_import_fn cb, void *ctx,
		  char *err, size_t errlen)
{
	static const uint8_t none[1];
	struct rd r = {buf ? buf : none, 0, buf ? len : 0, err, errlen};
	size_t total = 0;

	if (err && errlen)
		err[0] = '\0';
	if (rd_preamble(&r) != 0)
		return -1;
	while (r.pos < r.end) {
		struct rd sec;
		uint32_t size = 0;
		uint8_t id = 0;

		if (rd_u8(&r, &id, "section id") != 0)
			return -1;
		if (id > SEC_LAST) {
			r.pos--;
			return rd_fail(&r, "unknown section id %u", id);
		}
		if (rd_u32(&r, &size, "section size") != 0)
			return -1;
		if (size > r.end - r.pos)
			return rd_fail(&r, "section %u of %u bytes runs past the end (%zu left)",
				       id, (unsigned)size, r.end - r.pos);
		if (id == SEC_IMPORT) {
			sec = r;
			sec.end = r.pos + size;
			if (rd_import_section(&sec, &total, cb, ctx) != 0)
				return -1;
		}
		r.pos += size;
	}
	return 0;
}

int wcomp_custom(const uint8_t *buf, size_t len, const char *name, const uint8_t **payload,
		 size_t *plen, char *err, size_t errlen)
{
	static const uint8_t none[1];
	struct rd r = {buf ? buf : none, 0, buf ? len : 0, err, errlen};

	if (err && errlen)
		err[0] = '\0';
	if (rd_preamble(&r) != 0)
		return -1;
	while (r.pos < r.end) {
		uint32_t size = 0, n = 0;
		size_t start;
		uint8_t id = 0;

		if (rd_u8(&r, &id, "section id") != 0 || rd_u32(&r, &size, "section size") != 0)
			return -1;
		if (size > r.end - r.pos)
			return rd_fail(&r, "section %u of %u bytes runs past the end (%zu left)",
				       id, (unsigned)size, r.end - r.pos);
		start = r.pos;
		if (id == 0) {
			struct rd sec = r;
			sec.end = start + size;
			if (rd_u32(&sec, &n, "custom section name") != 0)
				return -1;
			if (n <= sec.end - sec.pos && n == strlen(name) &&
			    memcmp(sec.buf + sec.pos, name, n) == 0) {
				*payload = sec.buf + sec.pos + n;
				*plen = sec.end - sec.pos - n;
				return 1;
			}
		}
		r.pos = start + size;
	}
	return 0;
}

int wcomp_read_file(const char *path, size_t max, uint8_t **out, size_t *outlen, char *err,
		    size_t errlen)
{
	char why[256];

	if (max == 0 || max > WCOMP_FILE_MAX)
		max = WCOMP_FILE_MAX;
	if (file_read(path, max, out, outlen, why, sizeof why) != 0) {
		snprintf(err, errlen, "%s: %s", path, why);
		return -1;
	}
	return 0;
}

int wcomp_imports_file(const char *path, wcomp_import_fn cb, void *ctx, char *err, size_t errlen)
{
	uint8_t *buf;
	size_t len;
	int rc;

	if (wcomp_read_file(path, WCOMP_FILE_MAX, &buf, &len, err, errlen) != 0)
		return -1;
	rc = wcomp_imports(buf, len, cb, ctx, err, errlen);
	if (rc != 0 && err && errlen) {
		/* Prefix the path so a caller's log line says which file. */
		char msg[512];
		snprintf(msg, sizeof msg, "%s", err);
		snprintf(err, errlen, "%s: %s", path, msg);
	}
	free(buf);
	return rc;
}

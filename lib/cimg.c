/* cimg: the parser of the image's cache index (scripts/cidx-index.py writes
 * it into the image; lib/cidx.c reads it at boot). The text comes from the
 * image, which PID 1 trusts as it trusts the artifacts themselves, but it
 * is still parsed as outside input: bounded, one exact form, the whole
 * index refused at the first fault (then every artifact is hashed as
 * before), so a damaged index costs time and never vouches for a byte. */
#include "cimg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CIMG_SUFFIX ".cwasm"

int cimg_valid_name(const char *name, size_t len)
{
	size_t s = sizeof CIMG_SUFFIX - 1;

	if (len <= s || len > NAME_MAX || name[0] == '.' || memcmp(name + len - s, CIMG_SUFFIX, s))
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

static int cimg_hex(const char *p, size_t len)
{
	if (len != CIDX_HEX - 1)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!((p[i] >= '0' && p[i] <= '9') || (p[i] >= 'a' && p[i] <= 'f')))
			return 0;
	return 1;
}

/* Decimal, no sign, no leading zero (but "0"), at most CIDX_ARTIFACT_MAX. */
static int cimg_size(const char *p, size_t len, uint64_t *out)
{
	uint64_t v = 0;

	if (len == 0 || len > 10 || (p[0] == '0' && len > 1))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		v = v * 10 + (uint64_t)(p[i] - '0');
	}
	if (v > CIDX_ARTIFACT_MAX)
		return -1;
	*out = v;
	return 0;
}

/* One line (without its newline) into e; NULL, or why it is refused. */
static const char *cimg_line(const char *p, size_t len, struct cimg_entry *e)
{
	const char *sp1 = memchr(p, ' ', len), *sp2;

	if (!sp1 || !cimg_hex(p, (size_t)(sp1 - p)))
		return "expected 64 lower-case hex digits, then a space";
	sp2 = memchr(sp1 + 1, ' ', len - (size_t)(sp1 + 1 - p));
	if (!sp2 || cimg_size(sp1 + 1, (size_t)(sp2 - sp1 - 1), &e->size) < 0)
		return "expected a size in bytes (decimal, at most 64 MiB), then a space";
	size_t nlen = len - (size_t)(sp2 + 1 - p);
	if (!cimg_valid_name(sp2 + 1, nlen))
		return "expected an artifact's file name (NAME.cwasm: letters, digits, '.', '_', '-')";
	memcpy(e->hex, p, CIDX_HEX - 1);
	e->hex[CIDX_HEX - 1] = '\0';
	memcpy(e->name, sp2 + 1, nlen);
	e->name[nlen] = '\0';
	return NULL;
}

int cimg_parse(const char *text, size_t len, struct cimg *out, char *err, size_t errlen)
{
	size_t hlen = sizeof CIMG_HEADER - 1, line = 1, cap = 0;
	const char *p, *end = text + len, *why = NULL;

	out->e = NULL;
	out->n = 0;
	if (len > CIMG_MAX) {
		snprintf(err, errlen, "1: %zu bytes, larger than an index may be (%zu)", len,
			 (size_t)CIMG_MAX);
		return -1;
	}
	if (len < hlen || memcmp(text, CIMG_HEADER, hlen)) {
		snprintf(err, errlen, "1: expected \"vyoma-cache-index 1\"");
		return -1;
	}
	for (p = text + hlen; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct cimg_entry *ne = NULL;

		if (!nl)
			why = "no newline at the end";
		else if (out->n == CIDX_MAX_ENTRIES)
			why = "more artifacts than an index may list (4096)";
		else if (out->n == cap && !(ne = realloc(out->e, (cap ? cap * 2 : 64) * sizeof *ne)))
			why = "out of memory";
		if (why)
			break;
		if (out->n == cap) {
			out->e = ne;
			cap = cap ? cap * 2 : 64;
		}
		why = cimg_line(p, (size_t)(nl - p), &out->e[out->n]);
		if (!why && out->n && strcmp(out->e[out->n - 1].name, out->e[out->n].name) >= 0)
			why = "names not in strictly increasing order (sorted, no duplicates)";
		if (why)
			break;
		out->n++;
		p = nl + 1;
	}
	if (why) {
		snprintf(err, errlen, "%zu: %s", line + 1, why);
		cimg_free(out);
		return -1;
	}
	return 0;
}

void cimg_free(struct cimg *idx)
{
	free(idx->e);
	idx->e = NULL;
	idx->n = 0;
}

static int cimg_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct cimg_entry *)elem)->name);
}

const struct cimg_entry *cimg_find(const struct cimg *idx, const char *name)
{
	return idx->n ? bsearch(name, idx->e, idx->n, sizeof *idx->e, cimg_cmp) : NULL;
}

/* cimg: the image's cache index, the list of precompiled artifacts (name,
 * size, SHA-256) that the image build writes beside them
 * (scripts/cidx-index.py), so that PID 1 can seal its cache index at boot
 * without hashing every artifact (lib/cidx.c; docs/runner.md, "The image's
 * index"). This is its bounded, strict parser. */
#ifndef VYOMA_CIMG_H
#define VYOMA_CIMG_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "cidx.h"

#define CIMG_FILE "index"                    /* its name in the cache directory */
#define CIMG_HEADER "vyoma-cache-index 1\n"  /* its first line */
/* at most: the header and CIDX_MAX_ENTRIES lines "HEX SIZE NAME\n" */
#define CIMG_MAX (sizeof CIMG_HEADER + (size_t)CIDX_MAX_ENTRIES * (CIDX_HEX + 9 + NAME_MAX + 1))

struct cimg_entry {
	char name[NAME_MAX + 1]; /* an artifact's file name (cimg_valid_name) */
	uint64_t size;           /* its size in bytes, at most CIDX_ARTIFACT_MAX */
	char hex[CIDX_HEX];      /* its SHA-256, 64 lower-case hex digits */
};

struct cimg {
	struct cimg_entry *e; /* sorted by name (strcmp), no two alike */
	size_t n;
};

/* Parse an image index: CIMG_HEADER, then one line per artifact,
 * "HEX SIZE NAME\n" (single spaces, SIZE in decimal without leading zeros,
 * names in strictly increasing byte order), nothing else: no empty line,
 * no carriage return, a newline after the last line. 0 with *out filled
 * (cimg_free it), or -1 with "LINE: why" in err and *out empty. */
int cimg_parse(const char *text, size_t len, struct cimg *out, char *err, size_t errlen);
void cimg_free(struct cimg *idx);
/* The entry for name, or NULL. */
const struct cimg_entry *cimg_find(const struct cimg *idx, const char *name);
/* An artifact's file name: [A-Za-z0-9._-], not starting with '.', ending
 * in ".cwasm" after at least one character, at most NAME_MAX bytes. */
int cimg_valid_name(const char *name, size_t len);

#endif

/* pidx: the repository index (INDEX + INDEX.sig, docs/packages.md): one
 * signed list of the bundles in a folder, with what a store shows before
 * downloading (name, version, seq, size, SHA-256, capabilities,
 * description) and the key ids the repository revokes. */
#ifndef VYOMA_PIDX_H
#define VYOMA_PIDX_H

#include <stddef.h>
#include <stdint.h>

#include "manifest.h"
#include "pkey.h"
#include "ustar.h"

#define PIDX_MAX_PACKAGES 1024
#define PIDX_MAX_BYTES    (1u << 20)  /* INDEX text */

struct pidx_pkg {
	char name[MAN_NAME_MAX + 1];
	char version[MAN_VERSION_MAX + 1];
	uint64_t seq;
	char file[USTAR_NAME_MAX + 1];    /* "<name>.vpk", beside INDEX */
	uint64_t size;
	uint8_t sha256[32];
	unsigned caps;
	char description[MAN_DESC_MAX + 1];
};

struct pidx {
	char key_id[PKEY_ID_LEN + 1];     /* the key that signs this index */
	struct pkey_revoked revoked;
	size_t n;
	struct pidx_pkg *pkgs;            /* malloc'd, sorted by name */
};

/* Parse INDEX text (no signature check). 0, or -1 with "line:col: why" in
 * err and *out empty. Free with pidx_free either way. */
int pidx_parse(const char *text, size_t len, struct pidx *out, char *err, size_t errlen);
void pidx_free(struct pidx *idx);

/* INDEX text (malloc'd, NUL-terminated); packages sorted by name first. */
int pidx_format(struct pidx *idx, char **out, size_t *len, char *err, size_t errlen);

/* Check INDEX.sig over INDEX against the trusted ring, then parse INDEX;
 * an index signed by a key it revokes itself is refused. 0 or -1. */
int pidx_verify(const char *text, size_t len, const char *sig, size_t siglen,
		const struct pkey_ring *ring, struct pidx *out, char *err, size_t errlen);

/* pidx_verify of dir/INDEX and dir/INDEX.sig, read from disk. 0, or -1 with
 * err (a file that cannot be read is named). */
int pidx_load(const char *dir, const struct pkey_ring *ring, struct pidx *out, char *err,
	      size_t errlen);

const struct pidx_pkg *pidx_find(const struct pidx *idx, const char *name);

#endif

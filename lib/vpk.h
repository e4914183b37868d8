/* vpk: the signed app bundle (.vpk, docs/packages.md): a ustar archive of
 * vyoma.toml, the component, an optional icon.png, a MANIFEST listing every
 * file with its size and SHA-256, and MANIFEST.sig. Building, verifying
 * (fail closed, nothing written), unpacking after verification, and the
 * capability difference an upgrade needs consent for. */
#ifndef VYOMA_VPK_H
#define VYOMA_VPK_H

#include <stddef.h>
#include <stdint.h>

#include "manifest.h"
#include "pkey.h"
#include "ustar.h"

#define VPK_OS_VERSION   "0.1.0"      /* the VyomaOS version this build is */
#define VPK_MANIFEST_MAX 65536        /* MANIFEST, and vyoma.toml */
#define VPK_ICON_MAX     (1u << 20)
#define VPK_MAX_BYTES    (66u << 20)  /* a whole bundle: a 64 MiB component and the rest */
#define VPK_MAX_FILES    3            /* vyoma.toml, the component, icon.png */
#define VPK_SEQ_MAX      INT64_MAX

struct vpk_file {
	char path[USTAR_NAME_MAX + 1];
	uint64_t size;
	uint8_t sha256[32];
};

/* What MANIFEST says. */
struct vpk_manifest {
	char name[MAN_NAME_MAX + 1];
	char version[MAN_VERSION_MAX + 1];
	uint64_t seq;                     /* monotonic per app: no rollback below it */
	char min_os[MAN_VERSION_MAX + 1];
	unsigned caps;                    /* CAP_* bits, as vyoma.toml declares */
	char key_id[PKEY_ID_LEN + 1];
	size_t nfiles;
	struct vpk_file files[VPK_MAX_FILES]; /* sorted by path */
};

/* What the installing side knows and trusts. */
struct vpk_policy {
	const struct pkey_ring *ring;       /* trusted keys */
	const struct pkey_revoked *revoked; /* may be NULL */
	uint64_t installed_seq;             /* of the installed version; 0: none */
	const char *const *system_apps;     /* names a package may never take */
	size_t nsystem;
	const char *os_version;             /* NULL: VPK_OS_VERSION */
	size_t max_bytes;                   /* 0: VPK_MAX_BYTES */
	bool test_cut;                      /* test hook (pstore_install): stop
	                                     * after unpacking, before the links
	                                     * move, as a power cut there would */
};

/* A verified bundle; pointers go into the caller's buffer. */
struct vpk_bundle {
	struct vpk_manifest man;
	struct manifest app;                /* the parsed vyoma.toml */
	size_t n;
	struct ustar_entry entries[USTAR_MAX_ENTRIES];
	const struct ustar_entry *component, *icon; /* icon may be NULL */
};

struct vpk_input {
	const uint8_t *toml, *comp, *icon; /* icon may be NULL */
	size_t toml_len, comp_len, icon_len;
	uint64_t seq;
	const char *min_os;                /* NULL: VPK_OS_VERSION */
};

/* MANIFEST text (malloc'd, NUL-terminated) from m, and back. */
int vpk_manifest_format(const struct vpk_manifest *m, char **out, size_t *len, char *err,
			size_t errlen);
int vpk_manifest_parse(const char *text, size_t len, struct vpk_manifest *out, char *err,
		       size_t errlen);

/* Sign and archive: m's files are set from payload, the MANIFEST and its
 * signature are added. No check of the payload (tests craft hostile but
 * signed bundles with it). 0 or -1 with err. */
int vpk_pack(struct vpk_manifest *m, const struct ustar_file *payload, size_t n,
	     const struct pkey_secret *k, uint8_t **out, size_t *outlen, char *err, size_t errlen);

/* Check the inputs as an installer would (vyoma.toml valid, component
 * within its capabilities) and pack them. Deterministic. 0 or -1. */
int vpk_build(const struct vpk_input *in, const struct pkey_secret *k, uint8_t **out,
	      size_t *outlen, char *err, size_t errlen);

/* Everything an installer must check, in memory, before one byte is
 * written: archive shape and sizes, trusted and unrevoked key, signature,
 * every file's size and SHA-256, vyoma.toml agreeing with MANIFEST, no
 * system app name, no downgrade, OS version, import audit. 0, or -1 with
 * one clear reason in err and *out zeroed. */
int vpk_verify(const uint8_t *buf, size_t len, const struct vpk_policy *pol,
	       struct vpk_bundle *out, char *err, size_t errlen);

/* vpk_verify, then write every entry into a new directory dest (which must
 * not exist): staged beside it, each file fsynced, then one rename. On any
 * failure nothing is left behind. 0 or -1 with err. */
int vpk_unpack(const uint8_t *buf, size_t len, const struct vpk_policy *pol, const char *dest,
	       struct vpk_bundle *out, char *err, size_t errlen);

/* Capabilities an upgrade adds and drops. */
void vpk_cap_diff(unsigned installed, unsigned offered, unsigned *added, unsigned *removed);
/* 0 when every capability `offered` adds over `installed` is in
 * `accepted`; else -1 with "asks for new capabilities: network (...)". */
int vpk_consent(unsigned installed, unsigned offered, unsigned accepted, char *msg,
		size_t msglen);

#endif

/* pkey: package signing keys, key rings, SHA-256 and Ed25519 detached
 * signatures, all through libsodium. Key and signature files are small
 * strict TOML documents (docs/packages.md). */
#ifndef VYOMA_PKEY_H
#define VYOMA_PKEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PKEY_ID_LEN   16 /* hex chars: the first 8 bytes of SHA-256(public key) */
#define PKEY_RING_MAX 64 /* trusted keys, and revoked ids */
#define PKEY_SIG_FILE_MAX 4096

struct pkey_pub {
	char id[PKEY_ID_LEN + 1];
	uint8_t pk[32];
};

struct pkey_secret {
	char id[PKEY_ID_LEN + 1];
	uint8_t pk[32];
	uint8_t sk[64];
};

struct pkey_ring {
	size_t n;
	struct pkey_pub keys[PKEY_RING_MAX];
};

/* Key ids that must not be trusted any more, whatever ring holds them. */
struct pkey_revoked {
	size_t n;
	char ids[PKEY_RING_MAX][PKEY_ID_LEN + 1];
};

struct pkey_sig {
	char id[PKEY_ID_LEN + 1];
	uint8_t sig[64];
};

void pkey_sha256(const void *data, size_t len, uint8_t out[32]);
bool pkey_valid_id(const char *s, size_t len);

/* A fresh key pair from the system's randomness. 0 or -1. */
int pkey_generate(struct pkey_secret *out, char *err, size_t errlen);
/* The key pair a 32-byte seed gives (fuzzers and tests: a fixed key). */
void pkey_from_seed(const uint8_t seed[32], struct pkey_secret *out);
/* The key files: "K" (secret, mode 0600) and "K.pub"; each written
 * atomically. 0 or -1 with err. */
int pkey_write_pair(const char *path, const struct pkey_secret *k, char *err, size_t errlen);
void pkey_format_pub(const struct pkey_pub *k, char *buf, size_t len);

/* Parse key files from memory. The key id in the file must be the one the
 * key gives. 0 or -1 with err. */
int pkey_parse_secret(const char *text, size_t len, struct pkey_secret *out, char *err,
		      size_t errlen);
int pkey_parse_pub(const char *text, size_t len, struct pkey_pub *out, char *err, size_t errlen);
int pkey_load_secret(const char *path, struct pkey_secret *out, char *err, size_t errlen);
/* Every "*.pub" file of dir, in name order; two files with the same key
 * count once. 0 or -1 with err (an unreadable key file is an error). */
int pkey_load_ring(const char *dir, struct pkey_ring *ring, char *err, size_t errlen);
int pkey_ring_add(struct pkey_ring *ring, const struct pkey_pub *k, char *err, size_t errlen);
const struct pkey_pub *pkey_ring_find(const struct pkey_ring *ring, const char *id);
bool pkey_is_revoked(const struct pkey_revoked *rev, const char *id);

/* Signature files ("MANIFEST.sig", "INDEX.sig"). */
void pkey_sign(const struct pkey_secret *k, const void *msg, size_t len, struct pkey_sig *out);
void pkey_format_sig(const struct pkey_sig *s, char *buf, size_t len);
int pkey_parse_sig(const char *text, size_t len, struct pkey_sig *out, char *err, size_t errlen);
/* Fail closed: revoked id, unknown id, then a bad signature. rev may be
 * NULL. 0 or -1 with err. */
int pkey_verify(const struct pkey_ring *ring, const struct pkey_revoked *rev,
		const struct pkey_sig *s, const void *msg, size_t len, char *err, size_t errlen);

#endif

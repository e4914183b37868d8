/* pkey: signing keys and signatures for packages and the repository index.
 * The cryptography is libsodium's (crypto_sign_* is Ed25519,
 * crypto_hash_sha256 is SHA-256); this file only owns the file formats
 * around it, key ids, the trusted ring and the revocation check. */
#include "hex.h"
#include "pkey.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "file.h"
#include "toml.h"
#include "tomlf.h"

#define KEY_FILE_MAX 4096

void pkey_sha256(const void *data, size_t len, uint8_t out[32])
{
	crypto_hash_sha256(out, data, len);
}

bool pkey_valid_id(const char *s, size_t len)
{
	uint8_t tmp[PKEY_ID_LEN / 2];

	return hex_decode(s, len, tmp, sizeof tmp) == 0;
}

static void key_id(const uint8_t pk[32], char id[PKEY_ID_LEN + 1])
{
	uint8_t h[32];

	pkey_sha256(pk, 32, h);
	hex_encode(h, PKEY_ID_LEN / 2, id);
}

int pkey_generate(struct pkey_secret *out, char *err, size_t errlen)
{
	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium failed to initialise");
		return -1;
	}
	crypto_sign_keypair(out->pk, out->sk);
	key_id(out->pk, out->id);
	return 0;
}

void pkey_from_seed(const uint8_t seed[32], struct pkey_secret *out)
{
	crypto_sign_seed_keypair(out->pk, out->sk, seed);
	key_id(out->pk, out->id);
}

void pkey_format_pub(const struct pkey_pub *k, char *buf, size_t len)
{
	char hex[65];

	hex_encode(k->pk, 32, hex);
	snprintf(buf, len,
		 "# VyomaOS package signing key, public part (docs/packages.md)\n"
		 "algorithm = \"ed25519\"\nkey_id = \"%s\"\npublic_key = \"%s\"\n",
		 k->id, hex);
}

int pkey_write_pair(const char *path, const struct pkey_secret *k, char *err, size_t errlen)
{
	char buf[512], hexs[129], hexp[65], pubpath[4096];
	struct pkey_pub pub;
	int rc;

	hex_encode(k->sk, 64, hexs);
	hex_encode(k->pk, 32, hexp);
	snprintf(buf, sizeof buf,
		 "# VyomaOS package signing key: SECRET, never commit or copy into an image\n"
		 "algorithm = \"ed25519\"\nkey_id = \"%s\"\npublic_key = \"%s\"\nsecret_key = \"%s\"\n",
		 k->id, hexp, hexs);
	rc = file_write_atomic(path, buf, strlen(buf), 0600, err, errlen);
	sodium_memzero(buf, sizeof buf);
	sodium_memzero(hexs, sizeof hexs);
	if (rc < 0)
		return -1;
	memcpy(pub.id, k->id, sizeof pub.id);
	memcpy(pub.pk, k->pk, sizeof pub.pk);
	pkey_format_pub(&pub, buf, sizeof buf);
	snprintf(pubpath, sizeof pubpath, "%s.pub", path);
	return file_write_atomic(pubpath, buf, strlen(buf), 0644, err, errlen);
}

/* ---- the small TOML documents ------------------------------------------------ */

/* Every field any key or signature file can have; each file's key table
 * says which it has. */
struct kf {
	char id[PKEY_ID_LEN + 1];
	uint8_t pk[32], sk[64], sig[64];
};

static int kf_alg(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	size_t len;
	const char *s = tomlf_str(v, "algorithm", 16, &len, e);

	(void)ctx;
	return s && strcmp(s, "ed25519") == 0 ? 0 : tomlf_fail(v, e, "algorithm must be \"ed25519\"");
}

static int kf_id(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_key_id(v, "key_id", ((struct kf *)ctx)->id, e);
}

static int kf_pk(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_hex(v, "public_key", ((struct kf *)ctx)->pk, 32, e);
}

static int kf_sk(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_hex(v, "secret_key", ((struct kf *)ctx)->sk, 64, e);
}

static int kf_sig(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	return tomlf_hex(v, "signature", ((struct kf *)ctx)->sig, 64, e);
}

static const struct tomlf_key pub_keys[] = {
	{ "algorithm", kf_alg, true }, { "key_id", kf_id, true }, { "public_key", kf_pk, true },
	{ "secret_key", kf_sk, true },
};
static const struct tomlf_key sig_keys[] = {
	{ "algorithm", kf_alg, true }, { "key_id", kf_id, true }, { "signature", kf_sig, true },
};

/* n keys of table: a public key file takes the first three of pub_keys,
 * a secret key file all four. */
static int kf_parse(const char *text, size_t len, const struct tomlf_key *keys, size_t n,
		    struct kf *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof *out);
	return tomlf_read(text, len, KEY_FILE_MAX, keys, n, out, err, errlen);
}

/* The key id a file claims must be the one its public key gives. */
static int kf_check_id(const struct kf *k, char *err, size_t errlen)
{
	char want[PKEY_ID_LEN + 1];

	key_id(k->pk, want);
	if (strcmp(k->id, want) != 0) {
		snprintf(err, errlen, "key_id does not match the public key (it is %s)", want);
		return -1;
	}
	return 0;
}

int pkey_parse_pub(const char *text, size_t len, struct pkey_pub *out, char *err, size_t errlen)
{
	struct kf k;

	memset(out, 0, sizeof *out);
	if (kf_parse(text, len, pub_keys, 3, &k, err, errlen) < 0 ||
	    kf_check_id(&k, err, errlen) < 0)
		return -1;
	memcpy(out->id, k.id, sizeof out->id);
	memcpy(out->pk, k.pk, sizeof out->pk);
	return 0;
}

int pkey_parse_secret(const char *text, size_t len, struct pkey_secret *out, char *err,
		      size_t errlen)
{
	struct kf k;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (kf_parse(text, len, pub_keys, 4, &k, err, errlen) < 0 ||
	    kf_check_id(&k, err, errlen) < 0)
		goto out;
	/* An Ed25519 secret key carries its public key in its second half. */
	if (memcmp(k.sk + 32, k.pk, 32) != 0) {
		snprintf(err, errlen, "secret_key does not belong to public_key");
		goto out;
	}
	memcpy(out->id, k.id, sizeof out->id);
	memcpy(out->pk, k.pk, sizeof out->pk);
	memcpy(out->sk, k.sk, sizeof out->sk);
	rc = 0;
out:
	sodium_memzero(&k, sizeof k);
	return rc;
}

int pkey_load_secret(const char *path, struct pkey_secret *out, char *err, size_t errlen)
{
	char why[256];
	uint8_t *buf;
	size_t len;
	int rc;

	if (file_read(path, KEY_FILE_MAX, &buf, &len, why, sizeof why) < 0) {
		snprintf(err, errlen, "%s: %s", path, why);
		return -1;
	}
	rc = pkey_parse_secret((const char *)buf, len, out, why, sizeof why);
	if (rc < 0)
		snprintf(err, errlen, "%s: %s", path, why);
	sodium_memzero(buf, len);
	free(buf);
	return rc;
}

int pkey_ring_add(struct pkey_ring *ring, const struct pkey_pub *k, char *err, size_t errlen)
{
	if (pkey_ring_find(ring, k->id))
		return 0;
	if (ring->n == PKEY_RING_MAX) {
		snprintf(err, errlen, "more than %d trusted keys", PKEY_RING_MAX);
		return -1;
	}
	ring->keys[ring->n++] = *k;
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int pkey_load_ring(const char *dir, struct pkey_ring *ring, char *err, size_t errlen)
{
	char *names[PKEY_RING_MAX * 2], path[4096], why[256];
	size_t n = 0, len;
	struct pkey_pub k;
	struct dirent *de;
	uint8_t *buf;
	DIR *d = opendir(dir);
	int rc = -1;

	ring->n = 0;
	if (!d) {
		snprintf(err, errlen, "%s: cannot open the key directory", dir);
		return -1;
	}
	while ((de = readdir(d))) {
		size_t l = strlen(de->d_name);

		if (l < 5 || de->d_name[0] == '.' || strcmp(de->d_name + l - 4, ".pub") != 0)
			continue;
		if (n == sizeof names / sizeof names[0]) {
			snprintf(err, errlen, "%s: too many key files", dir);
			goto out;
		}
		if (!(names[n] = strdup(de->d_name))) {
			snprintf(err, errlen, "out of memory");
			goto out;
		}
		n++;
	}
	qsort(names, n, sizeof names[0], name_cmp);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (file_read(path, KEY_FILE_MAX, &buf, &len, why, sizeof why) < 0) {
			snprintf(err, errlen, "%s: %s", path, why);
			goto out;
		}
		rc = pkey_parse_pub((const char *)buf, len, &k, why, sizeof why);
		free(buf);
		if (rc < 0) {
			snprintf(err, errlen, "%s: %s", path, why);
			goto out;
		}
		rc = -1;
		if (pkey_ring_add(ring, &k, err, errlen) < 0)
			goto out;
	}
	rc = 0;
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	closedir(d);
	if (rc < 0)
		ring->n = 0;
	return rc;
}

const struct pkey_pub *pkey_ring_find(const struct pkey_ring *ring, const char *id)
{
	for (size_t i = 0; i < ring->n; i++)
		if (strcmp(ring->keys[i].id, id) == 0)
			return &ring->keys[i];
	return NULL;
}

bool pkey_is_revoked(const struct pkey_revoked *rev, const char *id)
{
	for (size_t i = 0; rev && i < rev->n; i++)
		if (strcmp(rev->ids[i], id) == 0)
			return true;
	return false;
}

/* ---- signatures ---------------------------------------------------------------- */

void pkey_sign(const struct pkey_secret *k, const void *msg, size_t len, struct pkey_sig *out)
{
	memcpy(out->id, k->id, sizeof out->id);
	crypto_sign_detached(out->sig, NULL, msg, len, k->sk);
}

void pkey_format_sig(const struct pkey_sig *s, char *buf, size_t len)
{
	char hex[129];

	hex_encode(s->sig, 64, hex);
	snprintf(buf, len, "algorithm = \"ed25519\"\nkey_id = \"%s\"\nsignature = \"%s\"\n",
		 s->id, hex);
}

int pkey_parse_sig(const char *text, size_t len, struct pkey_sig *out, char *err, size_t errlen)
{
	struct kf k;

	memset(out, 0, sizeof *out);
	if (kf_parse(text, len, sig_keys, 3, &k, err, errlen) < 0)
		return -1;
	memcpy(out->id, k.id, sizeof out->id);
	memcpy(out->sig, k.sig, sizeof out->sig);
	return 0;
}

int pkey_verify(const struct pkey_ring *ring, const struct pkey_revoked *rev,
		const struct pkey_sig *s, const void *msg, size_t len, char *err, size_t errlen)
{
	const struct pkey_pub *k;

	if (pkey_is_revoked(rev, s->id)) {
		snprintf(err, errlen, "signed by key %s, which is revoked", s->id);
		return -1;
	}
	k = pkey_ring_find(ring, s->id);
	if (!k) {
		snprintf(err, errlen, "signed by key %s, which is not a trusted key", s->id);
		return -1;
	}
	if (crypto_sign_verify_detached(s->sig, msg, len, k->pk) != 0) {
		snprintf(err, errlen, "bad signature (key %s): the signed bytes were changed", s->id);
		return -1;
	}
	return 0;
}

/* fuzz_pkgindex: libFuzzer target for the repository index parser, and
 * for the small signature and public-key files that come with it (the
 * same input is offered to all three). Invariants: a refusal has a message
 * and leaves nothing allocated; an accepted index holds valid, sorted,
 * unique entries, and formatting it then parsing the text gives the same
 * index; signing that text and verifying it with the fixed key succeeds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "pidx.h"
#include "pkey.h"
#include "semver.h"


static void same(const struct pidx *a, const struct pidx *b)
{
	CHECK(strcmp(a->key_id, b->key_id) == 0 && a->n == b->n && a->revoked.n == b->revoked.n);
	for (size_t i = 0; i < a->revoked.n; i++)
		CHECK(strcmp(a->revoked.ids[i], b->revoked.ids[i]) == 0);
	for (size_t i = 0; i < a->n; i++) {
		const struct pidx_pkg *p = &a->pkgs[i], *q = &b->pkgs[i];

		CHECK(strcmp(p->name, q->name) == 0 && strcmp(p->version, q->version) == 0);
		CHECK(strcmp(p->file, q->file) == 0 && strcmp(p->description, q->description) == 0);
		CHECK(p->seq == q->seq && p->size == q->size && p->caps == q->caps);
		CHECK(memcmp(p->sha256, q->sha256, 32) == 0);
	}
}

static void fuzz_index(const char *text, size_t size)
{
	static const uint8_t seed[32] = { 'i', 'd', 'x' };
	static struct pkey_secret key;
	struct pkey_ring ring = { 0 };
	struct pidx idx, back, checked;
	struct pkey_sig sig;
	struct pkey_pub pub;
	char err[512], sigtext[512], *out;
	size_t len;

	err[0] = '\0';
	if (pidx_parse(text, size, &idx, err, sizeof err) < 0) {
		CHECK(err[0] && idx.n == 0 && idx.pkgs == NULL);
		return;
	}
	CHECK(idx.n <= PIDX_MAX_PACKAGES && pkey_valid_id(idx.key_id, strlen(idx.key_id)));
	for (size_t i = 0; i < idx.n; i++) {
		CHECK(man_valid_name(idx.pkgs[i].name) && semver_valid(idx.pkgs[i].version));
		CHECK(idx.pkgs[i].seq >= 1 && (idx.pkgs[i].caps >> CAP_COUNT) == 0);
		CHECK(i == 0 || strcmp(idx.pkgs[i - 1].name, idx.pkgs[i].name) < 0);
	}
	CHECK(pidx_format(&idx, &out, &len, err, sizeof err) == 0);
	if (pidx_parse(out, len, &back, err, sizeof err) < 0) {
		fprintf(stderr, "reparse failed: %s\n%s\n", err, out);
		CHECK(!"formatted index did not parse");
	}
	same(&idx, &back);
	pidx_free(&back);

	/* sign what was formatted with a fixed key named as the index's key */
	if (!key.id[0])
		pkey_from_seed(seed, &key);
	memcpy(pub.id, key.id, sizeof pub.id);
	memcpy(pub.pk, key.pk, sizeof pub.pk);
	CHECK(pkey_ring_add(&ring, &pub, err, sizeof err) == 0);
	if (strcmp(idx.key_id, key.id) == 0 && !pkey_is_revoked(&idx.revoked, key.id)) {
		pkey_sign(&key, out, len, &sig);
		pkey_format_sig(&sig, sigtext, sizeof sigtext);
		CHECK(pidx_verify(out, len, sigtext, strlen(sigtext), &ring, &checked, err,
				  sizeof err) == 0);
		same(&idx, &checked);
		pidx_free(&checked);
	}
	free(out);
	pidx_free(&idx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pkey_sig sig;
	struct pkey_pub pub;
	char err[512], again[512];

	fuzz_index((const char *)data, size);
	if (pkey_parse_sig((const char *)data, size, &sig, err, sizeof err) == 0) {
		CHECK(pkey_valid_id(sig.id, strlen(sig.id)));
		pkey_format_sig(&sig, again, sizeof again);
		CHECK(pkey_parse_sig(again, strlen(again), &sig, err, sizeof err) == 0);
	}
	if (pkey_parse_pub((const char *)data, size, &pub, err, sizeof err) == 0)
		CHECK(pkey_valid_id(pub.id, strlen(pub.id)));
	return 0;
}

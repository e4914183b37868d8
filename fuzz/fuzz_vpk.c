/* fuzz_vpk: libFuzzer target for the bundle reader: the ustar reader, the
 * signature file, MANIFEST, and everything vpk_verify checks after them.
 * Each input is tried twice: as it is (almost always stopped at the
 * signature, which is the point), and re-signed with a fixed key, so the
 * fuzzer also reaches the checks that only run on a validly signed
 * MANIFEST. Invariants: a refusal has a message and leaves the bundle
 * zeroed; an accepted bundle's files match MANIFEST byte for byte; the
 * writer's output of what the reader accepted reads back the same. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "pkey.h"
#include "ustar.h"
#include "vpk.h"


static struct pkey_secret key;
static struct pkey_ring ring;

static void init(void)
{
	static const uint8_t seed[32] = { 'v', 'y', 'o', 'm', 'a' };
	struct pkey_pub pub;
	char err[64];

	if (ring.n)
		return;
	pkey_from_seed(seed, &key);
	memcpy(pub.id, key.id, sizeof pub.id);
	memcpy(pub.pk, key.pk, sizeof pub.pk);
	CHECK(pkey_ring_add(&ring, &pub, err, sizeof err) == 0);
}

static void verify(const uint8_t *buf, size_t len, uint64_t installed)
{
	static const char *const system[] = { "shell", "clock" };
	static struct vpk_bundle b;
	struct vpk_policy pol = { .ring = &ring, .installed_seq = installed,
				  .system_apps = system, .nsystem = 2 };
	char err[4096];
	uint8_t h[32];

	err[0] = '\0';
	if (vpk_verify(buf, len, &pol, &b, err, sizeof err) < 0) {
		CHECK(err[0] != '\0' && strlen(err) < sizeof err);
		CHECK(b.n == 0 && b.man.name[0] == '\0' && b.component == NULL);
		return;
	}
	CHECK(b.n >= 3 && b.n <= USTAR_MAX_ENTRIES && b.component != NULL);
	CHECK(strcmp(b.man.name, b.app.name) == 0 && b.man.caps == b.app.caps);
	CHECK(b.man.seq >= installed && strcmp(b.man.name, "shell") && strcmp(b.man.name, "clock"));
	for (size_t i = 0; i < b.man.nfiles; i++) {
		const struct ustar_entry *e = NULL;

		for (size_t j = 0; j < b.n; j++)
			if (strcmp(b.entries[j].name, b.man.files[i].path) == 0)
				e = &b.entries[j];
		CHECK(e != NULL && e->size == b.man.files[i].size);
		CHECK(e->data >= buf && e->data + e->size <= buf + len);
		pkey_sha256(e->data, e->size, h);
		CHECK(memcmp(h, b.man.files[i].sha256, 32) == 0);
	}
}

/* Re-sign MANIFEST (if any) with the fixed key, naming that key in it
 * (key_id = "..."), and rebuild the archive. */
static void resigned(const struct ustar_entry *e, size_t n)
{
	static const char tag[] = "key_id = \"";
	struct ustar_file files[USTAR_MAX_ENTRIES];
	struct pkey_sig sig;
	char sigtext[512], err[512];
	uint8_t *out, *man = NULL;
	size_t len, k = 0, mlen = 0;

	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].name, "MANIFEST") == 0 && (man = malloc(e[i].size + 1))) {
			memcpy(man, e[i].data, e[i].size);
			mlen = e[i].size;
		}
	if (!man)
		return;
	for (size_t i = 0; i + sizeof tag - 1 + PKEY_ID_LEN <= mlen; i++)
		if (memcmp(man + i, tag, sizeof tag - 1) == 0) {
			memcpy(man + i + sizeof tag - 1, key.id, PKEY_ID_LEN);
			break;
		}
	pkey_sign(&key, man, mlen, &sig);
	pkey_format_sig(&sig, sigtext, sizeof sigtext);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(e[i].name, "MANIFEST.sig") == 0)
			continue;
		if (strcmp(e[i].name, "MANIFEST") == 0)
			files[k++] = (struct ustar_file){ "MANIFEST", man, mlen };
		else
			files[k++] = (struct ustar_file){ e[i].name, e[i].data, e[i].size };
	}
	if (k < USTAR_MAX_ENTRIES) {
		files[k++] = (struct ustar_file){ "MANIFEST.sig", (const uint8_t *)sigtext,
						  strlen(sigtext) };
		if (ustar_write(files, k, &out, &len, err, sizeof err) == 0) {
			verify(out, len, 0);
			verify(out, len, 3);
			free(out);
		}
	}
	free(man);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct ustar_entry e[USTAR_MAX_ENTRIES], again[USTAR_MAX_ENTRIES];
	struct ustar_file files[USTAR_MAX_ENTRIES];
	char err[512];
	uint8_t *out;
	size_t n, m, len;

	init();
	verify(data, size, 0);
	if (ustar_read(data, size, 1u << 20, e, USTAR_MAX_ENTRIES, &n, err, sizeof err) < 0) {
		CHECK(err[0] != '\0' && n == 0);
		return 0;
	}
	/* what the reader accepts, the writer writes and the reader reads back */
	for (size_t i = 0; i < n; i++) {
		CHECK(ustar_name_problem(e[i].name, strlen(e[i].name)) == NULL);
		files[i] = (struct ustar_file){ e[i].name, e[i].data, e[i].size };
	}
	CHECK(ustar_write(files, n, &out, &len, err, sizeof err) == 0);
	CHECK(ustar_read(out, len, 1u << 20, again, USTAR_MAX_ENTRIES, &m, err, sizeof err) == 0);
	CHECK(m == n);
	for (size_t i = 0; i < m; i++) {
		size_t j = 0;

		while (j < n && strcmp(e[j].name, again[i].name) != 0)
			j++;
		CHECK(j < n && e[j].size == again[i].size &&
		      memcmp(e[j].data, again[i].data, e[j].size) == 0);
		CHECK(i == 0 || strcmp(again[i - 1].name, again[i].name) < 0);
	}
	free(out);
	resigned(e, n);
	return 0;
}

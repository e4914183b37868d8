/* pkg_bench: what installing a package costs (docs/packages.md), beside
 * copying the same bytes in the same run.
 *
 * 50 bundles of the largest app of the build (build/apps/httpd: names
 * pkg00..pkg49, signed with a fresh key): the time to verify one in memory
 * (signature, SHA-256 of every file, the import audit), to install each
 * (verify, unpack staged, fsync every file, rename, link current), and, as
 * the baseline, to write each bundle's bytes into a file with an fsync and
 * a rename, which is what a plain download-and-copy costs.
 *
 *   pkg_bench [APP_DIR]   (default build/apps/httpd)
 *
 * Figures only, no thresholds. Run from the repository root. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "file.h"
#include "pkey.h"
#include "pstore.h"
#include "vpk.h"

#define N 50

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof v[0], cmp);
	return v[n / 2];
}

/* The baseline: the bundle's bytes into dir/name, fsynced, renamed in. */
static int copy_bytes(const char *dir, int i, const uint8_t *buf, size_t len)
{
	char path[700], err[256];

	snprintf(path, sizeof path, "%.600s/pkg%02d.vpk", dir, i);
	return file_write_atomic(path, buf, len, 0644, err, sizeof err);
}

int main(int argc, char **argv)
{
	const char *app = argc > 1 ? argv[1] : "build/apps/httpd";
	char path[700], err[2048], dir[] = "/tmp/vyoma-pkg-bench.XXXXXX", store[600], copies[600];
	uint8_t *toml, *comp, *bundles[N];
	size_t toml_len, comp_len, lens[N];
	struct pkey_secret key;
	struct pkey_pub pub;
	struct pkey_ring ring = { 0 };
	double verify[N], install[N], copy[N], t, all_install = 0, all_copy = 0;
	struct vpk_bundle *b = malloc(sizeof *b);

	snprintf(path, sizeof path, "%.600s/vyoma.toml", app);
	if (!b || file_read(path, 65536, &toml, &toml_len, err, sizeof err) < 0) {
		fprintf(stderr, "pkg_bench: %s (run make apps first)\n", err);
		return 1;
	}
	snprintf(path, sizeof path, "%.300s/%.300s.wasm", app, strrchr(app, '/') ? strrchr(app, '/') + 1 : app);
	if (file_read(path, 64u << 20, &comp, &comp_len, err, sizeof err) < 0 ||
	    pkey_generate(&key, err, sizeof err) < 0) {
		fprintf(stderr, "pkg_bench: %s\n", err);
		return 1;
	}
	memcpy(pub.id, key.id, sizeof pub.id);
	memcpy(pub.pk, key.pk, sizeof pub.pk);
	pkey_ring_add(&ring, &pub, err, sizeof err);
	for (int i = 0; i < N; i++) {
		/* the same app under 50 names: name = "pkgNN" instead of its own */
		char *t2 = malloc(toml_len + 16), *nl = memchr(toml, '\n', toml_len);
		size_t rest = toml_len - (size_t)(nl - (char *)toml);
		int hl = sprintf(t2, "name = \"pkg%02d\"", i);
		struct vpk_input in = { 0 };

		memcpy(t2 + hl, nl, rest);
		in.toml = (const uint8_t *)t2;
		in.toml_len = (size_t)hl + rest;
		in.comp = comp;
		in.comp_len = comp_len;
		in.seq = 1;
		if (vpk_build(&in, &key, &bundles[i], &lens[i], err, sizeof err) < 0) {
			fprintf(stderr, "pkg_bench: build: %s\n", err);
			return 1;
		}
		free(t2);
	}
	if (!mkdtemp(dir))
		return 1;
	snprintf(store, sizeof store, "%s/packages", dir);
	snprintf(copies, sizeof copies, "%s/copies", dir);
	mkdir(copies, 0755);
	for (int i = 0; i < N; i++) {
		struct vpk_policy pol = { .ring = &ring };
		struct vpk_manifest m;

		t = now_us();
		if (vpk_verify(bundles[i], lens[i], &pol, b, err, sizeof err) < 0) {
			fprintf(stderr, "pkg_bench: verify: %s\n", err);
			return 1;
		}
		verify[i] = now_us() - t;
		t = now_us();
		if (pstore_install(store, bundles[i], lens[i], &pol, 0, &m, err, sizeof err) < 0) {
			fprintf(stderr, "pkg_bench: install: %s\n", err);
			return 1;
		}
		install[i] = now_us() - t;
		all_install += install[i];
		t = now_us();
		if (copy_bytes(copies, i, bundles[i], lens[i]) < 0)
			return 1;
		copy[i] = now_us() - t;
		all_copy += copy[i];
	}
	printf("  a %zu-byte bundle (%s's component, %zu bytes), %d of them, one process, this disk\n",
	       lens[0], app, comp_len, N);
	printf("    verify one in memory (signature, SHA-256s, import audit)  %8.0f us median\n",
	       median(verify, N));
	printf("    install one (verify, unpack, fsync each file, rename, link) %8.0f us median\n",
	       median(install, N));
	printf("    copy its bytes (write, fsync, rename): baseline             %8.0f us median\n",
	       median(copy, N));
	printf("    install %d: %.1f ms; copy the same bytes: %.1f ms; %.1fx the copy\n", N,
	       all_install / 1e3, all_copy / 1e3, all_install / all_copy);
	for (int i = 0; i < N; i++) {
		char name[16];
		snprintf(name, sizeof name, "pkg%02d", i);
		pstore_remove(store, name, err, sizeof err);
		snprintf(path, sizeof path, "%.600s/pkg%02d.vpk", copies, i);
		unlink(path);
		free(bundles[i]);
	}
	rmdir(store);
	rmdir(copies);
	rmdir(dir);
	free(toml);
	free(comp);
	free(b);
	return 0;
}

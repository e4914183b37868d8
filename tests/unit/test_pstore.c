/* Unit tests for lib/pstore, the installed packages on disk: install makes
 * a version current and keeps the one before, prunes older ones; a second
 * install of the same version, a downgrade and an upgrade that asks for a
 * capability not accepted change nothing; rollback swaps; what an install
 * or a remove cut short leaves behind (a half-unpacked version, a stray
 * link, a half-deleted package) does not break the next operation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "pkey.h"
#include "pstore.h"
#include "vpk.h"

static struct pkey_secret key;
static struct pkey_ring ring;
static uint8_t *wasm;
static size_t wasm_len;
static char dir[96];

static int setup(void **state)
{
	char err[256];
	struct pkey_pub pub;

	(void)state;
	assert_int_equal(pkey_generate(&key, err, sizeof err), 0);
	memcpy(pub.id, key.id, sizeof pub.id);
	memcpy(pub.pk, key.pk, sizeof pub.pk);
	ring.n = 0;
	assert_int_equal(pkey_ring_add(&ring, &pub, err, sizeof err), 0);
	if (file_read("tests/unit/data/app-hello.wasm", 1u << 24, &wasm, &wasm_len, err, sizeof err) < 0)
		fail_msg("%s (run the tests from the repository root)", err);
	snprintf(dir, sizeof dir, "/tmp/vyoma-test-pstore.XXXXXX");
	assert_non_null(mkdtemp(dir));
	strcat(dir, "/var/packages");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(wasm);
	return 0;
}

static void bundle(uint64_t seq, const char *caps, uint8_t **out, size_t *len)
{
	char toml[256], err[1024];
	struct vpk_input in = { 0 };

	snprintf(toml, sizeof toml, "name = \"hello\"\nversion = \"1.%llu.0\"\n[capabilities]\n%s\n",
		 (unsigned long long)seq, caps);
	in.toml = (const uint8_t *)toml;
	in.toml_len = strlen(toml);
	in.comp = wasm;
	in.comp_len = wasm_len;
	in.seq = seq;
	if (vpk_build(&in, &key, out, len, err, sizeof err) < 0)
		fail_msg("build: %s", err);
}

static int install(uint64_t seq, const char *caps, unsigned accepted, char *err, size_t errlen)
{
	struct vpk_policy pol = { .ring = &ring };
	struct vpk_manifest m;
	uint8_t *buf;
	size_t len;
	int rc;

	bundle(seq, caps, &buf, &len);
	rc = pstore_install(dir, buf, len, &pol, accepted, &m, err, errlen);
	free(buf);
	return rc;
}

static void link_is(const char *link, const char *want)
{
	char path[256], got[64] = "";
	ssize_t n;

	snprintf(path, sizeof path, "%s/hello/%s", dir, link);
	n = readlink(path, got, sizeof got - 1);
	got[n > 0 ? n : 0] = '\0';
	if (strcmp(got, want))
		fail_msg("%s -> '%s', want '%s'", link, got, want);
}

static int exists(const char *rel)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof path, "%s/%s", dir, rel);
	return lstat(path, &st) == 0;
}

static void test_install_upgrade_prune_refusals(void **state)
{
	char err[1024];
	struct vpk_manifest cur, prev;
	int has_prev;

	(void)state;
	assert_int_equal(pstore_get(dir, "hello", &cur, NULL, NULL, err, sizeof err), -1);
	assert_string_equal(err, "hello is not installed");
	assert_int_equal(install(1, "stdio = true", 0, err, sizeof err), 0);
	link_is("current", "s1");
	assert_false(exists("hello/previous"));
	assert_int_equal(install(1, "stdio = true", 0, err, sizeof err), -1);
	assert_non_null(strstr(err, "already installed"));
	assert_int_equal(install(2, "stdio = true", 0, err, sizeof err), 0);
	link_is("current", "s2");
	link_is("previous", "s1");
	assert_int_equal(install(3, "stdio = true", 0, err, sizeof err), 0);
	link_is("current", "s3");
	link_is("previous", "s2");
	assert_false(exists("hello/s1")); /* pruned */
	/* a downgrade is refused, nothing changes */
	assert_int_equal(install(2, "stdio = true", 0, err, sizeof err), -1);
	link_is("current", "s3");
	/* a new capability needs consent */
	assert_int_equal(install(4, "stdio = true\nnetwork = true", 0, err, sizeof err), -1);
	assert_non_null(strstr(err, "network"));
	assert_false(exists("hello/s4"));
	link_is("current", "s3");
	assert_int_equal(install(4, "stdio = true\nnetwork = true", CAP_NETWORK, err, sizeof err), 0);
	link_is("current", "s4");
	assert_int_equal(pstore_get(dir, "hello", &cur, &prev, &has_prev, err, sizeof err), 0);
	assert_int_equal(cur.seq, 4);
	assert_int_equal(cur.caps, CAP_STDIO | CAP_NETWORK);
	assert_true(has_prev);
	assert_int_equal(prev.seq, 3);
}

static void test_rollback(void **state)
{
	char err[1024];

	(void)state;
	assert_int_equal(pstore_rollback(dir, "hello", err, sizeof err), 0);
	link_is("current", "s3");
	link_is("previous", "s4");
	assert_int_equal(pstore_rollback(dir, "hello", err, sizeof err), 0);
	link_is("current", "s4");
	assert_int_equal(pstore_rollback(dir, "nobody", err, sizeof err), -1);
	assert_string_equal(err, "nobody is not installed");
}

static void test_leftovers_of_a_cut(void **state)
{
	char err[1024], path[256];
	FILE *f;

	(void)state;
	/* an install cut after unpacking half of s5, and a stray new link */
	snprintf(path, sizeof path, "%s/hello/s5", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/hello/s5/hello.wasm", dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("half", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/hello/.current.tmp", dir);
	assert_int_equal(symlink("s5", path), 0);
	/* what runs is untouched by it */
	link_is("current", "s4");
	assert_int_equal(install(5, "stdio = true\nnetwork = true", 0, err, sizeof err), 0);
	link_is("current", "s5");
	snprintf(path, sizeof path, "%s/hello/s5/hello.wasm", dir);
	{
		struct stat st;
		assert_int_equal(stat(path, &st), 0);
		assert_int_equal((size_t)st.st_size, wasm_len);
	}
	assert_false(exists("hello/.current.tmp"));
}

static void each_count(const char *name, const struct vpk_manifest *m, void *ctx)
{
	(void)m;
	assert_string_equal(name, "hello");
	(*(int *)ctx)++;
}

static void test_remove(void **state)
{
	char err[1024], path[256];
	int n = 0;
	DIR *d;
	struct dirent *e;

	(void)state;
	assert_int_equal(pstore_each(dir, each_count, &n, err, sizeof err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(pstore_remove(dir, "hello", err, sizeof err), 0);
	assert_false(exists("hello"));
	assert_int_equal(pstore_remove(dir, "hello", err, sizeof err), -1);
	/* a remove cut short leaves .trash-<name>: the next look finishes it */
	snprintf(path, sizeof path, "%s/.trash-old", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/.trash-old/s1", dir);
	assert_int_equal(mkdir(path, 0755), 0);
	n = 0;
	assert_int_equal(pstore_each(dir, each_count, &n, err, sizeof err), 0);
	assert_int_equal(n, 0);
	assert_non_null(d = opendir(dir));
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			fail_msg("left behind: %s", e->d_name);
	closedir(d);
	rmdir(dir);
	*strrchr(dir, '/') = '\0';
	rmdir(dir);
	*strrchr(dir, '/') = '\0';
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_install_upgrade_prune_refusals),
		cmocka_unit_test(test_rollback),
		cmocka_unit_test(test_leftovers_of_a_cut),
		cmocka_unit_test(test_remove),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* Unit tests for lib/cidx, the cache index: it lists every *.cwasm of a
 * directory with its SHA-256 (nothing else: no dot files, no other names,
 * no directories), it cannot be written, grown, shrunk or unsealed, a
 * lookup finds a listed name only (not a prefix of one), and a memfd that
 * is not sealed is no index. With an image index (lib/cimg.h) in the
 * directory, a file it lists with the file's size gets the index's
 * SHA-256 without being hashed (shown by an index that gives another one:
 * the runner, which hashes what it loads, would then refuse that file), a
 * file of another size or not listed is hashed, and an index that does not
 * parse is not used at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cidx.h"

static char dir[] = "/tmp/test-cidx-XXXXXX";

static void put(const char *name, const char *text)
{
	char path[256];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void unlink_index(void)
{
	char path[256];
	snprintf(path, sizeof path, "%s/index", dir);
	assert_int_equal(unlink(path), 0);
}

static int setup(void **state)
{
	char path[256];
	(void)state;
	assert_non_null(mkdtemp(dir));
	put("aa-wasmtime-47-c1.cwasm", "abc");
	put("bb-wasmtime-47-c1.cwasm", "other");
	put(".hidden.cwasm", "x");
	put("notes.txt", "x");
	snprintf(path, sizeof path, "%s/sub.cwasm", dir);
	mkdir(path, 0755);
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd);
}

static void test_build_and_lookup(void **state)
{
	char hex[CIDX_HEX], err[128];
	struct cidx_stats st;
	int fd = cidx_build(dir, &st, err, sizeof err);
	(void)state;
	assert_true(fd >= 10);
	assert_int_equal(st.listed, 2);
	assert_int_equal(st.from_image, 0);
	assert_string_equal(st.image, "");
	assert_int_equal(cidx_lookup(fd, "aa-wasmtime-47-c1.cwasm", hex, err, sizeof err), 0);
	/* SHA-256("abc") */
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(cidx_lookup(fd, "bb-wasmtime-47-c1.cwasm", hex, err, sizeof err), 0);
	assert_int_equal(cidx_lookup(fd, "bb-wasmtime-47-c1", hex, err, sizeof err), -1);
	assert_int_equal(cidx_lookup(fd, "cc-wasmtime-47-c1.cwasm", hex, err, sizeof err), -1);
	assert_string_equal(err, "not in the cache index");
	assert_int_equal(cidx_lookup(fd, ".hidden.cwasm", hex, err, sizeof err), -1);
	assert_int_equal(cidx_lookup(fd, "sub.cwasm", hex, err, sizeof err), -1);
	close(fd);
}

static void test_sealed(void **state)
{
	char err[128];
	struct cidx_stats st;
	int fd = cidx_build(dir, &st, err, sizeof err);
	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "x", 1), -1);
	assert_int_equal(ftruncate(fd, 0), -1);
	assert_int_equal(fcntl(fd, F_ADD_SEALS, 0), -1);
	assert_ptr_equal(mmap(NULL, 4096, PROT_WRITE, MAP_SHARED, fd, 0), MAP_FAILED);
	close(fd);
}

static void test_unsealed_is_no_index(void **state)
{
	static const char line[] =
		"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  a.cwasm\n";
	char hex[CIDX_HEX], err[128];
	int fd = memfd_create("loose", MFD_ALLOW_SEALING);
	(void)state;
	assert_int_equal(write(fd, line, sizeof line - 1), (ssize_t)(sizeof line - 1));
	assert_int_equal(cidx_lookup(fd, "a.cwasm", hex, err, sizeof err), -1);
	assert_non_null(strstr(err, "no sealed cache index"));
	close(fd);
}

static void test_missing_dir(void **state)
{
	char err[128];
	struct cidx_stats st = { .listed = 7 };
	int fd = cidx_build("/nonexistent/cache", &st, err, sizeof err);
	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(st.listed, 0);
	close(fd);
}

/* SHA-256("abc") and SHA-256("other") */
#define ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define OTHER "d9298a10d1b0735837dc4bd85dac641b0f3cef27a47e5d53a54f2f3f5b2fcffa"
#define FAKE "0000000000000000000000000000000000000000000000000000000000000001"

static int built_with_index(const char *index, struct cidx_stats *st)
{
	char err[128];
	int fd;

	put("index", index);
	fd = cidx_build(dir, st, err, sizeof err);
	assert_true(fd >= 10);
	return fd;
}

static void test_image_index_is_not_rehashed(void **state)
{
	char hex[CIDX_HEX], err[128];
	struct cidx_stats st;
	/* aa's entry has its size and a SHA-256 that is not its own: taken as
	 * is; bb's has another size: hashed; zz's names no file */
	int fd = built_with_index("vyoma-cache-index 1\n"
				  FAKE " 3 aa-wasmtime-47-c1.cwasm\n"
				  ABC " 4 bb-wasmtime-47-c1.cwasm\n"
				  ABC " 3 zz-wasmtime-47-c1.cwasm\n", &st);
	(void)state;
	assert_int_equal(st.listed, 2);
	assert_int_equal(st.from_image, 1);
	assert_int_equal(st.unmatched, 2);
	assert_string_equal(st.image, "");
	assert_int_equal(cidx_lookup(fd, "aa-wasmtime-47-c1.cwasm", hex, err, sizeof err), 0);
	assert_string_equal(hex, FAKE);
	assert_int_equal(cidx_lookup(fd, "bb-wasmtime-47-c1.cwasm", hex, err, sizeof err), 0);
	assert_string_equal(hex, OTHER);
	assert_int_equal(cidx_lookup(fd, "zz-wasmtime-47-c1.cwasm", hex, err, sizeof err), -1);
	assert_int_equal(cidx_lookup(fd, "index", hex, err, sizeof err), -1);
	close(fd);
	unlink_index();
}

static void test_bad_image_index_is_not_used(void **state)
{
	char hex[CIDX_HEX], err[128];
	struct cidx_stats st;
	/* the second line is out of order: nothing of the index is used */
	int fd = built_with_index("vyoma-cache-index 1\n"
				  FAKE " 5 bb-wasmtime-47-c1.cwasm\n"
				  FAKE " 3 aa-wasmtime-47-c1.cwasm\n", &st);
	(void)state;
	assert_int_equal(st.listed, 2);
	assert_int_equal(st.from_image, 0);
	assert_non_null(strstr(st.image, "/index:3: names not in strictly increasing order"));
	assert_int_equal(cidx_lookup(fd, "aa-wasmtime-47-c1.cwasm", hex, err, sizeof err), 0);
	assert_string_equal(hex, ABC);
	assert_int_equal(cidx_lookup(fd, "bb-wasmtime-47-c1.cwasm", hex, err, sizeof err), 0);
	assert_string_equal(hex, OTHER);
	close(fd);
	unlink_index();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_and_lookup),
		cmocka_unit_test(test_sealed),
		cmocka_unit_test(test_unsealed_is_no_index),
		cmocka_unit_test(test_missing_dir),
		cmocka_unit_test(test_image_index_is_not_rehashed),
		cmocka_unit_test(test_bad_image_index_is_not_used),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

/* Unit tests for lib/vpk, lib/ustar and lib/pkey: build -> verify round
 * trip, determinism, and every way a bundle must be refused (tampered
 * component, manifest or signature, unknown or revoked key, downgrade,
 * oversize, traversal, absolute path, links, duplicates, a system app's
 * name, imports beyond capabilities), each with its message and with
 * nothing written by the unpacker. */
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
#include "ustar.h"
#include "vpk.h"

static const char hello_toml[] = "name = \"hello\"\nversion = \"1.2.3\"\n"
				 "description = \"test\"\n[capabilities]\nstdio = true\n";

static struct pkey_secret key, other;
static struct pkey_ring ring;
static uint8_t *hello_wasm, *kinds_wasm;
static size_t hello_len, kinds_len;
static char tmpdir[64];

static uint8_t *load(const char *path, size_t *len)
{
	char err[256];
	uint8_t *buf;

	if (file_read(path, 1u << 24, &buf, len, err, sizeof err) < 0)
		fail_msg("%s: %s (run the tests from the repository root)", path, err);
	return buf;
}

static int setup(void **state)
{
	char err[256];
	struct pkey_pub pub;

	(void)state;
	assert_int_equal(pkey_generate(&key, err, sizeof err), 0);
	assert_int_equal(pkey_generate(&other, err, sizeof err), 0);
	memcpy(pub.id, key.id, sizeof pub.id);
	memcpy(pub.pk, key.pk, sizeof pub.pk);
	ring.n = 0;
	assert_int_equal(pkey_ring_add(&ring, &pub, err, sizeof err), 0);
	hello_wasm = load("tests/unit/data/app-hello.wasm", &hello_len);
	kinds_wasm = load("tests/unit/data/kinds.wasm", &kinds_len);
	snprintf(tmpdir, sizeof tmpdir, "/tmp/vyoma-test-vpk.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(hello_wasm);
	free(kinds_wasm);
	rmdir(tmpdir);
	return 0;
}

static void build(uint64_t seq, const uint8_t *icon, size_t icon_len, uint8_t **out, size_t *len)
{
	struct vpk_input in = { (const uint8_t *)hello_toml, hello_wasm, icon, strlen(hello_toml),
				hello_len, icon_len, seq, NULL };
	char err[1024];

	if (vpk_build(&in, &key, out, len, err, sizeof err) < 0)
		fail_msg("build refused: %s", err);
}

static size_t dir_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t n = 0;

	assert_non_null(d);
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

/* Refused by verify and by unpack, with `want` in the message, and the
 * unpacker left nothing behind. */
static void refused(const uint8_t *buf, size_t len, const struct vpk_policy *pol, const char *want)
{
	struct vpk_bundle b;
	char err[2048], dest[128];

	if (vpk_verify(buf, len, pol, &b, err, sizeof err) == 0)
		fail_msg("accepted; wanted a refusal with '%s'", want);
	if (!strstr(err, want))
		fail_msg("refusal '%s' does not contain '%s'", err, want);
	assert_string_equal(b.man.name, "");
	snprintf(dest, sizeof dest, "%s/app", tmpdir);
	assert_int_equal(vpk_unpack(buf, len, pol, dest, &b, err, sizeof err), -1);
	assert_true(strstr(err, want) != NULL);
	assert_int_equal(dir_entries(tmpdir), 0);
}

static struct vpk_policy policy(void)
{
	return (struct vpk_policy){ .ring = &ring };
}

/* Offset of `needle` inside the archive. */
static size_t find_bytes(const uint8_t *buf, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(buf + i, needle, n) == 0)
			return i;
	fail_msg("'%s' not in the bundle", needle);
	return 0;
}

/* Offset of the data of entry `name` (its header is block-aligned). */
static size_t find_entry(const uint8_t *buf, size_t len, const char *name)
{
	for (size_t i = 0; i + 1024 <= len; i += 512)
		if (strcmp((const char *)buf + i, name) == 0)
			return i + 512;
	fail_msg("no entry '%s'", name);
	return 0;
}

static void test_round_trip(void **state)
{
	struct vpk_policy pol = policy();
	struct vpk_bundle b;
	uint8_t *buf;
	size_t len;
	char err[1024], dest[128], path[192];
	uint8_t *got;
	size_t glen;

	(void)state;
	build(7, NULL, 0, &buf, &len);
	assert_int_equal(len % 512, 0);
	if (vpk_verify(buf, len, &pol, &b, err, sizeof err) < 0)
		fail_msg("%s", err);
	assert_string_equal(b.man.name, "hello");
	assert_string_equal(b.man.version, "1.2.3");
	assert_string_equal(b.man.min_os, VPK_OS_VERSION);
	assert_string_equal(b.man.key_id, key.id);
	assert_int_equal(b.man.seq, 7);
	assert_int_equal(b.man.caps, CAP_STDIO);
	assert_int_equal(b.man.nfiles, 2);
	assert_int_equal(b.n, 4);
	assert_int_equal(b.component->size, hello_len);
	assert_memory_equal(b.component->data, hello_wasm, hello_len);
	assert_null(b.icon);
	/* the same seq as the installed one is a reinstall, not a downgrade */
	pol.installed_seq = 7;
	assert_int_equal(vpk_verify(buf, len, &pol, &b, err, sizeof err), 0);

	snprintf(dest, sizeof dest, "%s/hello", tmpdir);
	if (vpk_unpack(buf, len, &pol, dest, &b, err, sizeof err) < 0)
		fail_msg("%s", err);
	snprintf(path, sizeof path, "%s/hello.wasm", dest);
	got = load(path, &glen);
	assert_int_equal(glen, hello_len);
	assert_memory_equal(got, hello_wasm, glen);
	free(got);
	assert_int_equal(dir_entries(dest), 4);
	assert_int_equal(dir_entries(tmpdir), 1); /* no staging directory left */
	/* an existing destination is never overwritten */
	assert_int_equal(vpk_unpack(buf, len, &pol, dest, &b, err, sizeof err), -1);
	assert_non_null(strstr(err, "already exists"));
	for (const char *f = "MANIFEST\0MANIFEST.sig\0hello.wasm\0vyoma.toml\0"; *f; f += strlen(f) + 1) {
		snprintf(path, sizeof path, "%s/%s", dest, f);
		assert_int_equal(unlink(path), 0);
	}
	assert_int_equal(rmdir(dest), 0);
	free(buf);
}

static void test_deterministic(void **state)
{
	static const uint8_t icon[] = "\x89PNG not really";
	uint8_t *a, *b;
	size_t alen, blen;

	(void)state;
	build(3, icon, sizeof icon, &a, &alen);
	build(3, icon, sizeof icon, &b, &blen);
	assert_int_equal(alen, blen);
	assert_memory_equal(a, b, alen);
	/* fixed owner, time and mode: "0000644", uid/gid 0, mtime 0 */
	assert_memory_equal(a + 100, "0000644", 8);
	assert_memory_equal(a + 108, "0000000", 8);
	assert_memory_equal(a + 136, "00000000000", 12);
	assert_memory_equal(a + 257, "ustar\0" "00", 8);
	free(b);
	build(4, icon, sizeof icon, &b, &blen);
	assert_true(alen != blen || memcmp(a, b, alen) != 0);
	free(a);
	free(b);
}

static void test_tampered(void **state)
{
	struct vpk_policy pol = policy();
	uint8_t *buf;
	size_t len, at;

	(void)state;
	build(1, NULL, 0, &buf, &len);
	/* one byte of the component: the hash no longer matches */
	at = find_entry(buf, len, "hello.wasm") + 100;
	buf[at] ^= 1;
	refused(buf, len, &pol, "'hello.wasm': SHA-256 mismatch");
	buf[at] ^= 1;
	/* one byte of the manifest: the signature no longer matches */
	at = find_bytes(buf, len, "version = \"1.2.3\"") + 11;
	buf[at] = '9';
	refused(buf, len, &pol, "MANIFEST: bad signature");
	buf[at] = '1';
	/* one byte of the signature */
	at = find_bytes(buf, len, "signature = \"") + 20;
	buf[at] = buf[at] == 'a' ? 'b' : 'a';
	refused(buf, len, &pol, "bad signature");
	free(buf);
}

static void test_keys(void **state)
{
	struct pkey_ring other_ring = { 0 };
	struct pkey_revoked rev = { 0 };
	struct vpk_policy pol = policy();
	struct pkey_pub pub;
	uint8_t *buf;
	size_t len;
	char err[256];

	(void)state;
	build(1, NULL, 0, &buf, &len);
	memcpy(pub.id, other.id, sizeof pub.id);
	memcpy(pub.pk, other.pk, sizeof pub.pk);
	assert_int_equal(pkey_ring_add(&other_ring, &pub, err, sizeof err), 0);
	pol.ring = &other_ring;
	refused(buf, len, &pol, "which is not a trusted key");
	pol.ring = &ring;
	memcpy(rev.ids[rev.n++], key.id, sizeof key.id);
	pol.revoked = &rev;
	refused(buf, len, &pol, "which is revoked");
	free(buf);
}

static void test_policy(void **state)
{
	static const char *const system[] = { "shell", "hello" };
	struct vpk_policy pol = policy();
	uint8_t *buf;
	size_t len;

	(void)state;
	build(3, NULL, 0, &buf, &len);
	pol.installed_seq = 4;
	refused(buf, len, &pol, "seq 3 is lower than the installed seq 4: a downgrade is refused");
	pol = policy();
	pol.system_apps = system;
	pol.nsystem = 2;
	refused(buf, len, &pol, "'hello' is the name of a system app");
	pol = policy();
	pol.os_version = "0.0.9";
	refused(buf, len, &pol, "needs VyomaOS 0.1.0 or newer (this is 0.0.9)");
	pol = policy();
	pol.max_bytes = 1024;
	refused(buf, len, &pol, "over the limit of 1024");
	free(buf);
}

static void test_oversize_entry(void **state)
{
	struct vpk_policy pol = policy();
	uint8_t *icon = calloc(1, VPK_ICON_MAX + 1), *buf;
	size_t len;

	(void)state;
	assert_non_null(icon);
	build(1, icon, VPK_ICON_MAX + 1, &buf, &len);
	refused(buf, len, &pol, "entry 'icon.png' is 1048577 bytes, over its limit of 1048576");
	free(buf);
	free(icon);
}

static void test_imports_beyond_caps(void **state)
{
	static const char toml[] = "name = \"kinds\"\n[capabilities]\nstdio = true\n";
	struct vpk_input in = { (const uint8_t *)toml, kinds_wasm, NULL, strlen(toml), kinds_len,
				0, 1, NULL };
	struct ustar_file files[] = { { "vyoma.toml", (const uint8_t *)toml, strlen(toml) },
				      { "kinds.wasm", kinds_wasm, kinds_len } };
	struct vpk_manifest m = { .name = "kinds", .version = "0.1.0", .seq = 1,
				  .min_os = "0.1.0", .caps = CAP_STDIO };
	struct vpk_policy pol = policy();
	uint8_t *buf;
	size_t len;
	char err[2048];

	(void)state;
	/* the builder refuses to sign it ... */
	assert_int_equal(vpk_build(&in, &key, &buf, &len, err, sizeof err), -1);
	assert_non_null(strstr(err, "refused by the import audit"));
	/* ... and a signed one is refused at install */
	assert_int_equal(vpk_pack(&m, files, 2, &key, &buf, &len, err, sizeof err), 0);
	refused(buf, len, &pol, "kinds.wasm imports more than its declared capabilities allow: "
		"import 'wasi:filesystem/types@0.2.12' needs capability 'filesystem'");
	free(buf);
}

static void test_manifest_disagrees(void **state)
{
	static const char toml[] = "name = \"hello\"\nversion = \"1.2.3\"\n[capabilities]\nstdio = true\n";
	struct ustar_file files[] = { { "vyoma.toml", (const uint8_t *)toml, strlen(toml) },
				      { "hello.wasm", hello_wasm, hello_len },
				      { "extra.txt", (const uint8_t *)"x", 1 } };
	struct vpk_manifest m = { .name = "hello", .version = "1.2.3", .seq = 1, .min_os = "0.1.0",
				  .caps = CAP_STDIO | CAP_NETWORK };
	struct vpk_policy pol = policy();
	uint8_t *buf;
	size_t len;
	char err[256];

	(void)state;
	assert_int_equal(vpk_pack(&m, files, 2, &key, &buf, &len, err, sizeof err), 0);
	refused(buf, len, &pol, "vyoma.toml and MANIFEST disagree");
	free(buf);
	m.caps = CAP_STDIO;
	assert_int_equal(vpk_pack(&m, files, 3, &key, &buf, &len, err, sizeof err), 0);
	refused(buf, len, &pol, "entry 'extra.txt' has no place in a package");
	free(buf);
}

/* ---- hostile archives: raw headers around a valid bundle's entries ---------- */

static void raw_header(uint8_t *h, const char *name, char type, size_t size, const char *prefix)
{
	unsigned sum = 0;

	memset(h, 0, 512);
	memcpy(h, name, strlen(name));
	memcpy(h + 100, "0000644", 7);
	memcpy(h + 108, "0000000", 7);
	memcpy(h + 116, "0000000", 7);
	snprintf((char *)h + 124, 12, "%011zo", size);
	memcpy(h + 136, "00000000000", 11);
	h[156] = (uint8_t)type;
	if (type == '1' || type == '2')
		memcpy(h + 157, "vyoma.toml", 10);
	memcpy(h + 257, "ustar\0" "00", 8);
	if (prefix)
		memcpy(h + 345, prefix, strlen(prefix));
	for (int i = 0; i < 512; i++)
		sum += i >= 148 && i < 156 ? ' ' : h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	h[155] = ' ';
}

/* A valid bundle with one more entry inserted before the end marker. */
static uint8_t *with_entry(const char *name, char type, const char *prefix, size_t *len)
{
	uint8_t *good, *buf;
	size_t glen, body;

	build(1, NULL, 0, &good, &glen);
	body = glen - 1024;
	buf = calloc(1, glen + 1024);
	assert_non_null(buf);
	memcpy(buf, good, body);
	raw_header(buf + body, name, type, type == '0' ? 1 : 0, prefix);
	if (type == '0')
		buf[body + 512] = 'x';
	*len = body + (type == '0' ? 1024 : 512) + 1024;
	free(good);
	return buf;
}

static void test_hostile_entries(void **state)
{
	static const struct {
		const char *name, *prefix;
		char type;
		const char *want;
	} cases[] = {
		{ "../x", NULL, '0', "entry '../x': the name is a path traversal ('..')" },
		{ "x", "..", '0', "entry '../x': the name is a path traversal" },
		{ "/etc/passwd", NULL, '0', "entry '/etc/passwd': the name is an absolute path" },
		{ "a/b", NULL, '0', "entry 'a/b': the name has a directory part" },
		{ "link", NULL, '2', "entry 'link' is a symbolic link; only regular files" },
		{ "hard", NULL, '1', "entry 'hard' is a hard link; only regular files" },
		{ "dir", NULL, '5', "entry 'dir' is a directory" },
		{ "dev", NULL, '3', "entry 'dev' is a character device" },
		{ "vyoma.toml", NULL, '0', "entry 'vyoma.toml' appears twice" },
		{ ".hidden", NULL, '0', "starts with '.'" },
	};
	struct vpk_policy pol = policy();

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		uint8_t *buf = with_entry(cases[i].name, cases[i].type, cases[i].prefix, &len);

		refused(buf, len, &pol, cases[i].want);
		free(buf);
	}
}

static void test_broken_archives(void **state)
{
	struct vpk_policy pol = policy();
	uint8_t *buf, *copy;
	size_t len;

	(void)state;
	build(1, NULL, 0, &buf, &len);
	refused(buf, len - 1, &pol, "not a whole number of 512-byte blocks");
	refused(buf, len - 1024, &pol, "no end-of-archive marker");
	copy = malloc(len);
	memcpy(copy, buf, len);
	copy[0] ^= 1; /* the first header's name: checksum */
	refused(copy, len, &pol, "bad checksum");
	memcpy(copy, buf, len);
	memcpy(copy + 124, "77777777777", 11); /* the size, checksum fixed below */
	raw_header(copy, "MANIFEST", '0', 077777777777ull > SIZE_MAX ? 0 : (size_t)077777777777ull, NULL);
	refused(copy, len, &pol, "over the limit");
	memcpy(copy, buf, len);
	copy[len - 1] = 1;
	refused(copy, len, &pol, "data after the end-of-archive marker");
	free(copy);
	free(buf);
}

static void test_consent(void **state)
{
	unsigned added, removed;
	char msg[256];

	(void)state;
	vpk_cap_diff(CAP_STDIO | CAP_DISPLAY, CAP_STDIO | CAP_NETWORK, &added, &removed);
	assert_int_equal(added, CAP_NETWORK);
	assert_int_equal(removed, CAP_DISPLAY);
	assert_int_equal(vpk_consent(CAP_STDIO, CAP_STDIO | CAP_NETWORK | CAP_FILESYSTEM, 0, msg,
				     sizeof msg), -1);
	assert_string_equal(msg, "asks for new capabilities: filesystem,network "
				 "(confirm with --accept filesystem,network)");
	assert_int_equal(vpk_consent(CAP_STDIO, CAP_STDIO | CAP_NETWORK | CAP_FILESYSTEM,
				     CAP_NETWORK, msg, sizeof msg), -1);
	assert_string_equal(msg, "asks for new capabilities: filesystem "
				 "(confirm with --accept filesystem)");
	assert_int_equal(vpk_consent(CAP_STDIO, CAP_STDIO | CAP_NETWORK, CAP_NETWORK, msg,
				     sizeof msg), 0);
	/* dropping a capability needs no consent */
	assert_int_equal(vpk_consent(CAP_STDIO | CAP_NETWORK, CAP_STDIO, 0, msg, sizeof msg), 0);
}

static void manifest_bad(const char *text, const char *want)
{
	struct vpk_manifest m;
	char err[256];

	assert_int_equal(vpk_manifest_parse(text, strlen(text), &m, err, sizeof err), -1);
	if (!strstr(err, want))
		fail_msg("'%s' does not contain '%s'", err, want);
	assert_string_equal(m.name, "");
}

static void test_manifest_format(void **state)
{
	static const char head[] = "format = 1\nname = \"a\"\nversion = \"1.0.0\"\nseq = 1\n"
				   "min_os = \"0.1.0\"\nkey_id = \"0123456789abcdef\"\n";
	static const char file[] = "[[file]]\npath = \"a.wasm\"\nsize = 1\nsha256 = \""
				   "0000000000000000000000000000000000000000000000000000000000000000\"\n";
	char buf[1024];

	(void)state;
	snprintf(buf, sizeof buf, "%scapabilities = [\"stdio\"]\n%s", head, file);
	{
		struct vpk_manifest m;
		char err[256], *text;
		size_t len;

		assert_int_equal(vpk_manifest_parse(buf, strlen(buf), &m, err, sizeof err), 0);
		assert_int_equal(m.caps, CAP_STDIO);
		assert_int_equal(m.nfiles, 1);
		assert_int_equal(vpk_manifest_format(&m, &text, &len, err, sizeof err), 0);
		assert_int_equal(vpk_manifest_parse(text, len, &m, err, sizeof err), 0);
		free(text);
	}
	snprintf(buf, sizeof buf, "%sextra = 1\n", head);
	manifest_bad(buf, "unknown key 'extra'");
	manifest_bad("format = 1\n", "missing required key 'name'");
	snprintf(buf, sizeof buf, "%scapabilities = [\"gpu\"]\n%s", head, file);
	manifest_bad(buf, "unknown capability");
	snprintf(buf, sizeof buf, "%s%s%s", head, file, file);
	manifest_bad(buf, "sorted and unique");
	snprintf(buf, sizeof buf, "%s[[file]]\npath = \"../a\"\nsize = 1\nsha256 = \"00\"\n", head);
	manifest_bad(buf, "'path' must be a flat file name");
	snprintf(buf, sizeof buf, "%s", head);
	memcpy(strstr(buf, "seq = 1"), "seq = 0", 7);
	manifest_bad(buf, "4:7: 'seq' must be an integer of at least 1");
}

static void test_key_files(void **state)
{
	char path[128], err[256], text[512];
	struct pkey_secret back;
	struct pkey_ring r;
	struct pkey_pub pub;
	struct stat st;

	(void)state;
	snprintf(path, sizeof path, "%s/k", tmpdir);
	assert_int_equal(pkey_write_pair(path, &key, err, sizeof err), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(pkey_load_secret(path, &back, err, sizeof err), 0);
	assert_memory_equal(&back, &key, sizeof key);
	assert_int_equal(pkey_load_ring(tmpdir, &r, err, sizeof err), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.keys[0].id, key.id);
	unlink(path);
	snprintf(path, sizeof path, "%s/k.pub", tmpdir);
	unlink(path);
	/* a key id that is not the key's own is refused */
	memcpy(pub.id, key.id, sizeof pub.id);
	memcpy(pub.pk, other.pk, sizeof pub.pk);
	pkey_format_pub(&pub, text, sizeof text);
	assert_int_equal(pkey_parse_pub(text, strlen(text), &pub, err, sizeof err), -1);
	assert_non_null(strstr(err, "key_id does not match the public key"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),       cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_tampered),         cmocka_unit_test(test_keys),
		cmocka_unit_test(test_policy),           cmocka_unit_test(test_oversize_entry),
		cmocka_unit_test(test_imports_beyond_caps), cmocka_unit_test(test_manifest_disagrees),
		cmocka_unit_test(test_hostile_entries),  cmocka_unit_test(test_broken_archives),
		cmocka_unit_test(test_consent),          cmocka_unit_test(test_manifest_format),
		cmocka_unit_test(test_key_files),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}

/* Unit tests for lib/pidx, the signed repository index: format -> parse
 * round trip, signature check against the trusted ring, an index that
 * revokes its own key, and the parser's refusals with line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pidx.h"

static struct pkey_secret key;
static struct pkey_ring ring;

static int setup(void **state)
{
	struct pkey_pub pub;
	char err[128];

	(void)state;
	assert_int_equal(pkey_generate(&key, err, sizeof err), 0);
	memcpy(pub.id, key.id, sizeof pub.id);
	memcpy(pub.pk, key.pk, sizeof pub.pk);
	ring.n = 0;
	return pkey_ring_add(&ring, &pub, err, sizeof err);
}

/* Two packages, given out of order, and one revoked key. */
static char *make_index(size_t *len)
{
	struct pidx idx = { 0 };
	char *text, err[128];

	idx.pkgs = calloc(2, sizeof *idx.pkgs);
	assert_non_null(idx.pkgs);
	idx.n = 2;
	idx.pkgs[0] = (struct pidx_pkg){ .name = "zeta", .version = "1.0.0", .seq = 2,
					 .file = "zeta.vpk", .size = 1024, .caps = CAP_NETWORK,
					 .description = "say \"hi\" \\ bye" };
	idx.pkgs[1] = (struct pidx_pkg){ .name = "alpha", .version = "0.1.0", .seq = 1,
					 .file = "alpha.vpk", .size = 512, .caps = 0 };
	idx.pkgs[1].sha256[0] = 0xab;
	memcpy(idx.key_id, key.id, sizeof idx.key_id);
	snprintf(idx.revoked.ids[idx.revoked.n++], PKEY_ID_LEN + 1, "0123456789abcdef");
	assert_int_equal(pidx_format(&idx, &text, len, err, sizeof err), 0);
	pidx_free(&idx);
	return text;
}

static void test_round_trip(void **state)
{
	struct pkey_sig sig;
	struct pidx idx;
	char sigtext[512], err[256];
	size_t len;
	char *text = make_index(&len);

	(void)state;
	pkey_sign(&key, text, len, &sig);
	pkey_format_sig(&sig, sigtext, sizeof sigtext);
	if (pidx_verify(text, len, sigtext, strlen(sigtext), &ring, &idx, err, sizeof err) < 0)
		fail_msg("%s\n%s", err, text);
	assert_int_equal(idx.n, 2);
	assert_string_equal(idx.pkgs[0].name, "alpha"); /* sorted by name */
	assert_int_equal(idx.pkgs[0].sha256[0], 0xab);
	assert_string_equal(idx.pkgs[1].description, "say \"hi\" \\ bye");
	assert_int_equal(idx.pkgs[1].caps, CAP_NETWORK);
	assert_int_equal(idx.pkgs[1].seq, 2);
	assert_int_equal(idx.revoked.n, 1);
	assert_true(pkey_is_revoked(&idx.revoked, "0123456789abcdef"));
	assert_non_null(pidx_find(&idx, "zeta"));
	assert_null(pidx_find(&idx, "beta"));
	pidx_free(&idx);

	/* one changed byte of the index: refused, nothing parsed */
	text[len / 2] ^= 1;
	assert_int_equal(pidx_verify(text, len, sigtext, strlen(sigtext), &ring, &idx, err,
				     sizeof err), -1);
	assert_non_null(strstr(err, "INDEX: bad signature"));
	assert_int_equal(idx.n, 0);
	free(text);
}

static void test_self_revoked(void **state)
{
	struct pidx idx = { 0 };
	struct pkey_sig sig;
	char *text, sigtext[512], err[256];
	size_t len;

	(void)state;
	memcpy(idx.key_id, key.id, sizeof idx.key_id);
	memcpy(idx.revoked.ids[idx.revoked.n++], key.id, sizeof key.id);
	assert_int_equal(pidx_format(&idx, &text, &len, err, sizeof err), 0);
	pkey_sign(&key, text, len, &sig);
	pkey_format_sig(&sig, sigtext, sizeof sigtext);
	assert_int_equal(pidx_verify(text, len, sigtext, strlen(sigtext), &ring, &idx, err,
				     sizeof err), -1);
	assert_non_null(strstr(err, "which it names differently or revokes"));
	free(text);
}

static void bad(const char *text, const char *want)
{
	struct pidx idx;
	char err[256];

	assert_int_equal(pidx_parse(text, strlen(text), &idx, err, sizeof err), -1);
	if (!strstr(err, want))
		fail_msg("'%s' does not contain '%s'", err, want);
	assert_int_equal(idx.n, 0);
	assert_null(idx.pkgs);
}

static void test_refusals(void **state)
{
	static const char head[] = "format = 1\nkey_id = \"0123456789abcdef\"\n";
	static const char pkg[] = "[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nseq = 1\n"
				  "file = \"a.vpk\"\nsize = 1\nsha256 = \"" "0000000000000000"
				  "000000000000000000000000000000000000000000000000\"\n";
	char buf[2048];

	(void)state;
	bad("format = 2\n", "1:10: 'format' must be 1");
	bad("format = 1\n", "missing required key 'key_id'");
	snprintf(buf, sizeof buf, "%sextra = true\n", head);
	bad(buf, "3:1: unknown key 'extra'");
	snprintf(buf, sizeof buf, "%s%s%s", head, pkg, pkg);
	bad(buf, "packages must be sorted by name, each name once");
	snprintf(buf, sizeof buf, "%s%sfile = \"../a.vpk\"\n", head, pkg);
	bad(buf, "duplicate key"); /* the TOML layer refuses the second 'file' */
	snprintf(buf, sizeof buf, "%s[[package]]\nname = \"a\"\n", head);
	bad(buf, "missing required key 'version'");
	snprintf(buf, sizeof buf, "%srevoked = [\"xyz\"]\n", head);
	bad(buf, "3:12: 'revoked' must be 16 lower-case hex digits");
	snprintf(buf, sizeof buf, "%s%scapabilities = [\"root\"]\n", head, pkg);
	bad(buf, "10:17: unknown capability");
	snprintf(buf, sizeof buf, "%s%sdescription = \"a\\u0007b\"\n", head, pkg);
	bad(buf, "must not contain control characters");
	snprintf(buf, sizeof buf, "%spackage = 1\n", head);
	bad(buf, "'package' must be written as [[package]] tables");
	{
		struct pidx idx;
		char err[256];

		snprintf(buf, sizeof buf, "%s%s", head, pkg);
		assert_int_equal(pidx_parse(buf, strlen(buf), &idx, err, sizeof err), 0);
		assert_string_equal(idx.pkgs[0].file, "a.vpk");
		pidx_free(&idx);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_self_revoked),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}

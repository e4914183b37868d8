/* Unit tests for supervisor/proto: every line kind of docs/protocol.md,
 * every malformed `@` form, reserved names, and UTF-8 validation at its
 * edges (overlong forms, surrogates, U+10FFFF, truncation, NUL). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "manifest.h"
#include "proto.h"

static struct proto_line parse(const char *s)
{
	struct proto_line p;
	proto_parse(s, strlen(s), &p);
	return p;
}

static void expect_msg(const char *s, enum proto_kind k, const char *target, const char *body)
{
	struct proto_line p = parse(s);
	if (p.kind != k)
		fail_msg("%s: kind %s, want %s", s, proto_kind_name(p.kind), proto_kind_name(k));
	if (target) {
		assert_int_equal(p.target_len, strlen(target));
		assert_memory_equal(p.target, target, p.target_len);
	}
	assert_int_equal(p.body_len, strlen(body));
	assert_memory_equal(p.body, body, p.body_len);
}

static void test_kinds(void **state)
{
	(void)state;
	expect_msg("@calc: 1 + 2", PROTO_UNICAST, "calc", "1 + 2");
	expect_msg("@a-1: x: y", PROTO_UNICAST, "a-1", "x: y");
	expect_msg("@calc:", PROTO_UNICAST, "calc", "");
	expect_msg("@calc: ", PROTO_UNICAST, "calc", "");
	expect_msg("@calc:  two spaces", PROTO_UNICAST, "calc", " two spaces");
	expect_msg("@broadcast: hi all", PROTO_BROADCAST, NULL, "hi all");
	expect_msg("@reply: yes", PROTO_REPLY, NULL, "yes");
	expect_msg("@supervisor: ps", PROTO_SUPERVISOR, NULL, "ps");
	expect_msg("@console: to the tests", PROTO_UNICAST, "console", "to the tests");
	expect_msg("VYOMA_DRAW:fill_rect:0,0,1,1,ff", PROTO_DRAW, NULL, "fill_rect:0,0,1,1,ff");
	expect_msg("VYOMA_DRAW:", PROTO_DRAW, NULL, "");
	expect_msg("VYOMA_TEST:stats", PROTO_TEST, NULL, "stats");
	expect_msg("VYOMA_CLIP:set:a\\nb", PROTO_CLIP, NULL, "set:a\\nb");
	expect_msg("VYOMA_CLIP:get", PROTO_CLIP, NULL, "get");
	assert_int_equal(parse("VYOMA_READY").kind, PROTO_READY);
	assert_int_equal(parse("VYOMA_READY now").kind, PROTO_LOG);
	assert_int_equal(parse("hello world").kind, PROTO_LOG);
	assert_int_equal(parse("").kind, PROTO_LOG);
	assert_int_equal(parse("VYOMA_DRAWx").kind, PROTO_LOG);
	assert_int_equal(parse("VYOMA_CLIP").kind, PROTO_LOG);
	assert_int_equal(parse(" @calc: x").kind, PROTO_LOG);
}

static void test_malformed(void **state)
{
	static const char *const bad[] = {
		"@", "@:", "@: x", "@calc", "@calc x", "@Calc: x", "@1calc: x", "@calc:x",
		"@ca lc: x", "@calc_x: y", "@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: x", /* 32 bytes */
		"@all: x", "@system: x", "@-x: y",
	};
	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct proto_line p = parse(bad[i]);
		if (p.kind != PROTO_BAD || !p.err)
			fail_msg("%s: kind %s, want bad", bad[i], proto_kind_name(p.kind));
	}
	/* 31 bytes is fine */
	assert_int_equal(parse("@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: x").kind, PROTO_UNICAST);
}

static void test_names(void **state)
{
	(void)state;
	assert_true(man_name_syntax("a", 1));
	assert_true(man_name_syntax("hello-2", 7));
	assert_false(man_name_syntax("", 0));
	assert_false(man_name_syntax("2a", 2));
	assert_false(man_name_syntax("a.b", 3));
	assert_int_equal(man_name_scan("calc: x", 7), 4);
	assert_int_equal(man_name_scan("a-2b", 4), 4);
	assert_int_equal(man_name_scan("2a", 2), 0);
	assert_int_equal(man_name_scan("", 0), 0);
	assert_int_equal(man_name_scan("ab", 1), 1); /* never past n */
	assert_true(man_name_reserved("supervisor", 10));
	assert_true(man_name_reserved("console", 7));
	assert_true(man_name_reserved("all", 3));
	assert_false(man_name_reserved("calc", 4));
}

static void test_utf8(void **state)
{
	static const struct {
		const char *s;
		size_t n;
		bool ok;
	} cases[] = {
		{ "plain ascii", 11, true },
		{ "caf\xc3\xa9", 5, true },
		{ "\xe2\x82\xac", 3, true },            /* euro */
		{ "\xf0\x9f\x98\x80", 4, true },        /* emoji */
		{ "\xf4\x8f\xbf\xbf", 4, true },        /* U+10FFFF */
		{ "\xf4\x90\x80\x80", 4, false },       /* past U+10FFFF */
		{ "\xc0\xaf", 2, false },               /* overlong '/' */
		{ "\xe0\x80\xaf", 3, false },           /* overlong */
		{ "\xed\xa0\x80", 3, false },           /* surrogate */
		{ "\xc3", 1, false },                   /* truncated */
		{ "\xe2\x82", 2, false },
		{ "\xff", 1, false },
		{ "\x80", 1, false },
		{ "a\0b", 3, false },                   /* NUL */
		{ "", 0, true },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (proto_utf8_valid(cases[i].s, cases[i].n) != cases[i].ok)
			fail_msg("case %zu", i);
}

/* The validator takes eight ASCII bytes at a time: a NUL or a byte over
 * 0x7f at any place of a word, and a sequence across two words, are seen. */
static void test_utf8_words(void **state)
{
	char buf[24];
	(void)state;
	for (size_t k = 0; k < sizeof buf; k++) {
		memset(buf, 'a', sizeof buf);
		assert_true(proto_utf8_valid(buf, sizeof buf));
		buf[k] = '\0';
		if (proto_utf8_valid(buf, sizeof buf))
			fail_msg("NUL at %zu taken", k);
		buf[k] = (char)0x80;
		if (proto_utf8_valid(buf, sizeof buf))
			fail_msg("0x80 at %zu taken", k);
		buf[k] = 0x7f;
		assert_true(proto_utf8_valid(buf, sizeof buf));
		if (k + 1 < sizeof buf) {
			buf[k] = (char)0xc3; /* é across any boundary */
			buf[k + 1] = (char)0xa9;
			if (!proto_utf8_valid(buf, sizeof buf))
				fail_msg("U+00E9 at %zu refused", k);
			buf[k + 1] = 'a'; /* truncated */
			if (proto_utf8_valid(buf, sizeof buf))
				fail_msg("truncated sequence at %zu taken", k);
		}
	}
}

/* Which of the two errors: no colon at all, or a bad name before the first. */
static void test_malformed_why(void **state)
{
	(void)state;
	assert_string_equal(parse("@calc").err, "malformed message: expected '@<app>: <message>'");
	assert_string_equal(parse("@").err, "malformed message: expected '@<app>: <message>'");
	assert_string_equal(parse("@calc x").err, "malformed message: expected '@<app>: <message>'");
	assert_string_equal(parse("@calc x: y").err, "malformed message: bad target name");
	assert_string_equal(parse("@2a: y").err, "malformed message: bad target name");
	assert_string_equal(parse("@: y").err, "malformed message: bad target name");
	assert_string_equal(parse("@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: x").err,
			    "malformed message: bad target name");
	assert_string_equal(parse("@calc:x").err, "malformed message: expected a space after ':'");
	assert_string_equal(parse("@all: x").err, "reserved name cannot be a target");
}

static void test_sanitize(void **state)
{
	char s[] = "ok\xff\xc3\xa9\xc3";
	(void)state;
	assert_int_equal(proto_utf8_sanitize(s, sizeof s - 1), 2);
	assert_string_equal(s, "ok?\xc3\xa9?");
	assert_true(proto_utf8_valid(s, strlen(s)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_utf8_words),
		cmocka_unit_test(test_malformed_why),
		cmocka_unit_test(test_sanitize),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

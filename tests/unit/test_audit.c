/* test_audit: the capability audit: the rule table, versions, messages that
 * name the import and the capability, every offender reported, and the
 * comma list for tables. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "audit.h"
#include "manifest.h"
#include "wcomp.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALL_CAPS ((1u << CAP_COUNT) - 1)

static enum audit_verdict judge(const char *name, unsigned caps, char *msg, size_t n)
{
	return audit_import(name, strlen(name), caps, msg, n);
}

static void test_baseline_needs_nothing(void **state)
{
	static const char *const ok[] = {
		"wasi:io/error@0.2.12",
		"wasi:io/poll@0.2.0",
		"wasi:io/streams@0.2.99",
		"wasi:clocks/monotonic-clock@0.2.12",
		"wasi:clocks/wall-clock@0.2.3",
		"wasi:random/random@0.2.12",
		"wasi:random/insecure-seed@0.2.12",
		"wasi:cli/stdin@0.2.12",
		"wasi:cli/stdout@0.2.12",
		"wasi:cli/stderr@0.2.12",
		"wasi:cli/exit@0.2.12",
		"wasi:cli/environment@0.2.12",
		"wasi:cli/terminal-input@0.2.12",
		"wasi:cli/terminal-output@0.2.12",
		"wasi:cli/terminal-stdin@0.2.12",
		"wasi:cli/terminal-stdout@0.2.12",
		"wasi:cli/terminal-stderr@0.2.12",
	};
	char msg[256];
	(void)state;

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		if (judge(ok[i], 0, msg, sizeof msg) != AUDIT_OK)
			fail_msg("%s refused: %s", ok[i], msg);
		assert_string_equal(msg, "");
	}
	assert_int_equal(audit_names(ok, sizeof ok / sizeof ok[0], 0, msg, sizeof msg), 0);
}

static void test_filesystem_needs_cap(void **state)
{
	char msg[256];
	(void)state;

	assert_int_equal(judge("wasi:filesystem/types@0.2.12", CAP_STDIO | CAP_NETWORK, msg,
			       sizeof msg), AUDIT_NEEDS_CAP);
	assert_string_equal(msg, "import 'wasi:filesystem/types@0.2.12' needs capability "
				 "'filesystem', which vyoma.toml does not declare");
	assert_int_equal(judge("wasi:filesystem/preopens@0.2.12", CAP_FILESYSTEM, msg,
			       sizeof msg), AUDIT_OK);
	assert_int_equal(judge("wasi:filesystem/types@0.2.0", CAP_FILESYSTEM, msg, sizeof msg),
			 AUDIT_OK);
}

static void test_sockets_need_network(void **state)
{
	static const char *const socks[] = {
		"wasi:sockets/network@0.2.12",
		"wasi:sockets/instance-network@0.2.12",
		"wasi:sockets/tcp@0.2.12",
		"wasi:sockets/tcp-create-socket@0.2.12",
		"wasi:sockets/udp@0.2.12", /* allowed here, refused at run time by sbx */
		"wasi:sockets/ip-name-lookup@0.2.12",
	};
	char msg[256];
	(void)state;

	for (size_t i = 0; i < sizeof socks / sizeof socks[0]; i++) {
		assert_int_equal(judge(socks[i], ALL_CAPS & ~CAP_NETWORK, msg, sizeof msg),
				 AUDIT_NEEDS_CAP);
		assert_non_null(strstr(msg, "needs capability 'network'"));
		assert_non_null(strstr(msg, socks[i]));
		assert_int_equal(judge(socks[i], CAP_NETWORK, msg, sizeof msg), AUDIT_OK);
	}
}

static void test_not_grantable(void **state)
{
	static const char *const bad[] = {
		"wasi:http/types@0.2.12",
		"wasi:http/outgoing-handler@0.2.0",
		"wasi:keyvalue/store@0.2.0",
		"wasi:cli/run@0.2.12",     /* an export, never an import we grant */
		"wasi:cli/stdinx@0.2.12",  /* near misses of baseline names */
		"wasi:cli/std@0.2.12",
		"wasi:io/streams/extra@0.2.12",
		"wasi:iox/streams@0.2.12",
		"wasi:i/streams@0.2.12",
		"wasi:ioo/streams@0.2.12",
		"xwasi:io/streams@0.2.12",
		"other:io/streams@0.2.12",
		"io/streams@0.2.12",       /* no namespace */
		"wasi:io/@0.2.12",         /* no interface */
		"wasi:io/str eams@0.2.12",
		"wasi io:x/streams@0.2.12",
		"run",                     /* a plain name: a func import */
		"my-type",
		"[implements=wasi:filesystem/types@0.2.12]data",
		"https://example.com/x",
		"unlocked-dep=<a:b>",
	};
	char msg[512];
	(void)state;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (judge(bad[i], ALL_CAPS, msg, sizeof msg) != AUDIT_NOT_GRANTABLE)
			fail_msg("%s: not refused as not grantable (%s)", bad[i], msg);
		assert_non_null(strstr(msg, "is not grantable"));
		assert_non_null(strstr(msg, bad[i]));
	}
	judge("wasi:http/types@0.2.12", ALL_CAPS, msg, sizeof msg);
	assert_string_equal(msg, "import 'wasi:http/types@0.2.12' is not grantable: VyomaOS does "
				 "not provide 'wasi:http/types'");
}

static void test_versions(void **state)
{
	static const struct {
		const char *v;
		int ok;
	} cases[] = {
		{"0.2.0", 1}, {"0.2.1", 1}, {"0.2.9", 1}, {"0.2.10", 1}, {"0.2.12", 1},
		{"0.2.99", 1}, {"0.2.100", 0}, {"0.2.01", 0}, {"0.2.00", 0}, {"0.2", 0},
		{"0.2.", 0}, {"0.2.x", 0}, {"0.2.0-rc-2023-11-10", 0}, {"0.2.0+build", 0},
		{"0.3.0", 0}, {"0.1.0", 0}, {"1.0.0", 0}, {"0.2.1.1", 0}, {"", 0},
		{"0.2.-1", 0}, {" 0.2.1", 0}, {"00.2.1", 0},
	};
	char name[128], msg[256];
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum audit_verdict v;

		snprintf(name, sizeof name, "wasi:io/streams@%s", cases[i].v);
		v = judge(name, 0, msg, sizeof msg);
		if (cases[i].ok && v != AUDIT_OK)
			fail_msg("%s refused: %s", name, msg);
		if (!cases[i].ok && v != AUDIT_BAD_VERSION)
			fail_msg("%s: verdict %d, want bad version", name, (int)v);
	}
	assert_int_equal(judge("wasi:io/streams", 0, msg, sizeof msg), AUDIT_BAD_VERSION);
	assert_non_null(strstr(msg, "names no version"));
	assert_int_equal(judge("wasi:io/streams@0.3.0", 0, msg, sizeof msg), AUDIT_BAD_VERSION);
	assert_string_equal(msg, "import 'wasi:io/streams@0.3.0' is not grantable: VyomaOS "
				 "provides WASI 0.2.0 to 0.2.99, and this import asks for "
				 "another version");
	/* version before capability: the capability would not help */
	assert_int_equal(judge("wasi:filesystem/types@0.3.0", 0, msg, sizeof msg),
			 AUDIT_BAD_VERSION);
}

/* The name need not be NUL-terminated: only `len` bytes count. */
static void test_length_bounded(void **state)
{
	char msg[256];
	(void)state;

	assert_int_equal(audit_import("wasi:io/streams@0.2.1XYZ", 21, 0, msg, sizeof msg),
			 AUDIT_OK);
	assert_int_equal(audit_import("wasi:io/streams@0.2.1XYZ", 15, 0, msg, sizeof msg),
			 AUDIT_BAD_VERSION);
	assert_string_equal(msg, "import 'wasi:io/streams' is not grantable: VyomaOS provides "
				 "WASI 0.2.0 to 0.2.99, and this import names no version");
	/* no message buffer is fine */
	assert_int_equal(audit_import("x", 1, 0, NULL, 0), AUDIT_NOT_GRANTABLE);
}

static void test_all_offenders_reported(void **state)
{
	static const char *const names[] = {
		"wasi:io/streams@0.2.12",
		"wasi:filesystem/types@0.2.12",
		"wasi:cli/stdout@0.2.12",
		"wasi:sockets/tcp@0.2.12",
		"wasi:http/types@0.2.12",
	};
	char err[1024];
	const char *a, *b, *c;
	(void)state;

	assert_int_equal(audit_names(names, 5, CAP_STDIO, err, sizeof err), -1);
	a = strstr(err, "import 'wasi:filesystem/types@0.2.12' needs capability 'filesystem'");
	b = strstr(err, "import 'wasi:sockets/tcp@0.2.12' needs capability 'network'");
	c = strstr(err, "import 'wasi:http/types@0.2.12' is not grantable");
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	assert_true(a < b && b < c);
	assert_null(strstr(err, "wasi:io/streams"));
	assert_null(strstr(err, "wasi:cli/stdout"));
	assert_non_null(strstr(err, "declare; import 'wasi:sockets"));
	assert_null(strstr(err, "more refused"));

	assert_int_equal(audit_names(names, 5, CAP_FILESYSTEM | CAP_NETWORK, err, sizeof err),
			 -1);
	assert_true(strncmp(err, "import 'wasi:http/types@0.2.12' is not grantable", 48) == 0);
	assert_int_equal(audit_names(names, 4, CAP_FILESYSTEM | CAP_NETWORK, err, sizeof err),
			 0);
	assert_string_equal(err, "");
}

/* A buffer too small for every message keeps whole ones and counts the
 * rest; it never overflows. */
static void test_refusals_truncate_cleanly(void **state)
{
	const char *names[40];
	char *err = malloc(300 + 16);
	(void)state;

	assert_non_null(err);
	for (size_t i = 0; i < 40; i++)
		names[i] = "wasi:filesystem/types@0.2.12";
	memset(err, 'X', 316);
	assert_int_equal(audit_names(names, 40, 0, err, 300), -1);
	assert_true(strlen(err) < 300);
	for (size_t i = 300; i < 316; i++)
		assert_int_equal(err[i], 'X');
	assert_non_null(strstr(err, "import 'wasi:filesystem/types@0.2.12' needs"));
	assert_non_null(strstr(err, "more refused)"));
	/* 1 + 37 or so: check the count adds up */
	{
		size_t shown = 0;
		unsigned more = 0;
		for (const char *p = err; (p = strstr(p, "import '")); p++)
			shown++;
		assert_int_equal(sscanf(strrchr(err, '(') + 1, "%u", &more), 1);
		assert_int_equal(shown + more, 40);
	}
	/* too small for even one message */
	assert_int_equal(audit_names(names, 3, 0, err, 20), -1);
	assert_string_equal(err, "(3 more refused)");
	assert_int_equal(audit_names(names, 3, 0, NULL, 0), -1);
	free(err);
}

/* ---- components ------------------------------------------------------------- */

struct bb {
	uint8_t b[4096];
	size_t n;
};

static void put(struct bb *b, const void *p, size_t n)
{
	assert_true(b->n + n <= sizeof b->b);
	memcpy(b->b + b->n, p, n);
	b->n += n;
}

static void u8(struct bb *b, uint8_t v) { put(b, &v, 1); }

static void leb(struct bb *b, uint32_t v)
{
	do {
		uint8_t c = v & 0x7f;
		v >>= 7;
		u8(b, (uint8_t)(c | (v ? 0x80 : 0)));
	} while (v);
}

/* A component importing each name as an instance of type 0. */
static void build(struct bb *c, const char *const *names, size_t n)
{
	struct bb body = {{0}, 0};

	c->n = 0;
	put(c, "\x00\x61\x73\x6d\x0d\x00\x01\x00", 8);
	leb(&body, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		u8(&body, 0x00);
		leb(&body, (uint32_t)strlen(names[i]));
		put(&body, names[i], strlen(names[i]));
		put(&body, "\x05\x00", 2);
	}
	u8(c, 10);
	leb(c, (uint32_t)body.n);
	put(c, body.b, body.n);
}

static void test_audit_component(void **state)
{
	static const char *const names[] = {
		"wasi:cli/environment@0.2.12", "wasi:cli/stdout@0.2.12",
		"wasi:filesystem/preopens@0.2.12", "wasi:filesystem/types@0.2.12",
		"wasi:io/streams@0.2.12",
	};
	struct bb c;
	char err[1024];
	(void)state;

	build(&c, names, 5);
	assert_int_equal(audit_component(c.b, c.n, CAP_STDIO | CAP_FILESYSTEM, err, sizeof err),
			 0);
	assert_string_equal(err, "");
	assert_int_equal(audit_component(c.b, c.n, CAP_STDIO, err, sizeof err), -1);
	assert_string_equal(err, "import 'wasi:filesystem/preopens@0.2.12' needs capability "
				 "'filesystem', which vyoma.toml does not declare; import "
				 "'wasi:filesystem/types@0.2.12' needs capability 'filesystem', "
				 "which vyoma.toml does not declare");
}

static void custom(struct bb *c, const char *name, const char *payload)
{
	u8(c, 0);
	leb(c, (uint32_t)(1 + strlen(name) + strlen(payload)));
	leb(c, (uint32_t)strlen(name));
	put(c, name, strlen(name));
	put(c, payload, strlen(payload));
}

/* The build's "vyoma-marks" section (scripts/app-marks.py): each mark is
 * held against the capability it needs, after the imports. */
static void test_sdk_marks(void **state)
{
	static const char *const names[] = {"wasi:cli/stdout@0.2.12"};
	const uint8_t *p;
	size_t n;
	struct bb c;
	char err[1024];
	(void)state;

	build(&c, names, 1);
	assert_int_equal(wcomp_custom(c.b, c.n, "vyoma-marks", &p, &n, err, sizeof err), 0);
	custom(&c, "other", "draw");
	custom(&c, "vyoma-marks", "draw,future,mouse,shell");
	assert_int_equal(wcomp_custom(c.b, c.n, "vyoma-marks", &p, &n, err, sizeof err), 1);
	assert_int_equal(n, 23);
	assert_memory_equal(p, "draw,future,mouse,shell", 23);
	assert_int_equal(audit_component(c.b, c.n, CAP_STDIO | CAP_DISPLAY | CAP_MOUSE | CAP_SHELL, err,
					 sizeof err), 0);
	assert_int_equal(audit_component(c.b, c.n, CAP_STDIO | CAP_MOUSE, err, sizeof err), -1);
	assert_string_equal(err, "the component draws (SDK mark 'draw'), which needs capability 'display', "
				 "which vyoma.toml does not declare; the component sends supervisor commands "
				 "(SDK mark 'shell'), which needs capability 'shell', which vyoma.toml does not "
				 "declare");
	/* a section that runs past the end is an unreadable binary, not "no marks" */
	c.n -= 3;
	assert_int_equal(wcomp_custom(c.b, c.n, "vyoma-marks", &p, &n, err, sizeof err), -1);
	assert_int_equal(audit_component(c.b, c.n, CAP_STDIO, err, sizeof err), -1);
}

static void test_audit_component_unreadable(void **state)
{
	static const char *const names[] = {"wasi:http/types@0.2.12", "wasi:io/poll@0.2.12"};
	struct bb c;
	char err[512];
	(void)state;

	build(&c, names, 2);
	/* Cut the last byte and shrink the section size to match, so the first
	 * import is judged (and refused) before the parse fails: that refusal
	 * must not survive next to the parse error. */
	c.b[9]--;
	assert_int_equal(audit_component(c.b, c.n - 1, ALL_CAPS, err, sizeof err), -1);
	assert_null(strstr(err, "wasi:http"));
	assert_non_null(strstr(err, "at byte "));

	memcpy(c.b, "\x00\x61\x73\x6d\x01\x00\x00\x00", 8);
	c.n = 8;
	assert_int_equal(audit_component(c.b, c.n, ALL_CAPS, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a component: core module"));
}

static void test_imports_list(void **state)
{
	static const char *const names[] = {
		"wasi:cli/stdout@0.2.12", "wasi:io/streams@0.2.12", "wasi:random/random@0.2.12",
	};
	struct bb c;
	char out[128], err[128];
	(void)state;

	build(&c, names, 3);
	assert_int_equal(audit_imports_list(c.b, c.n, out, sizeof out, err, sizeof err), 0);
	assert_string_equal(out, "wasi:cli/stdout@0.2.12,wasi:io/streams@0.2.12,"
				 "wasi:random/random@0.2.12");
	/* room for the first two only */
	assert_int_equal(audit_imports_list(c.b, c.n, out, 52, err, sizeof err), 0);
	assert_string_equal(out, "wasi:cli/stdout@0.2.12,wasi:io/streams@0.2.12,...");
	/* room for none */
	assert_int_equal(audit_imports_list(c.b, c.n, out, 10, err, sizeof err), 0);
	assert_string_equal(out, "...");

	build(&c, names, 0);
	assert_int_equal(audit_imports_list(c.b, c.n, out, sizeof out, err, sizeof err), 0);
	assert_string_equal(out, "none");

	c.b[4] = 0x0c;
	assert_int_equal(audit_imports_list(c.b, c.n, out, sizeof out, err, sizeof err), -1);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, "version 0x0c"));
}

static void test_join(void **state)
{
	static const char *const names[] = {"a", "bb", "ccc"};
	char out[16];
	(void)state;

	assert_int_equal(audit_join(names, 3, out, sizeof out), 3);
	assert_string_equal(out, "a,bb,ccc");
	assert_int_equal(audit_join(names, 3, out, 9), 2);
	assert_string_equal(out, "a,bb,...");
	assert_int_equal(audit_join(names, 0, out, sizeof out), 0);
	assert_string_equal(out, "none");
	assert_int_equal(audit_join(names, 3, NULL, 0), 0);
}

/* ---- real components ------------------------------------------------------- */

/* Made by wasm-tools 1.263 and kept in tests/unit/data, so no tool is
 * needed to run this: kinds.wasm and options.wasm from the .wat beside
 * them (`wasm-tools parse X.wat -o X.wasm`), app-hello.wasm is apps/hello
 * as `make apps` builds it. Paths are relative to the repository root,
 * where the tests run. The expected names are what `wasm-tools print`
 * lists as top-level imports (for options.wasm: with the version suffix
 * appended and the implements option shown, as wcomp reports them). */
static void fixture(const char *file, unsigned caps, const char *want_list, int want_rc,
		    const char *want_err)
{
	char path[128], list[1024], err[2048];
	uint8_t *buf;
	size_t len;

	snprintf(path, sizeof path, "tests/unit/data/%s", file);
	if (wcomp_read_file(path, 0, &buf, &len, err, sizeof err) != 0)
		fail_msg("%s (run the tests from the repository root)", err);
	assert_int_equal(audit_imports_list(buf, len, list, sizeof list, err, sizeof err), 0);
	assert_string_equal(list, want_list);
	assert_int_equal(audit_component(buf, len, caps, err, sizeof err), want_rc);
	if (want_err && !strstr(err, want_err))
		fail_msg("%s: '%s' does not contain '%s'", file, err, want_err);
	free(buf);
}

static void test_real_components(void **state)
{
	(void)state;
	fixture("app-hello.wasm", CAP_STDIO,
		"wasi:io/error@0.2.12,wasi:io/streams@0.2.12,wasi:cli/stdout@0.2.12", 0, NULL);
	fixture("app-hello.wasm", 0,
		"wasi:io/error@0.2.12,wasi:io/streams@0.2.12,wasi:cli/stdout@0.2.12", 0, NULL);
	fixture("kinds.wasm", ALL_CAPS,
		"wasi:io/poll@0.2.12,wasi:clocks/monotonic-clock@0.2.12,wasi:filesystem/types@0.2.12,"
		"run,resource-t,list-t,plugin,blob", -1,
		"import 'run' is not grantable: it is not a WASI interface, and VyomaOS provides "
		"nothing else; import 'resource-t' is not grantable");
	fixture("kinds.wasm", CAP_STDIO, "wasi:io/poll@0.2.12,wasi:clocks/monotonic-clock@0.2.12,"
		"wasi:filesystem/types@0.2.12,run,resource-t,list-t,plugin,blob", -1,
		"import 'wasi:filesystem/types@0.2.12' needs capability 'filesystem', which "
		"vyoma.toml does not declare; import 'run'");
	fixture("options.wasm", 0,
		"wasi:io/streams@0.2.12,[implements=wasi:keyvalue/store@0.2.1]my-store,"
		"wasi:cli/stdout@0.2.12,wasi:cli/exit@0.2.12", -1,
		"import '[implements=wasi:keyvalue/store@0.2.1]my-store' is not grantable");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_baseline_needs_nothing),
		cmocka_unit_test(test_filesystem_needs_cap),
		cmocka_unit_test(test_sockets_need_network),
		cmocka_unit_test(test_not_grantable),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_length_bounded),
		cmocka_unit_test(test_all_offenders_reported),
		cmocka_unit_test(test_refusals_truncate_cleanly),
		cmocka_unit_test(test_audit_component),
		cmocka_unit_test(test_sdk_marks),
		cmocka_unit_test(test_audit_component_unreadable),
		cmocka_unit_test(test_imports_list),
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_real_components),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

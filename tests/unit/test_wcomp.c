/* test_wcomp: the component import reader on hand-built binaries: valid
 * components with every import kind and name encoding, and the ways a
 * binary can be truncated, overlong, malformed or not a component. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "wcomp.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- a tiny binary builder -------------------------------------------------- */

struct bb {
	uint8_t b[32768];
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

static void str(struct bb *b, const char *s)
{
	leb(b, (uint32_t)strlen(s));
	put(b, s, strlen(s));
}

static void preamble(struct bb *b)
{
	static const uint8_t p[8] = {0x00, 'a', 's', 'm', 0x0d, 0x00, 0x01, 0x00};
	put(b, p, sizeof p);
}

static void section(struct bb *out, uint8_t id, const struct bb *body)
{
	u8(out, id);
	leb(out, (uint32_t)body->n);
	put(out, body->b, body->n);
}

/* Import entries, written into an import-section body. */
static void imp_instance(struct bb *s, const char *name, uint32_t ty)
{
	u8(s, 0x00);
	str(s, name);
	u8(s, 0x05);
	leb(s, ty);
}

/* c := a component whose only section is an import section with `body`. */
static struct bb *component_with(struct bb *c, const struct bb *imports)
{
	c->n = 0;
	preamble(c);
	section(c, 10, imports);
	return c;
}

/* ---- collecting what the reader reports ------------------------------------- */

struct seen {
	char names[32][WCOMP_NAME_MAX + 1];
	size_t n;
};

static void collect(const char *name, size_t len, void *ctx)
{
	struct seen *s = ctx;

	assert_int_equal(strlen(name), len);
	assert_true(s->n < 32);
	memcpy(s->names[s->n], name, len + 1);
	s->n++;
}

static int parse(const struct bb *c, struct seen *s, char *err, size_t errlen)
{
	memset(s, 0, sizeof *s);
	return wcomp_imports(c->b, c->n, collect, s, err, errlen);
}

static void expect_error(const struct bb *c, const char *needle)
{
	struct seen s;
	char err[512];

	assert_int_equal(parse(c, &s, err, sizeof err), -1);
	if (!strstr(err, needle))
		fail_msg("error '%s' does not contain '%s'", err, needle);
	assert_non_null(strstr(err, "at byte "));
}

/* ---- valid components -------------------------------------------------------- */

static void test_empty_component(void **state)
{
	struct bb c = {0};
	struct seen s;
	char err[256] = "junk";
	(void)state;

	preamble(&c);
	assert_int_equal(parse(&c, &s, err, sizeof err), 0);
	assert_int_equal(s.n, 0);
	assert_string_equal(err, "");
}

static void test_one_instance_import(void **state)
{
	struct bb imps = {0}, c;
	struct seen s;
	char err[256];
	(void)state;

	leb(&imps, 1);
	imp_instance(&imps, "wasi:cli/stdout@0.2.12", 0);
	assert_int_equal(parse(component_with(&c, &imps), &s, err, sizeof err), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.names[0], "wasi:cli/stdout@0.2.12");
}

/* Every extern kind a component may import, the legacy 0x01 name byte, and
 * the sections around the imports that must be skipped: custom, core
 * module, type, a nested component (whose imports are not ours), exports. */
static void test_every_kind_and_skipped_sections(void **state)
{
	struct bb c = {0}, body = {0}, nested = {0}, nimps = {0};
	struct seen s;
	char err[256];
	static const char *const want[] = {
		"wasi:io/streams@0.2.0", "run", "t", "r", "plug", "m", "wasi:clocks/wall-clock@0.2.3",
	};
	(void)state;

	preamble(&c);
	str(&body, "component-name"); /* custom section with junk */
	put(&body, "\x00\x05hello", 7);
	section(&c, 0, &body);
	body.n = 0; /* a core module: opaque bytes that look like anything */
	put(&body, "\x00\x61\x73\x6d\x01\x00\x00\x00\x0a\xff\xff", 11);
	section(&c, 1, &body);
	body.n = 0; /* a type section: an empty instance type, a func type */
	put(&body, "\x02\x42\x00\x40\x00\x01\x00", 7);
	section(&c, 7, &body);
	body.n = 0;
	leb(&body, 7);
	imp_instance(&body, "wasi:io/streams@0.2.0", 0);
	u8(&body, 0x00); str(&body, "run"); u8(&body, 0x01); leb(&body, 1);          /* func */
	u8(&body, 0x00); str(&body, "t"); u8(&body, 0x03); put(&body, "\x00\x02", 2); /* type eq */
	u8(&body, 0x00); str(&body, "r"); u8(&body, 0x03); u8(&body, 0x01);          /* resource */
	u8(&body, 0x00); str(&body, "plug"); u8(&body, 0x04); leb(&body, 300);       /* component */
	u8(&body, 0x00); str(&body, "m"); put(&body, "\x00\x11", 2); leb(&body, 0);  /* core module */
	u8(&body, 0x01); str(&body, "wasi:clocks/wall-clock@0.2.3");                 /* legacy byte */
	u8(&body, 0x05); leb(&body, 1);
	section(&c, 10, &body);
	preamble(&nested); /* its import must not be reported */
	leb(&nimps, 1);
	imp_instance(&nimps, "wasi:sockets/tcp@0.2.0", 0);
	section(&nested, 10, &nimps);
	section(&c, 4, &nested);
	body.n = 0; /* an export section */
	put(&body, "\x01\x00\x03\x66\x6f\x6f\x01\x00\x00", 9);
	section(&c, 11, &body);

	assert_int_equal(parse(&c, &s, err, sizeof err), 0);
	assert_int_equal(s.n, 7);
	for (size_t i = 0; i < 7; i++)
		assert_string_equal(s.names[i], want[i]);
}

static void test_several_import_sections(void **state)
{
	struct bb c = {0}, a = {0}, b = {0};
	struct seen s;
	char err[256];
	(void)state;

	preamble(&c);
	leb(&a, 2);
	imp_instance(&a, "wasi:io/error@0.2.12", 0);
	imp_instance(&a, "wasi:io/streams@0.2.12", 1);
	section(&c, 10, &a);
	put(&b, "\x00", 1);
	section(&c, 7, &b); /* an empty type section in between */
	b.n = 0;
	leb(&b, 1);
	imp_instance(&b, "wasi:cli/stderr@0.2.12", 2);
	section(&c, 10, &b);
	assert_int_equal(parse(&c, &s, err, sizeof err), 0);
	assert_int_equal(s.n, 3);
	assert_string_equal(s.names[2], "wasi:cli/stderr@0.2.12");
}

/* wasm-ld pads LEBs to five bytes; that is legal and must parse. */
static void test_padded_leb_accepted(void **state)
{
	struct bb c = {0}, imps = {0};
	struct seen s;
	char err[256];
	(void)state;

	leb(&imps, 1);
	imp_instance(&imps, "x", 0);
	preamble(&c);
	u8(&c, 10);
	put(&c, (uint8_t[]){(uint8_t)(0x80 | imps.n), 0x80, 0x80, 0x80, 0x00}, 5);
	put(&c, imps.b, imps.n);
	assert_int_equal(parse(&c, &s, err, sizeof err), 0);
	assert_int_equal(s.n, 1);
}

static void name02(struct bb *s, const char *name, size_t nopt, const uint8_t *kinds,
		   const char *const *vals)
{
	u8(s, 0x02);
	str(s, name);
	leb(s, (uint32_t)nopt);
	for (size_t i = 0; i < nopt; i++) {
		u8(s, kinds[i]);
		str(s, vals[i]);
	}
	u8(s, 0x05);
	leb(s, 0);
}

#define OPTS(...) (sizeof((const uint8_t[]){__VA_ARGS__})), (const uint8_t[]){__VA_ARGS__}
#define VALS(...) (const char *const[]){__VA_ARGS__}

static void test_name_options(void **state)
{
	struct bb imps = {0}, c;
	struct seen s;
	char err[256];
	(void)state;

	leb(&imps, 5);
	name02(&imps, "wasi:io/streams@0.2", OPTS(0x01), VALS(".12"));
	name02(&imps, "plain", OPTS(0x01), VALS(".1"));
	name02(&imps, "my-store", OPTS(0x01, 0x00), VALS(".3", "wasi:keyvalue/store@0.2"));
	name02(&imps, "wasi:cli/stdout@0.2.12", OPTS(0x02), VALS("some-opaque-id"));
	name02(&imps, "wasi:cli/exit@0.2.12", 0, NULL, NULL);
	assert_int_equal(parse(component_with(&c, &imps), &s, err, sizeof err), 0);
	assert_int_equal(s.n, 5);
	assert_string_equal(s.names[0], "wasi:io/streams@0.2.12");
	assert_string_equal(s.names[1], "plain");
	assert_string_equal(s.names[2], "[implements=wasi:keyvalue/store@0.2.3]my-store");
	assert_string_equal(s.names[3], "wasi:cli/stdout@0.2.12");
	assert_string_equal(s.names[4], "wasi:cli/exit@0.2.12");
}

static void test_name_option_errors(void **state)
{
	struct bb imps = {0}, c;
	(void)state;

	leb(&imps, 1);
	name02(&imps, "a", OPTS(0x01, 0x01), VALS(".1", ".2"));
	expect_error(component_with(&c, &imps), "duplicate version-suffix option");

	imps.n = 0;
	leb(&imps, 1);
	name02(&imps, "a", OPTS(0x03), VALS("x"));
	expect_error(component_with(&c, &imps), "unknown name option 0x03");

	imps.n = 0;
	leb(&imps, 1);
	u8(&imps, 0x02);
	str(&imps, "a");
	leb(&imps, 4);
	put(&imps, "\x00\x01x\x01\x01y\x02\x01z\x00\x01w\x05\x00", 14);
	expect_error(component_with(&c, &imps), "4 name options");

	imps.n = 0;
	leb(&imps, 1);
	name02(&imps, "a", OPTS(0x00), VALS("bad\x01"));
	expect_error(component_with(&c, &imps), "implements option: control character");
}

static void test_utf8_names(void **state)
{
	static const struct {
		const char *name;
		const char *err; /* NULL: accepted */
	} cases[] = {
		{"caf\xc3\xa9", NULL},
		{"\xe2\x82\xac-sign", NULL},
		{"smile-\xf0\x9f\x98\x80", NULL},
		{"over\xc0\xaflong", "invalid UTF-8"},
		{"over\xe0\x80\xaflong", "invalid UTF-8"},
		{"surrogate\xed\xa0\x80", "invalid UTF-8"},
		{"too-big\xf4\x90\x80\x80", "invalid UTF-8"},
		{"ff\xff", "invalid UTF-8"},
		{"cont\x80", "invalid UTF-8"},
		{"short\xe2\x82", "truncated UTF-8"},
		{"new\nline", "control character"},
		{"del\x7f", "control character"},
		{"csi\xc2\x9b", "control character"},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct bb imps = {0}, c;
		struct seen s;
		char err[256];

		leb(&imps, 1);
		imp_instance(&imps, cases[i].name, 0);
		component_with(&c, &imps);
		if (cases[i].err) {
			expect_error(&c, cases[i].err);
		} else {
			assert_int_equal(parse(&c, &s, err, sizeof err), 0);
			assert_string_equal(s.names[0], cases[i].name);
		}
	}
	/* NUL inside a name: C strings would cut it short */
	struct bb imps = {0}, c;
	put(&imps, "\x01\x00\x03" "a\0b" "\x05\x00", 8);
	expect_error(component_with(&c, &imps), "control character");
}

/* ---- refused binaries ---------------------------------------------------- */

static void test_preamble_errors(void **state)
{
	static const struct {
		const char *bytes;
		size_t n;
		const char *err;
	} cases[] = {
		{"\x00\x61\x73\x6d\x01\x00\x00\x00", 8, "not a component: core module"},
		{"\x7f" "ELF\x02\x01\x01\x00", 8, "not a WebAssembly binary"},
		{"\x00\x61\x73", 3, "not a WebAssembly binary"},
		{"", 0, "not a WebAssembly binary"},
		{"\x00\x61\x73\x6d\x0d\x00", 6, "truncated preamble"},
		{"\x00\x61\x73\x6d\x0c\x00\x01\x00", 8, "version 0x0c"},
		{"\x00\x61\x73\x6d\x0d\x00\x02\x00", 8, "unknown layer 2"},
	};
	char err[128];
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct bb c = {0};
		put(&c, cases[i].bytes, cases[i].n);
		expect_error(&c, cases[i].err);
	}
	assert_int_equal(wcomp_imports(NULL, 0, NULL, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a WebAssembly binary"));
	assert_int_equal(wcomp_imports(NULL, 0, NULL, NULL, NULL, 0), -1); /* no err buffer */
}

static void test_section_errors(void **state)
{
	static const struct {
		const char *bytes;
		size_t n;
		const char *err;
	} cases[] = {
		{"\x0d\x00", 2, "unknown section id 13"},
		{"\x07\x05\x00\x00", 4, "runs past the end"},
		{"\x07", 1, "truncated section size"},
		{"\x07\x80\x80\x80\x80\x80\x00", 7, "LEB128 longer than 5 bytes"},
		{"\x07\xff\xff\xff\xff\x1f", 6, "over 32 bits"},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct bb c = {0};
		preamble(&c);
		put(&c, cases[i].bytes, cases[i].n);
		expect_error(&c, cases[i].err);
	}
}

static void test_import_section_errors(void **state)
{
	static const struct {
		const char *body;
		size_t n;
		const char *err;
	} cases[] = {
		{"\xff\xff\xff\xff\x0f", 5, "a component may have at most 4096"},
		{"\x05\x00\x01\x61\x05\x00", 6, "cannot fit"},
		{"\x01\x00\x01\x61\x05\x00\x00", 7, "1 stray bytes"},
		{"\x01\x00\x00\x05\x00\x00", 6, "empty import name"},
		{"\x01\x03\x01\x61\x05\x00", 6, "unknown import name encoding 0x03"},
		{"\x01\x00\x01\x61\x06\x00", 6, "unknown kind 0x06"},
		{"\x01\x00\x01\x61\x02\x73", 6, "is a value import"},
		{"\x01\x00\x01\x61\x00\x10\x00", 7, "core sort 0x10"},
		{"\x01\x00\x01\x61\x03\x02", 6, "unknown type bound 0x02"},
		{"\x01\x00\x05\x61\x05\x00", 6, "import name of 5 bytes runs past its section"},
		{"\x01\x00\x01\x61\x05\x80\x80\x80\x80\x80", 10, "LEB128 longer than 5 bytes"},
	};
	(void)state;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct bb body = {0}, c;
		put(&body, cases[i].body, cases[i].n);
		expect_error(component_with(&c, &body), cases[i].err);
	}
}

static void test_long_names(void **state)
{
	struct bb imps = {0}, c;
	char name[WCOMP_NAME_MAX + 2];
	struct seen s;
	char err[256];
	(void)state;

	memset(name, 'a', WCOMP_NAME_MAX);
	name[WCOMP_NAME_MAX] = '\0';
	leb(&imps, 1);
	imp_instance(&imps, name, 0);
	assert_int_equal(parse(component_with(&c, &imps), &s, err, sizeof err), 0);
	assert_int_equal(strlen(s.names[0]), WCOMP_NAME_MAX);

	imps.n = 0;
	name[WCOMP_NAME_MAX] = 'a';
	name[WCOMP_NAME_MAX + 1] = '\0';
	leb(&imps, 1);
	imp_instance(&imps, name, 0);
	expect_error(component_with(&c, &imps), "longer than 1024");

	imps.n = 0; /* fits alone, not with its version suffix */
	name[WCOMP_NAME_MAX - 2] = '@';
	name[WCOMP_NAME_MAX] = '\0';
	leb(&imps, 1);
	name02(&imps, name, OPTS(0x01), VALS(".12"));
	expect_error(component_with(&c, &imps), "with its options");
}

static void count_cb(const char *name, size_t len, void *ctx)
{
	(void)name;
	(void)len;
	(*(size_t *)ctx)++;
}

/* The cap is over all import sections together. */
static void test_import_cap(void **state)
{
	struct bb imps = {0}, c = {0};
	size_t count = 0;
	char err[256];
	(void)state;

	/* 4096 imports in two sections of 2048: accepted */
	leb(&imps, WCOMP_MAX_IMPORTS / 2);
	for (int i = 0; i < WCOMP_MAX_IMPORTS / 2; i++)
		put(&imps, "\x00\x01x\x05\x00", 5);
	preamble(&c);
	section(&c, 10, &imps);
	section(&c, 10, &imps);
	assert_int_equal(wcomp_imports(c.b, c.n, count_cb, &count, err, sizeof err), 0);
	assert_int_equal(count, WCOMP_MAX_IMPORTS);
	/* one more section with one more import: refused */
	put(&c, "\x0a\x06\x01\x00\x01x\x05\x00", 8);
	assert_int_equal(wcomp_imports(c.b, c.n, NULL, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "at most 4096"));
}

/* Every proper prefix of a component that ends inside its import section
 * is refused and none is read past its end (ASan watches): first with the
 * section size promising more, then with it telling the truth about the
 * cut, which reaches every "truncated ..." path inside an import. */
static void test_every_truncation(void **state)
{
	struct bb imps = {0}, c, body;
	char err[256];
	(void)state;

	leb(&imps, 3);
	imp_instance(&imps, "wasi:io/streams@0.2.12", 0);
	name02(&imps, "my", OPTS(0x00, 0x01), VALS("wasi:io/poll@0.2", ".1"));
	u8(&imps, 0x00); str(&imps, "m"); put(&imps, "\x00\x11\x85\x80\x80\x80\x00", 7);
	component_with(&c, &imps);
	assert_int_equal(wcomp_imports(c.b, c.n, NULL, NULL, NULL, 0), 0);
	for (size_t len = 9; len < c.n; len++) {
		uint8_t *copy = malloc(len); /* exactly len bytes, so ASan sees overreads */

		assert_non_null(copy);
		memcpy(copy, c.b, len);
		assert_int_equal(wcomp_imports(copy, len, NULL, NULL, err, sizeof err), -1);
		assert_non_null(strstr(err, "at byte "));
		free(copy);
	}
	for (size_t len = 0; len < imps.n; len++) {
		body.n = 0;
		put(&body, imps.b, len);
		component_with(&c, &body);
		assert_int_equal(wcomp_imports(c.b, c.n, NULL, NULL, err, sizeof err), -1);
		assert_non_null(strstr(err, "at byte "));
	}
}

/* A tiny error buffer truncates the message but never overflows. */
static void test_small_error_buffer(void **state)
{
	char err[12];
	(void)state;

	memset(err, 'X', sizeof err);
	assert_int_equal(wcomp_imports((const uint8_t *)"\x00\x61\x73\x6d\x01\x00\x00\x00", 8,
				       NULL, NULL, err, 5), -1);
	assert_int_equal(strlen(err), 4);
	assert_int_equal(err[5], 'X');
}

/* ---- files ---------------------------------------------------------------- */

static void write_file(const char *path, const void *p, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, p, n), (ssize_t)n);
	close(fd);
}

static void test_read_file(void **state)
{
	char dir[] = "/tmp/vyoma-wcomp-XXXXXX", path[64], fifo[64], err[256];
	struct bb imps = {0}, c;
	struct seen s = {0};
	uint8_t *buf;
	size_t len;
	(void)state;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/app.wasm", dir);
	snprintf(fifo, sizeof fifo, "%s/fifo.wasm", dir);
	leb(&imps, 1);
	imp_instance(&imps, "wasi:random/random@0.2.12", 0);
	component_with(&c, &imps);
	write_file(path, c.b, c.n);

	assert_int_equal(wcomp_read_file(path, 0, &buf, &len, err, sizeof err), 0);
	assert_int_equal(len, c.n);
	assert_memory_equal(buf, c.b, len);
	free(buf);
	assert_int_equal(wcomp_imports_file(path, collect, &s, err, sizeof err), 0);
	assert_int_equal(s.n, 1);
	assert_string_equal(s.names[0], "wasi:random/random@0.2.12");

	assert_int_equal(wcomp_read_file(path, 10, &buf, &len, err, sizeof err), -1);
	assert_null(buf);
	assert_non_null(strstr(err, "larger than 10 bytes"));
	assert_int_equal(wcomp_read_file(dir, 0, &buf, &len, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a regular file"));
	/* a FIFO must be refused, not waited on */
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(wcomp_read_file(fifo, 0, &buf, &len, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a regular file"));
	unlink(path);
	assert_int_equal(wcomp_read_file(path, 0, &buf, &len, err, sizeof err), -1);
	assert_non_null(strstr(err, "No such file"));

	/* a parse error through the file helper names the file */
	write_file(path, "\x00\x61\x73\x6d\x01\x00\x00\x00", 8);
	assert_int_equal(wcomp_imports_file(path, NULL, NULL, err, sizeof err), -1);
	assert_true(strncmp(err, path, strlen(path)) == 0);
	assert_non_null(strstr(err, "not a component: core module"));

	unlink(path);
	unlink(fifo);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_component),
		cmocka_unit_test(test_one_instance_import),
		cmocka_unit_test(test_every_kind_and_skipped_sections),
		cmocka_unit_test(test_several_import_sections),
		cmocka_unit_test(test_padded_leb_accepted),
		cmocka_unit_test(test_name_options),
		cmocka_unit_test(test_name_option_errors),
		cmocka_unit_test(test_utf8_names),
		cmocka_unit_test(test_preamble_errors),
		cmocka_unit_test(test_section_errors),
		cmocka_unit_test(test_import_section_errors),
		cmocka_unit_test(test_long_names),
		cmocka_unit_test(test_import_cap),
		cmocka_unit_test(test_every_truncation),
		cmocka_unit_test(test_small_error_buffer),
		cmocka_unit_test(test_read_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

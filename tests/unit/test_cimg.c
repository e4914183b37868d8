/* Unit tests for lib/cimg, the parser of the image's cache index: the one
 * form it accepts (header, "HEX SIZE NAME" lines sorted by name), lookups,
 * and each way a line can be wrong refusing the whole index with its line
 * number, nothing left allocated. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cimg.h"

#define H1 "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define H2 "d9298a10d1b0735837dc4bd85dac641b0f3cef27a47e5d53a54f2f3f5b2fcffa"

static int parse(const char *text, struct cimg *idx, char *err, size_t errlen)
{
	return cimg_parse(text, strlen(text), idx, err, errlen);
}

static void test_good(void **state)
{
	struct cimg idx;
	char err[160];
	(void)state;
	assert_int_equal(parse("vyoma-cache-index 1\n" H1 " 3 a-wasmtime-48-c1.cwasm\n" H2
			       " 67108864 b_B.9-c1.cwasm\n", &idx, err, sizeof err), 0);
	assert_int_equal(idx.n, 2);
	assert_string_equal(idx.e[0].name, "a-wasmtime-48-c1.cwasm");
	assert_string_equal(idx.e[0].hex, H1);
	assert_int_equal(idx.e[0].size, 3);
	assert_int_equal(idx.e[1].size, 64u << 20);
	assert_ptr_equal(cimg_find(&idx, "b_B.9-c1.cwasm"), &idx.e[1]);
	assert_null(cimg_find(&idx, "b_B.9-c1"));
	assert_null(cimg_find(&idx, "c.cwasm"));
	cimg_free(&idx);
	assert_null(idx.e);

	assert_int_equal(parse("vyoma-cache-index 1\n", &idx, err, sizeof err), 0);
	assert_int_equal(idx.n, 0);
	assert_null(cimg_find(&idx, "a.cwasm"));
	assert_int_equal(parse("vyoma-cache-index 1\n" H1 " 0 a.cwasm\n", &idx, err, sizeof err), 0);
	assert_int_equal(idx.e[0].size, 0);
	cimg_free(&idx);
}

static void refused(const char *text, const char *why)
{
	struct cimg idx;
	char err[160] = "";

	assert_int_equal(parse(text, &idx, err, sizeof err), -1);
	if (!strstr(err, why))
		fail_msg("%s: got \"%s\", want \"%s\"", text, err, why);
	assert_null(idx.e);
	assert_int_equal(idx.n, 0);
}

static void test_refused(void **state)
{
	static const struct {
		const char *text, *why;
	} cases[] = {
		{ "",
		  "1: expected \"vyoma-cache-index 1\"" },
		{ "vyoma-cache-index 2\n",
		  "1: expected" },
		{ "vyoma-cache-index 1",
		  "1: expected" },
		{ "vyoma-cache-index 1\n" H1 " 3 a.cwasm",
		  "2: no newline at the end" },
		{ "vyoma-cache-index 1\n\n",
		  "2: expected 64 lower-case hex digits" },
		{ "vyoma-cache-index 1\n" H1 " 3 a.cwasm\r\n",
		  "2: expected an artifact's file name" },
		{ "vyoma-cache-index 1\nBA7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
		  " 3 a.cwasm\n",
		  "2: expected 64 lower-case hex digits" },
		{ "vyoma-cache-index 1\n" H1 "0 3 a.cwasm\n",
		  "2: expected 64" },
		{ "vyoma-cache-index 1\n" H1 "  3 a.cwasm\n",
		  "2: expected a size" },
		{ "vyoma-cache-index 1\n" H1 " 03 a.cwasm\n",
		  "2: expected a size" },
		{ "vyoma-cache-index 1\n" H1 " -3 a.cwasm\n",
		  "2: expected a size" },
		{ "vyoma-cache-index 1\n" H1 " 67108865 a.cwasm\n",
		  "2: expected a size" },
		{ "vyoma-cache-index 1\n" H1 " 99999999999 a.cwasm\n",
		  "2: expected a size" },
		{ "vyoma-cache-index 1\n" H1 " 3\n",
		  "2: expected a size" },
		{ "vyoma-cache-index 1\n" H1 " 3 a.wasm\n",
		  "2: expected an artifact's file name" },
		{ "vyoma-cache-index 1\n" H1 " 3 .a.cwasm\n",
		  "2: expected an artifact's file name" },
		{ "vyoma-cache-index 1\n" H1 " 3 .cwasm\n",
		  "2: expected an artifact's file name" },
		{ "vyoma-cache-index 1\n" H1 " 3 ../a.cwasm\n",
		  "2: expected an artifact's file name" },
		{ "vyoma-cache-index 1\n" H1 " 3 a b.cwasm\n",
		  "2: expected an artifact's file name" },
		{ "vyoma-cache-index 1\n" H1 " 3 a.cwasm \n",
		  "2: expected an artifact's file name" },
		{ "vyoma-cache-index 1\n" H1 " 3 b.cwasm\n" H1 " 3 a.cwasm\n",
		  "3: names not in" },
		{ "vyoma-cache-index 1\n" H1 " 3 a.cwasm\n" H2 " 4 a.cwasm\n",
		  "3: names not in" },
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		refused(cases[i].text, cases[i].why);
}

static void test_nul_and_bounds(void **state)
{
	static const char text[] = "vyoma-cache-index 1\n" H1 " 3 a\0.cwasm\n";
	struct cimg idx;
	char err[160], *big;
	size_t n = CIDX_MAX_ENTRIES + 1, len = 0;
	(void)state;
	assert_int_equal(cimg_parse(text, sizeof text - 1, &idx, err, sizeof err), -1);
	assert_non_null(strstr(err, "2: expected an artifact's file name"));

	/* 4096 lines are an index; one more is not */
	big = malloc(sizeof CIMG_HEADER + n * 100);
	assert_non_null(big);
	len = (size_t)sprintf(big, "%s", CIMG_HEADER);
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(big + len, "%s 1 a%05zu.cwasm\n", H1, i);
	assert_int_equal(cimg_parse(big, len - 40, &idx, err, sizeof err), -1); /* cut mid-line */
	assert_int_equal(cimg_parse(big, len - (sizeof H1 + 15), &idx, err, sizeof err), 0);
	assert_int_equal(idx.n, CIDX_MAX_ENTRIES);
	cimg_free(&idx);
	assert_int_equal(cimg_parse(big, len, &idx, err, sizeof err), -1);
	assert_non_null(strstr(err, "4098: more artifacts than an index may list"));
	assert_int_equal(cimg_parse(big, CIMG_MAX + 1, &idx, err, sizeof err), -1);
	assert_non_null(strstr(err, "larger than an index may be"));
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_nul_and_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

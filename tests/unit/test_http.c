/* Unit tests for lib/http, the repository's HTTP answer parser and URL:
 * Content-Length, chunked and read-to-close bodies fed whole and one byte
 * at a time, and each refusal (status, garbage, truncation, oversize by
 * header and by bytes, ambiguous framing, overlong head) with its words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

/* Feed text whole (step 0) or step bytes at a time, then EOF if asked. */
static int feed(struct http_resp *r, const char *text, size_t step, bool eof)
{
	size_t n = strlen(text), i = 0;
	int rc = HTTP_MORE;

	while (i < n && rc == HTTP_MORE) {
		size_t k = step && n - i > step ? step : n - i;

		rc = http_feed(r, (const uint8_t *)text + i, k);
		i += k;
	}
	return rc == HTTP_MORE && eof ? http_eof(r) : rc;
}

static void body_is(const char *answer, bool eof, const char *want)
{
	for (size_t step = 0; step < 4; step++) {
		struct http_resp r;

		http_resp_init(&r, 1000);
		assert_int_equal(feed(&r, answer, step, eof), HTTP_DONE);
		assert_int_equal(r.status, 200);
		assert_int_equal(r.blen, strlen(want));
		assert_memory_equal(r.body ? (const char *)r.body : "", want, r.blen);
		http_resp_free(&r);
	}
}

static void refused(const char *answer, bool eof, size_t max, const char *words)
{
	for (size_t step = 0; step < 3; step++) {
		struct http_resp r;

		http_resp_init(&r, max);
		assert_int_equal(feed(&r, answer, step, eof), HTTP_ERR);
		if (!strstr(r.err, words))
			fail_msg("'%s' does not say '%s'", r.err, words);
		http_resp_free(&r);
	}
}

static void test_bodies(void **state)
{
	(void)state;
	body_is("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: x\r\n\r\nhello", false, "hello");
	body_is("HTTP/1.0 200 OK\nContent-Length: 0\n\n", false, "");
	/* bytes after the answer are ignored */
	body_is("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhiXXXX", false, "hi");
	body_is("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nTrailer: t\r\n\r\n", false, "hello world");
	body_is("HTTP/1.1 200 OK\r\ntransfer-encoding: Chunked\r\n\r\nA\nabcdefghij\n0\n\n", false,
		"abcdefghij");
	body_is("HTTP/1.0 200 OK\r\n\r\nread to close", true, "read to close");
	body_is("HTTP/1.1 200\r\nContent-Length: 3\r\n\r\nabc", false, "abc");
}

static void test_refusals(void **state)
{
	(void)state;
	refused("HTTP/1.1 404 Not Found\r\n\r\n", false, 100, "answered 404 Not Found");
	refused("SSH-2.0-OpenSSH\r\n\r\n", false, 100, "not HTTP");
	refused("\x01\x02garbage\n\n", false, 100, "not HTTP");
	refused("", true, 100, "without an answer");
	refused("HTTP/1.1 200 OK\r\nContent-Le", true, 100, "in its headers");
	refused("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", true, 100, "cut short: 3 of 10");
	refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", true, 100, "cut short");
	refused("HTTP/1.1 200 OK\r\nContent-Length: 101\r\n\r\n", false, 100, "101 bytes, more than");
	refused("HTTP/1.0 200 OK\r\n\r\n0123456789", false, 5, "larger than the 5 bytes");
	refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n", false, 5,
		"larger than the 5");
	refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n", false,
		5, "too large");
	refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", false, 5, "chunk size");
	refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nab\r\n", false, 5,
		"more data than");
	refused("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", false, 5,
		"two different");
	refused("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", false,
		5, "both");
	refused("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", false, 5, "bad Content-Length");
	refused("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", false, 5, "gzip");
	refused("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n", false, 5, "gzip");
	refused("HTTP/1.1 200 OK\r\nX: a\r\n b\r\n\r\n", false, 5, "folded");
	refused("HTTP/1.1 200 OK\r\nX y: a\r\n\r\n", false, 5, "bad name");
	refused("HTTP/1.1 200 OK\r\nX: a\x01\r\n\r\n", false, 5, "control character");
}

static void test_long_head(void **state)
{
	char *big = malloc(HTTP_HEAD_MAX + 100);

	(void)state;
	strcpy(big, "HTTP/1.1 200 OK\r\nX: ");
	memset(big + strlen(big), 'a', HTTP_HEAD_MAX);
	big[HTTP_HEAD_MAX + 20] = '\0';
	refused(big, false, 5, "headers are longer than");
	free(big);
}

static void test_url(void **state)
{
	struct http_url u;
	char err[256], req[HTTP_REQ_MAX];

	(void)state;
	assert_int_equal(http_url_parse("http://10.0.2.2:8000/repo", &u, err, sizeof err), 0);
	assert_int_equal(u.port, 8000);
	assert_string_equal(u.host, "10.0.2.2:8000");
	assert_string_equal(u.path, "/repo/");
	assert_true(http_request(&u, "INDEX.sig", req, sizeof req) > 0);
	assert_string_equal(req, "GET /repo/INDEX.sig HTTP/1.1\r\nHost: 10.0.2.2:8000\r\n"
				 "User-Agent: vyoma-pkg/1\r\nAccept-Encoding: identity\r\n"
				 "Connection: close\r\n\r\n");
	assert_int_equal(http_request(&u, "../x", req, sizeof req), -1);
	assert_int_equal(http_request(&u, "a/b", req, sizeof req), -1);
	assert_int_equal(http_request(&u, "a\r\nX: y", req, sizeof req), -1);
	assert_int_equal(http_url_parse("http://127.0.0.1", &u, err, sizeof err), 0);
	assert_int_equal(u.port, 80);
	assert_string_equal(u.path, "/");
	assert_int_equal(http_url_parse("http://example.com/", &u, err, sizeof err), -1);
	assert_non_null(strstr(err, "no DNS"));
	assert_int_equal(http_url_parse("https://1.2.3.4/", &u, err, sizeof err), -1);
	assert_non_null(strstr(err, "https is not supported"));
	assert_int_equal(http_url_parse("http://1.2.3.4:0/", &u, err, sizeof err), -1);
	assert_int_equal(http_url_parse("http://1.2.3.4:99999/", &u, err, sizeof err), -1);
	assert_int_equal(http_url_parse("http://1.2.3.4/a/../b", &u, err, sizeof err), -1);
	assert_int_equal(http_url_parse("http://1.2.3.4/a?b", &u, err, sizeof err), -1);
	assert_int_equal(http_url_parse("ftp://1.2.3.4/", &u, err, sizeof err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bodies),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_long_head),
		cmocka_unit_test(test_url),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

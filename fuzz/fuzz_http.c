/* fuzz_http: libFuzzer target for the HTTP answer parser (lib/http), the
 * part of the HTTP transport that reads what a repository server sends.
 * The first byte picks a max body size and the split points; the rest is
 * the server's bytes. Invariants: a refusal has a message; an accepted
 * body fits max_body and is NUL-terminated; feeding the bytes whole, in
 * pieces, or one at a time gives the same verdict and the same body; the
 * URL parser's accepted URLs give a request that ends its head; an
 * accepted repos.toml (lib/prepo, same bytes) has a valid URL and timeout;
 * an accepted boot list overlay (lib/pboot) writes and reads back the same. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "http.h"
#include "pboot.h"
#include "prepo.h"

static int run(const uint8_t *p, size_t n, size_t max, size_t step, struct http_resp *r)
{
	int rc = HTTP_MORE;

	http_resp_init(r, max);
	for (size_t i = 0; i < n && rc == HTTP_MORE; i += step)
		rc = http_feed(r, p + i, n - i < step ? n - i : step);
	if (rc == HTTP_MORE)
		rc = http_eof(r);
	CHECK(rc == HTTP_DONE || rc == HTTP_ERR);
	if (rc == HTTP_ERR)
		CHECK(r->err[0]);
	else
		CHECK(r->blen <= max && (!r->body || r->body[r->blen] == '\0') && r->status == 200);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_resp a, b, c;
	struct http_url u;
	char url[256], err[256], req[HTTP_REQ_MAX];
	size_t max, step;
	int ra, rb, rc;

	if (size < 1)
		return 0;
	max = (size_t)(data[0] & 0x1f) * 37;
	step = (size_t)(data[0] >> 5) + 2;
	ra = run(data + 1, size - 1, max, size, &a);
	rb = run(data + 1, size - 1, max, step, &b);
	rc = run(data + 1, size - 1, max, 1, &c);
	CHECK(ra == rb && rb == rc);
	if (ra == HTTP_DONE) {
		CHECK(a.blen == b.blen && b.blen == c.blen);
		CHECK(a.blen == 0 || (memcmp(a.body, b.body, a.blen) == 0 &&
				      memcmp(b.body, c.body, a.blen) == 0));
	}
	http_resp_free(&a);
	http_resp_free(&b);
	http_resp_free(&c);

	{
		struct prepo_conf pc;

		if (prepo_parse((const char *)data + 1, size - 1, &pc, err, sizeof err) == 0)
			CHECK(pc.timeout_s >= 1 && pc.timeout_s <= PREPO_TIMEOUT_MAX && pc.u.port);
		else
			CHECK(err[0]);
	}
	{
		static struct pboot pb, back;
		char dir[] = "/tmp/fuzz-pboot.XXXXXX", path[64];

		if (pboot_parse((const char *)data + 1, size - 1, &pb, err, sizeof err) == 0 &&
		    mkdtemp(dir)) {
			snprintf(path, sizeof path, "%s/boot.toml", dir);
			CHECK(pboot_write(path, &pb, err, sizeof err) == 0);
			CHECK(pboot_read(path, &back, err, sizeof err) == 0 && back.n == pb.n);
			for (size_t i = 0; i < pb.n; i++)
				CHECK(strcmp(pb.names[i], back.names[i]) == 0);
			unlink(path);
			rmdir(dir);
		}
	}
	snprintf(url, sizeof url, "%.*s", (int)(size - 1 < 255 ? size - 1 : 255), data + 1);
	if (http_url_parse(url, &u, err, sizeof err) == 0) {
		int n = http_request(&u, "INDEX", req, sizeof req);

		CHECK(n > 0 && strstr(req, "\r\n\r\n") == req + n - 4);
		CHECK(u.path[0] == '/' && u.path[strlen(u.path) - 1] == '/' && !strstr(u.path, ".."));
	}
	return 0;
}

/* fuzz_httpd: libFuzzer target for httpd's request parser (apps/httpd/http.c),
 * which reads what any client on the network sends. The input is fed as a
 * request buffer, and its first 1000 bytes also as a request target.
 * Invariants: the head's length is within the buffer and ends in a blank
 * line; a judged request has one of the statuses the server sends; an
 * accepted one has a path that is NUL-terminated, relative, and free of
 * control bytes, backslashes, empty segments and "." or ".." segments (the
 * document root cannot be left); every status has a reason, every path a
 * type. (ASan catches any read past the head.) */
#include <string.h>

#include "fuzz.h"

#include "../apps/httpd/http.c"

static void judge(const char *buf, size_t len)
{
	struct http_req r;
	char *copy = malloc(len ? len : 1);

	memcpy(copy, buf, len); /* exactly len bytes: ASan sees a read past them */
	http_parse(copy, len, &r);
	free(copy);
	CHECK(r.status == 0 || r.status == 400 || r.status == 405 || r.status == 414 || r.status == 505);
	CHECK(http_reason(r.status)[0] != '\0');
	if (r.status)
		return;
	size_t n = strnlen(r.path, sizeof r.path);
	CHECK(n < sizeof r.path);
	CHECK(r.path[0] != '/');
	for (size_t i = 0; i < n; i++)
		CHECK((unsigned char)r.path[i] >= 0x20 && r.path[i] != 0x7f && r.path[i] != '\\');
	/* each segment: not empty (but the last), not "." nor ".." */
	for (const char *s = r.path;;) {
		size_t sl = strcspn(s, "/");
		CHECK(sl > 0 || !s[sl]);
		CHECK(!(sl == 1 && s[0] == '.') && !(sl == 2 && s[0] == '.' && s[1] == '.'));
		if (!s[sl])
			break;
		s += sl + 1;
	}
	CHECK(http_mime(r.path)[0] != '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;
	size_t hl = http_head_len(buf, size);

	CHECK(hl <= size);
	if (hl) {
		CHECK(hl >= 2 && buf[hl - 1] == '\n' && (buf[hl - 2] == '\n' || (hl >= 3 && buf[hl - 2] == '\r' && buf[hl - 3] == '\n')));
		judge(buf, hl);
	}
	if (size < 1000) {
		char req[1100];
		int k = snprintf(req, sizeof req, "GET %.*s HTTP/1.1\r\nHost: x\r\n\r\n", (int)size, buf);
		judge(req, (size_t)k);
	}
	return 0;
}

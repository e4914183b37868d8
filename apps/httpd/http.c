/* http.c: the request side of HTTP/1.1 (RFC 9112) that a static file
 * server needs, strict where it matters: one request line of three parts,
 * a version of HTTP/1.0 or 1.1, a Host header for 1.1, header lines that
 * are name ":" value, no bodies, and a target that decodes to a path
 * without "..", NUL or backslash. Anything else gets its status code. */
#include "http.h"

#include <stdint.h>
#include <string.h>

size_t http_head_len(const char *buf, size_t len)
{
	/* the first '\n' that ends a blank line ("\n\n" or "\n\r\n") */
	for (size_t i = 1; i < len; i++)
		if (buf[i] == '\n' && (buf[i - 1] == '\n' || (i >= 2 && buf[i - 1] == '\r' && buf[i - 2] == '\n')))
			return i + 1;
	return 0;
}

/* tchar (RFC 9110, 5.6.2): letters, digits and !#$%&'*+-.^_`|~, one bit
 * per ASCII code. */
static const uint32_t tchars[4] = {0, 0x03ff6cfa, 0xc7fffffe, 0x57ffffff};

static bool is_tchar(char c)
{
	unsigned char u = (unsigned char)c;
	return u < 128 && (tchars[u >> 5] >> (u & 31) & 1);
}

static int hexval(unsigned char c)
{
	if ((unsigned)(c - '0') < 10)
		return c - '0';
	c |= 32; /* A-F as a-f; no other byte lands in a-f */
	return (unsigned)(c - 'a') < 6 ? c - 'a' + 10 : -1;
}

/* a (n bytes, A-Z as a-z) is the lower-case string b. */
static bool ieq(const char *a, size_t n, const char *b)
{
	size_t i = 0;
	for (; i < n && b[i]; i++)
		if (((unsigned)(a[i] - 'A') < 26 ? a[i] + 32 : a[i]) != b[i])
			return false;
	return i == n && !b[i];
}

/* Decode target (origin-form) into r->path; 0 or a status. The end of the
 * path is checked as a '/' would be: its last segment may be empty, never
 * "." or "..". */
static int decode(const char *t, size_t n, struct http_req *r)
{
	size_t o = 0, seg = 0;

	if (n == 0 || t[0] != '/')
		return 400;
	for (size_t i = 1;; i++) {
		int c = i < n && t[i] != '?' && t[i] != '#' ? (unsigned char)t[i] : -1; /* -1: the end */
		if (c == '%') {
			int h = i + 2 < n ? hexval((unsigned char)t[i + 1]) : -1,
			    l = i + 2 < n ? hexval((unsigned char)t[i + 2]) : -1;
			if (h < 0 || l < 0)
				return 400;
			c = h * 16 + l;
			i += 2;
		}
		if (c >= 0) {
			if (c < 0x20 || c == '\\' || c == 0x7f)
				return 400;
			if (o + 1 >= sizeof r->path)
				return 414;
		}
		if (c < 0 || c == '/') {
			size_t sl = o - seg;
			/* an empty segment ("//"), or "." or ".." */
			if ((c == '/' && sl == 0) || (sl - 1 < 2 && r->path[seg] == '.' && r->path[o - 1] == '.'))
				return 400;
			if (c < 0)
				break;
			seg = o + 1;
		}
		r->path[o++] = (char)c;
	}
	r->path[o] = '\0';
	return 0;
}

/* p up to e is a token: one or more tchars. */
static bool token(const char *p, const char *e)
{
	const char *q = p;
	while (q < e && is_tchar(*q))
		q++;
	return q == e && e > p;
}

void http_parse(const char *h, size_t len, struct http_req *r)
{
	const char *end = h + len, *p = h, *eol, *sp1 = NULL, *sp2 = NULL;
	bool v11 = false, host = false, close = false, keep = false;

	memset(r, 0, sizeof *r);
	r->status = 400;
	/* the request line, then the header lines up to the blank one */
	for (;; p = eol + 1) {
		const char *colon, *v;
		if (!(eol = memchr(p, '\n', (size_t)(end - p))))
			return;
		size_t ll = (size_t)(eol - p) - (eol > p && eol[-1] == '\r');
		if (p == h) {
			sp1 = memchr(p, ' ', ll);
			if (!sp1 || !token(p, sp1))
				return;
			sp2 = memchr(sp1 + 1, ' ', ll - (size_t)(sp1 + 1 - p));
			if ((size_t)((sp2 ? sp2 : p + ll) - sp1 - 1) > HTTP_TARGET_MAX)
				r->status = 414;
			/* "HTTP/1.1" or "HTTP/1.0"; another "HTTP/<digit>..." of 8 bytes is 505 */
			if (r->status == 414 || !sp2 || ll - (size_t)(sp2 + 1 - p) != 8 || memcmp(sp2 + 1, "HTTP/", 5) != 0)
				return;
			v11 = sp2[8] == '1';
			if (memcmp(sp2 + 6, "1.", 2) != 0 || (unsigned)(sp2[8] - '0') > 1) {
				r->status = (unsigned)(sp2[6] - '0') < 10 ? 505 : 400;
				return;
			}
			continue;
		}
		if (ll == 0)
			break;
		colon = memchr(p, ':', ll);
		if (!colon || !token(p, colon))
			return;
		for (v = colon + 1; v < p + ll && (*v == ' ' || *v == '\t'); v++)
			;
		size_t vn = (size_t)(p + ll - v);
		while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
			vn--;
		size_t nn = (size_t)(colon - p);
		if (ieq(p, nn, "host")) {
			if (host)
				return; /* two Host headers */
			host = true;
		} else if (ieq(p, nn, "connection")) {
			close |= ieq(v, vn, "close");
			keep |= ieq(v, vn, "keep-alive");
		} else if (ieq(p, nn, "transfer-encoding") || (ieq(p, nn, "content-length") && !ieq(v, vn, "0"))) {
			return; /* no request bodies here */
		}
	}
	if (v11 && !host)
		return;
	r->keep_alive = v11 ? !close : keep;
	r->status = decode(sp1 + 1, (size_t)(sp2 - sp1 - 1), r);
	if (r->status)
		return;
	if ((size_t)(sp1 - h) == 3 && memcmp(h, "GET", 3) == 0)
		r->head = false;
	else if ((size_t)(sp1 - h) == 4 && memcmp(h, "HEAD", 4) == 0)
		r->head = true;
	else
		r->status = 405;
}

/* Packed strings, one "\0" apart: the n-th name is found by walking. */
static const char *nth(const char *s, int n)
{
	while (n--)
		s += strlen(s) + 1;
	return s;
}

/* The codes this server sends, and their reasons in the same order; any
 * other is "Error". */
static const short reason_codes[] = {200, 400, 404, 405, 414, 431, 503, 505};
static const char reasons[] = "OK\0Bad Request\0Not Found\0Method Not Allowed\0URI Too Long\0"
			      "Request Header Fields Too Large\0Service Unavailable\0"
			      "HTTP Version Not Supported\0Error";

const char *http_reason(int s)
{
	int i = 0;
	while (i < (int)(sizeof reason_codes / sizeof reason_codes[0]) && reason_codes[i] != s)
		i++;
	return nth(reasons, i);
}

/* Each suffix with the index of its type in mime_types (case-insensitive). */
static const char mime_exts[] = "html\0htm\0txt\0md\0css\0js\0json\0png\0jpg\0jpeg\0gif\0svg\0ico\0wasm\0pdf\0";
static const unsigned char mime_of[] = {0, 0, 1, 1, 2, 3, 4, 5, 6, 6, 7, 8, 9, 10, 11, 12};
static const char mime_types[] = "text/html; charset=utf-8\0text/plain; charset=utf-8\0text/css\0"
				 "text/javascript\0application/json\0image/png\0image/jpeg\0image/gif\0"
				 "image/svg+xml\0image/x-icon\0application/wasm\0application/pdf\0"
				 "application/octet-stream";

const char *http_mime(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/'), *e = mime_exts;
	int i = 0;

	if (dot && (!slash || dot > slash))
		for (; *e && !ieq(dot + 1, strlen(dot + 1), e); e += strlen(e) + 1)
			i++;
	else
		i = sizeof mime_of - 1;
	return nth(mime_types, mime_of[i]);
}

/* http: the repository URL, the GET request and the incremental parser of
 * an HTTP/1.1 answer (http.h). Pure: bytes in, a body or a sentence out.
 * Bounded everywhere: HTTP_HEAD_MAX for the head, max_body for the body
 * (refused as soon as a Content-Length or a chunk says it would pass it),
 * 1 KiB for a chunk-size line, 4 KiB of trailers. Strict where being
 * lenient would make two readings possible: a Content-Length together with
 * chunked, two different Content-Lengths, folded headers, an unknown
 * transfer or content encoding are refused. */
#include "http.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HTTP_CHUNK_LINE_MAX 1024
#define HTTP_TRAILER_MAX    4096

enum { C_SIZE, C_EXT, C_SIZE_LF, C_DATA, C_DATA_CR, C_DATA_LF, C_TRAILER, C_TRAILER_LINE, C_END_LF };

static int http_fail(struct http_resp *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int http_fail(struct http_resp *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->err, sizeof r->err, fmt, ap);
	va_end(ap);
	r->verdict = HTTP_ERR;
	return HTTP_ERR;
}

static bool http_path_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       strchr("/-._~%", c) != NULL;
}

int http_url_parse(const char *url, struct http_url *u, char *err, size_t errlen)
{
	static const char scheme[] = "http://";
	char host[16];
	const char *h, *e, *path;
	unsigned long port = 80;
	size_t n;

	memset(u, 0, sizeof *u);
	if (strncmp(url, "https://", 8) == 0) {
		snprintf(err, errlen, "https is not supported; use http:// (every file is verified "
				      "by its signature, so the transport need not be trusted)");
		return -1;
	}
	if (strncmp(url, scheme, sizeof scheme - 1) != 0) {
		snprintf(err, errlen, "the repository URL must start with http://");
		return -1;
	}
	h = url + sizeof scheme - 1;
	e = h + strcspn(h, ":/");
	n = (size_t)(e - h);
	if (n == 0 || n >= sizeof host) {
		snprintf(err, errlen, "the repository URL needs a numeric IPv4 address (no DNS)");
		return -1;
	}
	memcpy(host, h, n);
	host[n] = '\0';
	if (inet_pton(AF_INET, host, &u->addr) != 1) {
		snprintf(err, errlen, "'%s' is not a numeric IPv4 address (there is no DNS lookup)",
			 host);
		return -1;
	}
	path = e;
	if (*e == ':') {
		char *end;

		if (e[1] < '0' || e[1] > '9' ||
		    (port = strtoul(e + 1, &end, 10)) == 0 || port > 65535 || (*end && *end != '/')) {
			snprintf(err, errlen, "the repository URL has a bad port (1..65535)");
			return -1;
		}
		path = end;
	}
	u->port = (uint16_t)port;
	snprintf(u->host, sizeof u->host, "%s:%lu", host, port);
	if (!*path)
		path = "/";
	n = strlen(path);
	if (n > HTTP_PATH_MAX - 1 || strstr(path, "..") || strspn(path, "/-._~%"
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != n) {
		snprintf(err, errlen, "the repository URL's path must be at most %d characters of "
				      "A-Z a-z 0-9 / - . _ ~ %%, without '..', query or fragment",
			 HTTP_PATH_MAX - 1);
		return -1;
	}
	memcpy(u->path, path, n + 1);
	if (u->path[n - 1] != '/')
		strcat(u->path, "/");
	return 0;
}

int http_request(const struct http_url *u, const char *file, char *out, size_t outlen)
{
	size_t n = strlen(file);
	int len;

	if (n == 0 || n > 100 || file[0] == '.')
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!http_path_char(file[i]) || file[i] == '/' || file[i] == '%')
			return -1;
	len = snprintf(out, outlen,
		       "GET %s%s HTTP/1.1\r\nHost: %s\r\nUser-Agent: vyoma-pkg/1\r\n"
		       "Accept-Encoding: identity\r\nConnection: close\r\n\r\n",
		       u->path, file, u->host);
	return len < 0 || (size_t)len >= outlen ? -1 : len;
}

void http_resp_init(struct http_resp *r, size_t max_body)
{
	memset(r, 0, sizeof *r);
	r->max_body = max_body;
	r->verdict = HTTP_MORE;
}

void http_resp_free(struct http_resp *r)
{
	free(r->body);
	r->body = NULL;
	r->blen = r->bcap = 0;
}

uint8_t *http_take_body(struct http_resp *r, size_t *len)
{
	uint8_t *b = r->body;

	*len = r->blen;
	r->body = NULL;
	r->blen = r->bcap = 0;
	return b;
}

/* Room for n more body bytes (and a NUL), within max_body. */
static int http_room(struct http_resp *r, uint64_t n)
{
	size_t want;

	if (n > r->max_body - r->blen)
		return http_fail(r, "the answer is larger than the %zu bytes allowed", r->max_body);
	want = r->blen + (size_t)n + 1;
	if (want > r->bcap) {
		size_t cap = r->bcap ? r->bcap : 4096;
		uint8_t *b;

		while (cap < want)
			cap = cap > r->max_body / 2 + 1 ? r->max_body + 1 : cap * 2;
		if (!(b = realloc(r->body, cap)))
			return http_fail(r, "out of memory for a %zu-byte answer", cap);
		r->body = b;
		r->bcap = cap;
		r->body[r->blen] = '\0';
	}
	return HTTP_MORE;
}

static int http_append(struct http_resp *r, const uint8_t *p, size_t n)
{
	if (n && http_room(r, n) == HTTP_ERR)
		return HTTP_ERR;
	memcpy(r->body + r->blen, p, n);
	r->blen += n;
	if (r->body)
		r->body[r->blen] = '\0';
	return HTTP_MORE;
}

static bool http_token_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* One header (name: value, the line without its end); the ones that say
 * how the body is framed are read, the others only checked. */
static int http_header(struct http_resp *r, char *line)
{
	char *colon = strchr(line, ':'), *v, *end;
	size_t n;

	if (line[0] == ' ' || line[0] == '\t')
		return http_fail(r, "the server folded a header over two lines (refused)");
	if (!colon || colon == line)
		return http_fail(r, "the server sent a header line without a name");
	for (char *c = line; c < colon; c++)
		if (!http_token_char((unsigned char)*c))
			return http_fail(r, "the server sent a header with a bad name");
	*colon = '\0';
	v = colon + 1;
	v += strspn(v, " \t");
	n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		v[--n] = '\0';
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)v[i] < 0x20 && v[i] != '\t') || v[i] == 0x7f)
			return http_fail(r, "the server sent a control character in header %.40s", line);
	if (strcasecmp(line, "Content-Length") == 0) {
		unsigned long long len;

		if (n == 0 || n > 19 || strspn(v, "0123456789") != n)
			return http_fail(r, "the server sent a bad Content-Length");
		len = strtoull(v, &end, 10);
		if (r->has_len && r->clen != len)
			return http_fail(r, "the server sent two different Content-Lengths");
		r->has_len = true;
		r->clen = len;
	} else if (strcasecmp(line, "Transfer-Encoding") == 0) {
		if (strcasecmp(v, "chunked") != 0)
			return http_fail(r, "the server's transfer encoding '%.40s' is not supported", v);
		r->chunked = true;
	} else if (strcasecmp(line, "Content-Encoding") == 0 && strcasecmp(v, "identity") != 0) {
		return http_fail(r, "the server's content encoding '%.40s' is not supported", v);
	}
	return HTTP_MORE;
}

/* The head is complete in r->head (ends with an empty line). */
static int http_head(struct http_resp *r)
{
	char *save = NULL, *line;
	int nline = 0;

	r->head[r->hlen] = '\0';
	if (memchr(r->head, '\0', r->hlen))
		return http_fail(r, "the server sent a NUL byte in its headers");
	for (line = strtok_r(r->head, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line);

		if (n && line[n - 1] == '\r')
			line[--n] = '\0';
		if (n == 0)
			break;
		if (nline++ == 0) {
			if ((strncmp(line, "HTTP/1.1 ", 9) && strncmp(line, "HTTP/1.0 ", 9)) ||
			    n < 12 || strspn(line + 9, "0123456789") != 3 || (line[12] && line[12] != ' '))
				return http_fail(r, "the server's answer is not HTTP/1.x "
						    "(its first line is not a status line)");
			r->status = atoi(line + 9);
			for (size_t i = 12; i < n; i++)
				if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
					line[i] = '?';
			if (r->status != 200)
				return http_fail(r, "the server answered %d%.60s", r->status, line + 12);
		} else if (http_header(r, line) == HTTP_ERR) {
			return HTTP_ERR;
		}
	}
	if (nline == 0)
		return http_fail(r, "the server's answer is not HTTP/1.x (no status line)");
	if (r->chunked && r->has_len)
		return http_fail(r, "the server sent both a Content-Length and chunked (refused)");
	r->head_done = true;
	if (r->has_len) {
		if (r->clen > r->max_body)
			return http_fail(r, "the answer is %llu bytes, more than the %zu allowed",
					 (unsigned long long)r->clen, r->max_body);
		if (http_room(r, r->clen) == HTTP_ERR)
			return HTTP_ERR;
		if (r->clen == 0)
			r->verdict = HTTP_DONE;
	}
	return r->verdict;
}

static int hexval(uint8_t c)
{
	return c >= '0' && c <= '9' ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static int http_chunk_size_end(struct http_resp *r)
{
	r->cline = 0;
	if (r->cleft == 0) {
		r->cstate = C_TRAILER;
		return HTTP_MORE;
	}
	if (http_room(r, r->cleft) == HTTP_ERR)
		return HTTP_ERR;
	r->cstate = C_DATA;
	return HTTP_MORE;
}

/* The chunked decoder: how many bytes of p it used, or -1. */
static long http_chunked(struct http_resp *r, const uint8_t *p, size_t n)
{
	size_t i = 0;

	while (i < n && r->verdict == HTTP_MORE) {
		uint8_t c = p[i];

		if (r->cstate == C_DATA) {
			size_t k = n - i < r->cleft ? n - i : (size_t)r->cleft;

			if (http_append(r, p + i, k) == HTTP_ERR)
				return -1;
			i += k;
			if ((r->cleft -= k) == 0)
				r->cstate = C_DATA_CR;
			continue;
		}
		i++;
		if ((r->cstate <= C_SIZE_LF || r->cstate >= C_TRAILER) &&
		    ++r->cline > (r->cstate >= C_TRAILER ? HTTP_TRAILER_MAX : HTTP_CHUNK_LINE_MAX))
			return http_fail(r, "the server sent an overlong chunk line");
		switch (r->cstate) {
		case C_SIZE: {
			int h = hexval(c);

			if (h >= 0) {
				if (r->cleft > (UINT64_MAX >> 4))
					return http_fail(r, "the server sent a chunk size too large");
				r->cleft = (r->cleft << 4) | (unsigned)h;
			} else if (r->cline == 1) {
				return http_fail(r, "the server sent a bad chunk size");
			} else if (c == ';' || c == ' ' || c == '\t') {
				r->cstate = C_EXT;
			} else if (c == '\r') {
				r->cstate = C_SIZE_LF;
			} else if (c == '\n') {
				if (http_chunk_size_end(r) == HTTP_ERR)
					return -1;
			} else {
				return http_fail(r, "the server sent a bad chunk size");
			}
			break;
		}
		case C_EXT:
			if (c == '\r')
				r->cstate = C_SIZE_LF;
			else if (c == '\n' && http_chunk_size_end(r) == HTTP_ERR)
				return -1;
			else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
				return http_fail(r, "the server sent a control character in a chunk line");
			break;
		case C_SIZE_LF:
			if (c != '\n')
				return http_fail(r, "the server sent a chunk size line without its end");
			if (http_chunk_size_end(r) == HTTP_ERR)
				return -1;
			break;
		case C_DATA_CR:
			if (c == '\n')
				r->cstate = C_SIZE, r->cleft = 0, r->cline = 0;
			else if (c == '\r')
				r->cstate = C_DATA_LF;
			else
				return http_fail(r, "the server sent more data than its chunk size said");
			break;
		case C_DATA_LF:
			if (c != '\n')
				return http_fail(r, "the server sent more data than its chunk size said");
			r->cstate = C_SIZE, r->cleft = 0, r->cline = 0;
			break;
		case C_TRAILER:
			if (c == '\n')
				r->verdict = HTTP_DONE;
			else
				r->cstate = c == '\r' ? C_END_LF : C_TRAILER_LINE;
			break;
		case C_TRAILER_LINE:
			if (c == '\n')
				r->cstate = C_TRAILER;
			break;
		default: /* C_END_LF */
			if (c != '\n')
				return http_fail(r, "the server sent a bad end of its chunked body");
			r->verdict = HTTP_DONE;
			break;
		}
	}
	return (long)i;
}

int http_feed(struct http_resp *r, const uint8_t *p, size_t n)
{
	size_t i = 0;

	if (r->verdict != HTTP_MORE)
		return r->verdict;
	while (!r->head_done && i < n) {
		char c = (char)p[i++];
		size_t h = r->hlen;

		if (h + 1 >= HTTP_HEAD_MAX)
			return http_fail(r, "the server's headers are longer than %d bytes",
					 HTTP_HEAD_MAX - 1);
		r->head[r->hlen++] = c;
		if (c == '\n' && ((h >= 1 && r->head[h - 1] == '\n') ||
				  (h >= 2 && r->head[h - 1] == '\r' && r->head[h - 2] == '\n'))) {
			if (http_head(r) != HTTP_MORE)
				return r->verdict;
		}
	}
	if (!r->head_done || i == n)
		return r->verdict;
	p += i;
	n -= i;
	if (r->chunked)
		return http_chunked(r, p, n) < 0 ? HTTP_ERR : r->verdict;
	if (r->has_len) {
		size_t want = (size_t)(r->clen - r->blen);

		if (http_append(r, p, n < want ? n : want) == HTTP_ERR)
			return HTTP_ERR;
		if (r->blen == r->clen)
			r->verdict = HTTP_DONE;
		return r->verdict;
	}
	return http_append(r, p, n);
}

int http_eof(struct http_resp *r)
{
	if (r->verdict != HTTP_MORE)
		return r->verdict;
	if (!r->head_done)
		return r->hlen ? http_fail(r, "the server closed the connection in its headers")
			       : http_fail(r, "the server closed the connection without an answer");
	if (r->chunked)
		return http_fail(r, "the answer was cut short (in its chunked body, after %zu bytes)",
				 r->blen);
	if (r->has_len)
		return http_fail(r, "the answer was cut short: %zu of %llu bytes", r->blen,
				 (unsigned long long)r->clen);
	r->verdict = HTTP_DONE;
	return HTTP_DONE;
}

/* http: the package repository's HTTP/1.1 client, its pure parts (no
 * sockets, no clock): the repository URL, the GET request, and an
 * incremental, bounded parser of a server's answer (status line, headers,
 * a Content-Length, chunked or read-to-close body). Everything a server
 * sends is outside input: it is refused with a sentence, never trusted
 * (docs/packages.md, "HTTP"). */
#ifndef VYOMA_HTTP_H
#define VYOMA_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HTTP_HEAD_MAX 8192   /* status line and headers */
#define HTTP_PATH_MAX 200    /* the URL's path */
#define HTTP_REQ_MAX  512

/* http://A.B.C.D[:port][/path/]: a numeric IPv4 address (no DNS lookup in
 * PID 1), the path a folder (a '/' is added at the end). */
struct http_url {
	uint32_t addr;              /* network byte order */
	uint16_t port;              /* host order */
	char host[24];              /* "A.B.C.D:port" for the Host header */
	char path[HTTP_PATH_MAX + 2];
};

/* 0, or -1 with a sentence in err. */
int http_url_parse(const char *url, struct http_url *u, char *err, size_t errlen);

/* "GET <path><file> HTTP/1.1" with Host and Connection: close, into out
 * (HTTP_REQ_MAX bytes); file is a flat name. Its length, or -1. */
int http_request(const struct http_url *u, const char *file, char *out, size_t outlen);

enum http_rc { HTTP_ERR = -1, HTTP_MORE = 0, HTTP_DONE = 1 };

struct http_resp {
	size_t max_body;            /* a larger body is refused */
	int status;
	char head[HTTP_HEAD_MAX];
	size_t hlen;
	bool head_done;
	bool chunked, has_len;
	uint64_t clen;
	int cstate;                 /* chunked decoder state */
	uint64_t cleft;             /* the chunk's size, then the bytes left in it */
	size_t cline;               /* bytes of the chunk-size or trailer line(s) */
	uint8_t *body;              /* malloc'd, NUL after the last byte */
	size_t blen, bcap;
	int verdict;                /* HTTP_MORE, HTTP_DONE or HTTP_ERR, sticky */
	char err[200];
};

void http_resp_init(struct http_resp *r, size_t max_body);
/* The next n bytes from the server: HTTP_MORE (send more), HTTP_DONE (the
 * whole body is in r->body, r->blen) or HTTP_ERR (r->err says why). Bytes
 * after the end of the answer are ignored. */
int http_feed(struct http_resp *r, const uint8_t *p, size_t n);
/* The server closed the connection: HTTP_DONE when that ends the answer
 * (read-to-close body), else HTTP_ERR ("truncated"). */
int http_eof(struct http_resp *r);
/* Take the body (the caller frees it); r keeps nothing. */
uint8_t *http_take_body(struct http_resp *r, size_t *len);
void http_resp_free(struct http_resp *r);

#endif

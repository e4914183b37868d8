/* http.h: HTTP/1.1 request heads parsed and judged (http.c), free of the
 * SDK so the parser can be tested natively with hostile input. */
#ifndef HTTP_H
#define HTTP_H

#include <stdbool.h>
#include <stddef.h>

#define HTTP_TARGET_MAX 1024 /* longer request targets get 414 */
#define HTTP_PATH_MAX 256

struct http_req {
	int status;       /* 0 if the request is good, else the error status */
	bool head;        /* HEAD (no body in the answer) */
	bool keep_alive;  /* the connection may carry another request */
	char path[HTTP_PATH_MAX]; /* decoded, relative to the document root, no leading '/' */
};

/* Find the end of a request head in buf: the number of bytes up to and
 * including the blank line, or 0 if it is not complete yet. */
size_t http_head_len(const char *buf, size_t len);
/* Judge one complete head (len bytes, from http_head_len). */
void http_parse(const char *head, size_t len, struct http_req *r);
const char *http_reason(int status);
const char *http_mime(const char *path);

#endif

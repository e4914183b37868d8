/* cmdnet: a small HTTP/1.0 client for the network commands (get, headers):
 * http:// URLs only (there is no TLS in the SDK), IPv4, redirects
 * followed. Built on sdk/net.c's TCP and sdk/dns.c's resolver, so only a
 * command that calls it imports wasi:sockets (and must declare `network`). */
#include "sdk.h"
#include "vyoma_cmd.h"

#include <stdlib.h>
#include <string.h>

#define HTTP_TIMEOUT 15000
#define HTTP_HEAD_MAX 16384

/* A decimal number (a '+' before it taken, as vy_str_atoll does), stuck at
 * 10^6 once past it: ports and status codes, without linking the 64-bit
 * parser. */
static long http_num(const char *s, const char **end)
{
	long v = 0;
	for (s += *s == '+'; *s >= '0' && *s <= '9'; s++)
		if (v < 1000000)
			v = v * 10 + (*s - '0');
	*end = s;
	return v;
}

/* The first place pat is found in s, letters of pat (lower case) matching
 * either case; NULL if none. strstr's and vy_str_starts' work (found at s)
 * in fewer bytes, and names are found whatever their case, as HTTP and
 * URLs have them: "Location:" or "location:", "HTTP://", "HTTP/1.1". */
static char *http_find(const char *s, const char *pat)
{
	for (; *s; s++) {
		size_t i = 0;
		while (pat[i] && (s[i] | (pat[i] >= 'a' ? 32 : 0)) == pat[i])
			i++;
		if (!pat[i])
			return (char *)s;
	}
	return NULL;
}

static int http_split(const char *url, char host[256], uint16_t *port, const char **path)
{
	const char *p = url, *e;
	long v = 80;
	if (http_find(p, "http://") == p) /* the scheme in any case, as RFC 3986 has it */
		p += 7;
	else if (http_find(p, "://"))
		return vy_cmd_err("%s: only http:// URLs (no TLS here)", url);
	size_t n = strcspn(p, ":/");
	if (n == 0 || n >= 256)
		return vy_cmd_err("%s: bad host", url);
	memcpy(host, p, n);
	host[n] = '\0';
	e = p + n;
	if (*e == ':')
		v = http_num(e + 1, &e);
	if (v < 1 || v > 65535 || (*e && *e != '/'))
		return vy_cmd_err("%s: bad port", url);
	*port = (uint16_t)v;
	*path = *e ? e : "/";
	return 0;
}

/* A space or a control byte: in the request line or the Host header it
 * would end them and start another header (or request) of its own. */
static bool http_bad(const char *s)
{
	while ((unsigned char)*s > ' ' && *s != 0x7f)
		s++;
	return *s != '\0';
}

int vy_cmd_http(const char *method, const char *url, vy_http_fn on_head, vy_http_fn on_body)
{
	static char host[256], head[HTTP_HEAD_MAX + 1], buf[65536], loc[HTTP_HEAD_MAX + 1];
	wasi_sockets_network_ipv4_address_t ip;
	const char *path;
	uint16_t port;
	int rc = -1;

	for (int hops = 0, again = 1; again && hops < 6; hops++) {
		vy_tcp_t c = {0};
		size_t hl = 0;
		char *end = NULL;
		long n;
		again = 0;
		/* a redirect to a path on the same host keeps host and port */
		if (url && http_split(url, host, &port, &path) != 0)
			break;
		url = NULL;
		if (http_bad(host) || http_bad(path)) { /* from the user's URL or a server's Location */
			vy_cmd_err("%s: bad URL (a space or a control character)", host);
			break;
		}
		int ql = vy_snprintf(buf, sizeof buf, "%s %s HTTP/1.0\r\nHost: %s\r\nUser-Agent: vyoma\r\nAccept: */*\r\nConnection: close\r\n\r\n",
				     method, path, host);
		if (sdk_net_resolve4(host, &ip, HTTP_TIMEOUT) != 0 || sdk_net_connect4(&ip, port, &c, HTTP_TIMEOUT) != 0 ||
		    ql >= (int)sizeof buf || vy_net_write(&c, buf, (size_t)ql) != 0) {
			vy_cmd_err("%s: %s", host, vy_err_str(vy_net_err()));
			goto next;
		}
		/* the head, up to the blank line; what follows it is body */
		while (!end && hl < HTTP_HEAD_MAX && (n = vy_net_read(&c, head + hl, HTTP_HEAD_MAX - hl, HTTP_TIMEOUT)) > 0) {
			hl += (size_t)n;
			head[hl] = '\0';
			end = http_find(head, "\r\n\r\n");
		}
		if (!end || http_find(head, "http/") != head) {
			vy_cmd_err("%s: no HTTP answer", host);
			goto next;
		}
		size_t body = (size_t)(end + 4 - head);
		const char *sp = strchr(head, ' ');
		int status = sp ? (int)http_num(sp + 1, &sp) : 0;
		const char *l = NULL;
		if (status / 100 == 3)
			l = http_find(head, "\r\nlocation: ");
		if (l && end > l) {
			size_t ln = strcspn(l + 12, "\r");
			memcpy(loc, l + 12, ln);
			loc[ln] = '\0';
			*(loc[0] == '/' ? &path : &url) = loc;
			again = 1;
		} else if (on_head && on_head(head, body) != 0) {
			rc = 0; /* the caller had what it asked for */
		} else {
			if (status >= 400)
				on_body = NULL; /* an error page is not the document */
			if (on_body && hl > body)
				on_body(head + body, hl - body);
			while (on_body && (n = vy_net_read(&c, buf, sizeof buf, HTTP_TIMEOUT)) > 0)
				if (on_body(buf, (size_t)n) != 0)
					break;
			rc = status >= 400 ? vy_cmd_err("server returned error: %.*s", (int)strcspn(head, "\r"), head) : 0;
		}
next:
		vy_net_close(&c);
	}
	return rc;
}

/* stdin read as a socket's stream is (sdk/net.c's vy_net_read: read, and
 * poll its pollable while nothing is there), with no time limit. */
long vy_cmd_net_stdin(void *buf, size_t cap)
{
	static vy_tcp_t in;
	if (!in.in)
		in.in = wasi_cli_stdin_get_stdin().__handle;
	return vy_net_read(&in, buf, cap, -1);
}

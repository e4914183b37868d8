/* httpc: the event-loop HTTP client of the package repository (httpc.h).
 * States: connecting (EV_OUT, then SO_ERROR), sending the request
 * (EV_OUT until written), reading (EV_IN until lib/http says done, or the
 * server closes). One timer bounds the whole exchange; a refusal by the
 * parser (garbage, oversize, truncation) ends it at once. */
#include "httpc.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ev.h"

#define HTTPC_READ 65536

struct httpc {
	int fd;
	bool connected;
	char req[HTTP_REQ_MAX];
	size_t reqlen, sent;
	char file[128];
	char host[24];
	unsigned timeout_ms;
	struct http_resp r;
	ev_timer_id t;
	httpc_fn fn;
	void *ctx;
};

static void httpc_close(struct httpc *h)
{
	ev_timer_clear(&h->t);
	if (h->fd >= 0) {
		ev_fd_del(h->fd);
		close(h->fd);
		h->fd = -1;
	}
	http_resp_free(&h->r);
	free(h);
}

void httpc_cancel(struct httpc *h)
{
	if (h)
		httpc_close(h);
}

/* The end: fn hears the body or why not, then h is gone. */
static void httpc_done(struct httpc *h, const char *why)
{
	httpc_fn fn = h->fn;
	void *ctx = h->ctx;
	char err[300];
	uint8_t *body = NULL;
	size_t len = 0;

	if (why)
		snprintf(err, sizeof err, "%s: %s", h->file, why);
	else
		body = http_take_body(&h->r, &len);
	if (!why && !body && !(body = calloc(1, 1)))
		snprintf(err, sizeof err, "%s: out of memory", h->file), why = err;
	httpc_close(h);
	fn(ctx, why ? NULL : body, len, why ? err : NULL);
}

static void httpc_timeout(void *ctx)
{
	struct httpc *h = ctx;
	char why[96];

	h->t = 0;
	snprintf(why, sizeof why, "no complete answer within %u s (%zu bytes so far)",
		 h->timeout_ms / 1000, h->r.hlen + h->r.blen);
	httpc_done(h, why);
}

static void httpc_read(struct httpc *h)
{
	uint8_t buf[HTTPC_READ];

	for (;;) {
		ssize_t n = recv(h->fd, buf, sizeof buf, 0);
		int rc;

		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (n < 0) {
			httpc_done(h, strerror(errno));
			return;
		}
		rc = n == 0 ? http_eof(&h->r) : http_feed(&h->r, buf, (size_t)n);
		if (rc != HTTP_MORE) {
			httpc_done(h, rc == HTTP_DONE ? NULL : h->r.err);
			return;
		}
	}
}

static void httpc_io(int fd, unsigned events, void *ctx)
{
	struct httpc *h = ctx;

	(void)fd;
	if (!h->connected) {
		int e = 0;
		socklen_t l = sizeof e;

		if (getsockopt(h->fd, SOL_SOCKET, SO_ERROR, &e, &l) < 0)
			e = errno;
		if (e) {
			char why[96];

			snprintf(why, sizeof why, "cannot connect to %s: %s", h->host, strerror(e));
			httpc_done(h, why);
			return;
		}
		h->connected = true;
	}
	if (h->sent < h->reqlen && (events & (EV_OUT | EV_ERR | EV_HUP))) {
		ssize_t n = send(h->fd, h->req + h->sent, h->reqlen - h->sent, MSG_NOSIGNAL);

		if (n < 0 && errno != EAGAIN && errno != EINTR) {
			httpc_done(h, strerror(errno));
			return;
		}
		if (n > 0)
			h->sent += (size_t)n;
		if (h->sent == h->reqlen)
			ev_fd_mod(h->fd, EV_IN);
		return;
	}
	httpc_read(h);
}

struct httpc *httpc_get(const struct http_url *u, const char *file, size_t max,
			unsigned timeout_ms, httpc_fn fn, void *ctx, char *err, size_t errlen)
{
	struct httpc *h = calloc(1, sizeof *h);
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int len;

	if (!h) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	h->fd = -1;
	http_resp_init(&h->r, max);
	snprintf(h->file, sizeof h->file, "%s", file);
	snprintf(h->host, sizeof h->host, "%s", u->host);
	h->fn = fn;
	h->ctx = ctx;
	h->timeout_ms = timeout_ms;
	if ((len = http_request(u, file, h->req, sizeof h->req)) < 0) {
		snprintf(err, errlen, "%.100s: not a file name a repository may serve", file);
		goto fail;
	}
	h->reqlen = (size_t)len;
	sa.sin_addr.s_addr = u->addr;
	sa.sin_port = htons(u->port);
	h->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (h->fd < 0 || (connect(h->fd, (struct sockaddr *)&sa, sizeof sa) < 0 &&
			  errno != EINPROGRESS)) {
		snprintf(err, errlen, "cannot connect to %s: %s", u->host, strerror(errno));
		goto fail;
	}
	if (ev_fd_add(h->fd, EV_OUT, httpc_io, h) < 0 ||
	    !(h->t = ev_timer_add(timeout_ms, httpc_timeout, h))) {
		snprintf(err, errlen, "cannot watch the connection");
		goto fail;
	}
	return h;
fail:
	httpc_close(h);
	return NULL;
}

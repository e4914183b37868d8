/* httpd: an HTTP/1.1 server for the files under /data/www (made, with a
 * welcome page, when it does not exist), on port 8080
 * (the port QEMU forwards) or another one chosen by the message
 * "listen <port>" (0: any free port; the answer names it). Serves up to 8
 * connections at once from one event loop (sockets are watched by vy_ev_wait
 * beside stdin), keeps connections alive, answers GET and HEAD, and refuses
 * everything else with the right status code without stopping. The parser
 * is http.c (fuzz/fuzz_httpd.c). Size: about 14.1 KB, above the 10 KB aim:
 * the component's wrapper for its 24 WASI functions (files, sockets,
 * streams, poll, clocks) is 4.8 KB, and an app that only makes the SDK
 * calls httpd makes was 11.0 KB (before session 8's
 * wrapper and SDK cuts); the parser, the tables, the headers and
 * the serving are the rest (docs/sdk.md, "Size"). Every text is joined
 * from pieces (sdk/join.c): no formatter. */
#include <vyoma.h>

#include <string.h>

#include "http.h"

#define ROOT "www"
#define MAXCONN 8
#define BUF 4096
#define IDLE_MS 10000

/* In use while t is open (vy_net_close clears it); t first, so the socket
 * vy_ev_wait names is the connection. */
struct conn {
	vy_tcp_t t;
	char buf[BUF];
	size_t len;
	uint64_t idle_at;
};

static vy_tcp_t listener; /* listening while open */
static int port;
static struct conn conns[MAXCONN];
static unsigned served, refused;
/* a file's bytes on their way out, and what a refused client still sends */
static char chunk[16384];

static int listen_on(int p)
{
	vy_net_close(&listener);
	port = 0;
	if (vy_net_listen(NULL, (uint16_t)p, &listener) != 0 || vy_net_watch(&listener) != 0) {
		/* on stdout, as its other lines: the app's log either way, and no
		 * wasi:cli/stderr import for this one line */
		vy_join_s("httpd: cannot listen on port ");
		vy_join_d(p);
		vy_join_s(": ");
		vy_join_s(vy_err_str(vy_net_err()));
		vy_line(vy_join_end());
		return -1;
	}
	port = vy_net_local_port(&listener);
	vy_join_s("httpd: listening on port ");
	vy_join_d(port);
	vy_line(vy_join_end());
	return 0;
}

/* The number of "listen <port>", as vy_str_atoll reads it but in 32 bits
 * (the same port: listen_on keeps its low 16), without the 64-bit parser. */
static int port_of(const char *s)
{
	unsigned v = 0;
	bool neg = *s == '-';

	for (s += *s == '-' || *s == '+'; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (unsigned)(*s - '0');
	return (int)(neg ? 0 - v : v);
}

static void drop(struct conn *c)
{
	vy_net_close(&c->t);
}

/* After an error answer: read what the client still sends (briefly), so
 * closing with unread data does not reset the connection and destroy the
 * answer before the client reads it. */
static void linger_drop(struct conn *c)
{
	long n;
	for (int total = 0; total < 65536; total += (int)n)
		if ((n = vy_net_read(&c->t, chunk, 2048, 50)) <= 0)
			break;
	drop(c);
}

/* A head, joined (sdk/join.c) but not written: a body may follow, then
 * send_joined writes both at once. Every text of httpd is joined from
 * pieces: it links no formatter. */
static void join_head(int status, const char *type, uint64_t length, bool keep)
{
	vy_join_s("HTTP/1.1 ");
	vy_join_d(status);
	vy_join_s(" ");
	vy_join_s(http_reason(status));
	vy_join_s("\r\nServer: vyoma-httpd\r\nContent-Type: ");
	vy_join_s(type);
	vy_join_s("\r\nContent-Length: ");
	vy_join_d((long long)length);
	vy_join_s(status == 405 ? "\r\nAllow: GET, HEAD\r\nConnection: " : "\r\nConnection: ");
	vy_join_s(keep ? "keep-alive" : "close"); /* the parser's strings */
	vy_join_s("\r\n\r\n");
}

static int send_joined(vy_tcp_t *t)
{
	const char *h = vy_join_end();
	return vy_net_write(t, h, strlen(h));
}

/* An error page: PAGE_A status PAGE_B status " " reason PAGE_C. Its
 * length is known before it is joined: every status here has three digits. */
#define PAGE_A "<!doctype html><title>"
#define PAGE_B "</title><h1>"
#define PAGE_C "</h1>\n"

static int send_error(vy_tcp_t *t, int status, bool head)
{
	const char *why = http_reason(status);

	refused++;
	join_head(status, http_mime(".html"), sizeof PAGE_A + sizeof PAGE_B + sizeof PAGE_C - 3 + 3 + 3 + 1 + strlen(why),
		  false);
	if (!head) {
		vy_join_s(PAGE_A);
		vy_join_d(status);
		vy_join_s(PAGE_B);
		vy_join_d(status);
		vy_join_s(" ");
		vy_join_s(why);
		vy_join_s(PAGE_C);
	}
	return send_joined(t);
}

/* Serve one file; 0, or -1 if the connection broke. */
static int send_file(struct conn *c, const struct http_req *r, const char *path)
{
	uint64_t size, off = 0;
	bool dir;

	if (vy_fs_stat(path, &size, &dir) != 0 || dir)
		return send_error(&c->t, 404, r->head);
	join_head(200, http_mime(path), size, r->keep_alive);
	if (send_joined(&c->t) != 0)
		return -1;
	served++;
	while (!r->head && off < size) {
		size_t got;
		if (vy_fs_read_at(path, off, chunk, sizeof chunk, &got) != 0 || got == 0)
			return -1; /* the file shrank: the length is promised, so drop the connection */
		if (vy_net_write(&c->t, chunk, got) != 0)
			return -1;
		off += got;
	}
	return 0;
}

/* Answer every complete request in the buffer; false when c is closed. */
static bool serve(struct conn *c)
{
	for (;;) {
		size_t hl = http_head_len(c->buf, c->len);
		/* static: no stack frame for them (one request at a time) */
		static struct http_req r;
		static char path[HTTP_PATH_MAX + 16];
		const char *what = "- -";
		int rc;

		if (!hl) {
			if (c->len < BUF)
				return true;
			/* a head that does not fit: its request line, or its headers, are too long */
			r.status = memchr(c->buf, '\n', c->len) ? 431 : 414;
			r.head = false;
		} else {
			http_parse(c->buf, hl, &r);
			what = r.path[0] ? r.path : "-";
		}
		if (r.status) {
			send_error(&c->t, r.status, r.head);
			r.path[40] = '\0'; /* the log shows at most 40 bytes of it */
			vy_join_s("httpd: ");
			vy_join_s(what);
			vy_join_s(" ");
			vy_join_d(r.status);
			vy_line(vy_join_end());
			linger_drop(c);
			return false;
		}
		size_t n = strlen(r.path);
		vy_join_s(ROOT "/");
		vy_join_s(r.path);
		vy_join_s(n == 0 || r.path[n - 1] == '/' ? "index.html" : "");
		vy_str_copy(path, vy_join_end(), sizeof path);
		rc = send_file(c, &r, path);
		vy_print(r.head ? "httpd: HEAD /" : "httpd: GET /");
		vy_line(r.path);
		memmove(c->buf, c->buf + hl, c->len - hl);
		c->len -= hl;
		if (rc != 0 || !r.keep_alive) {
			drop(c);
			return false;
		}
	}
}

static void on_socket(vy_tcp_t *t)
{
	if (t == &listener) {
		struct conn *c = NULL;
		vy_tcp_t nc;
		if (vy_net_accept(&listener, &nc, 0) != 0)
			return;
		for (int i = 0; i < MAXCONN && !c; i++)
			if (!conns[i].t.open)
				c = &conns[i];
		if (!c) {
			send_error(&nc, 503, false);
			vy_net_close(&nc);
			return;
		}
		c->t = nc;
		c->len = 0;
		c->idle_at = vy_time_ms() + IDLE_MS;
		if (vy_net_watch(&c->t) != 0)
			drop(c);
		return;
	}
	struct conn *c = (struct conn *)t;
	long n = vy_net_read(&c->t, c->buf + c->len, BUF - c->len, 0);
	if (n < 0 && vy_net_err() == VY_E_TIMEOUT)
		return; /* woken with nothing to read yet */
	if (n <= 0) {
		drop(c);
		return;
	}
	c->len += (size_t)n;
	c->idle_at = vy_time_ms() + IDLE_MS;
	serve(c);
}

/* First run: a document root with a welcome page, so a fresh system
 * answers on port 8080 at once. An existing www/ is left alone. */
static void first_run(void)
{
	static const char page[] = "<!doctype html><title>VyomaOS</title>\n"
				   "<h1>VyomaOS httpd</h1>\n<p>Put files in /data/www to serve them.</p>\n";
	if (vy_fs_mkdir(ROOT) != 0) /* it exists (or cannot be made) */
		return;
	/* written in place, not saved (temporary file and rename): made once,
	 * in a new folder, and no rename-at import for it */
	if (vy_fs_write(ROOT "/index.html", page, sizeof page - 1) == 0)
		vy_line("httpd: made /data/www/index.html");
}

int main(void)
{
	struct vy_event ev;
	int open;

	first_run();
	listen_on(8080);
	vy_sys_ready();
	for (;;) {
		uint64_t now = vy_time_ms(), soonest = now + 60000;
		for (int i = 0; i < MAXCONN; i++) {
			if (conns[i].t.open && conns[i].idle_at <= now)
				drop(&conns[i]);
			else if (conns[i].t.open && conns[i].idle_at < soonest)
				soonest = conns[i].idle_at;
		}
		/* never 0 (soonest is past now): "| 1" lets the compiler see it, so
		 * vy_ev_wait's wait-for-nothing path and its import go */
		switch (vy_ev_wait(&ev, (int64_t)(soonest - now) | 1)) {
		case VY_EV_EOF:
			return 0;
		case VY_EV_TCP:
			on_socket(ev.tcp);
			break;
		case VY_EV_MESSAGE:
			if (vy_str_starts(ev.text, "listen ")) {
				if (listen_on(port_of(ev.text + 7)) == 0)
					vy_join_s("listening "), vy_join_d(port);
				else
					vy_join_s("error: "), vy_join_s(vy_err_str(vy_net_err()));
				vy_join_answer();
			} else if (strcmp(ev.text, "state") == 0) {
				open = 0;
				for (int i = 0; i < MAXCONN; i++)
					open += conns[i].t.open;
				vy_join_s("port ");
				vy_join_d(port);
				vy_join_s(" served ");
				vy_join_d(served);
				vy_join_s(" refused ");
				vy_join_d(refused);
				vy_join_s(" open ");
				vy_join_d(open);
				vy_join_answer();
			} else if (!vy_str_starts(ev.text, "error")) {
				vy_join_s("error: unknown command (listen <port>, state)");
				vy_join_answer();
			}
			break;
		default:
			break;
		}
	}
}

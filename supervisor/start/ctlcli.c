/* ctlcli: `vyoma ctl SOCK LINE...`, a client of the control socket for
 * scripts and people (docs/protocol.md). Each LINE is sent as one line;
 * for a command (`@supervisor: ...`) or a test verb (`VYOMA_TEST:...`) the
 * answer is read up to its end (`ok <verb>` or an error) and printed, one
 * line each, without the prefix; a message to an app (`@app: ...`) gets no
 * answer and the next line follows. Lines that are not the answer (an
 * app's `@console:` message arriving meanwhile) are printed as they are.
 * Exit status: 0, 1 if an answer was an error, 2 if the socket could not
 * be used or an answer did not come within the time limit. */
#include "ctlcli.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define CTLCLI_TIMEOUT_MS 30000
#define CTLCLI_LINE_MAX 65536

static const struct {
	const char *prefix;  /* of the line sent and of its answer */
	const char *ok, *err; /* the answer's last line, after the prefix */
} ctlcli_kinds[] = {
	{ "@supervisor: ", "ok ", "error: " },
	{ "VYOMA_TEST:", "ok ", "error" },
};

int ctlcli_expect(const char *sent, struct ctlcli_wait *w)
{
	const char *p;
	size_t n;

	memset(w, 0, sizeof *w);
	for (size_t i = 0; i < sizeof ctlcli_kinds / sizeof ctlcli_kinds[0]; i++) {
		size_t pl = strlen(ctlcli_kinds[i].prefix);

		if (strncmp(sent, ctlcli_kinds[i].prefix, pl) != 0)
			continue;
		p = sent + pl;
		n = strcspn(p, " :");
		if (n == 0 || n >= sizeof w->verb)
			return -1;
		w->kind = (int)i + 1;
		memcpy(w->verb, p, n);
		w->verb[n] = '\0';
		return 1;
	}
	return 0;
}

enum ctlcli_verdict ctlcli_answer(const struct ctlcli_wait *w, const char *line, const char **text)
{
	const char *pre, *t;
	size_t vl;

	*text = line;
	if (!w->kind)
		return CTLCLI_OTHER;
	pre = ctlcli_kinds[w->kind - 1].prefix;
	if (strncmp(line, pre, strlen(pre)) != 0)
		return CTLCLI_OTHER;
	t = *text = line + strlen(pre);
	if (strncmp(t, ctlcli_kinds[w->kind - 1].err, strlen(ctlcli_kinds[w->kind - 1].err)) == 0)
		return CTLCLI_ERROR;
	vl = strlen(w->verb);
	if (strncmp(t, "ok ", 3) == 0 && strncmp(t + 3, w->verb, vl) == 0 &&
	    (t[3 + vl] == '\0' || t[3 + vl] == ' '))
		return CTLCLI_OK;
	return CTLCLI_PART;
}

static long long ctlcli_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

struct ctlcli_conn {
	int fd;
	char *buf;
	size_t len;
	size_t used; /* bytes of buf handed out as the last line */
};

/* The next line (NUL-terminated, without '\n') into *line; 0, or -1 on
 * EOF, error or time-out (err says which). */
static int ctlcli_read_line(struct ctlcli_conn *c, long long deadline, char **line, char *err,
			    size_t errlen)
{
	if (c->used) {
		memmove(c->buf, c->buf + c->used, c->len - c->used);
		c->len -= c->used;
		c->used = 0;
	}
	for (;;) {
		char *nl = memchr(c->buf, '\n', c->len);
		struct pollfd pfd = { .fd = c->fd, .events = POLLIN };
		long long left;
		ssize_t r;

		if (nl) {
			*nl = '\0';
			*line = c->buf;
			c->used = (size_t)(nl - c->buf) + 1;
			return 0;
		}
		if (c->len == CTLCLI_LINE_MAX) {
			snprintf(err, errlen, "a line longer than %d bytes", CTLCLI_LINE_MAX);
			return -1;
		}
		left = deadline - ctlcli_ms();
		if (left <= 0 || poll(&pfd, 1, (int)left) == 0) {
			snprintf(err, errlen, "no answer within %d s", CTLCLI_TIMEOUT_MS / 1000);
			return -1;
		}
		r = read(c->fd, c->buf + c->len, CTLCLI_LINE_MAX - c->len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			snprintf(err, errlen, "%s", r ? strerror(errno) : "the supervisor closed the socket");
			return -1;
		}
		c->len += (size_t)r;
	}
}

static int ctlcli_connect(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof sa.sun_path) {
		snprintf(err, errlen, "socket path too long: %s", path);
		return -1;
	}
	strcpy(sa.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0) {
		snprintf(err, errlen, "cannot connect to %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* Sends one line and prints its answer; 0, 1 (an error answer), 2. */
static int ctlcli_one(struct ctlcli_conn *c, const char *sent, char *err, size_t errlen)
{
	struct ctlcli_wait w;
	long long deadline = ctlcli_ms() + CTLCLI_TIMEOUT_MS;
	char *line;
	const char *text;

	if (strchr(sent, '\n') || ctlcli_expect(sent, &w) < 0) {
		snprintf(err, errlen, "not one protocol line: %.80s", sent);
		return 2;
	}
	if (dprintf(c->fd, "%s\n", sent) < 0) {
		snprintf(err, errlen, "write: %s", strerror(errno));
		return 2;
	}
	if (!w.kind)
		return 0;
	for (;;) {
		if (ctlcli_read_line(c, deadline, &line, err, errlen) < 0)
			return 2;
		switch (ctlcli_answer(&w, line, &text)) {
		case CTLCLI_OK:
			puts(text);
			return 0;
		case CTLCLI_ERROR:
			puts(text);
			return 1;
		case CTLCLI_PART:
		case CTLCLI_OTHER:
			puts(text);
			break;
		}
	}
}

int ctlcli_main(int argc, char **argv)
{
	struct ctlcli_conn c = { .fd = -1 };
	char err[256] = "";
	int rc = 0, r;

	if (argc < 2) {
		fputs("usage: vyoma ctl SOCK LINE...   e.g. vyoma ctl build/ctl.sock '@supervisor: ps'\n",
		      stderr);
		return 2;
	}
	c.buf = malloc(CTLCLI_LINE_MAX);
	if (!c.buf) {
		fputs("vyoma ctl: out of memory\n", stderr);
		return 2;
	}
	c.fd = ctlcli_connect(argv[0], err, sizeof err);
	if (c.fd < 0) {
		rc = 2;
		goto out;
	}
	for (int i = 1; i < argc; i++) {
		r = ctlcli_one(&c, argv[i], err, sizeof err);
		fflush(stdout);
		if (r == 2) {
			rc = 2;
			goto out;
		}
		if (r)
			rc = 1;
	}
out:
	if (err[0])
		fprintf(stderr, "vyoma ctl: %s\n", err);
	if (c.fd >= 0)
		close(c.fd);
	free(c.buf);
	return rc;
}

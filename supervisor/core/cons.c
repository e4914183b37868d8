/* cons: the one writer of the console (issue 11, item 4). PID 1 must never
 * wait for its console: a serial line drains at about 10 KB/s, and an app
 * that logs without pause would otherwise hold the supervisor in write()
 * for as long as the line needs. So the console is opened a second time,
 * non-blocking (the shared open file of fds 0-2 keeps its flags: PID 1's
 * keyboard reads it, a hosted shell owns it), lines wait in bounded lanes,
 * and the event loop writes them when the fd says EPOLLOUT.
 *
 * Lanes: the supervisor's own lines (events, the readiness line) have their
 * lane with reserved room and go first; each app has its lane with a quota,
 * served round-robin, one line per turn, so an app that floods gets its
 * share and no more, and other apps' lines still flow. A line that does not
 * fit is dropped and counted per lane; once a second at most, one line per
 * lane says how many ("console: dropped N lines from APP (console too
 * slow)"). App lines still reach their log ring in full (app_io.c): only the
 * console copy is dropped. Text arrives here already made safe for a
 * terminal (lib/esc.c); this module only moves bytes. It knows nothing of
 * apps but their names. */
#include "cons.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ev.h"
#include "log.h"
#include "outq.h"

struct cons_lane {
	char name[CONS_NAME_MAX + 1];
	struct outq q;    /* its waiting lines, each with its '\n' */
	uint64_t dropped; /* since the last report */
	bool used;
};

static struct {
	enum cons_mode mode;
	int fd, orig_fd, stdout_fd;
	bool own_fd, stdout_same, watching, flushing;
	struct cons_lane sup;
	struct cons_lane lanes[CONS_SRC_MAX];
	unsigned next;       /* round-robin: the lane served next */
	size_t apps_len;     /* bytes waiting in every app lane */
	uint64_t lost_other; /* app lines dropped when every lane was taken */
	char out[CONS_OUT_MAX];
	size_t out_head, out_len;
	ev_timer_id t_report;
	struct cons_stats st;
} cons = { .fd = 2, .orig_fd = 2, .stdout_fd = 1, .sup = { .name = "supervisor", .q = { .limit = CONS_SUP_CAP } } };

/* ---- lanes ------------------------------------------------------------------------ */

static int cons_lane_push(struct cons_lane *l, const char *line, size_t len)
{
	struct iovec iov[2] = { { (void *)line, len }, { "\n", 1 } };
	return outq_pushv(&l->q, iov, 2) == OUTQ_OK ? 0 : -1;
}

/* Move the lane's first line to the output buffer; its length. */
static size_t cons_lane_pop(struct cons_lane *l)
{
	size_t n = outq_take_line(&l->q, cons.out + cons.out_len, CONS_OUT_MAX - cons.out_len);

	cons.out_len += n;
	return n;
}

static void cons_lane_release(struct cons_lane *l)
{
	outq_free(&l->q);
	memset(l, 0, sizeof *l);
}

static struct cons_lane *cons_lane_get(const char *name)
{
	static unsigned last; /* a flood comes from one app: look there first */
	struct cons_lane *free_lane = NULL;

	if (cons.lanes[last].used && !strcmp(cons.lanes[last].name, name))
		return &cons.lanes[last];
	for (unsigned i = 0; i < CONS_SRC_MAX; i++) {
		struct cons_lane *l = &cons.lanes[i];
		if (l->used && !strcmp(l->name, name)) {
			last = i;
			return l;
		}
		if (!l->used && !free_lane)
			free_lane = l;
	}
	if (free_lane) {
		last = (unsigned)(free_lane - cons.lanes);
		free_lane->used = true;
		snprintf(free_lane->name, sizeof free_lane->name, "%s", name);
		outq_init(&free_lane->q, CONS_SRC_CAP);
	}
	return free_lane;
}

/* The next app lane with a line waiting, in turn. */
static struct cons_lane *cons_lane_next(void)
{
	for (unsigned i = 0; i < CONS_SRC_MAX; i++) {
		unsigned k = (cons.next + i) % CONS_SRC_MAX;
		if (outq_pending(&cons.lanes[k].q)) {
			cons.next = (k + 1) % CONS_SRC_MAX;
			return &cons.lanes[k];
		}
	}
	return NULL;
}

/* ---- writing ---------------------------------------------------------------------- */

static void cons_write_all(int fd, const char *line, size_t len)
{
	char buf[CONS_LINE_MAX];

	if (len > sizeof buf - 1)
		len = sizeof buf - 1;
	memcpy(buf, line, len);
	buf[len++] = '\n';
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, buf + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		off += (size_t)w;
	}
}

static void cons_watch(bool on)
{
	if (on != cons.watching && ev_fd_mod(cons.fd, on ? EV_OUT : 0) == 0)
		cons.watching = on;
}

/* The supervisor's lane first, then one line per app lane in turn. */
static void cons_fill(void)
{
	while (CONS_OUT_MAX - cons.out_len >= CONS_LINE_MAX) {
		struct cons_lane *l = outq_pending(&cons.sup.q) ? &cons.sup : cons_lane_next();
		if (!l)
			return;
		size_t n = cons_lane_pop(l);
		if (!n)
			return; /* cannot happen: a line is at most CONS_LINE_MAX */
		if (l == &cons.sup)
			continue;
		cons.apps_len -= n;
		if (!outq_pending(&l->q) && !l->dropped)
			cons_lane_release(l);
	}
}

static void cons_discard_all(void)
{
	for (unsigned i = 0; i < CONS_SRC_MAX; i++)
		if (cons.lanes[i].used)
			cons_lane_release(&cons.lanes[i]);
	outq_free(&cons.sup.q);
	outq_init(&cons.sup.q, CONS_SUP_CAP);
	cons.apps_len = cons.out_len = cons.out_head = 0;
}

/* The reader went away (a closed pipe, a hung-up terminal): from now on
 * lines are counted, not kept. */
static void cons_gone(void)
{
	ev_fd_del(cons.fd);
	cons.watching = false;
	cons.mode = CONS_GONE;
	cons_discard_all();
}

static void cons_flush(void)
{
	if (cons.mode != CONS_QUEUED || cons.flushing)
		return;
	cons.flushing = true;
	for (;;) {
		if (!cons.out_len) {
			cons.out_head = 0;
			cons_fill();
			if (!cons.out_len)
				break;
		}
		ssize_t w = write(cons.fd, cons.out + cons.out_head, cons.out_len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			cons_watch(true);
			goto out;
		}
		if (w <= 0) {
			cons_gone();
			goto out;
		}
		cons.out_head += (size_t)w;
		cons.out_len -= (size_t)w;
		cons.st.bytes += (uint64_t)w;
	}
	cons_watch(false);
out:
	cons.flushing = false;
}

static void cons_on_event(int fd, unsigned events, void *ctx)
{
	(void)fd;
	(void)ctx;
	if (events & (EV_ERR | EV_HUP))
		cons_gone();
	else
		cons_flush();
}

/* ---- drops ------------------------------------------------------------------------ */

static void cons_report(void *ctx)
{
	uint64_t n;

	(void)ctx;
	cons.t_report = 0;
	if ((n = cons.sup.dropped)) {
		cons.sup.dropped = 0;
		log_warn(NULL, "console: dropped %" PRIu64 " of the supervisor's lines (console too slow)", n);
	}
	for (unsigned i = 0; i < CONS_SRC_MAX; i++) {
		struct cons_lane *l = &cons.lanes[i];
		if (!l->used || !l->dropped)
			continue;
		n = l->dropped;
		l->dropped = 0;
		log_warn(NULL, "console: dropped %" PRIu64 " lines from %s (console too slow)", n, l->name);
		if (!outq_pending(&l->q))
			cons_lane_release(l);
	}
	if ((n = cons.lost_other)) {
		cons.lost_other = 0;
		log_warn(NULL, "console: dropped %" PRIu64 " lines from other apps (console too slow)", n);
	}
}

static void cons_dropped(struct cons_lane *l)
{
	cons.st.dropped++;
	if (l)
		l->dropped++;
	else
		cons.lost_other++;
	if (!cons.t_report)
		cons.t_report = ev_timer_add(CONS_REPORT_MS, cons_report, NULL);
}

/* ---- the interface ---------------------------------------------------------------- */

/* Before cons_open, into a file, or with the reader gone: no queue. True
 * when the line was dealt with here. */
static bool cons_unqueued(const char *line, size_t len)
{
	if (cons.mode == CONS_DIRECT) {
		cons.st.lines++;
		cons.st.bytes += len + 1;
		cons_write_all(cons.fd, line, len);
		return true;
	}
	if (cons.mode == CONS_GONE) {
		cons.st.dropped++;
		return true;
	}
	return false;
}

static void cons_push(struct cons_lane *l, const char *line, size_t len)
{
	bool app = l != &cons.sup;

	if (len > CONS_LINE_MAX - 1)
		len = CONS_LINE_MAX - 1;
	if ((app && cons.apps_len + len + 1 > CONS_APPS_CAP) ||
	    cons_lane_push(l, line, len) < 0) {
		cons_dropped(l);
		return;
	}
	if (app)
		cons.apps_len += len + 1;
	cons.st.lines++;
	if (!cons.watching)
		cons_flush();
}

void cons_sup(const char *line, size_t len)
{
	if (!cons_unqueued(line, len))
		cons_push(&cons.sup, line, len);
}

void cons_app(const char *src, const char *line, size_t len)
{
	struct cons_lane *l;

	if (cons_unqueued(line, len))
		return;
	if (!(l = cons_lane_get(src))) {
		cons_dropped(NULL);
		return;
	}
	cons_push(l, line, len);
	if (!outq_pending(&l->q) && !l->dropped)
		cons_lane_release(l); /* written at once */
}

void cons_stdout(const char *line, size_t len)
{
	if (cons.mode != CONS_DIRECT && cons.stdout_same)
		cons_sup(line, len);
	else
		cons_write_all(cons.stdout_fd, line, len);
}

int cons_open(int fd, int stdout_fd)
{
	struct stat st, so;
	char path[64];
	int nfd;

	cons.fd = cons.orig_fd = fd;
	cons.stdout_fd = stdout_fd;
	if (fstat(fd, &st) < 0)
		return -1;
	cons.stdout_same = fstat(stdout_fd, &so) == 0 && so.st_dev == st.st_dev &&
			   so.st_ino == st.st_ino && so.st_rdev == st.st_rdev;
	if (S_ISREG(st.st_mode))
		return 0; /* a file takes every write at once: direct */
	if (!S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode)) {
		log_warn(NULL, "console: fd %d is no pipe or terminal: written directly", fd);
		return -1;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	nfd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (nfd < 0) {
		log_warn(NULL, "console: cannot open it again non-blocking (%s): written directly, "
			       "a slow console can stall the supervisor", strerror(errno));
		return -1;
	}
	if (ev_fd_add(nfd, 0, cons_on_event, NULL) < 0) {
		close(nfd); /* cannot be polled (/dev/null): never makes us wait */
		return 0;
	}
	cons.fd = nfd;
	cons.own_fd = true;
	cons.mode = CONS_QUEUED;
	return 0;
}

void cons_close(unsigned drain_ms)
{
	uint64_t end = ev_now_ms() + drain_ms;

	if (cons.t_report) {
		ev_timer_clear(&cons.t_report);
		cons_report(NULL);
	}
	if (cons.mode == CONS_QUEUED) {
		cons_flush();
		while (cons.watching && ev_now_ms() < end) {
			struct pollfd p = { .fd = cons.fd, .events = POLLOUT };
			if (poll(&p, 1, (int)(end - ev_now_ms())) < 0 && errno != EINTR)
				break;
			cons_watch(false);
			cons_flush();
		}
		ev_fd_del(cons.fd);
	}
	cons_discard_all();
	if (cons.own_fd)
		close(cons.fd);
	cons.own_fd = cons.watching = false;
	cons.fd = cons.orig_fd;
	cons.mode = CONS_DIRECT;
}

void cons_get_stats(struct cons_stats *st)
{
	*st = cons.st;
	st->queued = outq_pending(&cons.sup.q) + cons.apps_len + cons.out_len;
	st->mode = cons.mode;
}

/* relay_floor: what relaying a message costs the kernel, without the
 * supervisor. Two processes ping-pong a short line through a third that only
 * relays it (read from one pipe, write to another), every process on one CPU
 * (the first of this process's affinity mask), like the supervisor's IPC
 * round trip in bench/supervisor_bench.py. The relay's CPU time per message
 * (schedstat) is measured with two event loops:
 *   epoll:    epoll_wait, read, write (3 system calls; the supervisor's loop)
 *   io_uring: read and write requests on a ring, one io_uring_enter per
 *             wake-up that submits the write and the next read and waits.
 * Given a runner and two components, the epoll relay also runs between real
 * components: tests/apps/talker pinging tests/apps/pong, each in
 * `RUNNER --name N --cap stdio --memory-mb 64` as the supervisor starts
 * them; the relay rewrites "@pong: ping <i>" to "@ping: ping <i>" and
 * "@reply: pong" to "@pong: pong", the lines the supervisor would send.
 * Usage: relay_floor [round trips] [RUNNER TALKER.wasm PONG.wasm]
 * (default 20000). See docs/perf.md (IPC). */
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MSG "@pong: ping 12345\n"
#define BUF 4096

enum { RF_EPOLL, RF_URING };

struct rf_pipes {
	int a_in, a_out; /* the relay reads what A writes, writes what A reads */
	int b_in, b_out;
};

static double rf_cpu_secs(void)
{
	unsigned long long ns = 0;
	FILE *f = fopen("/proc/thread-self/schedstat", "re");

	if (f) {
		if (fscanf(f, "%llu", &ns) != 1)
			ns = 0;
		fclose(f);
	}
	return (double)ns / 1e9;
}

static double rf_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A (starter) sends and waits for the answer n times; B echoes. */
static void rf_peer(int rfd, int wfd, long n, int starter)
{
	char buf[BUF];

	for (long i = 0; i < n; i++) {
		ssize_t r;
		if (starter && write(wfd, MSG, sizeof MSG - 1) < 0)
			_exit(1);
		r = read(rfd, buf, sizeof buf);
		if (r <= 0)
			_exit(1);
		if (!starter && write(wfd, buf, (size_t)r) < 0)
			_exit(1);
	}
	_exit(0);
}

static int rf_epoll(const struct rf_pipes *p, long msgs)
{
	static char buf[BUF];
	struct epoll_event ee = { .events = EPOLLIN };
	int ep = epoll_create1(EPOLL_CLOEXEC);
	long done = 0;

	if (ep < 0)
		return -1;
	ee.data.fd = p->a_in;
	epoll_ctl(ep, EPOLL_CTL_ADD, p->a_in, &ee);
	ee.data.fd = p->b_in;
	epoll_ctl(ep, EPOLL_CTL_ADD, p->b_in, &ee);
	while (done < msgs) {
		struct epoll_event evs[8];
		int n = epoll_wait(ep, evs, 8, -1);
		for (int i = 0; i < n; i++) {
			int from = evs[i].data.fd;
			ssize_t r = read(from, buf, sizeof buf);
			if (r <= 0)
				continue;
			if (write(from == p->a_in ? p->b_out : p->a_out, buf, (size_t)r) < 0)
				return -1;
			done++;
		}
	}
	close(ep);
	return 0;
}

static void rf_queue(struct io_uring *ring, int write_op, int fd, char *buf, unsigned len,
		     uint64_t tag)
{
	struct io_uring_sqe *sqe = io_uring_get_sqe(ring);

	if (write_op)
		io_uring_prep_write(sqe, fd, buf, len, (uint64_t)-1);
	else
		io_uring_prep_read(sqe, fd, buf, len, (uint64_t)-1);
	io_uring_sqe_set_data64(sqe, tag);
}

static int rf_uring_setup(struct io_uring *ring)
{
	struct io_uring_params pp;

	memset(&pp, 0, sizeof pp);
	pp.flags = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN;
	if (io_uring_queue_init_params(64, ring, &pp) == 0)
		return 0;
	return io_uring_queue_init(64, ring, 0);
}

/* Tags 0/1: a read from A/B landed in rd[tag]; 2: a write finished. */
static int rf_uring(struct io_uring *ring, const struct rf_pipes *p, long msgs)
{
	static char rd[2][BUF], wr[2][BUF];
	const int in[2] = { p->a_in, p->b_in }, out[2] = { p->b_out, p->a_out };
	long done = 0;

	rf_queue(ring, 0, in[0], rd[0], BUF, 0);
	rf_queue(ring, 0, in[1], rd[1], BUF, 1);
	while (done < msgs) {
		struct io_uring_cqe *cqe;
		unsigned head, seen = 0;

		if (io_uring_submit_and_wait(ring, 1) < 0)
			return -1;
		io_uring_for_each_cqe(ring, head, cqe) {
			uint64_t tag = io_uring_cqe_get_data64(cqe);
			seen++;
			if (tag > 1 || cqe->res <= 0)
				continue;
			memcpy(wr[tag], rd[tag], (size_t)cqe->res);
			rf_queue(ring, 1, out[tag], wr[tag], (unsigned)cqe->res, 2);
			rf_queue(ring, 0, in[tag], rd[tag], BUF, tag);
			done++;
		}
		io_uring_cq_advance(ring, seen);
	}
	io_uring_submit(ring); /* the last write */
	return 0;
}

/* ---- the same epoll relay between real components ---------------------------- */

struct rf_app {
	pid_t pid;
	int in, out;   /* its stdin (we write), its stdout (we read) */
	char buf[BUF]; /* a line not yet complete */
	size_t len;
	int ready;     /* said VYOMA_READY */
};

static int rf_spawn(struct rf_app *a, const char *runner, const char *name, const char *comp)
{
	int in[2], out[2];

	if (pipe2(in, O_CLOEXEC))
		return -1;
	if (pipe2(out, O_CLOEXEC)) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	a->pid = fork();
	if (a->pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(in[0], 0);
		dup2(out[1], 1);
		if (null >= 0)
			dup2(null, 2);
		execl(runner, runner, "--name", name, "--cap", "stdio", "--memory-mb", "64", comp,
		      (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	a->in = in[1];
	a->out = out[0];
	return a->pid < 0 ? -1 : 0;
}

/* One line from app `from` (0: talker, 1: pong): relayed, or noted. 1 when
 * the talker reports its ping-pong done, -1 on a write error, else 0. */
static int rf_line(struct rf_app *apps, int from, char *line, size_t len, long *relayed)
{
	static const char pong[] = "@pong: pong\n";

	if (len >= 11 && memcmp(line, "VYOMA_READY", 11) == 0) {
		apps[from].ready = 1;
		return 0;
	}
	if (from == 0 && len > 7 && memcmp(line, "@pong: ", 7) == 0) {
		memcpy(line + 1, "ping", 4); /* the sender's name, as the supervisor writes it */
		++*relayed;
		return write(apps[1].in, line, len) < 0 ? -1 : 0;
	}
	if (from == 1 && len > 8 && memcmp(line, "@reply: ", 8) == 0) {
		++*relayed;
		return write(apps[0].in, pong, sizeof pong - 1) < 0 ? -1 : 0;
	}
	return from == 0 && len > 18 && memcmp(line, "@console: pingpong", 18) == 0;
}

/* Reads what app i wrote and handles its complete lines: as rf_line. */
static int rf_drain(struct rf_app *apps, int i, long *relayed)
{
	struct rf_app *a = &apps[i];
	ssize_t r = read(a->out, a->buf + a->len, sizeof a->buf - a->len);
	char *s, *nl;
	int rc = 0;

	if (r <= 0)
		return -1;
	a->len += (size_t)r;
	s = a->buf;
	while (rc == 0 && (nl = memchr(s, '\n', a->len - (size_t)(s - a->buf)))) {
		rc = rf_line(apps, i, s, (size_t)(nl - s) + 1, relayed);
		s = nl + 1;
	}
	a->len -= (size_t)(s - a->buf);
	memmove(a->buf, s, a->len);
	if (a->len == sizeof a->buf)
		a->len = 0; /* a line longer than the buffer: not ours to relay */
	return rc;
}

static int rf_real(long n, const char *runner, const char *talker, const char *pong)
{
	struct rf_app apps[2];
	struct epoll_event ee = { .events = EPOLLIN };
	int ep = epoll_create1(EPOLL_CLOEXEC), rc = 0, started = 0;
	long relayed = 0;
	double cpu0 = 0, t0 = 0;
	char go[64];
	int golen = snprintf(go, sizeof go, "@console: pingpong pong %ld\n", n);

	for (int i = 0; i < 2; i++)
		apps[i] = (struct rf_app){ .pid = -1, .in = -1, .out = -1 };
	if (ep < 0 || rf_spawn(&apps[0], runner, "ping", talker) < 0 ||
	    rf_spawn(&apps[1], runner, "pong", pong) < 0)
		rc = -1;
	for (int i = 0; i < 2 && rc == 0; i++) {
		ee.data.u32 = (uint32_t)i;
		epoll_ctl(ep, EPOLL_CTL_ADD, apps[i].out, &ee);
	}
	while (rc == 0) {
		struct epoll_event evs[8];
		int k = epoll_wait(ep, evs, 8, -1);
		for (int i = 0; i < k && rc == 0; i++)
			rc = rf_drain(apps, (int)evs[i].data.u32, &relayed);
		if (rc == 0 && !started && apps[0].ready && apps[1].ready) {
			started = 1;
			relayed = 0;
			cpu0 = rf_cpu_secs();
			t0 = rf_now();
			rc = write(apps[0].in, go, (size_t)golen) < 0 ? -1 : 0;
		}
	}
	double cpu = rf_cpu_secs() - cpu0, wall = rf_now() - t0;
	for (int i = 0; i < 2; i++) { /* a runner that started, even if the other did not */
		if (apps[i].in >= 0)
			close(apps[i].in);
		if (apps[i].out >= 0)
			close(apps[i].out);
		if (apps[i].pid > 0) {
			kill(apps[i].pid, SIGKILL);
			waitpid(apps[i].pid, NULL, 0);
		}
	}
	if (ep >= 0)
		close(ep);
	if (rc < 0 || relayed != 2 * n) {
		printf("  epoll     relay, real components: failed (%ld of %ld messages relayed)\n",
		       relayed, 2 * n);
		return -1;
	}
	printf("  epoll     relay, real components: %6.2f us CPU per relayed message, round trip"
	       " %6.1f us\n", cpu / (double)relayed * 1e6, wall / (double)n * 1e6);
	return 0;
}

/* Relay n round trips with loop kind; prints and returns 0, or -1. */
static int rf_run(int kind, long n)
{
	struct rf_pipes p;
	struct io_uring ring;
	int ab[2], ba[2], rb[2], ra[2], rc;
	pid_t a, b;
	double cpu0, t0;

	if (kind == RF_URING && rf_uring_setup(&ring) < 0) {
		printf("  io_uring relay: io_uring unavailable (%s)\n", strerror(errno));
		return -1;
	}
	if (pipe2(ab, O_CLOEXEC) || pipe2(ba, O_CLOEXEC) || pipe2(rb, O_CLOEXEC) ||
	    pipe2(ra, O_CLOEXEC))
		return -1;
	a = fork();
	if (a == 0)
		rf_peer(ra[0], ab[1], n, 1);
	b = fork();
	if (b == 0)
		rf_peer(rb[0], ba[1], n, 0);
	p = (struct rf_pipes){ .a_in = ab[0], .b_out = rb[1], .b_in = ba[0], .a_out = ra[1] };
	cpu0 = rf_cpu_secs();
	t0 = rf_now();
	rc = kind == RF_EPOLL ? rf_epoll(&p, 2 * n) : rf_uring(&ring, &p, 2 * n);
	double cpu = rf_cpu_secs() - cpu0, wall = rf_now() - t0;
	if (kind == RF_URING)
		io_uring_queue_exit(&ring);
	for (int i = 0; i < 2; i++) {
		close(ab[i]);
		close(ba[i]);
		close(rb[i]);
		close(ra[i]);
	}
	waitpid(a, NULL, 0);
	waitpid(b, NULL, 0);
	if (rc < 0)
		return -1;
	printf("  %-9s relay: %6.2f us CPU per relayed message, round trip %6.1f us\n",
	       kind == RF_EPOLL ? "epoll" : "io_uring", cpu / (double)(2 * n) * 1e6,
	       wall / (double)n * 1e6);
	return 0;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 20000;
	cpu_set_t mine, one;
	int cpu = 0;

	if (n <= 0)
		n = 20000;
	sched_getaffinity(0, sizeof mine, &mine);
	while (cpu < CPU_SETSIZE - 1 && !CPU_ISSET(cpu, &mine))
		cpu++;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	sched_setaffinity(0, sizeof one, &one);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("  a relay that only reads and writes, %ld round trips, every process on CPU %d\n", n,
	       cpu);
	rf_run(RF_EPOLL, n);
	rf_run(RF_URING, n);
	if (argc > 4)
		rf_real(n, argv[2], argv[3], argv[4]);
	return 0;
}

/* ev: the one event loop of the supervisor. It owns the epoll instance, a
 * signalfd for every signal the supervisor handles (so signal work runs in
 * the loop, never in a handler) and a single timerfd on CLOCK_MONOTONIC armed
 * to the earliest deadline of a binary heap of timers (redis ae.c and s6 are
 * the models). Everything is single-threaded; callbacks may add and remove
 * fds and timers freely, including their own. */
#include "ev.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "hot.h"

struct ev_io {
	int fd;
	bool dead;
	ev_fd_fn fn;
	void *ctx;
	struct ev_io *next_dead;
};

struct ev_tslot {
	uint64_t deadline, seq;
	uint32_t gen;
	int heap_pos; /* -1: free */
	ev_timer_fn fn;
	void *ctx;
};

struct ev_sig {
	ev_sig_fn fn;
	void *ctx;
};

#define EV_NSIG 65
#define EV_BATCH 64

static struct {
	int epfd, tfd, sfd;
	bool running, inited;
	struct ev_io **ios; /* indexed by fd */
	size_t nios;
	struct ev_io *dead;
	struct ev_tslot *slots;
	uint32_t nslots, *heap, nheap, free_hint;
	uint64_t seq, armed;
	sigset_t sigmask;
	struct ev_sig sigs[EV_NSIG];
	void (*prepare)(void);
} ev;

uint64_t ev_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* ---- fds ------------------------------------------------------------------ */

static void ev_tick_timers(int fd, unsigned events, void *ctx);
static void ev_tick_signals(int fd, unsigned events, void *ctx);

int ev_init(void)
{
	memset(&ev, 0, sizeof ev);
	ev.epfd = ev.tfd = ev.sfd = -1;
	sigemptyset(&ev.sigmask);
	ev.epfd = epoll_create1(EPOLL_CLOEXEC);
	if (ev.epfd < 0)
		goto fail;
	ev.tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (ev.tfd < 0)
		goto fail;
	ev.sfd = signalfd(-1, &ev.sigmask, SFD_NONBLOCK | SFD_CLOEXEC);
	if (ev.sfd < 0)
		goto fail;
	ev.inited = true;
	if (ev_fd_add(ev.tfd, EV_IN, ev_tick_timers, NULL) < 0 ||
	    ev_fd_add(ev.sfd, EV_IN, ev_tick_signals, NULL) < 0)
		goto fail;
	return 0;
fail:
	log_err(NULL, "event loop: %s", strerror(errno));
	ev_fini();
	return -1;
}

VY_HOT static void ev_reap_dead(void)
{
	while (ev.dead) {
		struct ev_io *io = ev.dead;
		ev.dead = io->next_dead;
		free(io);
	}
}

void ev_fini(void)
{
	for (size_t i = 0; i < ev.nios; i++)
		free(ev.ios[i]);
	ev_reap_dead();
	free(ev.ios);
	free(ev.slots);
	free(ev.heap);
	if (ev.epfd >= 0)
		close(ev.epfd);
	if (ev.tfd >= 0)
		close(ev.tfd);
	if (ev.sfd >= 0)
		close(ev.sfd);
	if (ev.inited)
		sigprocmask(SIG_UNBLOCK, &ev.sigmask, NULL);
	memset(&ev, 0, sizeof ev);
	ev.epfd = ev.tfd = ev.sfd = -1;
}

int ev_fd_add(int fd, unsigned events, ev_fd_fn fn, void *ctx)
{
	struct epoll_event ee = { .events = events };
	struct ev_io *io;

	if (!ev.inited || fd < 0)
		return -1;
	if ((size_t)fd >= ev.nios) {
		size_t n = ev.nios ? ev.nios : 64;
		while (n <= (size_t)fd)
			n *= 2;
		struct ev_io **p = realloc(ev.ios, n * sizeof *p);
		if (!p)
			return -1;
		memset(p + ev.nios, 0, (n - ev.nios) * sizeof *p);
		ev.ios = p;
		ev.nios = n;
	}
	if (ev.ios[fd])
		return -1;
	io = calloc(1, sizeof *io);
	if (!io)
		return -1;
	io->fd = fd;
	io->fn = fn;
	io->ctx = ctx;
	ee.data.ptr = io;
	if (epoll_ctl(ev.epfd, EPOLL_CTL_ADD, fd, &ee) < 0) {
		free(io);
		return -1;
	}
	ev.ios[fd] = io;
	return 0;
}

int ev_fd_mod(int fd, unsigned events)
{
	struct epoll_event ee = { .events = events };

	if (fd < 0 || (size_t)fd >= ev.nios || !ev.ios[fd])
		return -1;
	ee.data.ptr = ev.ios[fd];
	return epoll_ctl(ev.epfd, EPOLL_CTL_MOD, fd, &ee);
}

void ev_fd_del(int fd)
{
	struct ev_io *io;

	if (fd < 0 || (size_t)fd >= ev.nios || !ev.ios[fd])
		return;
	io = ev.ios[fd];
	epoll_ctl(ev.epfd, EPOLL_CTL_DEL, fd, NULL);
	ev.ios[fd] = NULL;
	/* Events for it may still sit in the current batch: free it later. */
	io->dead = true;
	io->next_dead = ev.dead;
	ev.dead = io;
}

/* ---- timers: a binary min-heap of slot indices ------------------------------ */

static bool ev_tless(uint32_t a, uint32_t b)
{
	const struct ev_tslot *x = &ev.slots[a], *y = &ev.slots[b];
	return x->deadline < y->deadline || (x->deadline == y->deadline && x->seq < y->seq);
}

static void ev_hset(uint32_t pos, uint32_t slot)
{
	ev.heap[pos] = slot;
	ev.slots[slot].heap_pos = (int)pos;
}

static void ev_hup(uint32_t pos)
{
	uint32_t s = ev.heap[pos];
	while (pos > 0) {
		uint32_t parent = (pos - 1) / 2;
		if (!ev_tless(s, ev.heap[parent]))
			break;
		ev_hset(pos, ev.heap[parent]);
		pos = parent;
	}
	ev_hset(pos, s);
}

static void ev_hdown(uint32_t pos)
{
	uint32_t s = ev.heap[pos];
	for (;;) {
		uint32_t c = 2 * pos + 1;
		if (c >= ev.nheap)
			break;
		if (c + 1 < ev.nheap && ev_tless(ev.heap[c + 1], ev.heap[c]))
			c++;
		if (!ev_tless(ev.heap[c], s))
			break;
		ev_hset(pos, ev.heap[c]);
		pos = c;
	}
	ev_hset(pos, s);
}

static void ev_hremove(uint32_t slot)
{
	uint32_t pos = (uint32_t)ev.slots[slot].heap_pos;
	uint32_t last = ev.heap[--ev.nheap];

	ev.slots[slot].heap_pos = -1;
	ev.slots[slot].gen++;
	ev.slots[slot].fn = NULL;
	if (slot < ev.free_hint)
		ev.free_hint = slot;
	if (pos == ev.nheap)
		return;
	ev_hset(pos, last);
	ev_hup(pos);
	ev_hdown((uint32_t)ev.slots[last].heap_pos);
}

static int ev_grow_slots(void)
{
	uint32_t n = ev.nslots ? ev.nslots * 2 : 64;
	struct ev_tslot *s = realloc(ev.slots, n * sizeof *s);
	if (!s)
		return -1;
	ev.slots = s;
	uint32_t *h = realloc(ev.heap, n * sizeof *h);
	if (!h)
		return -1;
	ev.heap = h;
	for (uint32_t i = ev.nslots; i < n; i++)
		ev.slots[i] = (struct ev_tslot){ .heap_pos = -1, .gen = 1 };
	ev.nslots = n;
	return 0;
}

ev_timer_id ev_timer_add(uint64_t delay_ms, ev_timer_fn fn, void *ctx)
{
	uint32_t i;

	if (!ev.inited || !fn)
		return 0;
	for (i = ev.free_hint; i < ev.nslots; i++)
		if (ev.slots[i].heap_pos < 0)
			break;
	if (i == ev.nslots && ev_grow_slots() < 0)
		return 0;
	ev.free_hint = i + 1;
	struct ev_tslot *t = &ev.slots[i];
	t->deadline = ev_now_ms() + delay_ms;
	t->seq = ++ev.seq;
	t->fn = fn;
	t->ctx = ctx;
	ev.heap[ev.nheap] = i;
	t->heap_pos = (int)ev.nheap++;
	ev_hup((uint32_t)t->heap_pos);
	return ((uint64_t)t->gen << 32) | (uint64_t)(i + 1);
}

void ev_timer_cancel(ev_timer_id id)
{
	uint32_t idx = (uint32_t)(id & 0xffffffffu), gen = (uint32_t)(id >> 32);

	if (!id || idx == 0 || idx > ev.nslots)
		return;
	if (ev.slots[idx - 1].gen != gen || ev.slots[idx - 1].heap_pos < 0)
		return;
	ev_hremove(idx - 1);
}

void ev_timer_clear(ev_timer_id *id)
{
	if (*id)
		ev_timer_cancel(*id);
	*id = 0;
}

unsigned ev_timer_count(void) { return ev.nheap; }

VY_HOT static void ev_arm(void)
{
	struct itimerspec its = { 0 };
	uint64_t want = ev.nheap ? ev.slots[ev.heap[0]].deadline : 0;

	if (want == ev.armed)
		return;
	if (want) {
		its.it_value.tv_sec = (time_t)(want / 1000);
		its.it_value.tv_nsec = (long)(want % 1000) * 1000000L;
		if (!its.it_value.tv_sec && !its.it_value.tv_nsec)
			its.it_value.tv_nsec = 1;
	}
	if (timerfd_settime(ev.tfd, TFD_TIMER_ABSTIME, &its, NULL) == 0)
		ev.armed = want;
}

static void ev_tick_timers(int fd, unsigned events, void *ctx)
{
	uint64_t buf, now = ev_now_ms(), seq_limit = ev.seq;
	ssize_t r = read(fd, &buf, sizeof buf);

	(void)r;
	(void)events;
	(void)ctx;
	ev.armed = 0;
	/* Only timers that existed when this tick began: a callback that adds a
	 * zero-delay timer cannot starve the loop. */
	while (ev.nheap) {
		uint32_t s = ev.heap[0];
		if (ev.slots[s].deadline > now || ev.slots[s].seq > seq_limit)
			break;
		ev_timer_fn fn = ev.slots[s].fn;
		void *c = ev.slots[s].ctx;
		ev_hremove(s);
		fn(c);
	}
}

/* ---- signals ----------------------------------------------------------------- */

int ev_signal_add(int signo, ev_sig_fn fn, void *ctx)
{
	sigset_t one;

	if (!ev.inited || signo <= 0 || signo >= EV_NSIG)
		return -1;
	sigemptyset(&one);
	sigaddset(&one, signo);
	if (sigprocmask(SIG_BLOCK, &one, NULL) < 0)
		return -1;
	sigaddset(&ev.sigmask, signo);
	if (signalfd(ev.sfd, &ev.sigmask, 0) < 0)
		return -1;
	ev.sigs[signo] = (struct ev_sig){ fn, ctx };
	return 0;
}

static void ev_tick_signals(int fd, unsigned events, void *ctx)
{
	struct signalfd_siginfo si;

	(void)events;
	(void)ctx;
	while (read(fd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (si.ssi_signo < EV_NSIG && ev.sigs[si.ssi_signo].fn)
			ev.sigs[si.ssi_signo].fn(&si, ev.sigs[si.ssi_signo].ctx);
	}
}

/* ---- the loop ------------------------------------------------------------------ */

VY_HOT int ev_run_once(int timeout_ms)
{
	struct epoll_event evs[EV_BATCH];
	int n;

	if (ev.prepare)
		ev.prepare();
	ev_arm();
	n = epoll_wait(ev.epfd, evs, EV_BATCH, timeout_ms);
	if (n < 0)
		return errno == EINTR ? 0 : -1;
	for (int i = 0; i < n; i++) {
		struct ev_io *io = evs[i].data.ptr;
		if (!io->dead)
			io->fn(io->fd, evs[i].events, io->ctx);
	}
	ev_reap_dead();
	return n;
}

VY_HOT int ev_run(void)
{
	ev.running = true;
	while (ev.running) {
		if (ev_run_once(-1) < 0) {
			log_err(NULL, "epoll_wait: %s", strerror(errno));
			return -1;
		}
	}
	return 0;
}

void ev_stop(void) { ev.running = false; }

void ev_set_prepare(void (*fn)(void)) { ev.prepare = fn; }

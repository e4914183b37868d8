/* watch: the sockets vy_ev_wait polls besides stdin (vy_net_watch, sdk/net.c).
 * vy_ev_wait reaches this code only through sdk_watch, which stays NULL until
 * the first socket is watched; an app that never calls vy_net_watch does
 * not link this file, and link-time optimisation drops the NULL branches
 * from vy_ev_wait, so only networked apps pay for watching. */
#include "sdk.h"

static struct {
	wasi_io_poll_own_pollable_t p;
	struct vy_tcp *tag;
} w_list[VY_WATCH_MAX];
static size_t w_n, w_rr;

/* Append the watched pollables to vy_ev_wait's poll list. */
static size_t w_add(wasi_io_poll_borrow_pollable_t *list)
{
	for (size_t i = 0; i < w_n; i++)
		list[i] = wasi_io_poll_borrow_pollable(w_list[i].p);
	return w_n;
}

/* The next ready one (poll indexes 1..w_n), round robin so that one busy
 * socket cannot starve the others; NULL if none is ready. */
static struct vy_tcp *w_pick(const uint32_t *ready, size_t n)
{
	bool hot[VY_WATCH_MAX] = {false};

	for (size_t i = 0; i < n; i++)
		if (ready[i] >= 1 && ready[i] <= w_n)
			hot[ready[i] - 1] = true;
	for (size_t i = 0; i < w_n; i++) {
		size_t w = (w_rr + i) % w_n;
		if (hot[w]) {
			w_rr = w + 1;
			return w_list[w].tag;
		}
	}
	return NULL;
}

static const struct sdk_watch w_ops = {w_add, w_pick};

int sdk_watch_add(wasi_io_poll_own_pollable_t p, struct vy_tcp *tag)
{
	if (w_n == VY_WATCH_MAX)
		return -1;
	w_list[w_n].p = p;
	w_list[w_n++].tag = tag;
	sdk_watch = &w_ops;
	return 0;
}

void sdk_watch_remove(struct vy_tcp *tag)
{
	for (size_t i = 0; i < w_n; i++)
		if (w_list[i].tag == tag) {
			w_list[i] = w_list[--w_n];
			return;
		}
}

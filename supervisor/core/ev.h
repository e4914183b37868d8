/* ev: the supervisor's single event loop (epoll + signalfd + one timerfd). */
#ifndef VYOMA_EV_H
#define VYOMA_EV_H

#include <stdint.h>
#include <sys/signalfd.h>

/* epoll event bits, as given to ev_fd_add/ev_fd_mod and to callbacks. */
#define EV_IN  0x001u /* EPOLLIN */
#define EV_OUT 0x004u /* EPOLLOUT */
#define EV_ERR 0x008u /* EPOLLERR */
#define EV_HUP 0x010u /* EPOLLHUP */

typedef void (*ev_fd_fn)(int fd, unsigned events, void *ctx);
typedef void (*ev_timer_fn)(void *ctx);
typedef void (*ev_sig_fn)(const struct signalfd_siginfo *si, void *ctx);

/* A timer handle: 0 is "no timer". Ids are never reused while a program runs,
 * so cancelling a fired or cancelled timer is harmless. */
typedef uint64_t ev_timer_id;

int ev_init(void);
void ev_fini(void);

/* Watch fd (not owned: the caller closes it after ev_fd_del). 0 or -1. */
int ev_fd_add(int fd, unsigned events, ev_fd_fn fn, void *ctx);
int ev_fd_mod(int fd, unsigned events);
void ev_fd_del(int fd);

/* Call fn(ctx) once, delay_ms from now. Returns 0 on failure. */
ev_timer_id ev_timer_add(uint64_t delay_ms, ev_timer_fn fn, void *ctx);
void ev_timer_cancel(ev_timer_id id);
/* Cancel *id if set and clear it. */
void ev_timer_clear(ev_timer_id *id);
/* Number of pending timers (for tests and stats). */
unsigned ev_timer_count(void);

/* Block signo and deliver it through the loop. 0 or -1. */
int ev_signal_add(int signo, ev_sig_fn fn, void *ctx);

/* fn runs before every wait for events: work batched during one round of
 * callbacks (output to apps) is finished there. */
void ev_set_prepare(void (*fn)(void));

/* Dispatch until ev_stop(); 0, or -1 on an epoll failure. */
int ev_run(void);
void ev_stop(void);
/* Run one batch of ready events, waiting at most timeout_ms (-1: forever). */
int ev_run_once(int timeout_ms);

/* CLOCK_MONOTONIC in milliseconds. */
uint64_t ev_now_ms(void);

#endif

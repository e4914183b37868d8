/* hot: VY_HOT marks the functions every relayed message runs through (the
 * loop, the read of an app's stdout, line framing, the protocol parser, the
 * broker, the queue and its flush). GCC puts them in .text.hot, and PID 1's
 * link (supervisor/start/relay.ld) puts that section and the few musl
 * functions they call together: a message touches two pages of code instead
 * of twenty spread over the binary, which is what a relay woken after a
 * context switch pays for (docs/perf.md, IPC). */
#ifndef VYOMA_HOT_H
#define VYOMA_HOT_H

#define VY_HOT __attribute__((hot))

#endif

/* time: monotonic and wall clocks, and sleeping on a clock pollable. */
#include "sdk.h"

uint64_t vy_time_ns(void) { return wasi_clocks_monotonic_clock_now(); }

uint64_t vy_time_ms(void) { return wasi_clocks_monotonic_clock_now() / 1000000u; }

int64_t vy_time_wall(uint32_t *nanos)
{
	wasi_clocks_wall_clock_datetime_t t;
	wasi_clocks_wall_clock_now(&t);
	if (nanos)
		*nanos = t.nanoseconds;
	return (int64_t)t.seconds;
}

void vy_time_sleep(uint64_t ms)
{
	wasi_io_poll_own_pollable_t p;
	vy_flush();
	p = wasi_clocks_monotonic_clock_subscribe_duration(ms * 1000000u);
	wasi_io_poll_method_pollable_block(wasi_io_poll_borrow_pollable(p));
	wasi_io_poll_pollable_drop_own(p);
}

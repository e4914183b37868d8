/* t-sleep: test command: `t-sleep [SECONDS]` waits that long (forever
 * without an argument) without using the CPU, then exits 0. */
#include "../tcmd.h"

int main(void)
{
	char a[16];
	uint64_t secs = 1000000000ull;

	tc_init();
	if (tc_argc() > 1) {
		secs = 0;
		for (const char *p = tc_arg(1, a, sizeof a); *p >= '0' && *p <= '9'; p++)
			secs = secs * 10 + (uint64_t)(*p - '0');
	}
	wasi_clocks_monotonic_clock_own_pollable_t t =
		wasi_clocks_monotonic_clock_subscribe_duration(secs * 1000000000ull);
	wasi_io_poll_method_pollable_block(wasi_io_poll_borrow_pollable(t));
	wasi_io_poll_pollable_drop_own(t);
	return 0;
}

/* rand: random numbers from wasi:random, which the audit grants without a
 * capability (randomness carries no authority). For games, not for keys. */
#include "sdk.h"

uint32_t vy_rand(void) { return (uint32_t)wasi_random_random_get_random_u64(); }

uint32_t vy_rand_below(uint32_t n)
{
	/* Reject the top partial range so every value is equally likely. */
	uint32_t limit = (uint32_t)-n % n, r;
	do
		r = vy_rand();
	while (r < limit);
	return r % n;
}

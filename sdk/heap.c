/* heap: the app heap (malloc, free, realloc, calloc, vy_mem_alloc,
 * vy_mem_free). Blocks come in power-of-two sizes, each size with its own
 * free list, carved from the top of memory by sdk_bump (sdk/alloc.c).
 * What apps allocate is short-lived and small, so a freed block is reused
 * by the next request of its size class and a loop of such requests runs
 * in constant memory; there is no splitting or coalescing, and a block
 * wastes at most half its size. That is 40% of the code of a first-fit
 * list with coalescing.
 *
 * An archive member of its own: an app links it only when some code it
 * loads calls one of these (the SDK's commands, an app's own malloc). Then
 * the host's results are heap blocks too (cabi_realloc, sdk_res_free);
 * without it they are stacked in a region (sdk/alloc.c). */
#include "sdkcore.h"

#include <string.h>

#define HDR 8u /* the size class, and 8-byte alignment for the data */
#define MIN_CLASS 4 /* 16 bytes: the header and a free-list link */

SDK_LOW static void *free_lists[32];

/* The smallest k with 2^k >= n + HDR, at least MIN_CLASS (n <= 2^30). */
static unsigned size_class(size_t n)
{
	unsigned k = 32 - (unsigned)__builtin_clz((unsigned)(n + HDR - 1));
	return k < MIN_CLASS ? MIN_CLASS : k;
}

void *vy_mem_alloc(size_t n)
{
	unsigned k;
	unsigned char *b;

	if (n > ((size_t)1 << 30))
		return NULL;
	k = size_class(n);
	b = free_lists[k];
	if (b)
		free_lists[k] = *(void **)(b + HDR);
	else if (!(b = sdk_bump((size_t)1 << k)))
		return NULL;
	*(size_t *)b = k;
	return b + HDR;
}

/* Not inlined: LTO copied it (about 24 bytes) into each place that frees a
 * result of the host's (tar had ten), where a call is 3-4. */
__attribute__((noinline)) void vy_mem_free(void *p)
{
	unsigned char *b;
	size_t k;

	if (!p)
		return;
	b = (unsigned char *)p - HDR;
	k = *(size_t *)b;
	*(void **)p = free_lists[k];
	free_lists[k] = b;
}

void *malloc(size_t n) { return vy_mem_alloc(n); }
void free(void *p) { vy_mem_free(p); }

void *realloc(void *p, size_t n)
{
	void *q;
	size_t have;
	if (!p)
		return vy_mem_alloc(n);
	have = ((size_t)1 << *(size_t *)((unsigned char *)p - HDR)) - HDR;
	if (n <= have)
		return p;
	q = vy_mem_alloc(n);
	if (q) {
		memcpy(q, p, have);
		vy_mem_free(p);
	}
	return q;
}

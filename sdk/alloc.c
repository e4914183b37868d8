/* alloc: the app heap. Blocks come in power-of-two sizes, each size with
 * its own free list, carved from the end of linear memory (memory.grow).
 * What apps allocate is short-lived and small: the lists and strings the
 * host hands over through the canonical ABI (a stdin read, a poll result,
 * a directory entry), freed as soon as they are copied, and the rare
 * overlong vy_printf. A freed block is reused by the next request of its
 * size class, so a loop of such requests runs in constant memory; there is
 * no splitting or coalescing, and a block wastes at most half its size.
 * That is 40% of the code of a first-fit list with coalescing, and every
 * app carries it (wit-bindgen's bindings call malloc and free, and the
 * canonical ABI allocates through cabi_realloc). */
#include "sdkcore.h"

#include <string.h>

#define PAGE 65536u
#define HDR 8u /* the size class, and 8-byte alignment for the data */
#define MIN_CLASS 4 /* 16 bytes: the header and a free-list link */

/* wasm-ld aligns __heap_base to 16, more than the 8 blocks need. */
extern unsigned char __heap_base;
static unsigned char *heap_top = &__heap_base;
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
	if (b) {
		free_lists[k] = *(void **)(b + HDR);
	} else {
		size_t have = __builtin_wasm_memory_size(0) * PAGE, end = (size_t)heap_top + ((size_t)1 << k);
		if (end < (size_t)heap_top ||
		    (end > have && __builtin_wasm_memory_grow(0, (end - have + PAGE - 1) / PAGE) == (size_t)-1))
			return NULL;
		b = heap_top;
		heap_top = (unsigned char *)end;
	}
	*(size_t *)b = k;
	return b + HDR;
}

/* Not inlined: LTO copied it (about 24 bytes) into each place that frees a
 * result of the host's (tar had ten), where a call is 3-4. */
__attribute__((noinline)) void vy_mem_free(void *p)
{
	unsigned char *b = (unsigned char *)p - HDR;
	size_t k;

	if (!p)
		return;
	k = *(size_t *)b;
	*(void **)p = free_lists[k];
	free_lists[k] = b;
}

void *malloc(size_t n) { return vy_mem_alloc(n); }
void free(void *p) { vy_mem_free(p); }

void *calloc(size_t n, size_t m)
{
	void *p;
	if (m && n > (size_t)-1 / m)
		return NULL;
	p = vy_mem_alloc(n * m);
	if (p)
		memset(p, 0, n * m);
	return p;
}

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

/* The canonical ABI's allocator: wit-bindgen's weak one would use realloc,
 * which returns NULL when memory runs out, which the host would take for
 * address 0: trap instead. An empty block needs no memory, any aligned
 * address will do. Written on its own rather than over realloc, which apps
 * rarely call. What the host asks for is no more aligned than 8 (the
 * canonical ABI's largest alignment, a 64-bit value's), which every block
 * is. It asks with no old block (realloc(0, 0, align, size)) whenever it
 * places a result: an old one only comes from transcoding a string to a
 * guest whose encoding is not UTF-8's, and ours is. Such a block would
 * still be copied, but kept (never freed): no free path in every app for
 * a call that never comes. */
void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size);
__attribute__((__export_name__("cabi_realloc")))
void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size)
{
	void *q = (void *)align;

	if (new_size) {
		q = vy_mem_alloc(new_size);
		if (!q)
			__builtin_trap();
		memcpy(q, ptr, old_size < new_size ? old_size : new_size);
	}
	return q;
}

/* alloc: where the host puts its results (cabi_realloc), and the top of
 * memory, from which the heap (sdk/heap.c) carves its blocks.
 *
 * The host places every list and string a call returns (a stdin read, a
 * poll's ready list, a directory entry's name) with cabi_realloc, and the
 * SDK copies or reads it and hands it back with sdk_res_free. Two ways,
 * chosen by the link: an app that loads the heap (some code it links
 * calls malloc, free, realloc, calloc, vy_mem_alloc or vy_mem_free) gets
 * each result as a heap block and sdk_res_free frees it, as free would.
 * Any other app has no heap (about 200 bytes of code less): its results
 * are stacked at the top of memory, and sdk_res_free(p) pops p and every
 * result placed after it, so memory is reused from the next call on. Such
 * an app frees a result only through sdk_res_free (nothing else it links
 * can free), and only once nothing placed after it is read again: the
 * SDK's callers read each result, copy what they keep, and free it before
 * their next call that returns one, the later first (vy_ev_wait's read
 * before its poll's list); a result never freed (wasi:filesystem's
 * preopens, kept by sdk/fs.c) stays below the later ones, and so does
 * what sdk_keep takes for good (a command's arguments, sdk/cmd.c). */
#include "sdkcore.h"

#define PAGE 65536u

/* What the heap defines, if the app links it (weak: a reference from here
 * does not pull it in; LTO folds the tests below either way). */
#pragma weak vy_mem_alloc
#pragma weak vy_mem_free

/* The host tests build this file over their own memory. */
#ifndef SDK_MEM_BASE
/* wasm-ld aligns __heap_base to 16, more than the 8 the blocks need. */
extern unsigned char __heap_base;
#define SDK_MEM_BASE (&__heap_base)
#define SDK_MEM_PAGES() __builtin_wasm_memory_size(0)
#define SDK_MEM_GROW(n) __builtin_wasm_memory_grow(0, n)
#endif

static unsigned char *mem_top = SDK_MEM_BASE;

void *sdk_bump(size_t n)
{
	unsigned char *b = mem_top;
	size_t have = SDK_MEM_PAGES() * PAGE, end = (size_t)b + n;

	if (end < (size_t)b || (end > have && SDK_MEM_GROW((end - have + PAGE - 1) / PAGE) == (size_t)-1))
		return NULL;
	mem_top = (unsigned char *)end;
	return b;
}

void *sdk_keep(size_t n)
{
	return vy_mem_alloc ? vy_mem_alloc(n) : sdk_bump((n + 7) & ~(size_t)7);
}

void sdk_res_free(void *p)
{
	if (vy_mem_free)
		vy_mem_free(p);
	else if (p && (unsigned char *)p < mem_top)
		mem_top = p;
}

/* The canonical ABI's allocator: wit-bindgen's weak one would use realloc,
 * which returns NULL when memory runs out, which the host would take for
 * address 0: trap instead. What the host asks for is no more aligned than
 * 8 (the canonical ABI's largest alignment, a 64-bit value's), which every
 * block and every stacked result is (their sizes are rounded up to 8). An
 * empty heap block needs no memory, any aligned address will do; an empty
 * stacked result is the top, so freeing it frees nothing. The host asks
 * with no old block (realloc(0, 0, align, size)) whenever it places a
 * result: an old one only comes from transcoding a string to a guest whose
 * encoding is not UTF-8's, and ours is. Such a call traps too, rather than
 * carrying a copy (and a free path) in every app for a call that never
 * comes. */
void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size);
#ifdef __wasm__
__attribute__((__export_name__("cabi_realloc")))
#endif
void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size)
{
	void *q = (void *)align;

	(void)ptr;
	if (!vy_mem_alloc)
		q = sdk_bump((new_size + 7) & ~(size_t)7);
	else if (new_size)
		q = vy_mem_alloc(new_size);
	if (!q || old_size)
		__builtin_trap();
	return q;
}

/* sdk_mem_stub.h: a wasm linear memory for host-built tests of sdk/alloc.c
 * (and sdk/heap.c): 64 KiB pages of a static array, aligned to a page so
 * that addresses in it compare as the wasm ones do, at most MEM_MAX pages;
 * a trap is a longjmp the test catches; place() makes the host's call.
 * Included once, after cmocka and before the SDK's files. */
#ifndef SDK_MEM_STUB_H
#define SDK_MEM_STUB_H

#include <stdint.h>

#define MEM_MAX 4
static _Alignas(65536) unsigned char mem[MEM_MAX * 65536];
static size_t mem_pages = 1;
static jmp_buf trap_env;
static int traps;

static size_t mem_grow(size_t n)
{
	size_t old = ((uintptr_t)mem >> 16) + mem_pages;
	if (mem_pages + n > MEM_MAX)
		return (size_t)-1;
	mem_pages += n;
	return old;
}

static void mem_trap(void)
{
	traps++;
	longjmp(trap_env, 1);
}

/* Where sdk/alloc.c's memory starts (wasm-ld's __heap_base, aligned 16). */
#define SDK_MEM_BASE (mem + 16)
#define SDK_MEM_PAGES() (((uintptr_t)mem >> 16) + mem_pages)
#define SDK_MEM_GROW(n) mem_grow(n)
#define __builtin_trap() mem_trap()

void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size);
/* The host's call: cabi_realloc(0, 0, align, size); NULL when it trapped. */
static unsigned char *place(size_t size, size_t align)
{
	unsigned char *volatile q = NULL;
	if (setjmp(trap_env) == 0)
		q = cabi_realloc(NULL, 0, align, size);
	return q;
}

#endif

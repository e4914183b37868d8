/* alloc: the app heap. A first-fit, address-ordered free list with
 * coalescing, over linear memory grown with memory.grow. It is here instead
 * of wasi-libc's dlmalloc because it is a fraction of the size, and every
 * app carries it (the canonical ABI allocates through cabi_realloc). */
#include "vyoma.h"

#include <string.h>

#define ALIGN 8u
#define PAGE 65536u
#define HDR sizeof(struct blk)

struct blk {
	size_t size;      /* whole block, header included; multiple of ALIGN */
	struct blk *next; /* free list only */
};

extern unsigned char __heap_base;
static unsigned char *heap_end;
static struct blk *free_list;

static size_t round_up(size_t n) { return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1); }

static void insert_free(struct blk *b)
{
	struct blk **pp = &free_list;
	while (*pp && *pp < b)
		pp = &(*pp)->next;
	b->next = *pp;
	*pp = b;
	if (b->next && (unsigned char *)b + b->size == (unsigned char *)b->next) {
		b->size += b->next->size;
		b->next = b->next->next;
	}
	if (pp != &free_list) {
		struct blk *prev = (struct blk *)((unsigned char *)pp - offsetof(struct blk, next));
		if ((unsigned char *)prev + prev->size == (unsigned char *)b) {
			prev->size += b->size;
			prev->next = b->next;
		}
	}
}

static int grow(size_t need)
{
	size_t pages = (need + PAGE - 1) / PAGE;
	size_t old;
	struct blk *b;

	if (!heap_end)
		heap_end = (unsigned char *)(((size_t)&__heap_base + ALIGN - 1) & ~(size_t)(ALIGN - 1));
	old = __builtin_wasm_memory_grow(0, pages);
	if (old == (size_t)-1)
		return -1;
	/* The first grow also hands over what lies between __heap_base and
	 * the old end of memory. */
	b = (struct blk *)heap_end;
	b->size = old * PAGE + pages * PAGE - (size_t)heap_end;
	heap_end = (unsigned char *)((old + pages) * PAGE);
	insert_free(b);
	return 0;
}

void *vy_alloc(size_t n)
{
	size_t need;
	struct blk **pp, *b;

	if (n > ((size_t)1 << 30))
		return NULL;
	need = round_up(n + HDR);
	for (;;) {
		for (pp = &free_list; (b = *pp); pp = &b->next) {
			if (b->size < need)
				continue;
			if (b->size - need >= HDR + ALIGN) {
				struct blk *rest = (struct blk *)((unsigned char *)b + need);
				rest->size = b->size - need;
				rest->next = b->next;
				*pp = rest;
				b->size = need;
			} else {
				*pp = b->next;
			}
			return (unsigned char *)b + HDR;
		}
		if (grow(need + HDR) != 0)
			return NULL;
	}
}

void vy_free(void *p)
{
	if (p)
		insert_free((struct blk *)((unsigned char *)p - HDR));
}

void *malloc(size_t n) { return vy_alloc(n); }
void free(void *p) { vy_free(p); }

void *calloc(size_t n, size_t m)
{
	void *p;
	if (m && n > (size_t)-1 / m)
		return NULL;
	p = vy_alloc(n * m);
	if (p)
		memset(p, 0, n * m);
	return p;
}

void *realloc(void *p, size_t n)
{
	void *q;
	size_t have;
	if (!p)
		return vy_alloc(n);
	have = ((struct blk *)((unsigned char *)p - HDR))->size - HDR;
	if (n <= have)
		return p;
	q = vy_alloc(n);
	if (q) {
		memcpy(q, p, have);
		vy_free(p);
	}
	return q;
}

/* The canonical ABI's allocator: wit-bindgen's weak one would use realloc,
 * which ignores `align`; ours never needs more than 8. */
void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size);
__attribute__((__export_name__("cabi_realloc")))
void *cabi_realloc(void *ptr, size_t old_size, size_t align, size_t new_size)
{
	(void)old_size;
	if (align > ALIGN)
		__builtin_trap();
	if (new_size == 0) {
		vy_free(ptr);
		return (void *)align;
	}
	return realloc(ptr, new_size);
}

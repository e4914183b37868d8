/* Unit tests for sdk/heap.c and sdk/alloc.c together (an app that links
 * the heap), built for the host over sdk_mem_stub.h's memory: the host's
 * results are heap blocks then (and what sdk_keep takes), each freed by
 * sdk_res_free to its size class's list and reused; blocks are carved
 * from the same top of memory as sdk/alloc.c keeps; realloc grows in
 * place within a block; calloc zeroes and refuses an overflowing product;
 * malloc says NULL where cabi_realloc traps. The heap's libc names are
 * renamed here, so the test binary keeps the host's malloc. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sdk_mem_stub.h"
#define malloc heap_malloc
#define free heap_free
#define calloc heap_calloc
#define realloc heap_realloc
void *heap_malloc(size_t n);
void heap_free(void *p);
void *heap_calloc(size_t n, size_t m);
void *heap_realloc(void *p, size_t n);
#include "../../sdk/alloc.c"
#include "../../sdk/heap.c"
#include "../../sdk/calloc.c"

static void reset(void)
{
	mem_top = SDK_MEM_BASE;
	mem_pages = 1;
	traps = 0;
	memset(free_lists, 0, sizeof free_lists);
}

static void test_results_are_blocks(void **st)
{
	unsigned char *a, *b, *c;
	(void)st;
	reset();
	a = place(5, 1);
	b = place(12, 4);
	assert_ptr_equal(a, SDK_MEM_BASE + 8); /* after its header */
	assert_ptr_equal(b, a + 16);           /* a 16-byte block, then a 32 */
	memset(a, 'a', 5);
	/* a freed: the next result of its size class is that block, b stays */
	sdk_res_free(a);
	memset(b, 'b', 12);
	c = place(7, 1);
	assert_ptr_equal(c, a);
	/* an empty result takes no block: any aligned address */
	assert_ptr_equal(place(0, 4), (unsigned char *)4);
	assert_int_equal(traps, 0);
	/* an app's malloc after them comes from the same top */
	assert_ptr_equal(vy_mem_alloc(100), b + 32);
	/* what is kept for good is a heap block too: b's, once b is freed */
	sdk_res_free(b);
	assert_ptr_equal(sdk_keep(20), b);
}

static void test_realloc_calloc(void **st)
{
	char *p, *q;
	unsigned *z;
	(void)st;
	reset();
	p = heap_realloc(NULL, 10);
	memcpy(p, "0123456789", 10);
	assert_ptr_equal(heap_realloc(p, 24), p); /* a 32-byte block holds 24 */
	q = heap_realloc(p, 25);
	assert_ptr_not_equal(q, p);
	assert_memory_equal(q, "0123456789", 10);
	/* p went back to its list */
	assert_ptr_equal(vy_mem_alloc(20), p);
	z = heap_calloc(8, sizeof *z);
	for (int i = 0; i < 8; i++)
		assert_int_equal(z[i], 0);
	assert_null(heap_calloc((size_t)1 << 40, (size_t)1 << 40));
	heap_free(NULL);
}

static void test_no_memory(void **st)
{
	(void)st;
	reset();
	assert_null(vy_mem_alloc(MEM_MAX * 65536));
	assert_null(vy_mem_alloc(((size_t)1 << 30) + 1));
	assert_int_equal(traps, 0);
	assert_null(place(MEM_MAX * 65536, 1));
	assert_int_equal(traps, 1);
	assert_int_equal(mem_pages, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_results_are_blocks),
		cmocka_unit_test(test_realloc_calloc),
		cmocka_unit_test(test_no_memory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

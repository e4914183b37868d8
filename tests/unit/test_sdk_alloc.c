/* Unit tests for sdk/alloc.c in an app without a heap (sdk/heap.c not
 * linked), built for the host over sdk_mem_stub.h's memory: the host's
 * results are stacked, 8-aligned, each freed with everything placed after
 * it; a loop of reads and polls runs in the same memory; a 64 KiB read
 * grows memory once, not at each read; an empty result costs nothing; a
 * free out of order or of NULL changes nothing; a result memory cannot
 * hold traps and leaves the stack as it was, and so does an old block to
 * copy; what sdk_keep takes stays below the results after it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "sdk_mem_stub.h"
#include "../../sdk/alloc.c"

static void reset(void)
{
	mem_top = SDK_MEM_BASE;
	mem_pages = 1;
	traps = 0;
}

static void test_stacked_and_popped(void **st)
{
	unsigned char *a, *b, *c;
	(void)st;
	reset();
	a = place(5, 1);
	b = place(12, 4);
	assert_ptr_equal(a, SDK_MEM_BASE);
	assert_ptr_equal(b, a + 8); /* 5 bytes rounded up to 8 */
	memcpy(a, "abcde", 5);
	memset(b, 'x', 12);
	/* b freed: the next result takes its place, a is untouched */
	sdk_res_free(b);
	c = place(3, 1);
	assert_ptr_equal(c, b);
	assert_memory_equal(a, "abcde", 5);
	/* a freed: with everything after it */
	sdk_res_free(a);
	assert_ptr_equal(place(1, 1), a);
	assert_int_equal((uintptr_t)place(7, 8) % 8, 0);
	assert_int_equal(traps, 0);
}

static void test_out_of_order_and_null(void **st)
{
	unsigned char *a, *b;
	(void)st;
	reset();
	a = place(16, 4); /* a poll's list */
	b = place(100, 1); /* a read after it */
	sdk_res_free(a);
	sdk_res_free(b); /* above the top now: nothing to do */
	sdk_res_free(NULL);
	assert_ptr_equal(place(4, 4), a);
}

/* vy_ev_wait's round: a poll's list, a read, the read freed, the list
 * freed; a thousand rounds end where they started. */
static void test_loop_runs_in_constant_memory(void **st)
{
	unsigned char *first = NULL;
	(void)st;
	reset();
	for (int i = 0; i < 1000; i++) {
		unsigned char *ready = place(8, 4), *got = place(1 + (size_t)i % 300, 1);
		if (!first)
			first = ready;
		assert_ptr_equal(ready, first);
		memset(got, 'r', 1 + (size_t)i % 300);
		sdk_res_free(got);
		sdk_res_free(ready);
	}
	assert_ptr_equal(mem_top, first);
	assert_int_equal(mem_pages, 1);
}

static void test_large_reads_grow_once(void **st)
{
	(void)st;
	reset();
	for (int i = 0; i < 100; i++) {
		unsigned char *p = place(65536, 1);
		assert_non_null(p);
		assert_ptr_equal(p, SDK_MEM_BASE);
		memset(p, 'z', 65536);
		sdk_res_free(p);
	}
	/* base + 64 KiB needs a second page, never a third */
	assert_int_equal(mem_pages, 2);
}

static void test_empty_result(void **st)
{
	unsigned char *a, *e;
	(void)st;
	reset();
	a = place(3, 1);
	e = place(0, 4);
	assert_ptr_equal(e, a + 8);
	assert_ptr_equal(mem_top, e); /* no room taken */
	sdk_res_free(e);
	assert_ptr_equal(place(1, 1), a + 8);
}

/* Only a transcoding to another encoding than UTF-8 would give an old
 * block: refused, as a call memory cannot answer is. */
static void test_old_block_traps(void **st)
{
	unsigned char old[5] = "hello", *volatile q = old;
	(void)st;
	reset();
	if (setjmp(trap_env) == 0)
		q = cabi_realloc(old, 5, 1, 9);
	assert_int_equal(traps, 1);
	assert_ptr_equal(q, old);
}

/* A command's arguments: the list, then copies kept for good above it;
 * the results after them are popped without touching either. */
static void test_kept_stays_below(void **st)
{
	unsigned char *list, *copy, *r;
	(void)st;
	reset();
	list = place(16, 4);
	copy = sdk_keep(5);
	assert_ptr_equal(copy, list + 16);
	memcpy(copy, "argv", 5);
	r = place(100, 1);
	assert_ptr_equal(r, copy + 8);
	memset(r, 'r', 100);
	sdk_res_free(r);
	assert_ptr_equal(place(3, 1), r);
	assert_memory_equal(copy, "argv", 5);
	assert_int_equal((uintptr_t)sdk_keep(1) % 8, 0);
}

static void test_no_memory_traps(void **st)
{
	unsigned char *a;
	(void)st;
	reset();
	a = place(10, 1);
	/* more than the memory can grow to */
	assert_null(place(MEM_MAX * 65536, 1));
	assert_int_equal(traps, 1);
	/* a size that wraps the address space */
	assert_null(place((size_t)-1 - 64, 1));
	assert_int_equal(traps, 2);
	assert_int_equal(mem_pages, 1);
	/* the stack is as it was */
	assert_ptr_equal(place(1, 1), a + 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stacked_and_popped),
		cmocka_unit_test(test_out_of_order_and_null),
		cmocka_unit_test(test_loop_runs_in_constant_memory),
		cmocka_unit_test(test_large_reads_grow_once),
		cmocka_unit_test(test_empty_result),
		cmocka_unit_test(test_old_block_traps),
		cmocka_unit_test(test_kept_stays_below),
		cmocka_unit_test(test_no_memory_traps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

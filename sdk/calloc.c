/* calloc: on its own, and compiled to a wasm object, not LLVM bitcode
 * (mk/apps.mk): the linker takes every bitcode archive member that
 * defines a library call LTO may make (calloc is one) into every app, and
 * this one would bring the heap (sdk/heap.c) with it. */
#include "sdkcore.h"

#include <string.h>

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

/* mem: memcpy, memmove and memset as single bulk-memory instructions
 * (memory.copy, memory.fill). wasi-libc's versions are unrolled loops worth
 * 2.6 KB of every app; these are a few bytes each and just as fast in
 * Wasmtime. They live in the SDK archive, which the link line lists before
 * libc, so the linker takes them and never pulls in libc's. */
#include <stddef.h>
#include <string.h>

#define BULK __attribute__((target("bulk-memory")))

BULK void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	__builtin_memcpy(dst, src, n);
	return dst;
}

BULK void *memmove(void *dst, const void *src, size_t n)
{
	__builtin_memmove(dst, src, n);
	return dst;
}

BULK void *memset(void *dst, int c, size_t n)
{
	__builtin_memset(dst, c, n);
	return dst;
}

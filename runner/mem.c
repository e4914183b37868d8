/* mem: Wasmtime's linear memories for one app, allocated by us so that the
 * memory cap is ours to enforce and to report. With the store limiter a
 * refused memory.grow only returns -1 to the guest, and a guest that ignores
 * it (or writes through the NULL its malloc returns, which is a valid wasm
 * address) would keep running. Here a grow past the cap ends the process
 * with a clear line on stderr and exit code 71, which the supervisor reports
 * as "memory cap exceeded" and handles by the app's restart policy. */
#include "mem.h"

#include "runexit.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct mem_region {
	uint8_t *base;
	size_t size;     /* accessible bytes */
	size_t reserved; /* bytes the memory may grow into without moving */
	size_t mapped;   /* reserved + guard: what munmap releases */
};

static const char *mem_app = "app";
static size_t mem_cap;
static size_t mem_total; /* committed across all memories of this process */

size_t mem_committed(void) { return mem_total; }

static _Noreturn void mem_over_cap(size_t want)
{
	char line[256];
	int n = snprintf(line, sizeof line,
			 "vyoma-run: %s: memory cap of %zu MiB exceeded (asked for %zu MiB); stopping\n",
			 mem_app, mem_cap >> 20, (want + (1u << 20) - 1) >> 20);
	if (n > 0) {
		ssize_t w = write(2, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
		(void)w;
	}
	_exit(RUN_EXIT_MEMCAP);
}

static uint8_t *mem_get(void *env, size_t *byte_size, size_t *byte_capacity)
{
	struct mem_region *r = env;
	*byte_size = r->size;
	*byte_capacity = r->reserved;
	return r->base;
}

static wasmtime_error_t *mem_grow(void *env, size_t new_size)
{
	struct mem_region *r = env;

	if (new_size <= r->size)
		return NULL;
	if (mem_total - r->size + new_size > mem_cap)
		mem_over_cap(mem_total - r->size + new_size);
	if (new_size > r->reserved)
		return wasmtime_error_new("linear memory reservation exhausted");
	if (mprotect(r->base + r->size, new_size - r->size, PROT_READ | PROT_WRITE) != 0)
		return wasmtime_error_new(strerror(errno));
	mem_total += new_size - r->size;
	r->size = new_size;
	return NULL;
}

static void mem_free(void *env)
{
	struct mem_region *r = env;
	if (r->base)
		munmap(r->base, r->mapped);
	mem_total -= r->size;
	free(r);
}

static size_t mem_round(size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	return (n + page - 1) / page * page;
}

static wasmtime_error_t *mem_new(void *env, const wasm_memorytype_t *ty, size_t minimum,
				 size_t maximum, size_t reserved, size_t guard,
				 wasmtime_linear_memory_t *out)
{
	struct mem_region *r;
	(void)env;
	(void)ty;

	if (mem_total + minimum > mem_cap)
		mem_over_cap(mem_total + minimum);
	r = calloc(1, sizeof *r);
	if (!r)
		return wasmtime_error_new("out of host memory");
	/* Reserve address space up to what Wasmtime asks for, or the cap:
	 * growing never moves the memory, and nothing beyond the cap is ever
	 * made accessible. */
	r->reserved = mem_round(reserved ? reserved : (maximum < mem_cap ? maximum : mem_cap));
	if (r->reserved < minimum)
		r->reserved = mem_round(minimum);
	r->mapped = r->reserved + mem_round(guard);
	r->base = mmap(NULL, r->mapped, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (r->base == MAP_FAILED) {
		free(r);
		return wasmtime_error_new("cannot reserve linear memory");
	}
	if (minimum && mprotect(r->base, minimum, PROT_READ | PROT_WRITE) != 0) {
		munmap(r->base, r->mapped);
		free(r);
		return wasmtime_error_new("cannot commit linear memory");
	}
	r->size = minimum;
	mem_total += minimum;
	out->env = r;
	out->get_memory = mem_get;
	out->grow_memory = mem_grow;
	out->finalizer = mem_free;
	return NULL;
}

void mem_install(wasm_config_t *cfg, const char *app, size_t cap_bytes)
{
	wasmtime_memory_creator_t mc = {
		.env = NULL,
		.new_memory = mem_new,
		.finalizer = NULL,
	};
	mem_app = app;
	mem_cap = cap_bytes;
	wasmtime_config_host_memory_creator_set(cfg, &mc);
}

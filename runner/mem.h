/* mem: the runner's linear-memory creator, which enforces the app's cap. */
#ifndef VYOMA_RUNNER_MEM_H
#define VYOMA_RUNNER_MEM_H

#include <stddef.h>
#include <wasmtime.h>

/* Install on `cfg` a memory creator that stops the process with exit code
 * 71 and a report naming `app` when the app's memories together would grow
 * past `cap_bytes`. `app` must outlive the engine. */
void mem_install(wasm_config_t *cfg, const char *app, size_t cap_bytes);
/* Bytes currently committed to linear memories (for reports and tests). */
size_t mem_committed(void);

#endif

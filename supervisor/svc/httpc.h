/* httpc: one HTTP GET at a time per handle, inside the event loop (PID 1
 * never blocks): a non-blocking connect to a numeric address, the request,
 * the answer read as it arrives into lib/http's bounded parser, and one
 * deadline timer for the whole exchange (a slow or silent server ends in a
 * clear error, never a stuck loop). docs/packages.md, "HTTP". */
#ifndef VYOMA_HTTPC_H
#define VYOMA_HTTPC_H

#include <stddef.h>
#include <stdint.h>

#include "http.h"

struct httpc;

/* Called once, from the loop: body (malloc'd, NUL-terminated, the callee
 * frees it) and len, or body NULL and err saying why. */
typedef void (*httpc_fn)(void *ctx, uint8_t *body, size_t len, const char *err);

/* GET u's folder + file, at most max body bytes, within timeout_ms. NULL
 * (and err) when it cannot even start; fn is then never called. */
struct httpc *httpc_get(const struct http_url *u, const char *file, size_t max,
			unsigned timeout_ms, httpc_fn fn, void *ctx, char *err, size_t errlen);
/* Stop it; fn is not called. */
void httpc_cancel(struct httpc *h);

#endif

/* sbx: the sandbox the runner puts itself in after the audit and the jail
 * (lib/jail.h) and before Wasmtime loads any app code: no-new-privs,
 * resource limits, a seccomp allowlist and a seccomp denylist with
 * argument conditions. Policy and reasons: docs/audit.md. */
#ifndef VYOMA_SBX_H
#define VYOMA_SBX_H

#include <stddef.h>

#define SBX_NOFILE        256u
#define SBX_NPROC         512u
#define SBX_FSIZE         (1ull << 30)
#define SBX_DATA_HEADROOM (512ull << 20) /* runtime memory on top of the app's cap */

/* Apply the sandbox to the calling process, all threads. `caps` are the
 * app's CAP_* bits (CAP_NETWORK decides the socket policy);
 * memory_cap_bytes is the app's linear-memory cap, 0 for no data limit.
 * Irreversible. Whatever the runner must still do with privileges (change
 * uid, fork, exec) must happen before: afterwards those calls fail with
 * EPERM. 0, or -1 with a message in err. */
int sbx_apply(unsigned caps, size_t memory_cap_bytes, char *err, size_t errlen);

/* The syscall named by the i-th rule of the policy (rules with argument
 * conditions repeat the name), NULL past the end. For docs and tests. */
const char *sbx_rule_syscall(size_t i);

/* The i-th system call of the allowlist, NULL past the end (prctl, allowed
 * for a few options only, is last). For docs and tests. */
const char *sbx_allowed_syscall(size_t i);

#endif

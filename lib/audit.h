/* audit: decides from a component's import names alone whether the app may
 * run with the capabilities its vyoma.toml declares. Runs before any app
 * code; the rule table and its reasons are in docs/audit.md. */
#ifndef VYOMA_AUDIT_H
#define VYOMA_AUDIT_H

#include <stddef.h>
#include <stdint.h>

enum audit_verdict {
	AUDIT_OK,
	AUDIT_NEEDS_CAP,     /* a grantable interface whose capability is not declared */
	AUDIT_BAD_VERSION,   /* a grantable interface, but not at WASI 0.2.0 .. 0.2.99 */
	AUDIT_NOT_GRANTABLE, /* something VyomaOS never provides */
};

/* Judge one import name (`len` bytes, need not be NUL-terminated) against
 * the declared CAP_* bits. When refused, a one-sentence reason naming the
 * import goes to msg. */
enum audit_verdict audit_import(const char *name, size_t len, unsigned caps, char *msg,
				size_t msglen);

/* Judge every name. 0 when all are allowed; -1 with every refusal, in
 * order and "; "-separated, in err (the tail says how many did not fit). */
int audit_names(const char *const *names, size_t n, unsigned caps, char *err, size_t errlen);

/* Read the imports of the component in buf and judge them all. 0, or -1
 * with either why the binary is unreadable or every refusal. */
int audit_component(const uint8_t *buf, size_t len, unsigned caps, char *err, size_t errlen);

/* The component's imports as one comma-separated string for tables
 * ("wasi:cli/stdout@0.2.12,wasi:io/streams@0.2.12"); a list that does not
 * fit ends in ",...". "none" when there are no imports. 0 or -1 with err. */
int audit_imports_list(const uint8_t *buf, size_t len, char *out, size_t outlen, char *err,
		       size_t errlen);

/* The same for names already in hand. Returns how many names fit whole. */
size_t audit_join(const char *const *names, size_t n, char *out, size_t outlen);

#endif

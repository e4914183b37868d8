/* wcomp: reads the names of a WebAssembly component's top-level imports
 * straight from the binary (component model, version 0x0d, layer 1), so the
 * audit can judge them before any app code or any runtime touches the file.
 * Strict and bounded; no global state. Format notes: docs/audit.md. */
#ifndef VYOMA_WCOMP_H
#define VYOMA_WCOMP_H

#include <stddef.h>
#include <stdint.h>

#define WCOMP_MAX_IMPORTS 4096        /* over all import sections */
#define WCOMP_NAME_MAX    1024        /* bytes of one reported name */
#define WCOMP_FILE_MAX    (64u << 20) /* largest component we read */

/* Called once per import, in binary order. `name` is NUL-terminated, `len`
 * bytes of valid UTF-8 without control characters, and only valid during
 * the call. A version-suffix option is already appended
 * ("wasi:io/streams@0.2" + ".12"); an import that carries an `implements`
 * option is reported as "[implements=<interface>]<name>". */
typedef void (*wcomp_import_fn)(const char *name, size_t len, void *ctx);

/* Walk the import sections of the component in buf. 0, or -1 with a
 * message ("at byte N: ...") in err. cb may be NULL (validation only). */
int wcomp_imports(const uint8_t *buf, size_t len, wcomp_import_fn cb, void *ctx,
		  char *err, size_t errlen);

/* The payload of the first top-level custom section named `name` (the
 * build's "vyoma-marks", docs/audit.md "SDK marks"): 1 with *payload and
 * *plen set, 0 when there is none, -1 with err when the binary cannot be
 * walked. Only the preamble and section framing are read. */
int wcomp_custom(const uint8_t *buf, size_t len, const char *name, const uint8_t **payload,
		 size_t *plen, char *err, size_t errlen);

/* Read a regular file of at most min(max, WCOMP_FILE_MAX) bytes into a new
 * malloc'd buffer (the caller frees *buf). 0 or -1 with err. */
int wcomp_read_file(const char *path, size_t max, uint8_t **buf, size_t *len,
		    char *err, size_t errlen);

/* wcomp_read_file + wcomp_imports. 0 or -1 with err. */
int wcomp_imports_file(const char *path, wcomp_import_fn cb, void *ctx, char *err,
		       size_t errlen);

#endif

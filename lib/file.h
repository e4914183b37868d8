/* file: reading a whole regular file, bounded, from outside input, and
 * replacing one atomically. */
#ifndef VYOMA_FILE_H
#define VYOMA_FILE_H

#include <stddef.h>
#include <stdint.h>

/* Read the regular file at path, at most max bytes, into a malloc'd buffer
 * with a NUL after the last byte (not counted in *len). Refuses what is not
 * a regular file (a FIFO cannot block the caller), what is larger than max,
 * and a file that changes size while it is read. 0, or -1 with a short
 * reason in err ("not a regular file", "larger than N bytes", ...) that
 * does not repeat the path. */
int file_read(const char *path, size_t max, uint8_t **buf, size_t *len, char *err, size_t errlen);

/* Replace path with len bytes of data, atomically: a temporary file in the
 * same directory is written, fsynced, given `mode`, renamed over path, and
 * the directory is fsynced. A crash leaves the old file or the new one,
 * never a part. 0, or -1 with a reason in err (the temporary is removed). */
int file_write_atomic(const char *path, const void *data, size_t len, unsigned mode, char *err,
		      size_t errlen);

/* An optional small config file: read path (at most max bytes) and give it
 * to parse. 1 when parsed, 0 when the file does not exist, -1 with
 * "path: why" (a read error) or "path:why" (parse's "line:col: why"). */
typedef int (*file_parse_fn)(const char *text, size_t len, void *out, char *err, size_t errlen);
int file_load_opt(const char *path, size_t max, file_parse_fn parse, void *out, char *err,
		  size_t errlen);

/* mkdir -p: path and every missing folder above it, with mode. 0, or -1
 * with errno (an existing folder is not an error). */
int file_mkdirs(const char *path, unsigned mode);

/* fsync the directory that holds path (after a rename into it). 0 or -1. */
int file_sync_dir(const char *path, char *err, size_t errlen);

#endif

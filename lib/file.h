/* file: reading a whole regular file, bounded, from outside input. */
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

#endif

/* ustar: the POSIX tar (ustar) container of packages, written
 * deterministically and read strictly. Only flat regular files: any other
 * entry type, a path with a directory part, "..", an absolute path, a
 * duplicate name, a bad checksum or a size past the end is refused. */
#ifndef VYOMA_USTAR_H
#define VYOMA_USTAR_H

#include <stddef.h>
#include <stdint.h>

#define USTAR_BLOCK       512
#define USTAR_NAME_MAX    99  /* bytes of a flat entry name */
#define USTAR_MAX_ENTRIES 16

/* Writer input. */
struct ustar_file {
	const char *name;
	const uint8_t *data;
	size_t size;
};

/* Reader output: data points into the caller's buffer. */
struct ustar_entry {
	char name[USTAR_NAME_MAX + 1];
	const uint8_t *data;
	size_t size;
};

/* Write files, sorted by name (strcmp), each with mode 0644, uid/gid 0,
 * empty user and group names, mtime 0, then two zero blocks. The same
 * files give the same bytes. *out is malloc'd. 0, or -1 with err. */
int ustar_write(const struct ustar_file *files, size_t n, uint8_t **out, size_t *outlen,
		char *err, size_t errlen);

/* Read every entry of buf (at most max entries, each at most entry_max
 * bytes). 0, or -1 with a message naming the entry in err. */
int ustar_read(const uint8_t *buf, size_t len, size_t entry_max, struct ustar_entry *out,
	       size_t max, size_t *n, char *err, size_t errlen);

/* Why `name` (len bytes) cannot be an entry name, or NULL when it can:
 * [A-Za-z0-9._-], not starting with '.', at most USTAR_NAME_MAX bytes. */
const char *ustar_name_problem(const char *name, size_t len);

#endif

/* file: the one bounded file reader that every parser of outside files
 * (manifests, boot lists, components) goes through, so that size limits,
 * FIFOs planted in place of a file, and files that change while read are
 * handled once and the same way. */
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int file_read(const char *path, size_t max, uint8_t **out, size_t *outlen, char *err, size_t errlen)
{
	uint8_t *buf = NULL, extra;
	struct stat st;
	size_t size, got = 0;
	int fd, rc = -1;
	ssize_t n;

	*out = NULL;
	*outlen = 0;
	/* O_NONBLOCK: a FIFO where the file should be cannot hang open(). */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		snprintf(err, errlen, "cannot stat: %s", strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "not a regular file");
		goto out;
	}
	if (st.st_size < 0 || (unsigned long long)st.st_size > max) {
		snprintf(err, errlen, "%lld bytes, larger than %zu bytes", (long long)st.st_size, max);
		goto out;
	}
	size = (size_t)st.st_size;
	buf = malloc(size + 1);
	if (!buf) {
		snprintf(err, errlen, "out of memory for %zu bytes", size);
		goto out;
	}
	while (got < size) {
		n = read(fd, buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			snprintf(err, errlen, "cannot read: %s", strerror(errno));
			goto out;
		}
		if (n == 0) {
			snprintf(err, errlen, "file shrank while being read");
			goto out;
		}
		got += (size_t)n;
	}
	do
		n = read(fd, &extra, 1);
	while (n < 0 && errno == EINTR);
	if (n != 0) {
		snprintf(err, errlen, "file grew while being read");
		goto out;
	}
	buf[size] = 0;
	*out = buf;
	*outlen = size;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	close(fd);
	return rc;
}

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

int file_sync_dir(const char *path, char *err, size_t errlen)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	int fd, rc = -1;

	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open directory %s: %s", dir, strerror(errno));
		return -1;
	}
	if (fsync(fd) != 0)
		snprintf(err, errlen, "cannot fsync directory %s: %s", dir, strerror(errno));
	else
		rc = 0;
	close(fd);
	return rc;
}

int file_write_atomic(const char *path, const void *data, size_t len, unsigned mode, char *err,
		      size_t errlen)
{
	char tmp[4096];
	const uint8_t *p = data;
	size_t done = 0;
	ssize_t n;
	int fd, rc = -1;

	if (snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path) >= (int)sizeof tmp) {
		snprintf(err, errlen, "path too long");
		return -1;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create a temporary file: %s", strerror(errno));
		return -1;
	}
	while (done < len) {
		n = write(fd, p + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "cannot write: %s", n < 0 ? strerror(errno) : "short write");
			goto out;
		}
		done += (size_t)n;
	}
	if (fchmod(fd, (mode_t)mode) != 0 || fsync(fd) != 0) {
		snprintf(err, errlen, "cannot chmod or fsync: %s", strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		snprintf(err, errlen, "cannot close: %s", strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		snprintf(err, errlen, "cannot rename into place: %s", strerror(errno));
		goto out;
	}
	rc = file_sync_dir(path, err, errlen);
	tmp[0] = '\0';
out:
	if (fd >= 0)
		close(fd);
	if (rc < 0 && tmp[0])
		unlink(tmp);
	return rc;
}

int file_mkdirs(const char *path, unsigned mode)
{
	char p[4096];

	if (snprintf(p, sizeof p, "%s", path) >= (int)sizeof p) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, (mode_t)mode) < 0 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return mkdir(p, (mode_t)mode) < 0 && errno != EEXIST ? -1 : 0;
}

int file_load_opt(const char *path, size_t max, file_parse_fn parse, void *out, char *err,
		  size_t errlen)
{
	char why[256];
	uint8_t *text;
	size_t len;
	int rc;

	if (access(path, F_OK) < 0)
		return 0;
	if (file_read(path, max, &text, &len, why, sizeof why) < 0) {
		snprintf(err, errlen, "%s: %s", path, why);
		return -1;
	}
	rc = parse((const char *)text, len, out, why, sizeof why);
	free(text);
	if (rc < 0) {
		snprintf(err, errlen, "%s:%s", path, why);
		return -1;
	}
	return 1;
}

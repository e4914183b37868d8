/* manifest_io: the file side of the manifest module: reading vyoma.toml and
 * boot.toml from disk (bounded, never blocking) and formatting errors. Kept
 * apart from lib/manifest.c so the schema file holds only the schema. */
#include "manifest.h"
#include "toml.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int io_fail(struct man_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int io_fail(struct man_error *err, const char *fmt, ...)
{
	va_list ap;

	err->line = 0;
	err->col = 0;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

static void io_err_init(struct man_error *err, const char *file)
{
	memset(err, 0, sizeof *err);
	snprintf(err->file, sizeof err->file, "%s", file ? file : "<input>");
}

/* Reads at most TOML_MAX_INPUT + 1 bytes so an oversized file is refused
 * by size, and opens non-blocking so a FIFO in its place cannot hang PID 1. */
static int read_file(const char *path, char **bufp, size_t *lenp, struct man_error *err)
{
	size_t len = 0;
	struct stat st;
	char *buf = NULL;
	int fd, rc = -1;

	*bufp = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return io_fail(err, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		io_fail(err, "not a regular file");
		goto out;
	}
	if (!(buf = malloc(TOML_MAX_INPUT + 1))) {
		io_fail(err, "out of memory");
		goto out;
	}
	while (len <= TOML_MAX_INPUT) {
		ssize_t n = read(fd, buf + len, TOML_MAX_INPUT + 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			io_fail(err, "cannot read: %s", strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	if (len > TOML_MAX_INPUT) {
		io_fail(err, "file is larger than %u bytes", TOML_MAX_INPUT);
		goto out;
	}
	*bufp = buf;
	*lenp = len;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	close(fd);
	return rc;
}

int man_load_app(const char *path, struct manifest *out, struct man_error *err)
{
	struct man_error local;
	char *buf;
	size_t len;
	int rc;

	if (!err)
		err = &local;
	io_err_init(err, path);
	if (read_file(path, &buf, &len, err) < 0) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	rc = man_parse_app(buf, len, path, out, err);
	free(buf);
	return rc;
}

int man_load_boot(const char *path, struct boot_config *out, struct man_error *err)
{
	struct man_error local;
	char *buf;
	size_t len;
	int rc;

	if (!err)
		err = &local;
	io_err_init(err, path);
	if (read_file(path, &buf, &len, err) < 0) {
		memset(out, 0, sizeof *out);
		return -1;
	}
	rc = man_parse_boot(buf, len, path, out, err);
	free(buf);
	return rc;
}

void man_error_format(const struct man_error *err, char *buf, size_t len)
{
	if (!buf || len == 0)
		return;
	if (err->line > 0)
		snprintf(buf, len, "%s:%d:%d: %s", err->file, err->line, err->col, err->msg);
	else
		snprintf(buf, len, "%s: %s", err->file, err->msg);
}

/* manifest_io: the file side of the manifest module: reading vyoma.toml and
 * boot.toml from disk (bounded, never blocking), formatting errors, and
 * comparing versions. Kept apart from lib/manifest.c so the schema file
 * holds only the schema. */
#include "file.h"
#include "manifest.h"
#include "toml.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

typedef int (*io_parse_fn)(const char *text, size_t len, const char *file, void *out,
			   struct man_error *err);

static int io_parse_app(const char *t, size_t n, const char *f, void *out, struct man_error *e)
{
	return man_parse_app(t, n, f, out, e);
}

static int io_parse_boot(const char *t, size_t n, const char *f, void *out, struct man_error *e)
{
	return man_parse_boot(t, n, f, out, e);
}

static int io_load(const char *path, io_parse_fn parse, void *out, size_t outsize,
		   struct man_error *err)
{
	struct man_error local;
	char why[sizeof err->msg];
	uint8_t *buf;
	size_t len;
	int rc;

	if (!err)
		err = &local;
	io_err_init(err, path);
	if (file_read(path, TOML_MAX_INPUT, &buf, &len, why, sizeof why) < 0) {
		memset(out, 0, outsize);
		return io_fail(err, "%s", why);
	}
	rc = parse((const char *)buf, len, path, out, err);
	free(buf);
	return rc;
}

int man_load_app(const char *path, struct manifest *out, struct man_error *err)
{
	return io_load(path, io_parse_app, out, sizeof *out, err);
}

int man_load_boot(const char *path, struct boot_config *out, struct man_error *err)
{
	return io_load(path, io_parse_boot, out, sizeof *out, err);
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

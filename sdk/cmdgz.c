/* cmdgz: gzip, gunzip and zcat (vyoma_cmd.h, vy_cmd_gz_main) over zlib
 * (Debian's source built for wasm32, mk/zlib.mk; only these three apps
 * link it). Streams of 64 KiB: stdin or a file in, stdout or a file out.
 * The gzip header is zlib's own: no name, time 0, OS 3 (Unix), as
 * `gzip -n` writes it. Decompression reads concatenated members, as gzip
 * does; bytes after the last member that are not a member are ignored. */
#include "vyoma_cmd.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define GZ_CHUNK 65536

struct gz_opt {
	char mode;  /* 'z' compress, 'd' decompress, 't' test */
	int level;  /* 1-9 */
	bool to_stdout, force, keep;
	vy_gz_fn compress;
};

struct gz_io {
	struct vy_rd *r;
	const char *out;  /* a file, or NULL for stdout */
	bool started;     /* out has been created */
	bool discard;     /* -t: decompressed, never written */
	unsigned char *in, *buf;
};

static int gz_put(struct gz_io *io, const void *p, size_t n)
{
	if (n == 0 || io->discard)
		return 0;
	if (!io->out)
		return vy_write(p, n) == 0 ? 0 : vy_cmd_err("write error");
	int rc = vy_cmd_write(io->out, p, n, io->started);
	io->started = true;
	return rc == 0 ? 0 : vy_cmd_err("%s: %s", io->out, vy_cmd_fserr());
}

/* The next piece of input into io->in: its length, 0 at the end, -1 said. */
static long gz_pull(struct gz_io *io, const char *name)
{
	long n = io->r->pull(io->r, io->in, GZ_CHUNK);
	return n >= 0 ? n : vy_cmd_err("%s: read error", name);
}

int vy_cmd_gz_deflate(struct gz_io *io, const char *name, int level)
{
	z_stream z = {0};
	int flush, rc = -1;

	if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return vy_cmd_err("out of memory");
	do {
		long n = gz_pull(io, name);
		if (n < 0)
			goto out;
		flush = n == 0 ? Z_FINISH : Z_NO_FLUSH;
		z.next_in = io->in;
		z.avail_in = (uInt)n;
		do {
			z.next_out = io->buf;
			z.avail_out = GZ_CHUNK;
			deflate(&z, flush);
			if (gz_put(io, io->buf, GZ_CHUNK - z.avail_out) != 0)
				goto out;
		} while (z.avail_out == 0);
	} while (flush != Z_FINISH);
	rc = 0;
out:
	deflateEnd(&z);
	return rc;
}

/* Input that is not gzip: copied as it is under -f (zcat -f, as GNU), else
 * an error. */
static int gz_not_gzip(struct gz_io *io, const char *name, size_t have, bool force)
{
	if (!force)
		return vy_cmd_err("%s: not in gzip format", name);
	for (long n = (long)have; n > 0; n = gz_pull(io, name))
		if (gz_put(io, io->in, (size_t)n) != 0)
			return -1;
	return 0;
}

static int gz_inflate(struct gz_io *io, const char *name, bool force)
{
	z_stream z = {0};
	int zr = Z_OK, rc = -1;
	bool ended = false; /* the last member is complete */
	long n = gz_pull(io, name);

	if (n < 0)
		return -1;
	if (n == 0 || io->in[0] != 0x1f || (n > 1 && io->in[1] != 0x8b))
		return n == 0 && !force ? vy_cmd_err("%s: unexpected end of file", name)
					: gz_not_gzip(io, name, (size_t)n, force);
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return vy_cmd_err("out of memory");
	z.next_in = io->in;
	z.avail_in = (uInt)n;
	for (;;) {
		if (z.avail_in == 0) {
			if ((n = gz_pull(io, name)) < 0)
				goto out;
			if (n == 0)
				break;
			z.next_in = io->in;
			z.avail_in = (uInt)n;
		}
		if (ended) {
			if (z.next_in[0] != 0x1f)
				break; /* trailing bytes that start no member */
			inflateReset(&z);
			ended = false;
		}
		z.next_out = io->buf;
		z.avail_out = GZ_CHUNK;
		zr = inflate(&z, Z_NO_FLUSH);
		if (zr == Z_NEED_DICT || zr == Z_DATA_ERROR || zr == Z_MEM_ERROR) {
			vy_cmd_err("%s: %s", name, z.msg ? z.msg : "invalid compressed data");
			goto out;
		}
		if (gz_put(io, io->buf, GZ_CHUNK - z.avail_out) != 0)
			goto out;
		ended = zr == Z_STREAM_END;
	}
	if (!ended) {
		vy_cmd_err("%s: unexpected end of file", name);
		goto out;
	}
	rc = 0;
out:
	inflateEnd(&z);
	return rc;
}

/* FILE's output name: FILE.gz, or FILE without .gz (.tgz -> .tar). NULL
 * (said) when a compressed FILE has neither. */
static char *gz_out_name(const char *path, bool compress)
{
	size_t n = strlen(path);
	char *out = malloc(n + 4);
	if (!out)
		return NULL;
	memcpy(out, path, n + 1);
	if (compress) /* busybox: x.gz to x.gz.gz (GNU refuses) */
		return strcat(out, ".gz");
	if (!compress && n > 3 && strcmp(path + n - 3, ".gz") == 0) {
		out[n - 3] = '\0';
		return out;
	}
	if (!compress && n > 4 && strcmp(path + n - 4, ".tgz") == 0)
		return strcpy(out + n - 4, ".tar"), out;
	vy_cmd_err("%s: unknown suffix", path);
	free(out);
	return NULL;
}

static int gz_one(struct vy_rd *r, const char *name, void *ctx)
{
	const struct gz_opt *o = ctx;
	struct gz_io io = {r, NULL, false, false, malloc(GZ_CHUNK), malloc(GZ_CHUNK)};
	bool to_file = strcmp(name, "-") != 0 && !o->to_stdout && o->mode != 't';
	struct vy_st st;
	int rc = -1;

	if (!io.in || !io.buf) {
		vy_cmd_err("out of memory");
		goto out;
	}
	if (to_file) {
		if (!(io.out = gz_out_name(name, o->mode == 'z')))
			goto out;
		if (!o->force && vy_st_get(io.out, &st, false) == 0) {
			vy_cmd_err("%s already exists", io.out);
			goto out;
		}
	}
	io.discard = o->mode == 't';
	const char *label = to_file || strcmp(name, "-") != 0 ? name : "stdin";
	rc = o->mode == 'z' ? o->compress(&io, label, o->level) : gz_inflate(&io, label, o->force);
	if (to_file && rc == 0 && !o->keep && vy_fs_delete(name) != 0)
		rc = vy_cmd_err("%s: %s", name, vy_cmd_fserr());
	if (to_file && rc != 0 && io.started)
		vy_fs_delete(io.out);
out:
	free((char *)io.out);
	free(io.in);
	free(io.buf);
	return rc;
}

int vy_cmd_gz_main(vy_gz_fn compress, const char *spec, const char *usage)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	struct vy_opt op = {0};
	struct gz_opt o = {compress ? 'z' : 'd', 6, argv[0][0] == 'z', false, false, compress};

	while ((c = vy_opt_next(&op, argc, argv, spec, usage)) != -1) {
		if (c == '?')
			vy_cmd_exit(1);
		if (c >= '1' && c <= '9')
			o.level = c - '0';
		else if (c == 'c')
			o.to_stdout = true;
		else if (c == 'd' || c == 't')
			o.mode = c == 't' ? 't' : o.mode == 't' ? 't' : 'd';
		else if (c == 'f')
			o.force = true;
		else if (c == 'k')
			o.keep = true;
	}
	return vy_cmd_each(argc, argv, op.ind, vy_rd_open, gz_one, &o);
}

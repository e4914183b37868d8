/* cmdgz: gzip, gunzip and zcat (vyoma_cmd.h, vy_cmd_gz_main): the gzip
 * format (RFC 1952) around the SDK's own deflate (sdk/deflate.c, linked
 * only by gzip) and inflate (sdk/inflate.c), and the files. Streams: stdin
 * or a file in, stdout or a file out. The header written is `gzip -n`'s
 * and busybox's: no name, time 0, XFL 0, OS 3 (Unix). Decompression reads
 * concatenated members, as gzip does; a member's optional fields (extra,
 * name, comment, header CRC) are skipped, the header CRC, the data's
 * CRC-32 and its length checked; bytes after the last member that do not
 * start a member are ignored. */
#include "sdk.h"
#include "vyoma_cmd.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deflate.h"
#include "inflate.h"

#define GZ_CHUNK 65536

struct gz_opt {
	char mode;  /* 'z' compress, 'd' decompress, 't' test */
	int level;  /* 1-9 */
	bool to_stdout, force, keep;
	vy_gz_fn compress;
};

struct gz_io {
	struct vy_rd *r;
	const char *name; /* for messages */
	const char *out;  /* a file, or NULL for stdout */
	int32_t fd;       /* out's descriptor */
	uint64_t off;     /* bytes written to it */
	bool discard;     /* -t: decompressed, never written */
	bool eof, said;   /* input ended; its read error said */
	unsigned char *in, *win;
	size_t at, len;   /* in's unread bytes */
	uint32_t crc, size, hcrc;
};

/* The CRC-32 of gzip (and zlib, PNG), its table made at first use. */
static uint32_t gz_crc(uint32_t crc, const unsigned char *p, size_t n)
{
	static uint32_t tab[256];

	if (!tab[1])
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = c >> 1 ^ (0xedb88320u & -(c & 1));
			tab[i] = c;
		}
	crc = ~crc;
	while (n--)
		crc = tab[(crc ^ *p++) & 0xff] ^ crc >> 8;
	return ~crc;
}

static int gz_put(void *ctx, const unsigned char *p, size_t n)
{
	struct gz_io *io = ctx;

	if (n == 0 || io->discard)
		return 0;
	if (!io->out)
		return vy_write(p, n) == 0 ? 0 : vy_cmd_err("write error");
	while (n) {
		app_list_u8_t chunk = {(uint8_t *)p, n};
		uint64_t put;
		wasi_filesystem_types_error_code_t err;
		wasi_filesystem_types_borrow_descriptor_t fd = {io->fd};
		if (!wasi_filesystem_types_method_descriptor_write(fd, &chunk, io->off, &put, &err))
			return sdk_fs_fail(err), vy_cmd_err("%s: %s", io->out, vy_cmd_fserr());
		io->off += put;
		p += put;
		n -= (size_t)put;
	}
	return 0;
}

/* Input for deflate, its CRC and length kept. */
static long gz_pull(void *ctx, unsigned char *p, size_t n)
{
	struct gz_io *io = ctx;
	long got = io->r->pull(io->r, p, n);

	if (got < 0)
		return vy_cmd_err("%s: read error", io->name);
	io->crc = gz_crc(io->crc, p, (size_t)got);
	io->size += (uint32_t)got;
	return got;
}

int vy_cmd_gz_deflate(struct gz_io *io, int level)
{
	static const unsigned char head[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};
	struct defl d = {gz_pull, gz_put, io, level};
	unsigned char tail[8];

	if (gz_put(io, head, sizeof head) != 0)
		return -1;
	int rc = defl_run(&d);
	if (rc != 0)
		return rc == DEFL_NOMEM ? vy_cmd_err("out of memory") : -1;
	for (int i = 0; i < 4; i++) {
		tail[i] = (unsigned char)(io->crc >> 8 * i);
		tail[4 + i] = (unsigned char)(io->size >> 8 * i);
	}
	return gz_put(io, tail, sizeof tail);
}

/* The next input byte, or -1 at the end (a read error said once). */
static int gz_get(void *ctx)
{
	struct gz_io *io = ctx;

	if (io->at == io->len) {
		long n = io->eof ? 0 : io->r->pull(io->r, io->in, GZ_CHUNK);
		if (n <= 0) {
			if (n < 0 && !io->said)
				io->said = vy_cmd_err("%s: read error", io->name) != 0;
			io->eof = true;
			return -1;
		}
		io->at = 0;
		io->len = (size_t)n;
	}
	return io->in[io->at++];
}

/* N bytes of a header or trailer, little-endian, into the header's CRC
 * (zeros past the end: io->eof says). */
static uint32_t gz_le(struct gz_io *io, int n)
{
	uint32_t v = 0;

	for (int i = 0; i < n; i++) {
		int c = gz_get(io);
		unsigned char b = c < 0 ? 0 : (unsigned char)c;
		io->hcrc = gz_crc(io->hcrc, &b, 1);
		v |= (uint32_t)b << 8 * i;
	}
	return v;
}

/* Inflate's output: into the CRC and length, then out. */
static int gz_inflated(void *ctx, const unsigned char *p, size_t n)
{
	struct gz_io *io = ctx;

	io->crc = gz_crc(io->crc, p, n);
	io->size += (uint32_t)n;
	return gz_put(io, p, n);
}

/* One member, its first byte (0x1f) read: NULL, or what is wrong ("" when
 * said). */
static const char *gz_member(struct gz_io *io, struct infl *s)
{
	static const unsigned char id1 = 0x1f;

	io->hcrc = gz_crc(0, &id1, 1);
	uint32_t h = gz_le(io, 3), flg = h >> 16;
	gz_le(io, 6); /* time, XFL, OS */
	if (!io->eof && ((h & 0xffff) != 0x088b || flg & 0xe0))
		return "not in gzip format";
	if (flg & 4)
		for (uint32_t x = gz_le(io, 2); x-- && !io->eof;)
			gz_le(io, 1);
	for (uint32_t f = 8; f <= 16; f += 8) /* the name, the comment */
		while (flg & f && gz_le(io, 1))
			;
	uint32_t want = io->hcrc & 0xffff;
	if (flg & 2 && gz_le(io, 2) != want && !io->eof)
		return "header CRC error";
	io->crc = io->size = 0;
	int rc = io->eof ? INFL_EOF : infl_run(s);
	if (rc == INFL_BAD)
		return "invalid compressed data";
	uint32_t crc = gz_le(io, 4), size = gz_le(io, 4);
	if (rc == INFL_PUT || io->said)
		return "";
	if (io->eof)
		return "unexpected end of file";
	return crc != io->crc ? "CRC error" : size != io->size ? "length error" : NULL;
}

/* Input that is not gzip, its first N bytes in io->in: copied as it is
 * under -f (zcat -f, as GNU), else an error. */
static int gz_not_gzip(struct gz_io *io, long n, bool force)
{
	if (!force)
		return vy_cmd_err("%s: not in gzip format", io->name);
	for (; n > 0; n = io->r->pull(io->r, io->in, GZ_CHUNK))
		if (gz_put(io, io->in, (size_t)n) != 0)
			return -1;
	return n < 0 ? vy_cmd_err("%s: read error", io->name) : 0;
}

static int gz_inflate(struct gz_io *io, bool force)
{
	struct infl s = {gz_get, gz_inflated, io, io->win, 0, 0, 0, 0, 0};
	long n = io->r->pull(io->r, io->in, GZ_CHUNK);

	if (n < 0)
		return vy_cmd_err("%s: read error", io->name);
	if (n == 0 || io->in[0] != 0x1f || (n > 1 && io->in[1] != 0x8b))
		return n == 0 && !force ? vy_cmd_err("%s: unexpected end of file", io->name)
					: gz_not_gzip(io, n, force);
	io->len = (size_t)n;
	io->at = 1;
	do {
		const char *bad = gz_member(io, &s);
		if (bad)
			return *bad ? vy_cmd_err("%s: %s", io->name, bad) : -1;
	} while (gz_get(io) == 0x1f);
	return 0;
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
	struct gz_io io = {.r = r, .in = malloc(GZ_CHUNK), .win = malloc(INFL_WIN)};
	bool to_file = strcmp(name, "-") != 0 && !o->to_stdout && o->mode != 't';
	wasi_filesystem_types_own_descriptor_t own = {0};
	int rc = -1;

	if (!io.in || !io.win) {
		vy_cmd_err("out of memory");
		goto out;
	}
	if (to_file) {
		if (!(io.out = gz_out_name(name, o->mode == 'z')))
			goto out;
		/* created here, so an empty result is a file too; refused when
		 * it exists, unless -f */
		if (sdk_fs_open(io.out, WASI_FILESYSTEM_TYPES_PATH_FLAGS_SYMLINK_FOLLOW,
				WASI_FILESYSTEM_TYPES_OPEN_FLAGS_CREATE |
					(o->force ? WASI_FILESYSTEM_TYPES_OPEN_FLAGS_TRUNCATE
						  : WASI_FILESYSTEM_TYPES_OPEN_FLAGS_EXCLUSIVE),
				WASI_FILESYSTEM_TYPES_DESCRIPTOR_FLAGS_WRITE, &own) != 0) {
			vy_cmd_err("%s: %s", io.out, vy_fs_err() == VY_E_EXIST ? "already exists" : vy_cmd_fserr());
			goto out;
		}
		io.fd = own.__handle;
	}
	io.discard = o->mode == 't';
	io.name = to_file || strcmp(name, "-") != 0 ? name : "stdin";
	rc = o->mode == 'z' ? o->compress(&io, o->level) : gz_inflate(&io, o->force);
	if (own.__handle) {
		wasi_filesystem_types_descriptor_drop_own(own);
		if (rc == 0 && !o->keep && vy_fs_delete(name) != 0)
			rc = vy_cmd_err("%s: %s", name, vy_cmd_fserr());
		if (rc != 0)
			vy_fs_delete(io.out);
	}
out:
	free((char *)io.out);
	free(io.in);
	free(io.win);
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

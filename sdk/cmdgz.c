/* cmdgz: gzip, gunzip and zcat (vyoma_cmd.h, vy_cmd_gz_main): the gzip
 * format (RFC 1952) around the SDK's own deflate (sdk/deflate.c, linked
 * only by gzip) and inflate (sdk/inflate.c), and the files (FILE to
 * FILE.gz and back: vy_cmd_gz_file, which zcat does not link). The header
 * written is `gzip -n`'s and busybox's: no name, time 0, XFL 0, OS 3
 * (Unix). Decompression reads concatenated members, as gzip does; a
 * member's optional fields (extra, name, comment, header CRC) are skipped
 * as busybox skips them, the data's CRC-32 and length checked; bytes after
 * the last member that do not start a member are ignored. */
#include "sdk.h"
#include "vyoma_cmd.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "deflate.h"
#include "inflate.h"

#define GZ_CHUNK 65536

/* The options: static like the state below, in the low segment (one
 * command line per run), so a flag is one load. */
SDK_LOW static struct {
	vy_gz_fn compress;  /* NULL in gunzip and zcat */
	vy_gz_file_fn file; /* NULL in zcat */
	int level;          /* 1-9 */
	bool on[32];        /* the flags given, by letter & 31 */
} gz_o;

/* One input at a time: the state is static (smaller wasm than a pointer
 * passed around). */
SDK_LOW static struct {
	struct vy_rd *r;
	const char *name; /* for messages */
	/* the output file (vy_cmd_gz_file: zcat links none), or stdout */
	int (*write)(const unsigned char *p, size_t n);
	const char *out;
	int32_t fd;
	uint64_t off;
	int eof;        /* 1: the input ended, 2: a read failed */
	size_t at, len; /* gz_in's read and filled bytes */
	uint32_t tr[2]; /* the data's CRC-32 and length: a gzip trailer, little-endian as wasm's memory */
} gz;
static unsigned char gz_in[GZ_CHUNK];
#define GZ_ON(c) (gz_o.on[(c) & 31])

/* what went wrong, by number */
enum { GZ_EOF = 1, GZ_BAD, GZ_CRC, GZ_NOTGZ, GZ_RDERR };
static const char *const gz_msgs[] = {"unexpected end of file", "invalid compressed data",
				      "CRC or length error", "not in gzip format", "read error"};

/* The CRC-32 of gzip (and zlib, PNG), a bit at a time: no table. */
static uint32_t gz_crc(uint32_t crc, const unsigned char *p, size_t n)
{
	crc = ~crc;
	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = crc >> 1 ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

static int gz_fwrite(const unsigned char *p, size_t n)
{
	while (n) {
		app_list_u8_t chunk = {(uint8_t *)p, n};
		uint64_t put;
		wasi_filesystem_types_error_code_t err;
		wasi_filesystem_types_borrow_descriptor_t fd = {gz.fd};
		if (!wasi_filesystem_types_method_descriptor_write(fd, &chunk, gz.off, &put, &err))
			return sdk_fs_fail(err), vy_cmd_errs(gz.out, ": ", vy_cmd_fserr());
		gz.off += put;
		p += put;
		n -= (size_t)put;
	}
	return 0;
}

/* The output: nowhere under -t, a file, or stdout. */
static int gz_put(const unsigned char *p, size_t n)
{
	if (GZ_ON('t'))
		return 0;
	if (gz.write)
		return gz.write(p, n);
	return vy_write(p, n) == 0 ? 0 : vy_cmd_errs("write error");
}

/* deflate's input (deflate.h), its CRC and length kept. */
long defl_pull(unsigned char *p, size_t n)
{
	long got = gz.r->pull(gz.r, p, n);

	if (got < 0)
		return vy_cmd_errs(gz.name, ": ", gz_msgs[GZ_RDERR - 1]);
	gz.tr[0] = gz_crc(gz.tr[0], p, (size_t)got);
	gz.tr[1] += (uint32_t)got;
	return got;
}

int vy_cmd_gz_deflate(int level)
{
	static const unsigned char head[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3};

	if (gz_put(head, sizeof head) != 0 || defl_run(level) != 0)
		return -1;
	return gz_put((const unsigned char *)gz.tr, sizeof gz.tr);
}

/* deflate's output (deflate.h) */
int defl_put(const unsigned char *p, size_t n)
{
	return gz_put(p, n);
}

/* inflate's input (inflate.h): the next byte, or -1 at the end (gz.eof
 * says why). */
int infl_get(void)
{
	if (gz.at == gz.len) {
		long n = gz.eof ? 0 : gz.r->pull(gz.r, gz_in, GZ_CHUNK);
		if (n <= 0) {
			gz.eof |= n < 0 ? 2 : 1;
			return -1;
		}
		gz.at = 0;
		gz.len = (size_t)n;
	}
	return gz_in[gz.at++];
}

/* inflate's output: into the CRC and length, then out. */
int infl_put(const unsigned char *p, size_t n)
{
	gz.tr[0] = gz_crc(gz.tr[0], p, n);
	gz.tr[1] += (uint32_t)n;
	return gz_put(p, n);
}

/* N bytes (N < 4, or 4), little-endian: a header's or trailer's number. */
static uint32_t gz_le(int n)
{
	uint32_t v = 0;

	for (int i = 0; i < n; i++)
		v |= (uint32_t)(infl_get() & 0xff) << 8 * i;
	return v;
}

/* One member, its first byte (0x1f) read: 0, a GZ_ error, or -1 said. */
static int gz_member(void)
{
	uint32_t h = gz_le(3), flg = h >> 16;

	gz_le(4); /* time */
	gz_le(2); /* XFL, OS */
	if (!gz.eof && ((h & 0xffff) != 0x088b || flg & 0xe0))
		return GZ_NOTGZ;
	if (flg & 4)
		for (uint32_t x = gz_le(2); x-- && !gz.eof;)
			infl_get();
	for (uint32_t f = 8; f <= 16; f <<= 1) /* the name, the comment */
		while (flg & f && infl_get() > 0)
			;
	gz_le(flg & 2); /* the header's CRC */
	gz.tr[0] = gz.tr[1] = 0;
	int rc = infl_run();
	uint32_t crc = gz_le(4), size = gz_le(4);
	if (gz.eof) /* cut short, even if what came was bad */
		return GZ_EOF;
	return rc ? rc == INFL_BAD ? GZ_BAD : -1 : crc != gz.tr[0] || size != gz.tr[1] ? GZ_CRC : 0;
}

static int gz_inflate(void)
{
	int c = infl_get(), k;

	if (c == 0x1f && (gz.len < 2 || gz_in[1] == 0x8b)) {
		do
			k = gz_member();
		while (!k && infl_get() == 0x1f);
	} else if (!GZ_ON('f')) {
		k = c >= 0 ? GZ_NOTGZ : GZ_EOF;
	} else { /* -f: passed through as it is (zcat -f, as GNU's) */
		do {
			if (gz_put(gz_in, gz.len) != 0)
				return -1;
			gz.at = gz.len;
		} while (infl_get() >= 0);
		k = 0;
	}
	if (gz.eof & 2) /* a read failed: what came before it is all there was */
		k = GZ_RDERR;
	return k > 0 ? vy_cmd_errs(gz.name, ": ", gz_msgs[k - 1]) : k;
}

/* The codec the options ask for, from the input to the output. */
static int gz_run(void)
{
	return gz_o.compress && !GZ_ON('d') && !GZ_ON('t') ? gz_o.compress(gz_o.level) : gz_inflate();
}

int vy_cmd_gz_file(const char *path)
{
	wasi_filesystem_types_own_descriptor_t own;
	size_t n = strlen(path);
	char *out = malloc(n + 4);
	int rc = -1;

	if (!out)
		return vy_cmd_errs("out of memory");
	memcpy(out, path, n + 1);
	if (gz_o.compress && !GZ_ON('d'))
		memcpy(out + n, ".gz", 4); /* busybox: x.gz to x.gz.gz (GNU refuses) */
	else if (n > 3 && strcmp(path + n - 3, ".gz") == 0)
		out[n - 3] = '\0';
	else if (n > 4 && strcmp(path + n - 4, ".tgz") == 0)
		memcpy(out + n - 3, "tar", 3);
	else {
		vy_cmd_errs(path, ": unknown suffix");
		goto out;
	}
	/* created first, so an empty result is a file too; refused when it
	 * exists, unless -f */
	if (sdk_fs_open(out, WASI_FILESYSTEM_TYPES_PATH_FLAGS_SYMLINK_FOLLOW,
			WASI_FILESYSTEM_TYPES_OPEN_FLAGS_CREATE |
				(GZ_ON('f') ? WASI_FILESYSTEM_TYPES_OPEN_FLAGS_TRUNCATE
					    : WASI_FILESYSTEM_TYPES_OPEN_FLAGS_EXCLUSIVE),
			WASI_FILESYSTEM_TYPES_DESCRIPTOR_FLAGS_WRITE, &own) != 0) {
		vy_cmd_errs(out, ": ", vy_fs_err() == VY_E_EXIST ? "already exists" : vy_cmd_fserr());
		goto out;
	}
	gz.fd = own.__handle;
	gz.out = out;
	gz.write = gz_fwrite;
	rc = gz_run();
	wasi_filesystem_types_descriptor_drop_own(own);
	if (rc == 0 && !GZ_ON('k') && vy_fs_delete(path) != 0)
		rc = vy_cmd_errs(path, ": ", vy_cmd_fserr());
	if (rc != 0)
		vy_fs_delete(out);
out:
	free(out);
	return rc;
}

static int gz_one(struct vy_rd *r, const char *name, void *ctx)
{
	(void)ctx;
	bool named = strcmp(name, "-") != 0;

	memset(&gz, 0, sizeof gz);
	gz.r = r;
	gz.name = named ? name : "stdin";
	return gz_o.file && named && !GZ_ON('c') && !GZ_ON('t') ? gz_o.file(name) : gz_run();
}

int vy_cmd_gz_main(vy_gz_fn compress, vy_gz_file_fn file, const char *spec, const char *usage)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	struct vy_opt op = {0};

	gz_o.compress = compress;
	gz_o.file = file;
	gz_o.level = 6;

	while ((c = vy_opt_next(&op, argc, argv, spec, usage)) != -1) {
		if (c == '?')
			vy_cmd_exit(1);
		if (c >= '1' && c <= '9')
			gz_o.level = c - '0';
		else
			gz_o.on[c & 31] = true;
	}
	return vy_cmd_each(argc, argv, op.ind, vy_rd_open, gz_one, NULL);
}

/* fs: files under /data, the one directory an app with the `filesystem`
 * capability is given. Paths are relative to /data ("notes.txt") or start
 * with "/data/". Any other path is passed to WASI unchanged, where the
 * runtime refuses it: the SDK does not pretend to be the sandbox. Saving is
 * atomic (write a temporary file, then rename over the old one), so a crash
 * never leaves half a file. Using any function here makes the component
 * import wasi:filesystem, which the app must declare. */
#include "sdk.h"

#include <string.h>

typedef wasi_filesystem_types_own_descriptor_t fs_own_t;

/* The calls are made straight through their imports, not through
 * wit-bindgen's adapters, which copy each result into structs on a stack
 * frame first (30-140 bytes of code each); as sdk/sdk.h does for stdin
 * and stdout, and with sdk/sdk.h's declarations (sdk/cmdfs.c uses them
 * too). The declarations are app.c's own, so either way there is one
 * import per function. Their results land in fs_r, the canonical
 * ABI's return area: a tag (0 ok, 1 error) at 0, then the value, at the
 * offset its alignment gives: an error-code (one byte) at 1 when the ok
 * side is empty, at 4 after a handle or a list, at 8 after a filesize. */
SDK_LOW static bool fs_ready;
SDK_LOW static int32_t fs_data;
/* the last failure's reason: vy_fs_err (sdk/fserr.c) gives it */
SDK_LOW enum vy_err sdk_fs_errno;
SDK_LOW static uint8_t fs_r[24] __attribute__((aligned(8)));
#define FS_I32(off) (*(int32_t *)(void *)(fs_r + (off)))


static int fs_fail(wasi_filesystem_types_error_code_t code)
{
	sdk_fs_errno = (enum vy_err)(code + 1);
	return -1;
}

/* The call's result in fs_r: 0, or -1 with its error code (at `at`). */
static int fs_done(int at) { return fs_r[0] ? fs_fail(fs_r[at]) : 0; }

/* The preopens list is asked for once and kept until exit (a few bytes):
 * freeing it and dropping the preopens other than /data cost about 150
 * bytes of code in every app with files. A handle is never 0. The list:
 * its address at 0, its length at 4; an entry: the handle, then the
 * name's address and length. */
static int32_t fs_root(void)
{
	if (!fs_ready) {
		int32_t *l;
		const uint8_t *name;
		uint32_t head;
		fs_ready = true;
		__wasm_import_wasi_filesystem_preopens_get_directories(fs_r);
		l = *(int32_t **)(void *)fs_r;
		/* the runner preopens one folder, /data, or none (runner/wt.c);
		 * the name's first four bytes compared as one word ("/dat",
		 * little-endian), not by a byte loop */
		if (FS_I32(4) && l[2] == 5) {
			name = (const uint8_t *)(uintptr_t)l[1];
			memcpy(&head, name, 4);
			if (head == 0x7461642fu && name[4] == 'a')
				fs_data = l[0];
		}
	}
	if (!fs_data)
		sdk_fs_errno = VY_E_NO_DATA_DIR;
	return fs_data;
}

/* A path as WASI takes it beneath /data; its length in fs_plen (no struct
 * returned, so the callers need no stack frame). */
SDK_LOW static size_t fs_plen;

static uint8_t *fs_path(const char *path)
{
	if (vy_str_starts(path, "/data") && (!path[5] || path[5] == '/'))
		path = path[5] ? path + 6 : ".";
	fs_plen = strlen(path);
	return (uint8_t *)path;
}

/* Open a path beneath /data: the one open-at of the SDK (sdk/cmdfs.c too). */
static int fs_open_at(const char *path, wasi_filesystem_types_path_flags_t pflags,
		      wasi_filesystem_types_open_flags_t oflags, wasi_filesystem_types_descriptor_flags_t dflags,
		      fs_own_t *out)
{
	int32_t root = fs_root();
	uint8_t *p = fs_path(path);

	if (!root)
		return -1;
	__wasm_import_wasi_filesystem_types_method_descriptor_open_at(root, pflags, p, fs_plen, oflags, dflags, fs_r);
	out->__handle = FS_I32(4);
	return fs_done(4);
}

static int fs_open(const char *path, wasi_filesystem_types_open_flags_t oflags,
		   wasi_filesystem_types_descriptor_flags_t dflags, fs_own_t *out)
{
	return fs_open_at(path, 0, oflags, dflags, out);
}

/* Up to cap bytes of an open file from offset: the one read of the SDK. */
static int fs_read_fd(fs_own_t fd, uint64_t offset, void *buf, size_t cap, size_t *len)
{
	size_t got = 0, n;
	int rc = 0;

	while (got < cap) {
		uint8_t *p;
		__wasm_import_wasi_filesystem_types_method_descriptor_read(fd.__handle, (int64_t)(cap - got),
									    (int64_t)(offset + got), fs_r);
		if ((rc = fs_done(4)) != 0)
			break;
		p = *(uint8_t **)(void *)(fs_r + 4);
		n = (size_t)FS_I32(8);
		memcpy((uint8_t *)buf + got, p, n);
		got += n;
		if (n)
			sdk_res_free(p);
		if (fs_r[12] || n == 0) /* the end of the file */
			break;
	}
	*len = got;
	return rc;
}

int vy_fs_read_at(const char *path, uint64_t offset, void *buf, size_t cap, size_t *len)
{
	fs_own_t fd;
	size_t got = 0;
	int rc = -1;

	if (fs_open(path, 0, WASI_FILESYSTEM_TYPES_DESCRIPTOR_FLAGS_READ, &fd) == 0) {
		rc = fs_read_fd(fd, offset, buf, cap, &got);
		wasi_filesystem_types_descriptor_drop_own(fd);
	}
	if (len)
		*len = got;
	return rc;
}
int vy_fs_read(const char *path, void *buf, size_t cap, size_t *len)
{
	return vy_fs_read_at(path, 0, buf, cap, len);
}

int vy_fs_write(const char *path, const void *buf, size_t len)
{
	fs_own_t fd;
	size_t put = 0;
	int rc = 0;

	if (fs_open(path, WASI_FILESYSTEM_TYPES_OPEN_FLAGS_CREATE | WASI_FILESYSTEM_TYPES_OPEN_FLAGS_TRUNCATE,
		    WASI_FILESYSTEM_TYPES_DESCRIPTOR_FLAGS_WRITE, &fd) != 0)
		return -1;
	while (put < len) {
		__wasm_import_wasi_filesystem_types_method_descriptor_write(
			fd.__handle, (uint8_t *)buf + put, len - put > 65536 ? 65536 : len - put, (int64_t)put, fs_r);
		if ((rc = fs_done(8)) != 0)
			break;
		put += (size_t)*(uint64_t *)(void *)(fs_r + 8);
	}
	/* 9P may not support fsync: its failure is not the write's, the data
	 * is written */
	if (rc == 0)
		__wasm_import_wasi_filesystem_types_method_descriptor_sync_data(fd.__handle, fs_r);
	wasi_filesystem_types_descriptor_drop_own(fd);
	return rc;
}

int vy_fs_rename(const char *from, const char *to)
{
	int32_t root = fs_root();
	uint8_t *a = fs_path(from);
	size_t alen = fs_plen;
	uint8_t *b = fs_path(to);

	if (!root)
		return -1;
	__wasm_import_wasi_filesystem_types_method_descriptor_rename_at(root, a, alen, root, b, fs_plen, fs_r);
	return fs_done(1);
}

int vy_fs_save(const char *path, const void *buf, size_t len)
{
	char tmp[512];
	size_t n = strlen(path);

	if (n + sizeof ".tmp" > sizeof tmp) {
		sdk_fs_errno = VY_E_NAME_TOO_LONG;
		return -1;
	}
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".tmp", sizeof ".tmp");
	if (vy_fs_write(tmp, buf, len) != 0)
		return -1;
	return vy_fs_rename(tmp, path);
}

/* The calls on a path beneath /data whose result is only an error. */
static int fs_path_call(void (*call)(int32_t, uint8_t *, size_t, uint8_t *), const char *path)
{
	int32_t root = fs_root();
	uint8_t *p = fs_path(path);

	if (!root)
		return -1;
	call(root, p, fs_plen, fs_r);
	return fs_done(1);
}

int vy_fs_delete(const char *path)
{
	return fs_path_call(__wasm_import_wasi_filesystem_types_method_descriptor_unlink_file_at, path);
}

int vy_fs_rmdir(const char *path)
{
	return fs_path_call(__wasm_import_wasi_filesystem_types_method_descriptor_remove_directory_at, path);
}

int vy_fs_mkdir(const char *path)
{
	return fs_path_call(__wasm_import_wasi_filesystem_types_method_descriptor_create_directory_at, path);
}

/* 1 if the file has a byte at off, 0 if off is at or past its end. */
static int fs_has(const char *path, uint64_t off)
{
	char c;
	size_t n;

	if (vy_fs_read_at(path, off, &c, 1, &n) != 0)
		return -1;
	return n != 0;
}

/* Through the one read path (vy_fs_read_at), not stat-at: stat-at's record
 * and wall-clock's datetime in it cost an app about 900 bytes of component
 * (types, the wall-clock import, the lowering). A folder opens like a file
 * and is told by its read failing (as sdk/cmdfs.c's rd_file); a file's
 * size is the first offset with no byte, found with 1-byte reads: doubling,
 * then halving (about 2 log2(size) reads: 33 for 100,000 bytes, 61 for a
 * gigabyte), each opening the file again: one open-and-read path in the
 * SDK, not two (an open kept across the probes cost hexview 113 bytes).
 * A symbolic link is not followed (opening it gives loop): it exists, is
 * no folder, size 0. */
int vy_fs_stat(const char *path, uint64_t *size, bool *is_dir)
{
	uint64_t lo = 0, n = 1;
	bool dir = false;
	int h;

	/* the size is in [lo, lo + n - 1] once a probe finds no byte */
	for (h = 1; h > 0 && (h = fs_has(path, lo + n - 1)) > 0; n *= 2)
		lo += n;
	if (h < 0 && lo == 0 && (sdk_fs_errno == VY_E_LOOP || sdk_fs_errno == VY_E_IS_DIRECTORY || sdk_fs_errno == VY_E_BAD_DESCRIPTOR))
		dir = sdk_fs_errno != VY_E_LOOP, h = 0;
	while (h == 0 && n > 1) {
		n /= 2;
		if ((h = fs_has(path, lo + n - 1)) > 0)
			lo += n, h = 0;
	}
	if (h < 0)
		return -1;
	if (size)
		*size = lo;
	if (is_dir)
		*is_dir = dir;
	return 0;
}

/* A directory entry in fs_r: the option's tag at 4, the type at 8, the
 * name's address and length at 12 and 16 (an error code at 4). */
int vy_fs_list(const char *path, vy_fs_list_fn fn, void *ctx)
{
	fs_own_t dir;
	int32_t st;
	int rc;

	if (fs_open(path, WASI_FILESYSTEM_TYPES_OPEN_FLAGS_DIRECTORY,
		    WASI_FILESYSTEM_TYPES_DESCRIPTOR_FLAGS_READ, &dir) != 0)
		return -1;
	__wasm_import_wasi_filesystem_types_method_descriptor_read_directory(dir.__handle, fs_r);
	st = FS_I32(4);
	if ((rc = fs_done(4)) == 0) {
		for (;;) {
			char name[256], *p;
			size_t n;
			bool is_dir;
			__wasm_import_wasi_filesystem_types_method_directory_entry_stream_read_directory_entry(st, fs_r);
			if ((rc = fs_done(4)) != 0 || !fs_r[4])
				break;
			p = *(char **)(void *)(fs_r + 12);
			n = (size_t)FS_I32(16);
			is_dir = fs_r[8] == WASI_FILESYSTEM_TYPES_DESCRIPTOR_TYPE_DIRECTORY;
			memcpy(name, p, n < sizeof name - 1 ? n : sizeof name - 1);
			name[n < sizeof name - 1 ? n : sizeof name - 1] = '\0';
			if (n)
				sdk_res_free(p);
			if (fn(name, is_dir, ctx) != 0)
				break;
		}
		wasi_filesystem_types_directory_entry_stream_drop_own((wasi_filesystem_types_own_directory_entry_stream_t){st});
	}
	wasi_filesystem_types_descriptor_drop_own(dir);
	return rc;
}

/* For the command runtime (sdk/cmdfs.c), which needs calls this file does
 * not make (times, links, streaming reads) on the same /data. */
int sdk_fs_root(wasi_filesystem_types_borrow_descriptor_t *out)
{
	out->__handle = fs_root();
	return out->__handle ? 0 : -1;
}

app_string_t sdk_fs_path(const char *path)
{
	uint8_t *p = fs_path(path);
	return (app_string_t){p, fs_plen};
}
int sdk_fs_fail(uint8_t code) { return fs_fail(code); }

int sdk_fs_open(const char *path, uint8_t pflags, uint8_t oflags, uint8_t dflags,
		wasi_filesystem_types_own_descriptor_t *out)
{
	return fs_open_at(path, pflags, oflags, dflags, out);
}

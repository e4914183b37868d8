/* fs: files under /data, the one directory an app with the `filesystem`
 * capability is given. Paths are relative to /data ("notes.txt") or start
 * with "/data/". Any other path is passed to WASI unchanged, where the
 * runtime refuses it: the SDK does not pretend to be the sandbox. Saving is
 * atomic (write a temporary file, then rename over the old one), so a crash
 * never leaves half a file. Using any function here makes the component
 * import wasi:filesystem, which the app must declare. */
#include "sdk.h"

#include <string.h>

typedef wasi_filesystem_types_borrow_descriptor_t fs_dir_t;
typedef wasi_filesystem_types_own_descriptor_t fs_own_t;

SDK_LOW static bool fs_ready;
SDK_LOW static fs_own_t fs_data;
SDK_LOW static enum vy_err fs_err;

/* WASI's error-code names in enum order (vy_err_str, sdk/err.c). */
const char sdk_fs_errnames[] =
	"access\0would-block\0already\0bad-descriptor\0busy\0deadlock\0quota\0exist\0"
	"file-too-large\0illegal-byte-sequence\0in-progress\0interrupted\0invalid\0io\0"
	"is-directory\0loop\0too-many-links\0message-size\0name-too-long\0no-device\0"
	"no-entry\0no-lock\0insufficient-memory\0insufficient-space\0not-directory\0"
	"not-empty\0not-recoverable\0unsupported\0no-tty\0no-such-device\0overflow\0"
	"not-permitted\0pipe\0read-only\0invalid-seek\0text-file-busy\0cross-device\0"
	"no /data (is the filesystem capability declared?)\0";

enum vy_err vy_fs_err(void) { return fs_err; }

static int fs_fail(wasi_filesystem_types_error_code_t code)
{
	fs_err = (enum vy_err)(code + 1);
	return -1;
}

/* The preopens list is asked for once and kept until exit (a few bytes):
 * freeing it and dropping the preopens other than /data cost about 150
 * bytes of code in every app with files. A handle is never 0. */
static int fs_root(fs_dir_t *out)
{
	if (!fs_ready) {
		wasi_filesystem_preopens_list_tuple2_own_descriptor_string_t l;
		fs_ready = true;
		wasi_filesystem_preopens_get_directories(&l);
		/* the runner preopens one folder, /data, or none (runner/wt.c) */
		if (l.len && l.ptr[0].f1.len == 5 && memcmp(l.ptr[0].f1.ptr, "/data", 5) == 0)
			fs_data = l.ptr[0].f0;
	}
	if (!fs_data.__handle) {
		fs_err = VY_E_NO_DATA_DIR;
		return -1;
	}
	*out = wasi_filesystem_types_borrow_descriptor(fs_data);
	return 0;
}

static app_string_t fs_path(const char *path)
{
	app_string_t s;
	if (vy_str_starts(path, "/data") && (!path[5] || path[5] == '/'))
		path = path[5] ? path + 6 : ".";
	s.ptr = (uint8_t *)path;
	s.len = strlen(path);
	return s;
}

/* Open a path beneath /data: the one open-at of the SDK (sdk/cmdfs.c too). */
static int fs_open_at(const char *path, wasi_filesystem_types_path_flags_t pflags,
		      wasi_filesystem_types_open_flags_t oflags, wasi_filesystem_types_descriptor_flags_t dflags,
		      fs_own_t *out)
{
	fs_dir_t root;
	app_string_t p = fs_path(path);
	wasi_filesystem_types_error_code_t err;

	if (fs_root(&root) != 0)
		return -1;
	if (!wasi_filesystem_types_method_descriptor_open_at(root, pflags, &p, oflags, dflags, out, &err))
		return fs_fail(err);
	return 0;
}

static int fs_open(const char *path, wasi_filesystem_types_open_flags_t oflags,
		   wasi_filesystem_types_descriptor_flags_t dflags, fs_own_t *out)
{
	return fs_open_at(path, 0, oflags, dflags, out);
}

int vy_fs_read_at(const char *path, uint64_t offset, void *buf, size_t cap, size_t *len)
{
	fs_own_t fd;
	size_t got = 0;
	int rc = 0;

	if (len)
		*len = 0;
	if (fs_open(path, 0, WASI_FILESYSTEM_TYPES_DESCRIPTOR_FLAGS_READ, &fd) != 0)
		return -1;
	while (got < cap) {
		app_tuple2_list_u8_bool_t r;
		wasi_filesystem_types_error_code_t err;
		if (!wasi_filesystem_types_method_descriptor_read(
			    wasi_filesystem_types_borrow_descriptor(fd), cap - got, offset + got, &r, &err)) {
			rc = fs_fail(err);
			break;
		}
		memcpy((uint8_t *)buf + got, r.f0.ptr, r.f0.len);
		got += r.f0.len;
		app_list_u8_free(&r.f0);
		if (r.f1 || r.f0.len == 0)
			break;
	}
	wasi_filesystem_types_descriptor_drop_own(fd);
	if (len)
		*len = got;
	return rc;
}

int vy_fs_read(const char *path, void *buf, size_t cap, size_t *len)
{
	return vy_fs_read_at(path, 0, buf, cap, len);
}

int vy_fs_read_all(const char *path, size_t limit, char **data, size_t *len)
{
	uint64_t size;
	size_t got;
	char *buf;

	*data = NULL;
	*len = 0;
	if (vy_fs_stat(path, &size, NULL) != 0)
		return -1;
	/* one byte more than the limit: a file that grew since the stat shows */
	if (size > limit) {
		fs_err = VY_E_FILE_TOO_LARGE;
		return -1;
	}
	buf = vy_mem_alloc((size_t)limit + 2 < (size_t)size + 2 ? (size_t)limit + 2 : (size_t)size + 2);
	if (!buf) {
		fs_err = VY_E_INSUFFICIENT_MEMORY;
		return -1;
	}
	if (vy_fs_read_at(path, 0, buf, (size_t)size + 1, &got) != 0 || got > limit) {
		if (got > limit)
			fs_err = VY_E_FILE_TOO_LARGE;
		vy_mem_free(buf);
		return -1;
	}
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return 0;
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
		app_list_u8_t chunk = {(uint8_t *)buf + put, len - put > 65536 ? 65536 : len - put};
		wasi_filesystem_types_filesize_t n;
		wasi_filesystem_types_error_code_t err;
		if (!wasi_filesystem_types_method_descriptor_write(
			    wasi_filesystem_types_borrow_descriptor(fd), &chunk, put, &n, &err)) {
			rc = fs_fail(err);
			break;
		}
		put += (size_t)n;
	}
	if (rc == 0) {
		wasi_filesystem_types_error_code_t err;
		if (!wasi_filesystem_types_method_descriptor_sync_data(
			    wasi_filesystem_types_borrow_descriptor(fd), &err))
			(void)err; /* 9P may not support fsync; the data is written */
	}
	wasi_filesystem_types_descriptor_drop_own(fd);
	return rc;
}

int vy_fs_rename(const char *from, const char *to)
{
	fs_dir_t root;
	app_string_t a = fs_path(from), b = fs_path(to);
	wasi_filesystem_types_error_code_t err;

	if (fs_root(&root) != 0)
		return -1;
	if (!wasi_filesystem_types_method_descriptor_rename_at(root, &a, root, &b, &err))
		return fs_fail(err);
	return 0;
}

int vy_fs_save(const char *path, const void *buf, size_t len)
{
	char tmp[512];
	size_t n = strlen(path);

	if (n + sizeof ".tmp" > sizeof tmp) {
		fs_err = VY_E_NAME_TOO_LONG;
		return -1;
	}
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".tmp", sizeof ".tmp");
	if (vy_fs_write(tmp, buf, len) != 0)
		return -1;
	return vy_fs_rename(tmp, path);
}

int vy_fs_delete(const char *path)
{
	fs_dir_t root;
	app_string_t p = fs_path(path);
	wasi_filesystem_types_error_code_t err;

	if (fs_root(&root) != 0)
		return -1;
	if (!wasi_filesystem_types_method_descriptor_unlink_file_at(root, &p, &err))
		return fs_fail(err);
	return 0;
}

int vy_fs_rmdir(const char *path)
{
	fs_dir_t root;
	app_string_t p = fs_path(path);
	wasi_filesystem_types_error_code_t err;

	if (fs_root(&root) != 0)
		return -1;
	if (!wasi_filesystem_types_method_descriptor_remove_directory_at(root, &p, &err))
		return fs_fail(err);
	return 0;
}

int vy_fs_mkdir(const char *path)
{
	fs_dir_t root;
	app_string_t p = fs_path(path);
	wasi_filesystem_types_error_code_t err;

	if (fs_root(&root) != 0)
		return -1;
	if (!wasi_filesystem_types_method_descriptor_create_directory_at(root, &p, &err))
		return fs_fail(err);
	return 0;
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
 * gigabyte). A symbolic link is not followed (opening it gives loop): it
 * exists, is no folder, size 0. */
int vy_fs_stat(const char *path, uint64_t *size, bool *is_dir)
{
	uint64_t lo = 0, n = 1;
	bool dir = false;
	int h;

	/* the size is in [lo, lo + n - 1] once a probe finds no byte */
	for (h = 1; h > 0 && (h = fs_has(path, lo + n - 1)) > 0; n *= 2)
		lo += n;
	if (h < 0 && lo == 0 && (fs_err == VY_E_LOOP || fs_err == VY_E_IS_DIRECTORY || fs_err == VY_E_BAD_DESCRIPTOR))
		dir = fs_err != VY_E_LOOP, h = 0;
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

int vy_fs_list(const char *path, vy_fs_list_fn fn, void *ctx)
{
	fs_own_t dir;
	wasi_filesystem_types_own_directory_entry_stream_t st;
	wasi_filesystem_types_error_code_t err;
	int rc = 0;

	if (fs_open(path, WASI_FILESYSTEM_TYPES_OPEN_FLAGS_DIRECTORY,
		    WASI_FILESYSTEM_TYPES_DESCRIPTOR_FLAGS_READ, &dir) != 0)
		return -1;
	if (!wasi_filesystem_types_method_descriptor_read_directory(
		    wasi_filesystem_types_borrow_descriptor(dir), &st, &err)) {
		wasi_filesystem_types_descriptor_drop_own(dir);
		return fs_fail(err);
	}
	for (;;) {
		wasi_filesystem_types_option_directory_entry_t e;
		char name[256];
		if (!wasi_filesystem_types_method_directory_entry_stream_read_directory_entry(
			    wasi_filesystem_types_borrow_directory_entry_stream(st), &e, &err)) {
			rc = fs_fail(err);
			break;
		}
		if (!e.is_some)
			break;
		size_t n = e.val.name.len < sizeof name - 1 ? e.val.name.len : sizeof name - 1;
		memcpy(name, e.val.name.ptr, n);
		name[n] = '\0';
		bool is_dir = e.val.type == WASI_FILESYSTEM_TYPES_DESCRIPTOR_TYPE_DIRECTORY;
		wasi_filesystem_types_option_directory_entry_free(&e);
		if (fn(name, is_dir, ctx) != 0)
			break;
	}
	wasi_filesystem_types_directory_entry_stream_drop_own(st);
	wasi_filesystem_types_descriptor_drop_own(dir);
	return rc;
}

/* For the command runtime (sdk/cmdfs.c), which needs calls this file does
 * not make (times, links, streaming reads) on the same /data. */
int sdk_fs_root(wasi_filesystem_types_borrow_descriptor_t *out) { return fs_root(out); }
app_string_t sdk_fs_path(const char *path) { return fs_path(path); }
int sdk_fs_fail(uint8_t code) { return fs_fail(code); }

int sdk_fs_open(const char *path, uint8_t pflags, uint8_t oflags, uint8_t dflags,
		wasi_filesystem_types_own_descriptor_t *out)
{
	return fs_open_at(path, pflags, oflags, dflags, out);
}

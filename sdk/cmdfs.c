/* cmdfs: files and folders under /data for commands (vyoma_cmd.h): a file
 * as a line reader, stat with times and links, writing and appending,
 * touch, links, sorted folder listings. It stands on sdk/fs.c (the same
 * /data descriptor and error names); linking it is what makes a command
 * import wasi:filesystem, so only commands that name files use it. */
#include "sdk.h"
#include "vyoma_cmd.h"

#include <stdlib.h>
#include <string.h>

typedef wasi_filesystem_types_borrow_descriptor_t cfs_dir_t;
typedef wasi_filesystem_types_error_code_t cfs_err_t;
#define CFS_BORROW(fd) wasi_filesystem_types_borrow_descriptor((wasi_filesystem_types_own_descriptor_t){fd})

/* Some calls go straight through their imports, as sdk/fs.c makes them,
 * not through wit-bindgen's adapters, which copy each result into structs
 * on a stack frame first: each such call's results land in a return area
 * of the caller's, laid out by the canonical ABI (a tag, 0 ok, at 0; the
 * value or the error code after it, at the offset its alignment gives;
 * the declarations are sdk/sdk.h's). */

const char *vy_cmd_fserr(void) { return vy_err_str(vy_fs_err()); }

static int cfs_open(const char *path, uint8_t oflags, uint8_t dflags, int32_t *fd)
{
	wasi_filesystem_types_own_descriptor_t own;

	if (sdk_fs_open(path, WASI_FILESYSTEM_TYPES_PATH_FLAGS_SYMLINK_FOLLOW, oflags, dflags, &own) != 0)
		return -1;
	*fd = own.__handle;
	return 0;
}

static void cfs_close(int32_t fd)
{
	wasi_filesystem_types_descriptor_drop_own((wasi_filesystem_types_own_descriptor_t){fd});
}

static long rd_pull_file(struct vy_rd *r, void *buf, size_t cap)
{
	app_tuple2_list_u8_bool_t got;
	cfs_err_t err;
	if (!wasi_filesystem_types_method_descriptor_read(CFS_BORROW(r->fd), cap, r->off, &got, &err))
		return sdk_fs_fail(err);
	memcpy(buf, got.f0.ptr, got.f0.len);
	long n = (long)got.f0.len;
	r->off += got.f0.len;
	app_list_u8_free(&got.f0);
	return n;
}

/* Why a file could not be read, as busybox says a folder's. */
static const char *cfs_why(bool dir)
{
	return dir || vy_fs_err() == VY_E_IS_DIRECTORY ? "Is a directory" : vy_cmd_fserr();
}

static void rd_done_file(struct vy_rd *r) { cfs_close(r->fd); }

/* A file as r's source (r zeroed by the caller). A folder opens like a
 * file, and is told by a read of 0 bytes failing (Wasmtime reads only a
 * file: a folder gives bad-descriptor): no stat-at, which would make every
 * command that reads a file import the stat record and wall-clock's
 * datetime (about 300 bytes of component types), and no get-type, an
 * import of its own (about 230 bytes with its name four times over). A
 * file that cannot be read fails here, with WASI's reason, as it would
 * have at its first read. */
static int rd_file(struct vy_rd *r, const char *path)
{
	char none;
	bool read = false;
	if (cfs_open(path, 0, WASI_FILESYSTEM_TYPES_DESCRIPTOR_FLAGS_READ, &r->fd) == 0) {
		r->done = rd_done_file;
		if (rd_pull_file(r, &none, 0) == 0) {
			r->pull = rd_pull_file;
			return 0;
		}
		vy_rd_close(r);
		read = true;
	}
	return vy_cmd_errs(path, ": ", cfs_why(read && vy_fs_err() == VY_E_BAD_DESCRIPTOR));
}

int vy_rd_file(struct vy_rd *r, const char *path)
{
	memset(r, 0, sizeof *r);
	return rd_file(r, path);
}

int vy_rd_open(struct vy_rd *r, const char *path)
{
	vy_rd_stdin(r);
	return strcmp(path, "-") == 0 ? 0 : rd_file(r, path);
}

/* Opened as a folder, following a link: the one open-at every file
 * command imports anyway, where stat-at would bring its record, the
 * descriptor-type enum and wall-clock's datetime (about 900 bytes of
 * component, as sdk/fs.c's vy_fs_stat says). A file refuses with
 * not-directory. */
int vy_cmd_isdir(const char *path)
{
	int32_t fd;
	if (cfs_open(path, WASI_FILESYSTEM_TYPES_OPEN_FLAGS_DIRECTORY, WASI_FILESYSTEM_TYPES_DESCRIPTOR_FLAGS_READ, &fd) == 0) {
		cfs_close(fd);
		return 1;
	}
	return vy_fs_err() == VY_E_NOT_DIRECTORY ? 0 : -1;
}

/* Straight from the descriptor into one growing block, without a line
 * reader's buffer and pull function between. */
int vy_cmd_read(const char *path, char **data, size_t *len)
{
	int32_t fd;
	char *d = NULL;
	size_t n = 0;
	int rc = -1;

	if (cfs_open(path, 0, WASI_FILESYSTEM_TYPES_DESCRIPTOR_FLAGS_READ, &fd) != 0)
		return -1;
	for (;;) {
		app_tuple2_list_u8_bool_t got;
		cfs_err_t err;
		if (!wasi_filesystem_types_method_descriptor_read(CFS_BORROW(fd), 65536, n, &got, &err)) {
			/* a folder opens, and refuses its first read so (as in rd_file) */
			sdk_fs_fail(!n && err == WASI_FILESYSTEM_TYPES_ERROR_CODE_BAD_DESCRIPTOR
					    ? WASI_FILESYSTEM_TYPES_ERROR_CODE_IS_DIRECTORY : err);
			break;
		}
		char *nd = realloc(d, n + got.f0.len + 1);
		if (nd) {
			d = nd;
			memcpy(d + n, got.f0.ptr, got.f0.len);
			n += got.f0.len;
			d[n] = '\0';
		}
		app_list_u8_free(&got.f0);
		if (!nd) {
			sdk_fs_fail(WASI_FILESYSTEM_TYPES_ERROR_CODE_INSUFFICIENT_MEMORY);
			break;
		}
		if (got.f1 || !got.f0.len) {
			rc = 0;
			break;
		}
	}
	cfs_close(fd);
	if (rc)
		free(d), d = NULL, n = 0;
	*data = d;
	*len = n;
	return rc;
}

/* The stat record in r: its type at byte 8, the link count, the size, the
 * three option<datetime> (a tag, then seconds and nanoseconds) at 32, 56
 * (modification) and 80; the error code at 8. */
int vy_st_get(const char *path, struct vy_st *st, bool follow)
{
	cfs_dir_t root;
	app_string_t p = sdk_fs_path(path);
	uint64_t r[13];
	uint8_t *r8 = (uint8_t *)r;

	if (sdk_fs_root(&root) != 0)
		return -1;
	__wasm_import_wasi_filesystem_types_method_descriptor_stat_at(
		root.__handle, follow ? WASI_FILESYSTEM_TYPES_PATH_FLAGS_SYMLINK_FOLLOW : 0, p.ptr, p.len, r8);
	if (r8[0])
		return sdk_fs_fail(r8[8]);
	st->size = r[3];
	st->nlink = r[2];
	st->mtime_s = r8[56] ? r[8] : 0;
	st->mtime_ns = r8[56] ? (uint32_t)r[9] : 0;
	/* by descriptor-type: unknown, block and character device, directory,
	 * fifo, symbolic link, regular file, socket */
	st->type = "???d?lf?"[r8[8] & 7];
	return 0;
}

int vy_cmd_write(const char *path, const void *buf, size_t len, bool append)
{
	int32_t fd;
	uint64_t off = 0;
	int rc = 0;

	if (cfs_open(path, WASI_FILESYSTEM_TYPES_OPEN_FLAGS_CREATE | (append ? 0 : WASI_FILESYSTEM_TYPES_OPEN_FLAGS_TRUNCATE),
		     WASI_FILESYSTEM_TYPES_DESCRIPTOR_FLAGS_WRITE, &fd) != 0)
		return -1;
	if (append) {
		wasi_filesystem_types_descriptor_stat_t s;
		cfs_err_t err;
		if (!wasi_filesystem_types_method_descriptor_stat(CFS_BORROW(fd), &s, &err))
			rc = sdk_fs_fail(err);
		off = s.size;
	}
	for (size_t put = 0; rc == 0 && put < len;) {
		/* the count written, or the error code, at 8 */
		uint64_t r[2];
		__wasm_import_wasi_filesystem_types_method_descriptor_write(
			fd, (uint8_t *)buf + put, len - put > 65536 ? 65536 : len - put, (int64_t)(off + put), (uint8_t *)r);
		if (*(uint8_t *)r)
			rc = sdk_fs_fail((uint8_t)r[1]);
		else
			put += (size_t)r[1];
	}
	cfs_close(fd);
	return rc;
}

int vy_cmd_resize(const char *path, uint64_t size, bool create)
{
	int32_t fd;
	cfs_err_t err;
	int rc = 0;

	if (cfs_open(path, create ? WASI_FILESYSTEM_TYPES_OPEN_FLAGS_CREATE : 0,
		     WASI_FILESYSTEM_TYPES_DESCRIPTOR_FLAGS_WRITE, &fd) != 0)
		return -1;
	if (!wasi_filesystem_types_method_descriptor_set_size(CFS_BORROW(fd), size, &err))
		rc = sdk_fs_fail(err);
	cfs_close(fd);
	return rc;
}

int vy_cmd_touch(const char *path, bool create)
{
	cfs_dir_t root;
	app_string_t p = sdk_fs_path(path);
	wasi_filesystem_types_new_timestamp_t now = {.tag = WASI_FILESYSTEM_TYPES_NEW_TIMESTAMP_NOW};
	cfs_err_t err;
	struct vy_st st;

	if (vy_st_get(path, &st, true) != 0) {
		int32_t fd;
		if (!create)
			return 0;
		if (cfs_open(path, WASI_FILESYSTEM_TYPES_OPEN_FLAGS_CREATE, WASI_FILESYSTEM_TYPES_DESCRIPTOR_FLAGS_WRITE, &fd) != 0)
			return -1;
		cfs_close(fd);
		return 0;
	}
	if (sdk_fs_root(&root) != 0)
		return -1;
	if (!wasi_filesystem_types_method_descriptor_set_times_at(root, WASI_FILESYSTEM_TYPES_PATH_FLAGS_SYMLINK_FOLLOW,
								  &p, &now, &now, &err))
		return sdk_fs_fail(err);
	return 0;
}

/* The error code, if any, at 1. */
int vy_cmd_symlink(const char *target, const char *path)
{
	cfs_dir_t root;
	app_string_t p = sdk_fs_path(path);
	uint8_t r[2];
	if (sdk_fs_root(&root) != 0)
		return -1;
	__wasm_import_wasi_filesystem_types_method_descriptor_symlink_at(root.__handle, (uint8_t *)target, strlen(target),
									 p.ptr, p.len, r);
	return r[0] ? sdk_fs_fail(r[1]) : 0;
}

/* The target in r: its address and length at 4 and 8, or the error code
 * at 4. */
int vy_cmd_readlink(const char *path, char *buf, size_t cap)
{
	cfs_dir_t root;
	app_string_t p = sdk_fs_path(path);
	uint32_t r[3];
	uint8_t *r8 = (uint8_t *)r;
	if (sdk_fs_root(&root) != 0)
		return -1;
	__wasm_import_wasi_filesystem_types_method_descriptor_readlink_at(root.__handle, p.ptr, p.len, r8);
	if (r8[0])
		return sdk_fs_fail(r8[4]);
	char *t = (char *)(uintptr_t)r[1];
	size_t n = r[2] < cap - 1 ? r[2] : cap - 1;
	memcpy(buf, t, n);
	buf[n] = '\0';
	if (r[2])
		free(t);
	return 0;
}

int vy_cmd_link(const char *old, const char *path)
{
	cfs_dir_t root;
	app_string_t o = sdk_fs_path(old), p = sdk_fs_path(path);
	cfs_err_t err;
	if (sdk_fs_root(&root) != 0)
		return -1;
	if (!wasi_filesystem_types_method_descriptor_link_at(root, 0, &o, root, &p, &err))
		return sdk_fs_fail(err);
	return 0;
}

/* Shell sort (gaps halved): a folder's names are unique, so the order is
 * the same as any sort's; libc's qsort (smoothsort) is about 1.9 KB of
 * wasm, this about 150 bytes. */
static void cfs_sort(char **v, size_t n)
{
	for (size_t gap = n / 2; gap; gap /= 2)
		for (size_t i = gap; i < n; i++)
			for (size_t j = i; j >= gap && strcmp(v[j - gap], v[j]) > 0; j -= gap) {
				char *t = v[j];
				v[j] = v[j - gap];
				v[j - gap] = t;
			}
}

/* The folder's entries straight from its entry stream, through the
 * imports themselves (as sdk/fs.c calls them; wit-bindgen's adapters copy
 * each result into structs first): each name is the block the canonical
 * ABI allocated for it, grown by one byte for its NUL (in place, as a rule:
 * the allocator's blocks are powers of two), not copied. The result area:
 * a tag (0 ok) at 0; the stream's handle, the option's tag or the error
 * code at 4; an entry's type at 8, its name's address and length at 12
 * and 16. The folder is opened without following a symbolic link, as
 * vy_fs_list does. */
char **vy_cmd_list(const char *dir, size_t *n)
{
	wasi_filesystem_types_own_descriptor_t d;
	uint32_t r[5];
	uint8_t *r8 = (uint8_t *)r;
	char **v = NULL;
	size_t k = 0;
	bool ok = false;

	if (sdk_fs_open(dir, 0, WASI_FILESYSTEM_TYPES_OPEN_FLAGS_DIRECTORY, WASI_FILESYSTEM_TYPES_DESCRIPTOR_FLAGS_READ,
			&d) != 0)
		return NULL;
	__wasm_import_wasi_filesystem_types_method_descriptor_read_directory(d.__handle, r8);
	if (r8[0]) {
		sdk_fs_fail(r8[4]);
		goto out;
	}
	int32_t es = (int32_t)r[1];
	for (;;) {
		char **nv = realloc(v, (k + 2) * sizeof *v), *s;
		if (!nv)
			break;
		v = nv;
		v[k] = NULL;
		__wasm_import_wasi_filesystem_types_method_directory_entry_stream_read_directory_entry(es, r8);
		if (r8[0]) {
			sdk_fs_fail(r8[4]);
			break;
		}
		if (!r8[4]) {
			ok = true;
			break;
		}
		/* a name is never empty: no block to grow is a failure too */
		if (!r[4] || !(s = realloc((char *)(uintptr_t)r[3], r[4] + 1)))
			break;
		s[r[4]] = '\0';
		v[k++] = s;
		v[k] = NULL;
	}
	wasi_filesystem_types_directory_entry_stream_drop_own((wasi_filesystem_types_own_directory_entry_stream_t){es});
out:
	wasi_filesystem_types_descriptor_drop_own(d);
	if (!ok) {
		vy_names_free(v);
		return NULL;
	}
	cfs_sort(v, k);
	*n = k;
	return v;
}

void vy_names_free(char **names)
{
	for (size_t i = 0; names && names[i]; i++)
		free(names[i]);
	free(names);
}

char *vy_cmd_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *s = malloc(a + b + 2);
	if (!s)
		return NULL;
	memcpy(s, dir, a);
	s[a] = '/';
	memcpy(s + a + 1, name, b + 1);
	if (a && dir[a - 1] == '/')
		memmove(s + a, s + a + 1, b + 1);
	return s;
}

char *vy_cmd_target(const char *dest, bool into, const char *src)
{
	const char *base = strrchr(src, '/');
	return into ? vy_cmd_join(dest, base ? base + 1 : src) : (char *)dest;
}

/* One path for a whole input: a file straight from its descriptor
 * (vy_cmd_read), "-" from stdin (vy_in_all); one message for both. */
int vy_cmd_slurp(const char *path, char **data, size_t *len)
{
	bool in = strcmp(path, "-") == 0;
	if (!(in ? vy_in_all(data, len) : vy_cmd_read(path, data, len)))
		return 0;
	return vy_cmd_errs(path, ": ", in ? "read error" : cfs_why(false));
}

int vy_cmd_lines(const char *path, char ***line, size_t **len, size_t *n)
{
	char *d;
	size_t total, cap = 16;
	if (vy_cmd_slurp(path, &d, &total) != 0)
		return -1;
	*n = 0;
	*line = malloc(cap * sizeof **line);
	*len = malloc(cap * sizeof **len);
	for (char *p = d; *line && *len && p < d + total;) {
		char *e = memchr(p, '\n', (size_t)(d + total - p));
		size_t k = e ? (size_t)(e - p) + 1 : (size_t)(d + total - p);
		if (*n == cap) {
			cap *= 2;
			*line = realloc(*line, cap * sizeof **line);
			*len = realloc(*len, cap * sizeof **len);
			if (!*line || !*len)
				break;
		}
		(*line)[*n] = p, (*len)[(*n)++] = k;
		p += k;
	}
	return *line && *len ? 0 : vy_cmd_errs("out of memory");
}

/* fsall: vy_fs_read_all, a whole file in a block of the heap, in a file
 * of its own: the heap (sdk/heap.c) is linked only by apps whose code
 * calls it, and every other function of sdk/fs.c reads into the caller's
 * buffer (an app with files and no heap stacks the host's results,
 * sdk/alloc.c). */
#include "sdk.h"

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
		sdk_fs_errno = VY_E_FILE_TOO_LARGE;
		return -1;
	}
	buf = vy_mem_alloc((size_t)limit + 2 < (size_t)size + 2 ? (size_t)limit + 2 : (size_t)size + 2);
	if (!buf) {
		sdk_fs_errno = VY_E_INSUFFICIENT_MEMORY;
		return -1;
	}
	if (vy_fs_read_at(path, 0, buf, (size_t)size + 1, &got) != 0 || got > limit) {
		if (got > limit)
			sdk_fs_errno = VY_E_FILE_TOO_LARGE;
		vy_mem_free(buf);
		return -1;
	}
	buf[got] = '\0';
	*data = buf;
	*len = got;
	return 0;
}

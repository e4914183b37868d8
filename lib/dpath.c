/* dpath: a file under /data opened for a command's stdin or stdout, with
 * the kernel doing the confinement (lib/dpath.h). */
#include "dpath.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int dpath_open(int dirfd, const char *path, enum dpath_how how, char *err, size_t errlen)
{
	static const int flags[] = {
		[DPATH_READ] = O_RDONLY,
		[DPATH_WRITE] = O_WRONLY | O_CREAT | O_TRUNC,
		[DPATH_APPEND] = O_WRONLY | O_CREAT | O_APPEND,
	};
	struct open_how oh;
	struct stat st;
	const char *rel = path;
	int fd;

	if (strncmp(rel, "/data/", 6) == 0)
		rel += 6;
	if (!*rel || rel[0] == '/') {
		snprintf(err, errlen, "%s: only files under /data can be named", path);
		return -1;
	}
	memset(&oh, 0, sizeof oh);
	/* O_NONBLOCK: opening a FIFO must not make PID 1 wait for a writer. */
	oh.flags = (unsigned)(flags[how] | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	oh.mode = how == DPATH_READ ? 0 : 0644;
	oh.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
	fd = (int)syscall(SYS_openat2, dirfd, rel, &oh, sizeof oh);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path,
			 errno == EXDEV ? "outside /data" : strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		snprintf(err, errlen, "%s: not a regular file", path);
		close(fd);
		return -1;
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* dpath: open a file a person named, confined to one directory (/data).
 * The supervisor opens `< file`, `> file` and `>> file` of a pipeline this
 * way and hands the fd to the command (docs/commands.md): the path is
 * resolved by the kernel beneath the directory (openat2 RESOLVE_BENEATH:
 * no "..", no absolute path, no symlink that leads out), never blocks
 * (a FIFO is refused, not waited on) and names a regular file. */
#ifndef VYOMA_DPATH_H
#define VYOMA_DPATH_H

#include <stddef.h>

enum dpath_how {
	DPATH_READ,   /* <  */
	DPATH_WRITE,  /* >  create or truncate */
	DPATH_APPEND, /* >> create or append */
};

/* path is relative to dirfd, or starts with "/data/" (the name the apps
 * see). The fd (O_CLOEXEC, blocking), or -1 with the reason in err. */
int dpath_open(int dirfd, const char *path, enum dpath_how how, char *err, size_t errlen);

#endif

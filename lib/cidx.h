/* cidx: the cache index: which precompiled artifacts (.cwasm) a runner may
 * load, by SHA-256, in a sealed memfd the supervisor writes once at start
 * (docs/runner.md, "The cache is not a way to plant code"). */
#ifndef VYOMA_CIDX_H
#define VYOMA_CIDX_H

#include <stddef.h>

#define CIDX_HEX 65                 /* a SHA-256 in hex, with its NUL */
#define CIDX_ARTIFACT_MAX (64u << 20) /* bytes of one .cwasm, loaded or hashed */
#define CIDX_MAX_ENTRIES 4096u      /* artifacts an index lists at most */
#define CIDX_FD 3                   /* where a runner finds the index */

/* The SHA-256 of buf, in lower-case hex. */
void cidx_sha256_hex(const void *buf, size_t len, char hex[CIDX_HEX]);
struct cidx_stats {
	unsigned listed;     /* artifacts the index lists */
	unsigned from_image; /* of those, with the SHA-256 of the image's index (not hashed) */
	unsigned unmatched;  /* entries of the image's index with no file of that size */
	char image[192];     /* why the image's index was refused ("" if used or absent) */
};

/* List every regular *.cwasm file of dir with its SHA-256 ("HEX  NAME\n",
 * as sha256sum prints it) in a memfd sealed against any change, and return
 * it (close-on-exec, >= 10); -1 with the reason in err. The SHA-256 is the
 * one dir's image index (lib/cimg.h) gives when it lists the file with its
 * size, else the file's own, computed here. */
int cidx_build(const char *dir, struct cidx_stats *st, char *err, size_t errlen);
/* The SHA-256 the index on fd gives for the file name; 0, or -1 when the
 * name is not listed, or the fd is no sealed index (reason in err). */
int cidx_lookup(int fd, const char *name, char hex[CIDX_HEX], char *err, size_t errlen);

#endif

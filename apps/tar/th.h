/* th.h: tar's ustar headers (th.c), read and written, free of the SDK so
 * the reader can be fuzzed natively (fuzz/fuzz_tar.c) with any bytes. */
#ifndef TH_H
#define TH_H

#include <stdbool.h>
#include <stddef.h>

/* The header's numeric fields (octal text), as indices for th_num. */
enum { TH_MODE, TH_UID, TH_GID, TH_SIZE, TH_MTIME, TH_SUM, TH_N };

/* One entry: its header, its body (size bytes, within the archive) and
 * its full name (prefix '/' name, NUL-terminated), where nm starts after
 * any leading '/' and "../" (dropped, as busybox does). */
struct th_ent {
	const char *h, *body, *nm;
	unsigned long long size;
	char name[258];
};

/* The entry at *at of an archive of len bytes: 1 (*at then past its body),
 * 0 at the end (a zero block or no block left), -1 for a header whose
 * checksum is wrong, -2 when len is not whole blocks or a body runs past
 * the end. pax and GNU extension entries ('x', 'g', 'L', 'K') are skipped. */
int th_next(const char *data, size_t len, size_t *at, struct th_ent *e);

/* Field f of header h: its octal digits up to its end or a NUL. */
unsigned long long th_num(const char *h, int f);

/* h's full name into name (258 bytes): prefix, '/', name. */
void th_name(const char *h, char *name);

/* Whether n has a ".." component (the entry would land outside /data). */
bool th_dotdot(const char *n);

/* Header h (zeroed by the caller, a link's target at h + 157) for name of
 * type 'f', 'd' (its name gets a '/') or 'l', owned by user 0 "user", and
 * the name it holds in nm (258 bytes): 0,
 * or -1 when the name does not fit (over 100 bytes with no '/' to split
 * it at, or a prefix over 155). */
int th_make(char *h, char *nm, const char *name, char type, unsigned long long size, unsigned long long mtime);

/* s (up to max bytes, or its NUL) at o; returns the end. */
char *th_cpy(char *o, const char *s, size_t max);

#endif

/* ustar: writes and reads the POSIX ustar archives that carry packages
 * (docs/packages.md). The writer makes the same bytes from the same files
 * (sorted, fixed mode, owner and time), so a signed bundle can be rebuilt
 * and compared. The reader is the first thing to touch an untrusted bundle:
 * bounded, it accepts only what the writer makes (flat regular files) and
 * refuses everything else with the entry's name in the message. */
#include "ustar.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Offsets and widths of the header fields we write or check. */
#define H_NAME     0
#define H_MODE     100
#define H_UID      108
#define H_GID      116
#define H_SIZE     124
#define H_MTIME    136
#define H_CHKSUM   148
#define H_TYPE     156
#define H_LINKNAME 157
#define H_MAGIC    257
#define H_VERSION  263
#define H_PREFIX   345

/* Largest size the 11 octal digits of the size field can say. */
#define USTAR_SIZE_LIMIT 077777777777ull

static const struct {
	char flag;
	const char *what;
} type_names[] = {
	{ '1', "a hard link" },        { '2', "a symbolic link" }, { '3', "a character device" },
	{ '4', "a block device" },     { '5', "a directory" },     { '6', "a FIFO" },
	{ '7', "a contiguous file" },  { 'x', "a pax header" },    { 'g', "a pax global header" },
	{ 'L', "a GNU long name" },    { 'K', "a GNU long link" },
};

const char *ustar_name_problem(const char *name, size_t len)
{
	if (len == 0)
		return "is empty";
	if (len > USTAR_NAME_MAX)
		return "is longer than 99 bytes";
	if (name[0] == '.')
		return "starts with '.'";
	for (size_t i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return "may only contain A-Z a-z 0-9 . _ -";
	}
	return NULL;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct ustar_file *)a)->name, ((const struct ustar_file *)b)->name);
}

static void put_octal(uint8_t *h, size_t off, size_t width, unsigned long long v)
{
	char tmp[24];

	/* width-1 digits, zero-padded, then NUL */
	snprintf(tmp, sizeof tmp, "%0*llo", (int)(width - 1), v);
	memcpy(h + off, tmp, width);
}

static unsigned header_sum(const uint8_t *h)
{
	unsigned sum = 0;

	for (size_t i = 0; i < USTAR_BLOCK; i++)
		sum += i >= H_CHKSUM && i < H_CHKSUM + 8 ? ' ' : h[i];
	return sum;
}

static void make_header(uint8_t *h, const struct ustar_file *f)
{
	char sum[8];

	memset(h, 0, USTAR_BLOCK);
	memcpy(h + H_NAME, f->name, strlen(f->name));
	put_octal(h, H_MODE, 8, 0644);
	put_octal(h, H_UID, 8, 0);
	put_octal(h, H_GID, 8, 0);
	put_octal(h, H_SIZE, 12, f->size);
	put_octal(h, H_MTIME, 12, 0);
	h[H_TYPE] = '0';
	memcpy(h + H_MAGIC, "ustar", 6);
	memcpy(h + H_VERSION, "00", 2);
	/* The checksum as tar writes it: six digits, NUL, space. */
	snprintf(sum, sizeof sum, "%06o", header_sum(h));
	memcpy(h + H_CHKSUM, sum, 7);
	h[H_CHKSUM + 7] = ' ';
}

int ustar_write(const struct ustar_file *files, size_t n, uint8_t **out, size_t *outlen,
		char *err, size_t errlen)
{
	struct ustar_file sorted[USTAR_MAX_ENTRIES];
	uint8_t *buf = NULL;
	size_t total = 2 * USTAR_BLOCK, pos = 0;
	const char *why;

	*out = NULL;
	*outlen = 0;
	if (n > USTAR_MAX_ENTRIES) {
		snprintf(err, errlen, "%zu entries, more than %d", n, USTAR_MAX_ENTRIES);
		return -1;
	}
	memcpy(sorted, files, n * sizeof *files);
	qsort(sorted, n, sizeof *sorted, name_cmp);
	for (size_t i = 0; i < n; i++) {
		why = ustar_name_problem(sorted[i].name, strlen(sorted[i].name));
		if (why) {
			snprintf(err, errlen, "entry name '%.99s' %s", sorted[i].name, why);
			return -1;
		}
		if (i > 0 && strcmp(sorted[i - 1].name, sorted[i].name) == 0) {
			snprintf(err, errlen, "entry '%s' given twice", sorted[i].name);
			return -1;
		}
		if (sorted[i].size > USTAR_SIZE_LIMIT || sorted[i].size > SIZE_MAX / 2 - total) {
			snprintf(err, errlen, "entry '%s' is too large", sorted[i].name);
			return -1;
		}
		total += USTAR_BLOCK + (sorted[i].size + USTAR_BLOCK - 1) / USTAR_BLOCK * USTAR_BLOCK;
	}
	buf = calloc(1, total);
	if (!buf) {
		snprintf(err, errlen, "out of memory for %zu bytes", total);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		make_header(buf + pos, &sorted[i]);
		pos += USTAR_BLOCK;
		if (sorted[i].size)
			memcpy(buf + pos, sorted[i].data, sorted[i].size);
		pos += (sorted[i].size + USTAR_BLOCK - 1) / USTAR_BLOCK * USTAR_BLOCK;
	}
	*out = buf;
	*outlen = total;
	return 0;
}

/* ---- reader ----------------------------------------------------------------- */

/* An octal field: optional leading spaces, at least one digit, then only
 * NUL or space to the end of the field. Base-256 (high bit) is refused. */
static int get_octal(const uint8_t *h, size_t off, size_t width, unsigned long long *v)
{
	size_t i = 0;
	bool digits = false;

	*v = 0;
	while (i < width && h[off + i] == ' ')
		i++;
	for (; i < width && h[off + i] >= '0' && h[off + i] <= '7'; i++) {
		if (*v > (USTAR_SIZE_LIMIT >> 3))
			return -1;
		*v = *v * 8 + (unsigned)(h[off + i] - '0');
		digits = true;
	}
	for (; i < width; i++)
		if (h[off + i] != '\0' && h[off + i] != ' ')
			return -1;
	return digits ? 0 : -1;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

/* A name from a header, made safe to print. */
static void printable(char *out, size_t outlen, const uint8_t *s, size_t n)
{
	size_t j = 0;

	for (size_t i = 0; i < n && s[i] && j + 1 < outlen; i++)
		out[j++] = s[i] >= 0x20 && s[i] < 0x7F ? (char)s[i] : '?';
	out[j] = '\0';
}

/* Full path of the entry (prefix/name) for messages, and the reason it is
 * refused, or NULL when it is a flat valid name (copied to out). */
static const char *check_name(const uint8_t *h, char *shown, size_t shownlen, char *out)
{
	char full[USTAR_BLOCK];
	size_t nlen = strnlen((const char *)h + H_NAME, 100);
	size_t plen = strnlen((const char *)h + H_PREFIX, 155);
	const char *why, *seg;

	if (nlen == 100) {
		printable(shown, shownlen, h + H_NAME, 100);
		return "has no terminating NUL";
	}
	snprintf(full, sizeof full, "%.*s%s%.*s", (int)plen, (const char *)h + H_PREFIX,
		 plen ? "/" : "", (int)nlen, (const char *)h + H_NAME);
	printable(shown, shownlen, (const uint8_t *)full, strlen(full));
	if (full[0] == '/')
		return "is an absolute path";
	for (seg = full; seg; seg = strchr(seg, '/'), seg = seg ? seg + 1 : NULL)
		if (seg[0] == '.' && seg[1] == '.' && (seg[2] == '/' || seg[2] == '\0'))
			return "is a path traversal ('..')";
	if (strchr(full, '/'))
		return "has a directory part (packages are flat)";
	why = ustar_name_problem(full, strlen(full));
	if (why)
		return why;
	memcpy(out, full, strlen(full) + 1);
	return NULL;
}

static const char *type_problem(uint8_t flag)
{
	if (flag == '0' || flag == '\0')
		return NULL;
	for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
		if ((uint8_t)type_names[i].flag == flag)
			return type_names[i].what;
	return "of an unknown type";
}

/* One header at buf+pos into e; advances *pos past its data. */
static int read_entry(const uint8_t *buf, size_t len, size_t *pos, size_t entry_max,
		      struct ustar_entry *e, char *err, size_t errlen)
{
	const uint8_t *h = buf + *pos;
	char shown[160];
	unsigned long long sum, size;
	const char *why;
	size_t span;

	if (get_octal(h, H_CHKSUM, 8, &sum) < 0 || sum != header_sum(h)) {
		snprintf(err, errlen, "header at byte %zu: bad checksum", *pos);
		return -1;
	}
	if (memcmp(h + H_MAGIC, "ustar", 6) != 0 || memcmp(h + H_VERSION, "00", 2) != 0) {
		snprintf(err, errlen, "header at byte %zu: not a POSIX ustar header", *pos);
		return -1;
	}
	why = check_name(h, shown, sizeof shown, e->name);
	if (why) {
		snprintf(err, errlen, "entry '%s': the name %s", shown, why);
		return -1;
	}
	why = type_problem(h[H_TYPE]);
	if (why) {
		snprintf(err, errlen, "entry '%s' is %s; only regular files are allowed", shown, why);
		return -1;
	}
	if (!all_zero(h + H_LINKNAME, 100)) {
		snprintf(err, errlen, "entry '%s': a regular file with a link name", shown);
		return -1;
	}
	if (get_octal(h, H_SIZE, 12, &size) < 0) {
		snprintf(err, errlen, "entry '%s': unreadable size field", shown);
		return -1;
	}
	if (size > entry_max) {
		snprintf(err, errlen, "entry '%s' is %llu bytes, over the limit of %zu", shown, size,
			 entry_max);
		return -1;
	}
	span = ((size_t)size + USTAR_BLOCK - 1) / USTAR_BLOCK * USTAR_BLOCK;
	if (span > len - *pos - USTAR_BLOCK) {
		snprintf(err, errlen, "entry '%s' says %llu bytes, past the end of the archive",
			 shown, size);
		return -1;
	}
	e->data = h + USTAR_BLOCK;
	e->size = (size_t)size;
	*pos += USTAR_BLOCK + span;
	return 0;
}

int ustar_read(const uint8_t *buf, size_t len, size_t entry_max, struct ustar_entry *out,
	       size_t max, size_t *n, char *err, size_t errlen)
{
	size_t pos = 0, count = 0;

	*n = 0;
	if (len % USTAR_BLOCK != 0) {
		snprintf(err, errlen, "%zu bytes is not a whole number of 512-byte blocks", len);
		return -1;
	}
	for (;;) {
		if (len - pos < 2 * USTAR_BLOCK) {
			snprintf(err, errlen, "truncated: no end-of-archive marker");
			return -1;
		}
		if (all_zero(buf + pos, USTAR_BLOCK))
			break;
		if (count == max) {
			snprintf(err, errlen, "more than %zu entries", max);
			return -1;
		}
		if (read_entry(buf, len, &pos, entry_max, &out[count], err, errlen) < 0)
			return -1;
		for (size_t i = 0; i < count; i++)
			if (strcmp(out[i].name, out[count].name) == 0) {
				snprintf(err, errlen, "entry '%s' appears twice", out[count].name);
				return -1;
			}
		count++;
	}
	/* The marker is two zero blocks; tar may pad with more zeros after. */
	if (!all_zero(buf + pos, len - pos)) {
		snprintf(err, errlen, "data after the end-of-archive marker");
		return -1;
	}
	*n = count;
	return 0;
}

/* cidx: the cache index (issue 11, item 3). A precompiled artifact is
 * native code that Wasmtime maps and runs without checking it, so the
 * shared .cwasm cache would be a way for one compromised runner to plant
 * code in another app. The rule: a runner loads an artifact only when its
 * bytes have the SHA-256 the index gives for its file name, and the index
 * is made by the supervisor at start, before any runner exists, from what
 * the image build (or `vyoma-run --precompile`) put in the cache. It lives
 * in a memfd sealed against writes, growth, shrinking and new seals, which
 * every runner reads through fd CIDX_FD: no process, the supervisor
 * included, can change it afterwards. Runners never write the cache. The
 * format is sha256sum's ("HEX  NAME\n"). Used by the supervisor
 * (cidx_build) and the runner (cidx_lookup).
 * The SHA-256 of an artifact the image build listed in the cache's image
 * index (lib/cimg.c) is taken from that index when the file has the size it
 * gives, not computed again: at boot nothing has run before PID 1, so the
 * cache is the image (docs/runner.md, "The image's index"). Every other
 * artifact is hashed here, as before. */
#include "cidx.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cimg.h"
#include "file.h"

#define CIDX_SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)
#define CIDX_LINE (CIDX_HEX + 2 + NAME_MAX + 1)
#define CIDX_SUFFIX ".cwasm"

void cidx_sha256_hex(const void *buf, size_t len, char hex[CIDX_HEX])
{
	uint8_t dg[SHA256_DIGEST_LENGTH];
	SHA2_CTX ctx;

	SHA256Init(&ctx);
	SHA256Update(&ctx, buf, len);
	SHA256Final(dg, &ctx);
	for (size_t i = 0; i < sizeof dg; i++)
		snprintf(hex + 2 * i, 3, "%02x", dg[i]);
}

static int cidx_is_artifact(const char *name)
{
	size_t n = strlen(name), s = sizeof CIDX_SUFFIX - 1;
	return name[0] != '.' && n > s && !strcmp(name + n - s, CIDX_SUFFIX);
}

/* One "HEX  NAME\n" line for the artifact at dir/name; 0, or -1 to skip it. */
static int cidx_entry(const char *dir, const char *name, char *line, size_t cap)
{
	char path[PATH_MAX], hex[CIDX_HEX], why[128];
	uint8_t *buf = NULL;
	size_t len;

	if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path ||
	    file_read(path, CIDX_ARTIFACT_MAX, &buf, &len, why, sizeof why) < 0)
		return -1;
	cidx_sha256_hex(buf, len, hex);
	free(buf);
	return snprintf(line, cap, "%s  %s\n", hex, name) < (int)cap ? 0 : -1;
}

static int cidx_write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static int cidx_parse_image(const char *text, size_t len, void *out, char *err, size_t errlen)
{
	return cimg_parse(text, len, out, err, errlen);
}

/* The image's index in dir, when there is one and it parses; why not in
 * st->image when it is there but refused (then every artifact is hashed). */
static void cidx_image(const char *dir, struct cimg *img, struct cidx_stats *st)
{
	char path[PATH_MAX];

	img->e = NULL;
	img->n = 0;
	if (snprintf(path, sizeof path, "%s/%s", dir, CIMG_FILE) >= (int)sizeof path)
		return;
	if (file_load_opt(path, CIMG_MAX, cidx_parse_image, img, st->image, sizeof st->image) < 0)
		cimg_free(img);
}

/* The line for dir/name: the image index's SHA-256 when it lists the name
 * with the file's size, else the file's own. 1 (from the image), 0 (hashed),
 * or -1 to skip the file. */
static int cidx_line(const char *dir, int dfd, const char *name, const struct cimg *img, char *line,
		     size_t cap)
{
	const struct cimg_entry *e = cimg_find(img, name);
	struct stat st;

	if (e && fstatat(dfd, name, &st, 0) == 0 && S_ISREG(st.st_mode) &&
	    (uint64_t)st.st_size == e->size)
		return snprintf(line, cap, "%s  %s\n", e->hex, name) < (int)cap ? 1 : -1;
	return cidx_entry(dir, name, line, cap);
}

int cidx_build(const char *dir, struct cidx_stats *st, char *err, size_t errlen)
{
	char line[CIDX_LINE];
	struct cimg img = { 0 };
	struct dirent *e;
	DIR *d = NULL;
	int fd = -1, hi = -1, how;

	memset(st, 0, sizeof *st);
	fd = memfd_create("vyoma-cache-index", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0) {
		snprintf(err, errlen, "memfd_create: %s", strerror(errno));
		goto fail;
	}
	d = opendir(dir);
	if (d)
		cidx_image(dir, &img, st);
	while (d && (e = readdir(d)) && st->listed < CIDX_MAX_ENTRIES) {
		if (!cidx_is_artifact(e->d_name) ||
		    (how = cidx_line(dir, dirfd(d), e->d_name, &img, line, sizeof line)) < 0)
			continue;
		if (cidx_write_all(fd, line, strlen(line)) < 0) {
			snprintf(err, errlen, "writing the index: %s", strerror(errno));
			goto fail;
		}
		st->listed++;
		st->from_image += (unsigned)how;
	}
	st->unmatched = (unsigned)img.n - st->from_image;
	if (fcntl(fd, F_ADD_SEALS, CIDX_SEALS) < 0) {
		snprintf(err, errlen, "sealing the index: %s", strerror(errno));
		goto fail;
	}
	/* Out of the way of the fds a child gets (0-2, and the index at 3). */
	hi = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	if (hi < 0) {
		snprintf(err, errlen, "dup: %s", strerror(errno));
		goto fail;
	}
fail:
	cimg_free(&img);
	if (d)
		closedir(d);
	if (fd >= 0)
		close(fd);
	return hi;
}

int cidx_lookup(int fd, const char *name, char hex[CIDX_HEX], char *err, size_t errlen)
{
	struct stat st;
	char *buf = NULL, *p, *end;
	size_t nlen = strlen(name);
	ssize_t r;
	int rc = -1;

	snprintf(err, errlen, "not in the cache index");
	if (fstat(fd, &st) < 0 || (fcntl(fd, F_GET_SEALS) & CIDX_SEALS) != CIDX_SEALS) {
		snprintf(err, errlen, "fd %d is no sealed cache index", fd);
		return -1;
	}
	if (st.st_size > (off_t)CIDX_MAX_ENTRIES * CIDX_LINE || !(buf = malloc((size_t)st.st_size + 1)))
		goto out;
	r = pread(fd, buf, (size_t)st.st_size, 0); /* the offset is shared by every runner */
	if (r != st.st_size)
		goto out;
	buf[r] = '\0';
	for (p = buf; p < buf + r; p = end + 1) {
		end = strchr(p, '\n');
		if (!end)
			break;
		if ((size_t)(end - p) == CIDX_HEX + 1 + nlen && p[CIDX_HEX - 1] == ' ' && p[CIDX_HEX] == ' ' &&
		    !memcmp(p + CIDX_HEX + 1, name, nlen)) {
			memcpy(hex, p, CIDX_HEX - 1);
			hex[CIDX_HEX - 1] = '\0';
			rc = 0;
			break;
		}
	}
out:
	free(buf);
	return rc;
}

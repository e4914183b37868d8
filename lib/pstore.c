/* pstore: the installed packages on disk (see pstore.h for the layout and
 * why every change is crash-safe). The bundle checks themselves are
 * vpk_verify's; this module only decides where verified bytes go and which
 * version is current. */
#include "pstore.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"

#define PSTORE_PATH_MAX 1024

static int pstore_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int pstore_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int pstore_path(char *out, size_t len, const char *dir, const char *name, const char *leaf)
{
	int n = snprintf(out, len, "%s/%s%s%s", dir, name, leaf ? "/" : "", leaf ? leaf : "");
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

static int pstore_manifest_at(const char *vdir, struct vpk_manifest *m, char *err, size_t errlen)
{
	char path[PSTORE_PATH_MAX];
	uint8_t *buf = NULL;
	size_t len;
	int rc;

	if (snprintf(path, sizeof path, "%s/MANIFEST", vdir) >= (int)sizeof path)
		return pstore_err(err, errlen, "%s: path too long", vdir);
	if (file_read(path, VPK_MANIFEST_MAX, &buf, &len, err, errlen) < 0)
		return -1;
	rc = vpk_manifest_parse((const char *)buf, len, m, err, errlen);
	free(buf);
	return rc;
}

int pstore_get(const char *dir, const char *name, struct vpk_manifest *cur,
	       struct vpk_manifest *prev, int *has_prev, char *err, size_t errlen)
{
	char path[PSTORE_PATH_MAX];
	struct stat st;

	if (has_prev)
		*has_prev = 0;
	if (!man_valid_name(name))
		return pstore_err(err, errlen, "bad package name %s", name);
	if (pstore_path(path, sizeof path, dir, name, "current") < 0 || stat(path, &st) < 0)
		return pstore_err(err, errlen, "%s is not installed", name);
	if (pstore_manifest_at(path, cur, err, errlen) < 0)
		return -1;
	if (prev && pstore_path(path, sizeof path, dir, name, "previous") == 0 && stat(path, &st) == 0 &&
	    pstore_manifest_at(path, prev, err, errlen) == 0 && has_prev)
		*has_prev = 1;
	return 0;
}

int pstore_app_dir(const char *dir, const char *name, char *out, size_t outlen)
{
	return pstore_path(out, outlen, dir, name, "current");
}

/* link (a symlink in d) now points to target: a new link renamed over it. */
static int pstore_relink(const char *d, const char *link, const char *target, char *err,
			 size_t errlen)
{
	char tmp[PSTORE_PATH_MAX], path[PSTORE_PATH_MAX];

	if (snprintf(tmp, sizeof tmp, "%s/.%s.tmp", d, link) >= (int)sizeof tmp ||
	    snprintf(path, sizeof path, "%s/%s", d, link) >= (int)sizeof path)
		return pstore_err(err, errlen, "%s: path too long", d);
	unlink(tmp);
	if (symlink(target, tmp) < 0 || rename(tmp, path) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return file_sync_dir(d, err, errlen);
}

/* Where link points (a name in the same directory), or "" when absent. */
static void pstore_target(const char *d, const char *link, char *out, size_t len)
{
	char path[PSTORE_PATH_MAX];
	ssize_t n;

	out[0] = '\0';
	if (snprintf(path, sizeof path, "%s/%s", d, link) >= (int)sizeof path)
		return;
	n = readlink(path, out, len - 1);
	out[n > 0 ? n : 0] = '\0';
	if (strchr(out, '/'))
		out[0] = '\0'; /* not ours: never followed */
}

/* A version directory holds plain files only (vpk refuses anything else). */
static int pstore_rmdir_flat(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (!d)
		return errno == ENOENT ? 0 : -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
	return rmdir(path);
}

/* Every s<seq> (and leftover) entry of d but the two kept. */
static void pstore_prune(const char *d, const char *keep1, const char *keep2)
{
	DIR *dh = opendir(d);
	struct dirent *e;
	char path[PSTORE_PATH_MAX];

	if (!dh)
		return;
	while ((e = readdir(dh))) {
		if (e->d_name[0] != 's' || !strcmp(e->d_name, keep1) || !strcmp(e->d_name, keep2))
			continue;
		if (snprintf(path, sizeof path, "%s/%s", d, e->d_name) < (int)sizeof path)
			pstore_rmdir_flat(path);
	}
	closedir(dh);
}

int pstore_install(const char *dir, const uint8_t *buf, size_t len, struct vpk_policy *pol,
		   unsigned accepted, struct vpk_manifest *out, char *err, size_t errlen)
{
	struct vpk_bundle *b = calloc(1, sizeof *b);
	struct vpk_manifest cur;
	char d[PSTORE_PATH_MAX], vdir[PSTORE_PATH_MAX], ver[32], old[64];
	int installed, rc = -1;

	if (!b)
		return pstore_err(err, errlen, "out of memory");
	/* First the bundle alone, to learn its name; then against what is installed. */
	pol->installed_seq = 0;
	if (vpk_verify(buf, len, pol, b, err, errlen) < 0)
		goto out;
	installed = pstore_get(dir, b->man.name, &cur, NULL, NULL, err, errlen) == 0;
	if (installed) {
		pol->installed_seq = cur.seq;
		if (vpk_consent(cur.caps, b->man.caps, accepted, err, errlen) < 0)
			goto out;
	}
	snprintf(ver, sizeof ver, "s%llu", (unsigned long long)b->man.seq);
	if (pstore_path(d, sizeof d, dir, b->man.name, NULL) < 0 ||
	    pstore_path(vdir, sizeof vdir, dir, b->man.name, ver) < 0) {
		pstore_err(err, errlen, "%s: path too long", dir);
		goto out;
	}
	if (file_mkdirs(d, 0755) < 0) {
		snprintf(err, errlen, "%s: %s", d, strerror(errno));
		goto out;
	}
	pstore_target(d, "current", old, sizeof old);
	if (!strcmp(old, ver)) {
		snprintf(err, errlen, "%s %s (seq %s) is already installed", b->man.name, b->man.version,
			 ver + 1);
		goto out;
	}
	pstore_rmdir_flat(vdir); /* a leftover of an install cut short */
	if (vpk_unpack(buf, len, pol, vdir, b, err, errlen) < 0)
		goto out;
	if (pol->test_cut) {
		snprintf(err, errlen, "test hook VYOMA_PKG_CUT: %s unpacked and synced, stopped before "
				      "'current' moves (as a power cut there would)", ver);
		goto out;
	}
	if ((old[0] && pstore_relink(d, "previous", old, err, errlen) < 0) ||
	    pstore_relink(d, "current", ver, err, errlen) < 0) {
		if (!old[0])
			pstore_rmdir_flat(vdir);
		goto out;
	}
	pstore_prune(d, ver, old);
	if (out)
		*out = b->man;
	rc = 0;
out:
	free(b);
	return rc;
}

int pstore_rollback(const char *dir, const char *name, char *err, size_t errlen)
{
	char d[PSTORE_PATH_MAX], cur[64], prev[64];

	if (!man_valid_name(name) || pstore_path(d, sizeof d, dir, name, NULL) < 0)
		return pstore_err(err, errlen, "bad package name %s", name);
	pstore_target(d, "current", cur, sizeof cur);
	pstore_target(d, "previous", prev, sizeof prev);
	if (!cur[0])
		return pstore_err(err, errlen, "%s is not installed", name);
	if (!prev[0] || !strcmp(prev, cur))
		return pstore_err(err, errlen, "%s has no previous version to return to", name);
	/* A cut between the two leaves both links on the old current: it runs. */
	if (pstore_relink(d, "previous", cur, err, errlen) < 0 ||
	    pstore_relink(d, "current", prev, err, errlen) < 0)
		return -1;
	return 0;
}

/* Delete a package directory taken out of sight: links, versions, itself. */
static int pstore_clear(const char *trash)
{
	char path[PSTORE_PATH_MAX];
	DIR *dh;
	struct dirent *e;

	if ((dh = opendir(trash))) {
		while ((e = readdir(dh))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
			    snprintf(path, sizeof path, "%s/%s", trash, e->d_name) >= (int)sizeof path)
				continue;
			if (unlink(path) < 0)
				pstore_rmdir_flat(path);
		}
		closedir(dh);
	}
	return rmdir(trash);
}

int pstore_remove(const char *dir, const char *name, char *err, size_t errlen)
{
	char d[PSTORE_PATH_MAX], trash[PSTORE_PATH_MAX];

	if (!man_valid_name(name) || pstore_path(d, sizeof d, dir, name, NULL) < 0 ||
	    snprintf(trash, sizeof trash, "%s/.trash-%s", dir, name) >= (int)sizeof trash)
		return pstore_err(err, errlen, "bad package name %s", name);
	if (access(d, F_OK) < 0)
		return pstore_err(err, errlen, "%s is not installed", name);
	/* One rename takes it out of sight; the deleting can be cut short. */
	if (rename(d, trash) < 0) {
		snprintf(err, errlen, "%s: %s", d, strerror(errno));
		return -1;
	}
	if (file_sync_dir(dir, err, errlen) < 0)
		return -1;
	if (pstore_clear(trash) < 0) {
		snprintf(err, errlen, "%s: %s", trash, strerror(errno));
		return -1;
	}
	return 0;
}

static int pstore_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int pstore_each(const char *dir, pstore_fn fn, void *ctx, char *err, size_t errlen)
{
	DIR *dh = opendir(dir);
	struct dirent *e;
	char *names[1024], path[PSTORE_PATH_MAX], why[256];
	size_t n = 0;
	struct vpk_manifest m;

	if (!dh)
		return errno == ENOENT ? 0 : pstore_err(err, errlen, "%s: %s", dir, strerror(errno));
	while ((e = readdir(dh)) && n < sizeof names / sizeof names[0]) {
		if (e->d_name[0] == '.') {
			/* a remove cut short: finish it */
			if (!strncmp(e->d_name, ".trash-", 7) &&
			    snprintf(path, sizeof path, "%s/%s", dir, e->d_name) < (int)sizeof path)
				pstore_clear(path);
			continue;
		}
		if (man_valid_name(e->d_name) && (names[n] = strdup(e->d_name)))
			n++;
	}
	closedir(dh);
	qsort(names, n, sizeof names[0], pstore_cmp);
	for (size_t i = 0; i < n; i++) {
		if (pstore_path(path, sizeof path, dir, names[i], "current") == 0 &&
		    pstore_manifest_at(path, &m, why, sizeof why) == 0)
			fn(names[i], &m, ctx);
		free(names[i]);
	}
	return 0;
}

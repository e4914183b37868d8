/* vpk_io: the file side of bundles: unpack a bundle into a new directory,
 * only after vpk_verify has accepted it, staged beside the destination,
 * every file fsynced, then one rename, so that a crash leaves either no
 * directory or a complete one. Kept apart from vpk.c, which writes nothing. */
#include "vpk.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"

/* Remove the staged files we wrote and the staging directory. */
static void unstage(const char *stage, const struct vpk_bundle *b)
{
	char path[PATH_MAX + 128];

	for (size_t i = 0; i < b->n; i++) {
		snprintf(path, sizeof path, "%s/%s", stage, b->entries[i].name);
		unlink(path);
	}
	rmdir(stage);
}

int vpk_unpack(const uint8_t *buf, size_t len, const struct vpk_policy *pol, const char *dest,
	       struct vpk_bundle *out, char *err, size_t errlen)
{
	char stage[PATH_MAX], path[PATH_MAX + 128], why[512];
	struct stat st;
	bool staged = false;
	int rc = -1;

	if (vpk_verify(buf, len, pol, out, err, errlen) < 0)
		return -1;
	if (lstat(dest, &st) == 0) {
		snprintf(err, errlen, "%s already exists", dest);
		goto out;
	}
	if (errno != ENOENT) {
		snprintf(err, errlen, "%s: %s", dest, strerror(errno));
		goto out;
	}
	if (snprintf(stage, sizeof stage, "%s.stage.XXXXXX", dest) >= (int)sizeof stage ||
	    !mkdtemp(stage)) {
		snprintf(err, errlen, "cannot create a staging directory beside %s: %s", dest,
			 strerror(errno));
		goto out;
	}
	staged = true;
	for (size_t i = 0; i < out->n; i++) {
		snprintf(path, sizeof path, "%s/%s", stage, out->entries[i].name);
		if (file_write_atomic(path, out->entries[i].data, out->entries[i].size, 0644, why,
				      sizeof why) < 0) {
			snprintf(err, errlen, "%s: %s", path, why);
			goto out;
		}
	}
	if (chmod(stage, 0755) != 0 || rename(stage, dest) != 0) {
		snprintf(err, errlen, "cannot move %s into place: %s", dest, strerror(errno));
		goto out;
	}
	staged = false;
	if (file_sync_dir(dest, why, sizeof why) < 0) {
		snprintf(err, errlen, "%s", why);
		goto out;
	}
	rc = 0;
out:
	if (staged)
		unstage(stage, out);
	if (rc < 0)
		memset(out, 0, sizeof *out);
	return rc;
}

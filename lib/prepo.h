/* prepo: where the package repository is (docs/packages.md, "HTTP"):
 * repos.toml, read from the state volume (var/lib/vyoma/repos.toml) or,
 * failing that, the image (etc/vyoma/repos.toml). Without either, the
 * repository is the folder repo/ (in the VM the host's read-only share). */
#ifndef VYOMA_PREPO_H
#define VYOMA_PREPO_H

#include <stddef.h>

#include "http.h"

#define PREPO_CONF_MAX     4096
#define PREPO_TIMEOUT_S    30u    /* default, per file */
#define PREPO_TIMEOUT_MAX  600u

struct prepo_conf {
	char url[HTTP_PATH_MAX + 40];
	struct http_url u;
	unsigned timeout_s;
};

/* Parse repos.toml: url = "http://A.B.C.D[:port]/path/" (required),
 * timeout = seconds (1..600, default 30). 0, or -1 with "line:col: why". */
int prepo_parse(const char *text, size_t len, struct prepo_conf *c, char *err, size_t errlen);

/* Where repos.toml may be, under the root, first found wins. */
#define PREPO_STATE_CONF "var/lib/vyoma/repos.toml"
#define PREPO_IMAGE_CONF "etc/vyoma/repos.toml"

/* Read and parse the file at path: 1 with *c, 0 when it does not exist,
 * -1 with err when it is bad. */
int prepo_read(const char *path, struct prepo_conf *c, char *err, size_t errlen);

#endif

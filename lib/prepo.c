/* prepo: repos.toml, the repository's URL and timeout (prepo.h). Strict
 * like every package file: unknown keys refused, the URL checked by
 * lib/http's parser. */
#include "prepo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "tomlf.h"

static int prepo_url(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	struct prepo_conf *c = ctx;
	char why[256];
	size_t len;
	const char *s = tomlf_str(v, "url", sizeof c->url - 1, &len, e);

	if (!s)
		return -1;
	memcpy(c->url, s, len);
	c->url[len] = '\0';
	if (http_url_parse(c->url, &c->u, why, sizeof why) < 0)
		return tomlf_fail(v, e, "url: %s", why);
	return 0;
}

static int prepo_timeout(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	struct prepo_conf *c = ctx;
	uint64_t t;

	if (tomlf_uint(v, "timeout", 1, &t, e) < 0)
		return -1;
	if (t > PREPO_TIMEOUT_MAX)
		return tomlf_fail(v, e, "'timeout' must be 1..%u seconds", PREPO_TIMEOUT_MAX);
	c->timeout_s = (unsigned)t;
	return 0;
}

static const struct tomlf_key prepo_keys[] = {
	{ "url", prepo_url, true },
	{ "timeout", prepo_timeout, false },
};

int prepo_parse(const char *text, size_t len, struct prepo_conf *c, char *err, size_t errlen)
{
	memset(c, 0, sizeof *c);
	c->timeout_s = PREPO_TIMEOUT_S;
	if (tomlf_read(text, len, PREPO_CONF_MAX, prepo_keys, 2, c, err, errlen) < 0) {
		memset(c, 0, sizeof *c);
		return -1;
	}
	return 0;
}

static int prepo_parse_any(const char *text, size_t len, void *out, char *err, size_t errlen)
{
	return prepo_parse(text, len, out, err, errlen);
}

int prepo_read(const char *path, struct prepo_conf *c, char *err, size_t errlen)
{
	return file_load_opt(path, PREPO_CONF_MAX, prepo_parse_any, c, err, errlen);
}

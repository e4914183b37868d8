/* pkg: the package manager's commands (`@supervisor: pkg ...`, needs
 * `shell`; docs/packages.md). It owns the places packages come from and go
 * to under the root:
 *
 *   etc/vyoma/keys/NAME.pub     the keys a bundle or an index must be signed by
 *   repo/INDEX, INDEX.sig, NAME.vpk  the repository (in the VM, the host's
 *                               build/packages/ over read-only 9P), or the
 *                               same files over HTTP from the URL of
 *                               repos.toml (lib/prepo), fetched by httpc
 *                               inside the event loop
 *   PSTORE_DIR (var/lib/vyoma/packages)  what is installed (lib/pstore; apps never see it)
 *
 * Everything a bundle must pass is lib/vpk's and lib/pidx's; the names of
 * the image's own apps (the apps directory) are never a package's. Bytes
 * from HTTP go through exactly the same checks as bytes from the folder.
 *
 * One command at a time, as a small machine (pkg_step): the index (from
 * the folder at once, or over HTTP: INDEX, then INDEX.sig), the verb
 * (which may queue bundles to install), then the queue, one bundle at a
 * time. Over HTTP each step waits in the loop, never in a call; the answer
 * ("ok pkg <verb>" or the error) goes to the caller at the end, if it is
 * still there. */
#include "pkg.h"
#include "pkg_ctx.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "file.h"
#include "httpc.h"
#include "load.h"
#include "log.h"
#include "pboot.h"
#include "pidx.h"
#include "prepo.h"
#include "pstore.h"


static struct pkg_ctx *pkg_busy; /* the command in progress, if any */

int pkg_fail(struct pkg_ctx *x, const char *what)
{
	app_error(x->c, "pkg %s: %s", what, x->err);
	return -1;
}

static int pkg_keys(struct pkg_ctx *x)
{
	char keys[APP_DIR_MAX];

	load_path(keys, sizeof keys, "etc/vyoma/keys");
	return pkey_load_ring(keys, &x->ring, x->err, sizeof x->err);
}

/* The folder repository's index, verified; absent is not an error
 * (have_idx). */
static int pkg_index(struct pkg_ctx *x)
{
	char path[APP_DIR_MAX + 16];

	snprintf(path, sizeof path, "%s/INDEX", x->repo);
	if (access(path, F_OK) < 0)
		return 0;
	if (pidx_load(x->repo, &x->ring, &x->idx, x->err, sizeof x->err) < 0)
		return -1;
	x->have_idx = true;
	return 0;
}

/* The image's apps: names no package may take. */
static void pkg_system(struct pkg_ctx *x)
{
	char apps[APP_DIR_MAX];
	DIR *d;
	struct dirent *e;

	load_app_dir(apps, sizeof apps, ".");
	if (!(d = opendir(apps)))
		return;
	while ((e = readdir(d)) && x->nsystem < PKG_SYSTEM_MAX)
		if (man_valid_name(e->d_name) && (x->system[x->nsystem] = strdup(e->d_name)))
			x->nsystem++;
	closedir(d);
}

static void pkg_policy(struct pkg_ctx *x, struct vpk_policy *pol)
{
	memset(pol, 0, sizeof *pol);
	pol->ring = &x->ring;
	pol->revoked = x->have_idx ? &x->idx.revoked : NULL;
	pol->system_apps = (const char *const *)x->system;
	pol->nsystem = x->nsystem;
	/* tests/qemu/packages.py kills QEMU right after this stop */
	pol->test_cut = getenv("VYOMA_PKG_CUT") != NULL;
}

static int pkg_fetch(struct pkg_ctx *x, const char *what, uint8_t **buf, size_t *len)
{
	const struct pidx_pkg *p = x->have_idx ? pidx_find(&x->idx, what) : NULL;
	char path[APP_DIR_MAX * 2];
	uint8_t sum[32];

	if (strchr(what, '/')) {
		if (file_read(what, VPK_MAX_BYTES, buf, len, x->err, sizeof x->err) < 0)
			return -1;
		return 0;
	}
	if (!p) {
		snprintf(x->err, sizeof x->err, "%.64s is not in the repository%s", what,
			 x->have_idx ? "" : " (no signed index in repo/)");
		return -1;
	}
	if (x->http) {
		*buf = x->got;
		*len = x->glen;
		x->got = NULL;
	} else {
		snprintf(path, sizeof path, "%s/%s", x->repo, p->file);
		if (file_read(path, VPK_MAX_BYTES, buf, len, x->err, sizeof x->err) < 0)
			return -1;
	}
	pkey_sha256(*buf, *len, sum);
	if (*len != p->size || memcmp(sum, p->sha256, 32) != 0) {
		snprintf(x->err, sizeof x->err, "%s: not the bundle the index lists (size or SHA-256)",
			 p->file);
		free(*buf);
		*buf = NULL;
		return -1;
	}
	return 0;
}

static int pkg_install_one(struct pkg_ctx *x, const char *what, unsigned accepted, const char *verb)
{
	struct vpk_policy pol;
	struct vpk_manifest m;
	uint8_t *buf = NULL;
	size_t len;
	struct app *a;
	char caps[128];
	int rc;

	pkg_policy(x, &pol);
	if (pkg_fetch(x, what, &buf, &len) < 0)
		return -1;
	rc = pstore_install(x->dir, buf, len, &pol, accepted, &m, x->err, sizeof x->err);
	free(buf);
	if (rc < 0)
		return -1;
	cap_format(m.caps, caps, sizeof caps);
	log_info(m.name, "pkg: %s %s (seq %llu, key %s, caps %s)", verb, m.version,
		 (unsigned long long)m.seq, m.key_id, caps);
	app_notice(x->c, "pkg: %s %s %s (seq %llu) caps %s", verb, m.name, m.version,
		   (unsigned long long)m.seq, caps);
	if ((a = app_find(m.name)) && a->pid > 0) {
		load_app(a);
		app_restart(a);
		app_notice(x->c, "pkg: restarting %s on the new version", m.name);
	}
	return 0;
}

/* ---- verbs ---------------------------------------------------------------- */


static const struct {
	const char *verb;
	pkg_verb_fn fn;
	enum pkg_need need;
} pkg_verbs[] = {
	{ "list", pkg_list, NEED_TRY },         { "search", pkg_search, NEED_INDEX },
	{ "info", pkg_info, NEED_NONE },        { "install", pkg_install, NEED_INDEX },
	{ "upgrade", pkg_upgrade, NEED_INDEX }, { "remove", pkg_remove, NEED_NONE },
	{ "rollback", pkg_rollback, NEED_NONE }, { "boot", pkg_boot, NEED_NONE },
};

static void pkg_free(struct pkg_ctx *x)
{
	httpc_cancel(x->req);
	if (x->have_idx)
		pidx_free(&x->idx);
	for (size_t i = 0; i < x->nsystem; i++)
		free(x->system[i]);
	for (int i = 0; i < x->argc; i++)
		free(x->argv[i]);
	free(x->text);
	free(x->got);
	if (pkg_busy == x)
		pkg_busy = NULL;
	free(x);
}

/* The end of a command that waited: its answer, as pm would give it. */
static void pkg_finish(struct pkg_ctx *x, int rc)
{
	if (x->c && rc == 0)
		app_notice(x->c, "ok pkg %s", x->argv[0]);
	else if (x->c)
		pkg_fail(x, x->argv[0]);
	pkg_free(x);
}

static void pkg_step(struct pkg_ctx *x);

/* A file of the HTTP repository arrived (or did not). */
static void pkg_got(void *ctx, uint8_t *body, size_t len, const char *err)
{
	struct pkg_ctx *x = ctx;

	x->req = NULL;
	if (!(x->c = app_find_id(x->caller))) {
		log_warn(NULL, "pkg %s: the caller is gone; stopped before installing anything",
			 x->argv[0]);
		free(body);
		pkg_free(x);
		return;
	}
	if (!body) {
		snprintf(x->err, sizeof x->err, "repository %.200s: %s", x->conf.url, err);
		if (x->phase <= PH_SIG && x->need == NEED_TRY) { /* list: without the index */
			app_notice(x->c, "pkg: (no upgrade marks: %s)", x->err);
			x->phase = PH_VERB;
			pkg_step(x);
			return;
		}
		pkg_finish(x, -1);
		return;
	}
	if (x->phase == PH_INDEX) {
		x->text = body;
		x->tlen = len;
		x->phase = PH_SIG;
	} else if (x->phase == PH_SIG) {
		int rc = pidx_verify((const char *)x->text, x->tlen, (const char *)body, len, &x->ring,
				     &x->idx, x->err, sizeof x->err);

		free(body);
		if (rc < 0) {
			char why[512];

			snprintf(why, sizeof why, "%s", x->err);
			snprintf(x->err, sizeof x->err, "repository %.100s: INDEX: %.380s", x->conf.url,
				 why);
			pkg_finish(x, -1);
			return;
		}
		x->have_idx = true;
		x->phase = PH_VERB;
	} else {
		x->got = body;
		x->glen = len;
		x->phase = PH_QUEUE;
	}
	pkg_step(x);
}

/* Start fetching file (at most max bytes) over HTTP; pkg_got goes on. */
static int pkg_get(struct pkg_ctx *x, const char *file, size_t max)
{
	char why[256];

	x->req = httpc_get(&x->conf.u, file, max, x->conf.timeout_s * 1000u, pkg_got, x, why,
			   sizeof why);
	if (!x->req)
		snprintf(x->err, sizeof x->err, "repository %.200s: %s", x->conf.url, why);
	return x->req ? 0 : -1;
}

/* Run until the command is done (answered and freed) or waits for HTTP. */
static void pkg_step(struct pkg_ctx *x)
{
	for (;;) {
		switch (x->phase) {
		case PH_INDEX:
			if (pkg_get(x, "INDEX", PIDX_MAX_BYTES) < 0)
				break;
			return;
		case PH_SIG:
			if (pkg_get(x, "INDEX.sig", PKEY_SIG_FILE_MAX) < 0)
				break;
			return;
		case PH_VERB:
			if (x->fn(x, x->argc, x->argv) < 0)
				break;
			x->phase = PH_QUEUE;
			continue;
		case PH_BUNDLE: /* waiting; pkg_got moves on */
			return;
		case PH_QUEUE: {
			const char *name = x->qi < x->nq ? x->queue[x->qi] : NULL;
			const struct pidx_pkg *p = name && x->have_idx ? pidx_find(&x->idx, name) : NULL;

			if (x->http && !x->got && p && !strchr(name, '/')) {
				app_notice(x->c, "pkg: fetching %s (%llu bytes)", p->file,
					   (unsigned long long)p->size);
				if (pkg_get(x, p->file, p->size) < 0)
					break;
				x->phase = PH_BUNDLE;
				return;
			}
			if (x->qi < x->nq) {
				if (pkg_install_one(x, name, x->accepted, x->qverb) < 0)
					break;
				x->qi++;
				x->ndone++;
				continue;
			}
			if (x->qverb && strcmp(x->qverb, "upgraded") == 0)
				app_notice(x->c, "pkg: %u upgraded", x->ndone);
			pkg_finish(x, 0);
			return;
		}
		}
		pkg_finish(x, -1);
		return;
	}
}

int pkg_command(struct app *c, int argc, char **argv)
{
	struct pkg_ctx *x;
	size_t i, n = sizeof pkg_verbs / sizeof pkg_verbs[0];
	char conf[APP_DIR_MAX];
	int found = 0;

	for (i = 0; i < n && strcmp(argv[0], pkg_verbs[i].verb); i++)
		;
	if (i == n) {
		app_error(c, "pkg: unknown verb %.20s (list, search, info, install, upgrade, remove, "
			     "rollback, boot)", argv[0]);
		return -1;
	}
	if (pkg_busy) {
		app_error(c, "pkg %s: busy with pkg %s; try again when it is done", argv[0],
			  pkg_busy->argv[0]);
		return -1;
	}
	if (!(x = calloc(1, sizeof *x))) {
		app_error(c, "pkg: out of memory");
		return -1;
	}
	x->c = c;
	x->caller = c->id;
	x->fn = pkg_verbs[i].fn;
	x->need = pkg_verbs[i].need;
	for (int k = 0; k < argc && k < PKG_ARGS; k++)
		if ((x->argv[x->argc] = strdup(argv[k])))
			x->argc++;
	load_path(x->dir, sizeof x->dir, PSTORE_DIR);
	load_path(x->repo, sizeof x->repo, "repo");
	if (x->argc != (argc < PKG_ARGS ? argc : PKG_ARGS) || pkg_keys(x) < 0)
		goto fail;
	load_path(conf, sizeof conf, PREPO_STATE_CONF);
	if ((found = prepo_read(conf, &x->conf, x->err, sizeof x->err)) == 0) {
		load_path(conf, sizeof conf, PREPO_IMAGE_CONF);
		found = prepo_read(conf, &x->conf, x->err, sizeof x->err);
	}
	if (found < 0)
		goto fail;
	x->http = found == 1;
	pkg_system(x);
	if (!x->http && pkg_index(x) < 0)
		goto fail;
	x->phase = x->http && pkg_verbs[i].need != NEED_NONE ? PH_INDEX : PH_VERB;
	pkg_busy = x;
	pkg_step(x);
	/* answered and freed unless it waits for the repository */
	return 1;
fail:
	pkg_fail(x, argv[0]);
	pkg_free(x);
	return -1;
}

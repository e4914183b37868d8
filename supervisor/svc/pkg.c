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

#include <dirent.h>
#include <ftw.h>
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
#include "pidx.h"
#include "prepo.h"
#include "pstore.h"

#define PKG_SYSTEM_MAX 256
#define PKG_ARGS       8

enum pkg_phase { PH_INDEX, PH_SIG, PH_VERB, PH_QUEUE, PH_BUNDLE };
/* What a verb needs of the repository's index over HTTP: nothing, a try
 * (list: an unreachable repository only loses the upgrade marks), or the
 * index itself (its revocations guard even the install of a file). */
enum pkg_need { NEED_NONE, NEED_TRY, NEED_INDEX };

struct pkg_ctx;
typedef int (*pkg_verb_fn)(struct pkg_ctx *x, int argc, char **argv);

struct pkg_ctx {
	struct app *c;          /* the caller, looked up again after each wait */
	uint64_t caller;
	pkg_verb_fn fn;
	int need;               /* enum pkg_need */
	int argc;
	char *argv[PKG_ARGS];
	enum pkg_phase phase;
	struct pkey_ring ring;
	struct pidx idx;
	bool have_idx;
	char dir[APP_DIR_MAX];  /* installed packages */
	char repo[APP_DIR_MAX];
	bool http;              /* repo is conf.url, not the folder */
	struct prepo_conf conf;
	struct httpc *req;      /* the fetch in flight */
	uint8_t *text;          /* INDEX over HTTP, until its signature is here */
	size_t tlen;
	uint8_t *got;           /* a bundle over HTTP */
	size_t glen;
	const char *queue[PIDX_MAX_PACKAGES]; /* to install, in order: argv's or idx's */
	size_t nq, qi;
	unsigned accepted, ndone;
	const char *qverb;      /* "installed" or "upgraded" */
	char *system[PKG_SYSTEM_MAX];
	size_t nsystem;
	char err[512];
};

static struct pkg_ctx *pkg_busy; /* the command in progress, if any */

static int pkg_fail(struct pkg_ctx *x, const char *what)
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
}

/* "--accept a,b" (capability names) among the words; -1 on a bad name. */
static int pkg_accepted(struct pkg_ctx *x, int argc, char **argv, unsigned *caps)
{
	*caps = 0;
	for (int i = 0; i < argc; i++) {
		char *save = NULL, words[128];

		if (strcmp(argv[i], "--accept") || i + 1 >= argc)
			continue;
		snprintf(words, sizeof words, "%s", argv[i + 1]);
		for (char *w = strtok_r(words, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
			unsigned bit = cap_from_name(w);
			if (!bit) {
				snprintf(x->err, sizeof x->err, "unknown capability %.40s", w);
				return -1;
			}
			*caps |= bit;
		}
	}
	return 0;
}

/* A bundle's bytes: a repository name (size and SHA-256 as the index
 * says) or a path. */
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

struct pkg_list_ctx {
	struct pkg_ctx *x;
	unsigned n;
};

static void pkg_list_one(const char *name, const struct vpk_manifest *m, void *ctx)
{
	struct pkg_list_ctx *l = ctx;
	const struct pidx_pkg *p = l->x->have_idx ? pidx_find(&l->x->idx, name) : NULL;
	char caps[128];

	cap_format(m->caps, caps, sizeof caps);
	app_notice(l->x->c, "%-20s %-10s seq %-6llu %s%s", name, m->version,
		   (unsigned long long)m->seq, caps,
		   p && p->seq > m->seq ? "  (upgrade available)" : "");
	l->n++;
}

static int pkg_list(struct pkg_ctx *x, int argc, char **argv)
{
	struct pkg_list_ctx l = { x, 0 };

	(void)argc;
	(void)argv;
	if (pstore_each(x->dir, pkg_list_one, &l, x->err, sizeof x->err) < 0)
		return -1;
	app_notice(x->c, "pkg: %u installed", l.n);
	return 0;
}

static int pkg_search(struct pkg_ctx *x, int argc, char **argv)
{
	const char *word = argc > 1 ? argv[1] : "";
	char caps[128];
	struct vpk_manifest m;

	if (!x->have_idx) {
		snprintf(x->err, sizeof x->err, "no signed repository index in %.300s", x->repo);
		return -1;
	}
	for (size_t i = 0; i < x->idx.n; i++) {
		const struct pidx_pkg *p = &x->idx.pkgs[i];
		bool inst = pstore_get(x->dir, p->name, &m, NULL, NULL, x->err, sizeof x->err) == 0;
		bool image = false;

		for (size_t j = 0; j < x->nsystem; j++)
			image |= strcmp(x->system[j], p->name) == 0;

		if (!strstr(p->name, word) && !strstr(p->description, word))
			continue;
		cap_format(p->caps, caps, sizeof caps);
		app_notice(x->c, "%-20s %-10s %7llu B  %-28s %s%s", p->name, p->version,
			   (unsigned long long)p->size, caps, p->description,
			   image ? "  [part of the system]"
			   : !inst ? "" : m.seq < p->seq ? "  [installed, upgrade]" : "  [installed]");
	}
	return 0;
}

static void pkg_queue(struct pkg_ctx *x, const char *name, unsigned accepted, const char *verb)
{
	x->queue[x->nq++] = name;
	x->accepted = accepted;
	x->qverb = verb;
}

static int pkg_install(struct pkg_ctx *x, int argc, char **argv)
{
	unsigned acc;

	if (argc < 2) {
		snprintf(x->err, sizeof x->err, "usage: pkg install <name|/path/x.vpk> [--accept caps]");
		return -1;
	}
	if (pkg_accepted(x, argc, argv, &acc) < 0)
		return -1;
	pkg_queue(x, argv[1], acc, "installed");
	return 0;
}

static int pkg_upgrade(struct pkg_ctx *x, int argc, char **argv)
{
	struct vpk_manifest m;
	unsigned acc;
	bool one = argc > 1 && strcmp(argv[1], "--accept");

	if (pkg_accepted(x, argc, argv, &acc) < 0)
		return -1;
	if (!x->have_idx) {
		snprintf(x->err, sizeof x->err, "no signed repository index in %.300s", x->repo);
		return -1;
	}
	for (size_t i = 0; i < x->idx.n; i++) {
		const struct pidx_pkg *p = &x->idx.pkgs[i];

		if ((one && strcmp(p->name, argv[1])) ||
		    pstore_get(x->dir, p->name, &m, NULL, NULL, x->err, sizeof x->err) < 0 ||
		    m.seq >= p->seq)
			continue;
		pkg_queue(x, p->name, acc, "upgraded");
	}
	if (one && !x->nq && pstore_get(x->dir, argv[1], &m, NULL, NULL, x->err, sizeof x->err) < 0)
		return -1;
	x->qverb = "upgraded";
	return 0;
}

static int pkg_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return (flag == FTW_DP ? rmdir(path) : unlink(path)) < 0 ? -1 : 0;
}

/* --purge: the app's own folder under /data (data/<name>), by the
 * convention the bundled apps follow; no symlink is followed. */
static int pkg_purge(struct pkg_ctx *x, const char *name)
{
	char rel[MAN_NAME_MAX + 8], path[APP_DIR_MAX];
	struct stat st;

	snprintf(rel, sizeof rel, "data/%s", name);
	load_path(path, sizeof path, rel);
	if (lstat(path, &st) < 0)
		return 0;
	if (nftw(path, pkg_rm_one, 16, FTW_DEPTH | FTW_PHYS) < 0) {
		snprintf(x->err, sizeof x->err, "%.400s: could not delete all of it", path);
		return -1;
	}
	app_notice(x->c, "pkg: purged /data/%s", name);
	return 0;
}

static int pkg_remove(struct pkg_ctx *x, int argc, char **argv)
{
	struct app *a;
	bool purge = argc > 2 && strcmp(argv[2], "--purge") == 0;

	if (argc < 2 || (argc > 2 && !purge)) {
		snprintf(x->err, sizeof x->err, "usage: pkg remove <name> [--purge]");
		return -1;
	}
	if ((a = app_find(argv[1])) && a->pid > 0) {
		snprintf(x->err, sizeof x->err, "%s is running: stop it first", argv[1]);
		return -1;
	}
	if (pstore_remove(x->dir, argv[1], x->err, sizeof x->err) < 0)
		return -1;
	if (a && !a->in_boot)
		app_remove(a); /* the supervisor forgets it too: `start` finds nothing */
	log_info(argv[1], "pkg: removed%s", purge ? " (purge)" : "");
	app_notice(x->c, "pkg: removed %s", argv[1]);
	if (purge && pkg_purge(x, argv[1]) < 0)
		return -1;
	return 0;
}

static int pkg_rollback(struct pkg_ctx *x, int argc, char **argv)
{
	struct vpk_manifest m;
	struct app *a;

	if (argc < 2) {
		snprintf(x->err, sizeof x->err, "usage: pkg rollback <name>");
		return -1;
	}
	if (pstore_rollback(x->dir, argv[1], x->err, sizeof x->err) < 0 ||
	    pstore_get(x->dir, argv[1], &m, NULL, NULL, x->err, sizeof x->err) < 0)
		return -1;
	log_info(argv[1], "pkg: rolled back to %s (seq %llu)", m.version, (unsigned long long)m.seq);
	app_notice(x->c, "pkg: %s is back to %s (seq %llu)", argv[1], m.version,
		   (unsigned long long)m.seq);
	if ((a = app_find(argv[1])) && a->pid > 0) {
		load_app(a);
		app_restart(a);
	}
	return 0;
}

static int pkg_info(struct pkg_ctx *x, int argc, char **argv)
{
	struct vpk_manifest cur, prev;
	int has_prev;
	char caps[128];

	if (argc < 2) {
		snprintf(x->err, sizeof x->err, "usage: pkg info <name>");
		return -1;
	}
	if (pstore_get(x->dir, argv[1], &cur, &prev, &has_prev, x->err, sizeof x->err) < 0)
		return -1;
	cap_format(cur.caps, caps, sizeof caps);
	app_notice(x->c, "%s %s seq %llu, signed by %s, caps %s", cur.name, cur.version,
		   (unsigned long long)cur.seq, cur.key_id, caps);
	if (has_prev)
		app_notice(x->c, "previous: %s seq %llu (pkg rollback %s)", prev.version,
			   (unsigned long long)prev.seq, cur.name);
	return 0;
}

static const struct {
	const char *verb;
	pkg_verb_fn fn;
	enum pkg_need need;
} pkg_verbs[] = {
	{ "list", pkg_list, NEED_TRY },         { "search", pkg_search, NEED_INDEX },
	{ "info", pkg_info, NEED_NONE },        { "install", pkg_install, NEED_INDEX },
	{ "upgrade", pkg_upgrade, NEED_INDEX }, { "remove", pkg_remove, NEED_NONE },
	{ "rollback", pkg_rollback, NEED_NONE },
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
			     "rollback)", argv[0]);
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

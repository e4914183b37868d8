/* pkg_verbs: the verbs of `@supervisor: pkg` (docs/packages.md): list,
 * search, info, install and upgrade (which only queue: pkg.c's machine
 * fetches and installs), remove (and --purge), rollback, boot (the boot
 * list overlay, lib/pboot). */
#include "pkg_ctx.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load.h"
#include "log.h"
#include "pboot.h"
#include "pstore.h"

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

int pkg_list(struct pkg_ctx *x, int argc, char **argv)
{
	struct pkg_list_ctx l = { x, 0 };

	(void)argc;
	(void)argv;
	if (pstore_each(x->dir, pkg_list_one, &l, x->err, sizeof x->err) < 0)
		return -1;
	app_notice(x->c, "pkg: %u installed", l.n);
	return 0;
}

/* `pkg search -m`: one line a package for programs (the store app):
 * "pkg-entry name=N version=V seq=S size=B caps=C state=T installed=V|-
 * new=C|- desc=TEXT", caps comma-separated ("none"), state one of
 * available, installed, upgrade, system; new is what the repository's
 * version asks for beyond the installed one (all of it when not
 * installed), stdio (every app's) left out; desc runs to the end. */
static void pkg_search_machine(struct pkg_ctx *x, const struct pidx_pkg *p, bool image, bool inst,
			       const struct vpk_manifest *m)
{
	char caps[128], added[128];

	cap_format(p->caps, caps, sizeof caps);
	cap_format((inst ? p->caps & ~m->caps : p->caps) & ~(unsigned)CAP_STDIO, added,
		   sizeof added);
	app_notice(x->c, "pkg-entry name=%s version=%s seq=%llu size=%llu caps=%s state=%s "
			 "installed=%s new=%s desc=%s", p->name, p->version,
		   (unsigned long long)p->seq, (unsigned long long)p->size, caps,
		   image ? "system" : !inst ? "available" : m->seq < p->seq ? "upgrade" : "installed",
		   inst ? m->version : "-", strcmp(added, "none") ? added : "-", p->description);
}

int pkg_search(struct pkg_ctx *x, int argc, char **argv)
{
	bool machine = argc > 1 && strcmp(argv[1], "-m") == 0;
	const char *word = argc > 1 + machine ? argv[1 + machine] : "";
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
		if (machine) {
			pkg_search_machine(x, p, image, inst, &m);
			continue;
		}
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

int pkg_install(struct pkg_ctx *x, int argc, char **argv)
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

int pkg_upgrade(struct pkg_ctx *x, int argc, char **argv)
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

static int pkg_boot_set(struct pkg_ctx *x, const char *name, bool on, int *changed)
{
	char path[APP_DIR_MAX];

	load_path(path, sizeof path, PBOOT_FILE);
	return pboot_change(path, name, on, changed, x->err, sizeof x->err);
}

int pkg_remove(struct pkg_ctx *x, int argc, char **argv)
{
	struct app *a;
	bool purge = argc > 2 && strcmp(argv[2], "--purge") == 0;
	int dropped;

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
	if (pkg_boot_set(x, argv[1], false, &dropped) < 0)
		return -1;
	if (dropped)
		app_notice(x->c, "pkg: %s no longer starts at boot", argv[1]);
	if (a && !a->in_boot)
		app_remove(a); /* the supervisor forgets it too: `start` finds nothing */
	log_info(argv[1], "pkg: removed%s", purge ? " (purge)" : "");
	app_notice(x->c, "pkg: removed %s", argv[1]);
	if (purge && pkg_purge(x, argv[1]) < 0)
		return -1;
	return 0;
}

int pkg_rollback(struct pkg_ctx *x, int argc, char **argv)
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

int pkg_info(struct pkg_ctx *x, int argc, char **argv)
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

/* pkg boot <name> on|off: an installed app joins or leaves the boot list
 * (the overlay on the state volume; the image's list is read-only). */
int pkg_boot(struct pkg_ctx *x, int argc, char **argv)
{
	struct vpk_manifest m;
	struct app *a;
	bool on = argc == 3 && strcmp(argv[2], "on") == 0;
	int changed;

	if (argc != 3 || (!on && strcmp(argv[2], "off"))) {
		snprintf(x->err, sizeof x->err, "usage: pkg boot <name> on|off");
		return -1;
	}
	if ((a = app_find(argv[1])) && a->in_boot && !on) {
		struct pboot b;
		char path[APP_DIR_MAX];

		load_path(path, sizeof path, PBOOT_FILE);
		if (pboot_read(path, &b, x->err, sizeof x->err) == 0 && !pboot_has(&b, argv[1])) {
			snprintf(x->err, sizeof x->err, "%s is in the image's boot list, which is read-only",
				 argv[1]);
			return -1;
		}
	}
	if (on && pstore_get(x->dir, argv[1], &m, NULL, NULL, x->err, sizeof x->err) < 0)
		return -1;
	if (pkg_boot_set(x, argv[1], on, &changed) < 0)
		return -1;
	log_info(argv[1], "pkg: boot %s%s", argv[2], changed ? "" : " (already)");
	app_notice(x->c, on ? "pkg: %s starts at boot%s (from %s)" : "pkg: %s no longer starts at boot%s (%s)",
		   argv[1], changed ? "" : ", as before", PBOOT_FILE);
	return 0;
}

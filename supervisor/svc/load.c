/* load: where apps live under the root, and reading one: its manifest
 * (lib/manifest), the one name rule, its component's path and stamp (to
 * notice a rebuilt component on reload). Used by boot, pm and reload. */
#include "load.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "log.h"
#include "pboot.h"
#include "pstore.h"

static struct {
	char root[APP_DIR_MAX];
	char apps_dir[MAN_PATH_MAX + 1];
} load = { "/", "apps" };

int load_fmt(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, len, fmt, ap);
	va_end(ap);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

void load_set_root(const char *root) { load_fmt(load.root, sizeof load.root, "%s", root ? root : "/"); }
void load_set_apps_dir(const char *rel) { snprintf(load.apps_dir, sizeof load.apps_dir, "%s", rel); }

void load_path(char *buf, size_t len, const char *rel)
{
	size_t rl = strlen(load.root);

	while (rl > 1 && load.root[rl - 1] == '/')
		rl--;
	if (rl == 1 && load.root[0] == '/')
		load_fmt(buf, len, "/%s", rel);
	else
		load_fmt(buf, len, "%.*s/%s", (int)rl, load.root, rel);
}

/* The image's apps first; an installed package (PSTORE_DIR, lib/pstore)
 * only under a name the image does not use. */
void load_app_dir(char *buf, size_t len, const char *name)
{
	char rel[2 * MAN_PATH_MAX], store[APP_DIR_MAX], pkg[APP_DIR_MAX];
	struct stat st;

	load_fmt(rel, sizeof rel, "%s/%s", load.apps_dir, name);
	load_path(buf, len, rel);
	if (stat(buf, &st) == 0 || !man_valid_name(name))
		return;
	load_path(store, sizeof store, PSTORE_DIR);
	if (pstore_app_dir(store, name, pkg, sizeof pkg) == 0 && stat(pkg, &st) == 0)
		load_fmt(buf, len, "%s", pkg);
}

/* The image's boot list, then the overlay's names (lib/pboot) after it: a
 * bad overlay is logged and skipped, never stops a boot. */
int load_boot(struct boot_config *bc, char *msg, size_t msglen)
{
	char path[APP_DIR_MAX], why[512];
	struct man_error err;
	struct pboot *ov;
	size_t n;

	load_path(path, sizeof path, "etc/vyoma/boot.toml");
	if (man_load_boot(path, bc, &err) < 0) {
		man_error_format(&err, msg, msglen);
		return -1;
	}
	if (!(ov = malloc(sizeof *ov)))
		return 0;
	load_path(path, sizeof path, PBOOT_FILE);
	if (pboot_read(path, ov, why, sizeof why) < 0) {
		log_warn(NULL, "boot list overlay skipped: %s", why);
	} else if ((n = pboot_merge(ov, bc)) > 0) {
		log_info(NULL, "boot list overlay %s: %zu apps added", PBOOT_FILE, n);
	}
	free(ov);
	return 0;
}

int load_manifest(const char *name, struct load_result *out)
{
	char dir[APP_DIR_MAX], path[APP_DIR_MAX + 16];
	struct man_error err;
	struct stat st;

	memset(out, 0, sizeof *out);
	if (man_name_reserved(name, strlen(name))) {
		load_fmt(out->error, sizeof out->error, "\"%s\" is a reserved name", name);
		return -1;
	}
	load_app_dir(dir, sizeof dir, name);
	if (load_fmt(path, sizeof path, "%s/vyoma.toml", dir) < 0) {
		load_fmt(out->error, sizeof out->error, "%s: path too long", dir);
		return -1;
	}
	if (man_load_app(path, &out->man, &err) < 0) {
		man_error_format(&err, out->error, sizeof out->error);
		return -1;
	}
	if (strcmp(out->man.name, name) != 0) {
		load_fmt(out->error, sizeof out->error, "%s: name \"%s\" does not match its directory",
			 path, out->man.name);
		return -1;
	}
	if (load_fmt(out->component, sizeof out->component, "%s/%s", dir, out->man.component) < 0 ||
	    stat(out->component, &st) < 0) {
		load_fmt(out->error, sizeof out->error, "component %s: %s", out->component,
			 strerror(errno));
		return -1;
	}
	out->comp_mtime = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
	out->comp_size = (int64_t)st.st_size;
	out->ok = true;
	return 0;
}

void load_apply(struct app *a, const struct load_result *l)
{
	if (!l->ok) {
		a->loaded = false;
		load_fmt(a->load_error, sizeof a->load_error, "%s", l->error);
		return;
	}
	a->man = l->man;
	load_fmt(a->component, sizeof a->component, "%s", l->component);
	a->comp_mtime = l->comp_mtime;
	a->comp_size = l->comp_size;
	a->loaded = true;
	a->load_error[0] = '\0';
}

int load_app(struct app *a)
{
	struct load_result *l = malloc(sizeof *l);
	int rc;

	if (!l)
		return -1;
	rc = load_manifest(a->name, l);
	if (rc < 0)
		log_err(a->name, "bad app: %s", l->error);
	load_apply(a, l);
	free(l);
	return rc;
}

/* check: `vyoma check DIR` (like `nginx -t`): parse DIR/etc/vyoma/boot.toml
 * and every manifest under the apps dir, make sure each listed app exists,
 * each manifest names its own directory, each component is there and passes
 * the import audit for the capabilities it declares. Nothing is started.
 * Errors carry file, line and column; the exit code is 0 or 1. */
#include "check.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audit.h"
#include "load.h"
#include "manifest.h"
#include "wcomp.h"

#define CHECK_PATH 1024

struct check {
	const char *root;
	char apps[CHECK_PATH];
	unsigned ok, bad;
};

static void check_fail(struct check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void check_fail(struct check *c, const char *fmt, ...)
{
	va_list ap;
	c->bad++;
	fputs("vyoma check: error: ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
}

static int check_component(struct check *c, const char *path, unsigned caps)
{
	char err[2048];
	uint8_t *buf = NULL;
	size_t len = 0;
	int rc = -1;

	if (wcomp_read_file(path, WCOMP_FILE_MAX, &buf, &len, err, sizeof err) < 0) {
		check_fail(c, "%s: %s", path, err);
		return -1;
	}
	if (audit_component(buf, len, caps, err, sizeof err) < 0) {
		check_fail(c, "%s: refused by the import audit: %s", path, err);
		goto out;
	}
	rc = 0;
out:
	free(buf);
	return rc;
}

/* One app directory; 0 when valid. */
static int check_app(struct check *c, const char *name)
{
	char path[CHECK_PATH + 64], comp[2 * CHECK_PATH], msg[512], caps[96];
	struct man_error err;
	struct manifest m;

	load_fmt(path, sizeof path, "%s/%s/vyoma.toml", c->apps, name);
	if (man_load_app(path, &m, &err) < 0) {
		man_error_format(&err, msg, sizeof msg);
		check_fail(c, "%s", msg);
		return -1;
	}
	if (strcmp(m.name, name) != 0) {
		check_fail(c, "%s: name \"%s\" does not match its directory \"%s\"", path, m.name,
			   name);
		return -1;
	}
	if (man_name_reserved(name, strlen(name))) {
		check_fail(c, "%s: \"%s\" is a reserved name", path, name);
		return -1;
	}
	load_fmt(comp, sizeof comp, "%s/%s/%s", c->apps, name, m.component);
	if (check_component(c, comp, m.caps) < 0)
		return -1;
	cap_format(m.caps, caps, sizeof caps);
	printf("vyoma check: %s: ok (caps %s, restart %s)\n", path, caps,
	       restart_policy_name(m.restart));
	c->ok++;
	return 0;
}

/* `focus = true` only means something for an app with a window. */
static void check_focus(struct check *c, const char *path, const char *name)
{
	struct manifest m;

	if (man_load_app(path, &m, NULL) == 0 && !(m.caps & CAP_DISPLAY))
		check_fail(c, "boot list gives the focus to %s, which has no window "
			   "(its manifest does not declare display)", name);
}

int check_root(const char *root)
{
	struct check c = { .root = root };
	struct boot_config *bc = calloc(1, sizeof *bc);
	char path[CHECK_PATH], msg[512];
	struct man_error err;
	struct dirent *e;
	DIR *d;

	if (!bc)
		return 1;
	load_fmt(path, sizeof path, "%s/etc/vyoma/boot.toml", root);
	if (man_load_boot(path, bc, &err) < 0) {
		man_error_format(&err, msg, sizeof msg);
		check_fail(&c, "%s", msg);
		load_fmt(bc->apps_dir, sizeof bc->apps_dir, "apps");
		bc->n = 0;
	} else {
		printf("vyoma check: %s: ok (%zu apps)\n", path, bc->n);
	}
	load_fmt(c.apps, sizeof c.apps, "%s/%s", root, bc->apps_dir);
	for (size_t i = 0; i < bc->n; i++) {
		struct stat st;
		load_fmt(path, sizeof path, "%s/%s/vyoma.toml", c.apps, bc->apps[i].name);
		if (stat(path, &st) < 0)
			check_fail(&c, "boot list names %s, but %s does not exist", bc->apps[i].name,
				   path);
		else if (bc->apps[i].focus)
			check_focus(&c, path, bc->apps[i].name);
	}
	/* Every manifest, listed or not: a start by hand must work too. */
	d = opendir(c.apps);
	if (!d) {
		check_fail(&c, "%s: cannot open the apps directory", c.apps);
	} else {
		while ((e = readdir(d))) {
			struct stat st;
			if (e->d_name[0] == '.')
				continue;
			load_fmt(path, sizeof path, "%s/%s/vyoma.toml", c.apps, e->d_name);
			if (stat(path, &st) == 0)
				check_app(&c, e->d_name);
		}
		closedir(d);
	}
	printf("vyoma check: %s: %u apps ok, %u errors: %s\n", root, c.ok, c.bad,
	       c.bad ? "FAILED" : "the configuration is valid");
	free(bc);
	return c.bad ? 1 : 0;
}

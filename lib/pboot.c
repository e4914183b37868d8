/* pboot: the boot list overlay (pboot.h): parse, write, change, merge. */
#include "pboot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "tomlf.h"

static int pboot_apps(void *ctx, const struct toml_node *v, struct tomlf_err *e)
{
	struct pboot *b = ctx;

	if (toml_type(v) != TOML_ARRAY || toml_is_table_array(v))
		return tomlf_fail(v, e, "'apps' must be an array of app names");
	for (size_t i = 0; i < toml_array_len(v); i++) {
		const struct toml_node *el = toml_array_at(v, i);
		const char *s = toml_type(el) == TOML_STRING ? toml_string(el, NULL) : NULL;

		if (!s || !man_valid_name(s))
			return tomlf_fail(el, e, "not an app name");
		if (pboot_has(b, s))
			return tomlf_fail(el, e, "'%s' is listed twice", s);
		if (b->n == PBOOT_MAX)
			return tomlf_fail(el, e, "more than %d apps", PBOOT_MAX);
		snprintf(b->names[b->n++], sizeof b->names[0], "%s", s);
	}
	return 0;
}

static const struct tomlf_key pboot_keys[] = { { "apps", pboot_apps, true } };

int pboot_parse(const char *text, size_t len, struct pboot *b, char *err, size_t errlen)
{
	memset(b, 0, sizeof *b);
	if (tomlf_read(text, len, PBOOT_BYTES, pboot_keys, 1, b, err, errlen) < 0) {
		b->n = 0;
		return -1;
	}
	return 0;
}

static int pboot_parse_any(const char *text, size_t len, void *out, char *err, size_t errlen)
{
	return pboot_parse(text, len, out, err, errlen);
}

int pboot_read(const char *path, struct pboot *b, char *err, size_t errlen)
{
	memset(b, 0, sizeof *b);
	return file_load_opt(path, PBOOT_BYTES, pboot_parse_any, b, err, errlen) < 0 ? -1 : 0;
}

int pboot_write(const char *path, const struct pboot *b, char *err, size_t errlen)
{
	char *text = malloc(PBOOT_BYTES);
	size_t n;
	int rc;

	if (!text) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	n = (size_t)snprintf(text, PBOOT_BYTES,
			     "# Apps added to the boot list with `pkg boot NAME on`, started after\n"
			     "# the image's etc/vyoma/boot.toml (docs/packages.md)\napps = [");
	for (size_t i = 0; i < b->n; i++)
		n += (size_t)snprintf(text + n, PBOOT_BYTES - n, "%s\"%s\"", i ? ", " : "", b->names[i]);
	n += (size_t)snprintf(text + n, PBOOT_BYTES - n, "]\n");
	rc = file_write_atomic(path, text, n, 0644, err, errlen);
	free(text);
	return rc;
}

bool pboot_has(const struct pboot *b, const char *name)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->names[i], name) == 0)
			return true;
	return false;
}

int pboot_set(struct pboot *b, const char *name, bool on)
{
	for (size_t i = 0; i < b->n; i++) {
		if (strcmp(b->names[i], name))
			continue;
		if (on)
			return 0;
		memmove(b->names[i], b->names[i + 1], (b->n - i - 1) * sizeof b->names[0]);
		b->n--;
		return 1;
	}
	if (!on)
		return 0;
	if (b->n == PBOOT_MAX)
		return -1;
	snprintf(b->names[b->n++], sizeof b->names[0], "%s", name);
	return 1;
}

size_t pboot_merge(const struct pboot *b, struct boot_config *bc)
{
	size_t added = 0;

	for (size_t i = 0; i < b->n && bc->n < MAN_BOOT_MAX; i++) {
		bool listed = false;

		for (size_t j = 0; j < bc->n && !listed; j++)
			listed = strcmp(bc->apps[j].name, b->names[i]) == 0;
		if (listed)
			continue;
		memset(&bc->apps[bc->n], 0, sizeof bc->apps[0]);
		snprintf(bc->apps[bc->n].name, sizeof bc->apps[0].name, "%s", b->names[i]);
		bc->n++;
		added++;
	}
	return added;
}

int pboot_change(const char *path, const char *name, bool on, int *changed, char *err,
		 size_t errlen)
{
	struct pboot *b = malloc(sizeof *b);
	int rc = -1;

	if (!b) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (pboot_read(path, b, err, errlen) < 0)
		goto out;
	if ((*changed = pboot_set(b, name, on)) < 0) {
		snprintf(err, errlen, "the boot list overlay is full (%d apps)", PBOOT_MAX);
		goto out;
	}
	rc = *changed ? pboot_write(path, b, err, errlen) : 0;
out:
	free(b);
	return rc;
}

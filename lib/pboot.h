/* pboot: the boot list's overlay on the state volume
 * (var/lib/vyoma/boot.toml, docs/packages.md "Boot list"): the installed
 * apps a person added with `pkg boot NAME on`. The image's
 * etc/vyoma/boot.toml is read-only; at boot and on reload the overlay's
 * names are appended to it (default placement), skipping any it lists. */
#ifndef VYOMA_PBOOT_H
#define VYOMA_PBOOT_H

#include <stdbool.h>
#include <stddef.h>

#include "manifest.h"

#define PBOOT_FILE  "var/lib/vyoma/boot.toml"
#define PBOOT_MAX   256
#define PBOOT_BYTES 16384

struct pboot {
	size_t n;
	char names[PBOOT_MAX][MAN_NAME_MAX + 1];
};

/* `apps = ["name", ...]`: app names, each once. 0, or -1 with
 * "line:col: why". */
int pboot_parse(const char *text, size_t len, struct pboot *b, char *err, size_t errlen);
/* Read path; a missing file is an empty list. 0 or -1 with err. */
int pboot_read(const char *path, struct pboot *b, char *err, size_t errlen);
/* Replace path atomically (file_write_atomic). 0 or -1 with err. */
int pboot_write(const char *path, const struct pboot *b, char *err, size_t errlen);
/* Add (on) or drop name: 1 changed, 0 already so, -1 the list is full. */
int pboot_set(struct pboot *b, const char *name, bool on);
/* Read path, pboot_set, write it back if it changed (*changed: 1 or 0).
 * 0, or -1 with err (a full list is an error). */
int pboot_change(const char *path, const char *name, bool on, int *changed, char *err,
		 size_t errlen);
bool pboot_has(const struct pboot *b, const char *name);
/* Append b's names that bc does not list, while there is room; how many. */
size_t pboot_merge(const struct pboot *b, struct boot_config *bc);

#endif

/* place: where each app's window was left and how large, kept across
 * restarts and, in a file under /data, across boots (place.c). */
#ifndef VYOMA_PLACE_H
#define VYOMA_PLACE_H

#include <stdbool.h>
#include <stddef.h>

#include "manifest.h"

#define PLACE_MAX 32 /* apps whose place is kept: the least recently noted go */

struct place_entry {
	char name[MAN_NAME_MAX + 1];
	int x, y; /* the outer corner */
	int w, h; /* the content size */
	bool user; /* the user moved or resized it: kept across boots */
};

/* Read the file under data_dir (NULL: keep nothing across boots); a bad
 * file is ignored with one log line. Always 0. */
int place_init(const char *data_dir);
void place_fini(void);
/* The place of app `name` now. by_user: the user moved or resized it, so
 * it is kept across boots (the file is written a second later); a place
 * the user never chose (boot.toml's, the free-place search) is kept only
 * while the supervisor runs, so boot.toml keeps its say at the next boot. */
void place_note(const char *name, int x, int y, int w, int h, bool by_user);
/* The last place of app `name`, or NULL. */
const struct place_entry *place_find(const char *name);
/* Write the file now if the table changed (shutdown). */
void place_save(void);
/* The file's text into at most PLACE_MAX entries: 0, or -1 with the line
 * and the reason in err (fuzz/fuzz_place.c). */
int place_parse(const char *text, size_t len, struct place_entry *e, unsigned *n, char *err,
		size_t errlen);

#endif

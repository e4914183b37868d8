/* place: where each app's window was left, and how large (place.h). The
 * display module notes a window when the user moves or resizes it and when
 * it closes, and asks here when the app opens one again. The table is kept
 * in one small file, PLACE_FILE under /data, replaced atomically (temporary
 * file, fsync, rename: lib/file.c) PLACE_SAVE_MS after a change (a one-shot
 * timer: a drag writes once) and at shutdown, only when it changed, and read
 * at start: so windows come back where they were at the next boot. The file is outside input (an app with `filesystem` may
 * write it): bounded, every line checked, a bad file ignored whole with one
 * log line; wm_open keeps whatever it gives on the desktop. */
#include "place.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ev.h"
#include "file.h"
#include "log.h"
#include "manifest.h"

#define PLACE_FILE ".windows"   /* under the data folder */
#define PLACE_FILE_MAX 4096     /* bytes: PLACE_MAX lines of at most ~80 */
#define PLACE_SAVE_MS 1000      /* after a change, the file is written */
#define PLACE_COORD_MAX 100000  /* |x|, |y|, w, h: anything beyond is corrupt */

static struct {
	struct place_entry e[PLACE_MAX];
	unsigned n;          /* entries in use, oldest first */
	char path[4096];     /* "": not kept in a file */
	char saved[PLACE_FILE_MAX + 1]; /* the text last written or read */
	ev_timer_id t_save;
	bool logged_write;   /* a failed write is logged once */
} place;

/* ---- the text form ------------------------------------------------------------- */

static bool place_num(const char **s, long lo, long hi, int *out)
{
	char *end;
	long v;

	if (**s != ' ')
		return false;
	(*s)++;
	if (!((**s >= '0' && **s <= '9') || **s == '-'))
		return false;
	errno = 0;
	v = strtol(*s, &end, 10);
	if (errno || end == *s || v < lo || v > hi)
		return false;
	*s = end;
	*out = (int)v;
	return true;
}

int place_parse(const char *text, size_t len, struct place_entry *e, unsigned *n, char *err,
		size_t errlen)
{
	unsigned line = 0;
	size_t i = 0;

	*n = 0;
	if (len > PLACE_FILE_MAX || memchr(text, '\0', len)) {
		snprintf(err, errlen, "larger than %d bytes or not text", PLACE_FILE_MAX);
		return -1;
	}
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t ll = nl ? (size_t)(nl - (text + i)) : len - i, nm;
		char buf[128];
		const char *s = buf;
		struct place_entry p;

		line++;
		if (!nl || ll >= sizeof buf || *n == PLACE_MAX) {
			snprintf(err, errlen, "line %u: %s", line,
				 !nl ? "no line end" : *n == PLACE_MAX ? "too many lines" : "too long");
			return -1;
		}
		memcpy(buf, text + i, ll);
		buf[ll] = '\0';
		i += ll + 1;
		nm = strcspn(buf, " ");
		if (nm == 0 || nm >= sizeof p.name) {
			snprintf(err, errlen, "line %u: no app name", line);
			return -1;
		}
		memcpy(p.name, buf, nm);
		p.name[nm] = '\0';
		s = buf + nm;
		if (!man_valid_name(p.name) || !place_num(&s, -PLACE_COORD_MAX, PLACE_COORD_MAX, &p.x) ||
		    !place_num(&s, -PLACE_COORD_MAX, PLACE_COORD_MAX, &p.y) ||
		    !place_num(&s, 1, PLACE_COORD_MAX, &p.w) || !place_num(&s, 1, PLACE_COORD_MAX, &p.h) ||
		    *s) {
			snprintf(err, errlen, "line %u: not \"app x y width height\"", line);
			return -1;
		}
		p.user = true; /* the user put it there in an earlier boot */
		e[(*n)++] = p;
	}
	return 0;
}

static size_t place_format(char *out, size_t cap)
{
	size_t o = 0;

	out[0] = '\0';
	for (unsigned i = 0; i < place.n && o < cap; i++)
		if (place.e[i].user)
			o += (size_t)snprintf(out + o, cap - o, "%s %d %d %d %d\n", place.e[i].name, place.e[i].x,
				      place.e[i].y, place.e[i].w, place.e[i].h);
	return o < cap ? o : cap - 1;
}

/* ---- the table ------------------------------------------------------------------- */

static void place_save_due(void *ctx);

void place_note(const char *name, int x, int y, int w, int h, bool by_user)
{
	unsigned i;

	for (i = 0; i < place.n && strcmp(place.e[i].name, name) != 0; i++)
		;
	if (i == place.n) {
		if (place.n == PLACE_MAX) { /* the oldest goes */
			memmove(&place.e[0], &place.e[1], (PLACE_MAX - 1) * sizeof place.e[0]);
			place.n--;
		}
		i = place.n++;
		snprintf(place.e[i].name, sizeof place.e[i].name, "%s", name);
		place.e[i].user = false;
	}
	place.e[i].user |= by_user;
	place.e[i].x = x;
	place.e[i].y = y;
	place.e[i].w = w;
	place.e[i].h = h;
	if (place.e[i].user && place.path[0] && !place.t_save)
		place.t_save = ev_timer_add(PLACE_SAVE_MS, place_save_due, NULL);
}

const struct place_entry *place_find(const char *name)
{
	for (unsigned i = 0; i < place.n; i++)
		if (strcmp(place.e[i].name, name) == 0)
			return &place.e[i];
	return NULL;
}

void place_save(void)
{
	char text[PLACE_FILE_MAX], err[256];
	size_t n;

	if (!place.path[0])
		return;
	n = place_format(text, sizeof text);
	if (strcmp(text, place.saved) == 0)
		return;
	if (file_write_atomic(place.path, text, n, 0644, err, sizeof err) < 0) {
		if (!place.logged_write)
			log_warn(NULL, "window places: %s: %s (not kept across boots)", place.path, err);
		place.logged_write = true;
		return;
	}
	memcpy(place.saved, text, n + 1);
}

static void place_save_due(void *ctx)
{
	(void)ctx;
	place.t_save = 0;
	place_save();
}

int place_init(const char *data_dir)
{
	struct place_entry e[PLACE_MAX];
	char err[256];
	uint8_t *buf = NULL;
	size_t len;
	unsigned n;

	place_fini();
	if (!data_dir)
		return 0;
	snprintf(place.path, sizeof place.path, "%s/%s", data_dir, PLACE_FILE);
	if (access(place.path, F_OK) != 0)
		return 0; /* none yet */
	if (file_read(place.path, PLACE_FILE_MAX, &buf, &len, err, sizeof err) < 0) {
		log_warn(NULL, "window places: %s ignored: %s", place.path, err);
		return 0;
	}
	if (place_parse((const char *)buf, len, e, &n, err, sizeof err) < 0) {
		log_warn(NULL, "window places: %s ignored: %s", place.path, err);
		free(buf);
		return 0;
	}
	memcpy(place.e, e, n * sizeof e[0]);
	place.n = n;
	memcpy(place.saved, buf, len + 1);
	free(buf);
	log_info(NULL, "window places: %u from %s", n, place.path);
	return 0;
}

void place_fini(void)
{
	ev_timer_clear(&place.t_save);
	place.n = 0;
	place.path[0] = place.saved[0] = '\0';
}

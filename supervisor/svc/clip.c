/* clip: the clipboard (see clip.h). One text of at most CLIP_MAX bytes,
 * kept decoded; set by a VYOMA_CLIP:set line, given only in a paste line
 * after the user's paste key, so an app can never read what another
 * copied behind the user's back. Its contents are never logged. */
#include "clip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctl.h"
#include "hex.h"
#include "log.h"
#include "proto.h"

#define CLIP_PASTE "VYOMA_INPUT:paste:"

static struct {
	char text[CLIP_MAX + 1];
	size_t len;
	char from[32];                /* who copied it */
	unsigned long long refused_logged; /* the last app whose refused verb was logged */
	unsigned long long copies, pastes, refused;
} clip;

long clip_decode(const char *in, size_t len, char *out, size_t cap, const char **err)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		char c = in[i];
		if (c == '\\') {
			if (i + 1 >= len) {
				*err = "a backslash at the end (write \\\\ for one)";
				return -1;
			}
			switch (in[++i]) {
			case '\\': c = '\\'; break;
			case 'n': c = '\n'; break;
			case 't': c = '\t'; break;
			case 'x':
				if (i + 2 >= len || hex_digit(in[i + 1]) < 0 || hex_digit(in[i + 2]) < 0) {
					*err = "\\x needs two hex digits";
					return -1;
				}
				c = (char)(hex_digit(in[i + 1]) << 4 | hex_digit(in[i + 2]));
				i += 2;
				break;
			default:
				*err = "unknown escape (\\\\ \\n \\t \\xHH)";
				return -1;
			}
		}
		if (n >= cap) {
			*err = "text too long";
			return -1;
		}
		out[n++] = c;
	}
	if (!proto_utf8_valid(out, n)) {
		*err = "the text is not UTF-8 (or has a NUL)";
		return -1;
	}
	return (long)n;
}

long clip_encode(const char *in, size_t len, char *out, size_t cap)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];
		char esc[5];
		size_t k;
		if (c == '\\')
			k = (size_t)snprintf(esc, sizeof esc, "\\\\");
		else if (c == '\n')
			k = (size_t)snprintf(esc, sizeof esc, "\\n");
		else if (c == '\t')
			k = (size_t)snprintf(esc, sizeof esc, "\\t");
		else if (c < 0x20 || c == 0x7f)
			k = (size_t)snprintf(esc, sizeof esc, "\\x%02x", c);
		else {
			esc[0] = (char)c;
			k = 1;
		}
		if (n + k >= cap)
			return -1;
		memcpy(out + n, esc, k);
		n += k;
	}
	if (n >= cap)
		return -1;
	out[n] = '\0';
	return (long)n;
}

static void clip_set(struct app *from, const char *text, size_t len)
{
	static char tmp[CLIP_MAX];
	const char *err = "";
	long n;

	if ((n = clip_decode(text, len, tmp, sizeof tmp, &err)) < 0) {
		if (strcmp(err, "text too long") == 0)
			app_error(from, "clipboard: text over %u bytes refused; the clipboard is unchanged",
				  CLIP_MAX);
		else
			app_error(from, "clipboard: %s; the clipboard is unchanged", err);
		return;
	}
	memcpy(clip.text, tmp, (size_t)n);
	clip.len = (size_t)n;
	snprintf(clip.from, sizeof clip.from, "%s", from->name);
	clip.copies++;
	log_info(from->name, "clipboard: %ld bytes copied", n);
}

void clip_take(const char *who, const char *text, size_t len)
{
	len = len > CLIP_MAX ? CLIP_MAX : len;
	memcpy(clip.text, text, len);
	clip.len = len;
	snprintf(clip.from, sizeof clip.from, "%s", who);
	clip.copies++;
	log_info(who, "clipboard: %zu bytes copied by the user's copy key", len);
}

void clip_line(struct app *from, const char *body, size_t len)
{
	if (len >= 4 && memcmp(body, "set:", 4) == 0) {
		clip_set(from, body + 4, len - 4);
		return;
	}
	/* No other verb: reading is the user's paste key, never the app's. */
	clip.refused++;
	app_error(from, "clipboard: no such verb '%.*s': an app reads the clipboard only as a "
		  "VYOMA_INPUT:paste: line after the user's paste key (docs/input.md)",
		  (int)(len > 16 ? 16 : len), body);
	if (clip.refused_logged != from->id) {
		clip.refused_logged = from->id;
		log_warn(from->name, "clipboard: refused a '%.*s' line (only set is a verb)",
			 (int)(len > 16 ? 16 : len), body);
	}
}

int clip_paste(struct app *a)
{
	static char line[sizeof CLIP_PASTE + 4 * CLIP_MAX + 1];
	size_t p = strlen(CLIP_PASTE);

	memcpy(line, CLIP_PASTE, p);
	if (clip_encode(clip.text, clip.len, line + p, sizeof line - p) < 0 ||
	    app_send_line(a, line) < 0)
		return -1;
	clip.pastes++;
	log_info(a->name, "clipboard: pasted %zu bytes (copied by %s)", clip.len,
		 clip.from[0] ? clip.from : "nobody");
	return 0;
}

/* clip: how much is on the clipboard and from whom, never what. */
static void verb_clip(struct app *c, const char *verb, const char *args)
{
	(void)args;
	app_raw(c, "VYOMA_TEST:clip bytes=%zu from=%s copies=%llu pastes=%llu refused=%llu",
		clip.len, clip.from[0] ? clip.from : "-", clip.copies, clip.pastes, clip.refused);
	ctl_test_ok(c, verb);
}

void clip_init(void)
{
	ctl_test_register("clip", verb_clip);
}

void clip_fini(void)
{
	memset(&clip, 0, sizeof clip);
}

/* clip: the clipboard, owned by the supervisor (docs/input.md,
 * "Clipboard"). An app with `display` copies with `VYOMA_CLIP:set:<text>`;
 * the only way any app reads it is a `VYOMA_INPUT:paste:<text>` line the
 * key router sends in place of the user's paste key (Ctrl+v, Shift+Insert)
 * in the focused window. There is no verb to read it: `VYOMA_CLIP:get`, or
 * any other verb, gets an error line and nothing else. */
#ifndef VYOMA_CLIP_H
#define VYOMA_CLIP_H

#include <stddef.h>

#include "app.h"

#define CLIP_MAX (16u * 1024u) /* bytes of decoded text the clipboard holds */

/* Text escaped as the protocol says (`\\`, `\n`, `\t`, `\xHH`) into out:
 * the decoded length, or -1 with a reason in *err (a bad escape, not
 * UTF-8, a NUL, longer than cap). */
long clip_decode(const char *in, size_t len, char *out, size_t cap, const char **err);
/* The inverse: backslash, newline, tab and other bytes < 0x20 or 0x7f
 * escaped, the rest as is. The length written (out is NUL-terminated), or
 * -1 when cap is too small. */
long clip_encode(const char *in, size_t len, char *out, size_t cap);

/* A VYOMA_CLIP line from app `from` (`body` after the prefix), already
 * checked for the display capability and UTF-8. */
void clip_line(struct app *from, const char *body, size_t len);
/* The user copied text the supervisor holds for them (a shell's output:
 * shline.c): valid UTF-8 with no NUL, cut at CLIP_MAX bytes. */
void clip_take(const char *who, const char *text, size_t len);
/* The user pressed a paste key in a's window: send a the paste line. 0, or
 * -1 when it could not be queued. */
int clip_paste(struct app *a);
/* The `clip` test verb; forget the text at the end. */
void clip_init(void);
void clip_fini(void);

#endif

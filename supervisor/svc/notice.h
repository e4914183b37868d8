/* notice: short notices a person should see (an app crashed and restarts
 * in N s; it gave up), in a box at the bottom right of the desktop, over
 * the windows, newest lowest (docs/display.md, "Notices"). Each lasts
 * NOTICE_MS, fading out over its last NOTICE_FADE_MS, on loop timers. The
 * display forwards the app lifecycle news it subscribes to. */
#ifndef VYOMA_NOTICE_H
#define VYOMA_NOTICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "canvas.h"

#define NOTICE_MAX 4          /* shown at once; a new one pushes out the oldest */
#define NOTICE_MS 8000
#define NOTICE_FADE_MS 1000
#define NOTICE_STEP_MS 125    /* fading and expiry are checked this often */
#define NOTICE_TEXT 160
#define NOTICE_W 440          /* at least; a longer text widens its box */
#define NOTICE_APP_TEXT 120   /* bytes of an app's own notice shown */
#define NOTICE_APP_MS 2000    /* an app posts at most one notice this often */
#define NOTICE_H 26

enum notice_level { NOTICE_INFO, NOTICE_WARN, NOTICE_ERR };

/* The desktop the box sits in, and the test verb `notices`. */
void notice_init(struct canvas_rect desk);
void notice_fini(void);
/* fn(r) when screen rect r must be repainted (the compositor's comp_damage). */
void notice_set_damage_hook(void (*fn)(struct canvas_rect r));
/* Post one, for app `app` (NULL: the system); it is also logged. */
void notice_post(enum notice_level lv, const char *app, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* An app's own notice (`VYOMA_DRAW:notify:<text>`, already UTF-8):
 * shown as "<app>: <text>" cut to NOTICE_APP_TEXT bytes, at most one per
 * NOTICE_APP_MS per app; the rest are counted and dropped (logged with
 * the next one shown). 0 shown, 1 dropped. */
int notice_from_app(const struct app *a, const char *text, size_t len);
/* Lifecycle news: a crash with a restart coming, a give-up. */
void notice_app_event(struct app *a, enum app_event ev);

unsigned notice_count(void);
struct canvas_rect notice_rect(void); /* what the shown notices cover */
void notice_paint(struct canvas *f, const struct canvas_rect *clip);

#endif

/* sdkcore.h: what the SDK's files share that needs no WASI types, so the
 * parts built on it (event parsing, the text field, the list, the
 * formatter) also compile for the host, where tests/unit/test_sdk_*.c run
 * them. */
#ifndef VYOMA_SDK_CORE_H
#define VYOMA_SDK_CORE_H

#include "vyoma.h"

/* Writing in place at the end of the output buffer (sdk/out.c): the
 * caller passes where its writing ended (NULL: it has written nothing yet)
 * and gets where to go on, with room for n more bytes; the buffer is
 * flushed first if it had not. sdk_out_done takes the final end: 0, or -1
 * once stdout is closed (as vy_write). */
char *sdk_out_room(char *p, size_t n);
int sdk_out_done(char *p);

/* Name i of a list of names packed into one string, each ended by '\0'
 * (the list by an empty one); "unknown" past the end (sdk/str.c). A table
 * of pointers would cost 4 bytes more per name. */
const char *sdk_name_at(const char *names, unsigned i);
/* A decimal with an optional sign, as vy_str_atoll but in 32 bits (sdk/str.c). */
long sdk_num(const char *s, const char **end);
/* The number at *p (as sdk_num), *p moved past it and a comma after it:
 * the fields of the supervisor's input lines (resize, mouse), one copy. */
int sdk_num_next(const char **p);

/* The SDK's small statics go in a data segment of their own, which
 * wasm-ld places after .data and before .bss, where an app's arrays can
 * take tens of KB: so their addresses stay below 8 KB, and each use is a
 * 2-byte constant instead of 3. They are zeros, so the segment costs no
 * bytes in the module. */
#ifdef __wasm__
#define SDK_LOW __attribute__((section("vy_low")))
#else
#define SDK_LOW
#endif

/* The sender of the last message event, for vy_msg_answer (sdk/msg.c). */
extern char sdk_last_sender[32];

/* Hooks that only the file named sets (as sdk_watch): in an app that does
 * not link it they stay NULL, LTO sees that, and vy_ev_wait keeps no code
 * for them. */
/* sdk/clip.c: decode a paste's escaped text in place; set by vy_clip_copy
 * and the text field (sdk/field.c). */
extern void (*sdk_paste_decode)(char *s);
void sdk_clip_decode(char *s);
/* sdk/timer.c, set by vy_timer_start: the id of a timer that is due now
 * (and re-arm or end it), or 0 with *next the monotonic ns of the next one
 * (0: none). */
extern int (*sdk_timer_due)(uint64_t *next);
/* sdk/mouse.c, set by vy_mouse_on: fill x, y, buttons, kind, dy from
 * "<x>,<y>,<buttons>,<kind>". */
extern void (*sdk_mouse_parse)(struct vy_event *ev, const char *args);
void sdk_mouse_fields(struct vy_event *ev, const char *args); /* sdk/mousep.c */

/* sdk/fmtf.c: %f of v with prec digits (-1: 6), written backwards so
 * that it ends at end (room for 24 bytes); returns its start. */
char *sdk_fmt_f(double v, int prec, char *end) __attribute__((weak));
/* The error names of the fs and net areas (sdk/fs.c, sdk/net.c), packed:
 * vy_err_str (sdk/err.c) names only the areas an app links. */
extern const char sdk_fs_errnames[] __attribute__((weak));
extern const char sdk_net_errnames[] __attribute__((weak));

/* sdk/alloc.c: n bytes (a multiple of 8) at the top of memory, which
 * grows as needed; NULL when it cannot (the heap's blocks, and the host's
 * results in an app without a heap). */
void *sdk_bump(size_t n);
/* n bytes kept until exit (a command's arguments): a heap block in an app
 * with a heap, else from the top of memory (sdk_bump); NULL when memory
 * cannot grow. */
void *sdk_keep(size_t n);
/* A result the host placed (cabi_realloc) is no longer read: freed, or,
 * in an app without a heap, popped with every result placed after it. */
void sdk_res_free(void *p);

/* sdk/evparse.c: one line of stdin (NUL-terminated, changed in place) as
 * an event. */
enum vy_ev_type sdk_ev_parse(struct vy_event *ev, char *line);

#endif

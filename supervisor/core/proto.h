/* proto: classification of one line written by an app (docs/protocol.md). */
#ifndef VYOMA_PROTO_H
#define VYOMA_PROTO_H

#include <stdbool.h>
#include <stddef.h>

enum proto_kind {
	PROTO_LOG,        /* anything else: a log line */
	PROTO_UNICAST,    /* @<app>: msg */
	PROTO_BROADCAST,  /* @broadcast: msg */
	PROTO_REPLY,      /* @reply: msg */
	PROTO_SUPERVISOR, /* @supervisor: cmd */
	PROTO_DRAW,       /* VYOMA_DRAW:<payload> */
	PROTO_READY,      /* VYOMA_READY */
	PROTO_TEST,       /* VYOMA_TEST:<payload> (control socket only) */
	PROTO_BAD,        /* looks like a message but is malformed: see err */
	PROTO_CLIP,       /* VYOMA_CLIP:<verb>:<text> (the clipboard, svc/clip.c) */
	PROTO_KIND_COUNT
};

struct proto_line {
	enum proto_kind kind;
	const char *target;  /* PROTO_UNICAST: the app name (not terminated) */
	size_t target_len;
	const char *body;    /* message, command or payload (points into the line) */
	size_t body_len;
	const char *err;     /* PROTO_BAD: why, a static string */
};

/* Never fails: every line has a kind. The body of every kind but
 * PROTO_LOG and PROTO_BAD ends where the line ends, and what comes before
 * it is ASCII (a prefix, an app name): such a line is valid UTF-8 exactly
 * when its body is (the broker checks the body only). */
void proto_parse(const char *line, size_t len, struct proto_line *out);
const char *proto_kind_name(enum proto_kind k);

/* App names: man_name_syntax() and man_name_reserved() (lib/manifest.h). */
/* Well-formed UTF-8 with no NUL, no surrogates, no overlong forms. */
bool proto_utf8_valid(const char *s, size_t n);
/* Replace every byte that is not part of valid UTF-8 (and NUL) by '?'.
 * Returns how many bytes were replaced. */
size_t proto_utf8_sanitize(char *s, size_t n);

#endif

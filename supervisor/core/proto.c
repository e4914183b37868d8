/* proto: the parser of the app line protocol. Pure functions over a
 * (pointer, length) line: no allocation, no state, so the fuzzer can hammer
 * it and the broker can trust its output. Kinds are found through a prefix
 * table and `@` words through a second table (docs/protocol.md). */
#include "proto.h"
#include "hot.h"

#include <stdint.h>
#include <string.h>

#include "esc.h"      /* the one UTF-8 rule */
#include "manifest.h" /* the one name rule */

#define PROTO_ONES 0x0101010101010101ull

static const char *const proto_kind_names[PROTO_KIND_COUNT] = {
	[PROTO_LOG] = "log",         [PROTO_UNICAST] = "unicast",
	[PROTO_BROADCAST] = "broadcast", [PROTO_REPLY] = "reply",
	[PROTO_SUPERVISOR] = "supervisor", [PROTO_DRAW] = "draw",
	[PROTO_READY] = "ready",     [PROTO_TEST] = "test",
	[PROTO_BAD] = "bad",         [PROTO_CLIP] = "clipboard",
};

const char *proto_kind_name(enum proto_kind k)
{
	return (unsigned)k < PROTO_KIND_COUNT ? proto_kind_names[k] : "?";
}

/* Reserved words after '@' that mean something (man_name_reserved() says
 * which names are reserved; those not listed here are refused). */
static const struct {
	const char *word;
	size_t len;
	enum proto_kind kind;
} proto_words[] = {
	{ "supervisor", 10, PROTO_SUPERVISOR },
	{ "broadcast", 9, PROTO_BROADCAST },
	{ "reply", 5, PROTO_REPLY },
	{ "console", 7, PROTO_UNICAST }, /* the control socket; reserved for apps */
};

VY_HOT static int proto_word(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof proto_words / sizeof proto_words[0]; i++)
		if (proto_words[i].len == n && memcmp(proto_words[i].word, s, n) == 0)
			return (int)i;
	return -1;
}


static void proto_bad(struct proto_line *out, const char *why)
{
	out->kind = PROTO_BAD;
	out->err = why;
}

/* "@<name>: <msg>" or "@<name>:" (empty message). One pass over the name:
 * name characters cannot be ':', so a run of them ended by ':' ends at the
 * line's first colon. */
VY_HOT static void proto_at(const char *line, size_t len, struct proto_line *out)
{
	const char *name = line + 1, *colon;
	size_t nlen = man_name_scan(name, len - 1), rest;
	int w;

	if (nlen == len - 1 || name[nlen] != ':') {
		proto_bad(out, memchr(line, ':', len) ? "malformed message: bad target name"
						      : "malformed message: expected '@<app>: <message>'");
		return;
	}
	if (nlen == 0 || nlen > MAN_NAME_MAX) {
		proto_bad(out, "malformed message: bad target name");
		return;
	}
	colon = name + nlen;
	rest = len - (size_t)(colon - line) - 1;
	if (rest > 0 && colon[1] != ' ') {
		proto_bad(out, "malformed message: expected a space after ':'");
		return;
	}
	out->body = rest ? colon + 2 : colon + 1;
	out->body_len = rest ? rest - 1 : 0;
	w = proto_word(name, nlen);
	if (w < 0 && man_name_reserved(name, nlen)) {
		proto_bad(out, "reserved name cannot be a target");
		return;
	}
	out->kind = w >= 0 ? proto_words[w].kind : PROTO_UNICAST;
	out->target = name;
	out->target_len = nlen;
}

static void proto_draw(const char *line, size_t len, struct proto_line *out)
{
	out->kind = PROTO_DRAW;
	out->body = line + 11;
	out->body_len = len - 11;
}

static void proto_test(const char *line, size_t len, struct proto_line *out)
{
	out->kind = PROTO_TEST;
	out->body = line + 11;
	out->body_len = len - 11;
}

static void proto_clip(const char *line, size_t len, struct proto_line *out)
{
	out->kind = PROTO_CLIP;
	out->body = line + 11;
	out->body_len = len - 11;
}

static void proto_ready(const char *line, size_t len, struct proto_line *out)
{
	(void)line;
	out->kind = len == 11 ? PROTO_READY : PROTO_LOG;
}

static const struct {
	const char *prefix;
	size_t plen;
	void (*parse)(const char *line, size_t len, struct proto_line *out);
} proto_prefixes[] = {
	{ "VYOMA_DRAW:", 11, proto_draw },
	{ "VYOMA_TEST:", 11, proto_test },
	{ "VYOMA_READY", 11, proto_ready },
	{ "VYOMA_CLIP:", 11, proto_clip },
};

VY_HOT void proto_parse(const char *line, size_t len, struct proto_line *out)
{
	*out = (struct proto_line){ .kind = PROTO_LOG, .body = line, .body_len = len };
	/* Most lines are messages: "@" first, without the table. */
	if (len && line[0] == '@') {
		proto_at(line, len, out);
		return;
	}
	for (size_t i = 0; i < sizeof proto_prefixes / sizeof proto_prefixes[0]; i++) {
		/* The first byte before a call. */
		if (len >= proto_prefixes[i].plen && line[0] == proto_prefixes[i].prefix[0] &&
		    memcmp(line, proto_prefixes[i].prefix, proto_prefixes[i].plen) == 0) {
			proto_prefixes[i].parse(line, len, out);
			return;
		}
	}
}

VY_HOT bool proto_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		/* Eight ASCII bytes at a time: no high bit and no zero byte. */
		if (n - i >= 8) {
			uint64_t w;
			memcpy(&w, p + i, 8);
			if (!((w | ((w - PROTO_ONES) & ~w)) & (PROTO_ONES << 7))) {
				i += 8;
				continue;
			}
		}
		if (p[i] >= 0x01 && p[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = esc_utf8_seq(p + i, n - i);
		if (!k)
			return false;
		i += k;
	}
	return true;
}

size_t proto_utf8_sanitize(char *s, size_t n)
{
	unsigned char *p = (unsigned char *)s;
	size_t i = 0, bad = 0;

	while (i < n) {
		size_t k = esc_utf8_seq(p + i, n - i);
		if (!k) {
			p[i++] = '?';
			bad++;
		} else
			i += k;
	}
	return bad;
}

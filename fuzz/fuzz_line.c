/* fuzz_line: libFuzzer over the supervisor's line framing and the line
 * protocol parser, the code that reads every untrusted byte an app writes.
 * The first input byte picks the read size, the rest is the stream. Checks
 * the invariants the broker relies on: lines never exceed LINE_MAX_LEN and
 * are NUL-terminated, only cut lines carry LINE_CUT, the framer never holds
 * more than one line, parsed fields point inside the line, targets are
 * valid names, a message's body is valid UTF-8 exactly when its line is,
 * and sanitized text is valid UTF-8. Then every line goes
 * through the broker as if a control connection (every capability) wrote
 * it: capability and UTF-8 checks, the @supervisor: command tokenizer and
 * table, the VYOMA_TEST verb parser. The connection has no fd, so answers
 * are refused quietly, and nothing is logged. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "app.h"
#include "ipc.h"
#include "line.h"
#include "log.h"
#include "proto.h"


static void check_line(char *line, size_t len, unsigned flags, void *ctx)
{
	struct proto_line p;

	if (len > LINE_MAX_LEN || line[len] != '\0')
		abort();
	if ((flags & LINE_CUT) && len != LINE_MAX_LEN)
		abort();
	proto_parse(line, len, &p);
	if (p.body && (p.body < line || p.body + p.body_len > line + len))
		abort();
	if (p.kind == PROTO_UNICAST) {
		if (p.target < line || p.target + p.target_len > line + len)
			abort();
		if (!man_name_syntax(p.target, p.target_len))
			abort();
	}
	if (p.kind == PROTO_BAD && !p.err)
		abort();
	bool valid = proto_utf8_valid(line, len);
	/* The broker checks a message's body only (proto.h): the same answer. */
	if (p.kind != PROTO_LOG && p.kind != PROTO_BAD &&
	    (p.body + p.body_len != line + len || proto_utf8_valid(p.body, p.body_len) != valid))
		abort();
	char *copy = malloc(len + 1);
	if (!copy)
		return;
	memcpy(copy, line, len);
	size_t bad = proto_utf8_sanitize(copy, len);
	if (valid != (bad == 0))
		abort();
	if (!proto_utf8_valid(copy, len))
		abort();
	free(copy);
	ipc_line(ctx, line, len, flags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct app *console;
	struct line_buf lb;
	size_t chunk;
	char *buf;

	if (!console) {
		log_init("fuzz", -1);
		log_set_level(LOG_ERR + 1);
		console = app_new(APP_KIND_CONSOLE, "console");
		if (!console)
			return 0;
		console->man.caps = (1u << CAP_COUNT) - 1;
	}
	if (size < 1)
		return 0;
	chunk = (size_t)data[0] * 61 + 1;
	data++;
	size--;
	buf = malloc(size ? size : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	line_init(&lb);
	for (size_t off = 0; off < size; off += chunk) {
		size_t n = size - off < chunk ? size - off : chunk;
		line_feed(&lb, buf + off, n, check_line, console);
		if (lb.len > LINE_MAX_LEN || lb.cap > LINE_MAX_LEN + 1)
			abort();
	}
	line_finish(&lb, check_line, console);
	line_free(&lb);
	free(buf);
	return 0;
}

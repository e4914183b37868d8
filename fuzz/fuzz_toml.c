/* fuzz_toml: libFuzzer target for the strict TOML parser and the manifest
 * schemas built on it. Beyond "no crash, no sanitizer report" it checks what
 * callers rely on: every refusal has a 1-based position inside the input,
 * every accepted document survives a round trip (serialize the DOM, parse it
 * again, get the same DOM), and every accepted manifest or boot list
 * satisfies its documented ranges. A broken invariant aborts. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "manifest.h"
#include "toml.h"


struct out {
	char *p;
	size_t len, cap;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		size_t cap = (o->len + n + 1) * 2;
		char *p = realloc(o->p, cap);

		CHECK(p != NULL);
		o->p = p;
		o->cap = cap;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
	o->p[o->len] = '\0';
}

static void put_str(struct out *o, const char *s, size_t n)
{
	char esc[8];

	put(o, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			put(o, esc, 2);
		} else if (c < 0x20 || c == 0x7F) {
			snprintf(esc, sizeof esc, "\\u%04X", c);
			put(o, esc, 6);
		} else {
			put(o, s + i, 1);
		}
	}
	put(o, "\"", 1);
}

static void put_scalar(struct out *o, const struct toml_node *n)
{
	char num[32];
	const char *s;
	size_t len;
	int64_t i;
	bool b;

	switch (toml_type(n)) {
	case TOML_STRING:
		s = toml_string(n, &len);
		CHECK(s != NULL && strlen(s) == len);
		put_str(o, s, len);
		break;
	case TOML_INT:
		CHECK(toml_int(n, &i) == 0);
		snprintf(num, sizeof num, "%" PRId64, i);
		put(o, num, strlen(num));
		break;
	case TOML_BOOL:
		CHECK(toml_bool(n, &b) == 0);
		put(o, b ? "true" : "false", b ? 4 : 5);
		break;
	default:
		CHECK(!"only scalars may appear here");
	}
}

static void put_value(struct out *o, const struct toml_node *n)
{
	if (toml_type(n) != TOML_ARRAY) {
		put_scalar(o, n);
		return;
	}
	put(o, "[", 1);
	for (size_t i = 0; i < toml_array_len(n); i++) {
		const struct toml_node *e = toml_array_at(n, i);

		CHECK(e != NULL && toml_type(e) != TOML_ARRAY && toml_type(e) != TOML_TABLE);
		CHECK(toml_type(e) == toml_type(toml_array_at(n, 0)));
		put_value(o, e);
		put(o, ",", 1);
	}
	CHECK(toml_array_at(n, toml_array_len(n)) == NULL);
	put(o, "]", 1);
}

/* Key/value lines of one table; nested tables are the caller's business. */
static void put_pairs(struct out *o, const struct toml_node *t)
{
	struct toml_entry e;

	for (size_t i = 0; toml_table_entry(t, i, &e) == 0; i++) {
		CHECK(strlen(e.key) == e.key_len && e.line >= 1 && e.col >= 1);
		CHECK(toml_line(e.value) >= 1 && toml_col(e.value) >= 1);
		if (toml_type(e.value) == TOML_TABLE || toml_is_table_array(e.value))
			continue;
		put_str(o, e.key, e.key_len);
		put(o, " = ", 3);
		put_value(o, e.value);
		put(o, "\n", 1);
	}
}

static void serialize(struct out *o, const struct toml_node *root)
{
	struct toml_entry e;

	put_pairs(o, root);
	for (size_t i = 0; toml_table_entry(root, i, &e) == 0; i++) {
		if (toml_type(e.value) == TOML_TABLE) {
			put(o, "[", 1);
			put_str(o, e.key, e.key_len);
			put(o, "]\n", 2);
			put_pairs(o, e.value);
		} else if (toml_is_table_array(e.value)) {
			for (size_t j = 0; j < toml_array_len(e.value); j++) {
				const struct toml_node *t = toml_array_at(e.value, j);

				CHECK(toml_type(t) == TOML_TABLE);
				put(o, "[[", 2);
				put_str(o, e.key, e.key_len);
				put(o, "]]\n", 3);
				put_pairs(o, t);
			}
		}
	}
}

/* Same shape and values; positions differ by design. Table order differs
 * too (tables are written after root pairs), so keys are looked up. */
static void same(const struct toml_node *a, const struct toml_node *b)
{
	struct toml_entry e;
	size_t la, lb;
	int64_t ia, ib;
	bool ba, bb;

	CHECK(a && b && toml_type(a) == toml_type(b));
	CHECK(toml_is_table_array(a) == toml_is_table_array(b));
	switch (toml_type(a)) {
	case TOML_TABLE:
		CHECK(toml_table_len(a) == toml_table_len(b));
		for (size_t i = 0; toml_table_entry(a, i, &e) == 0; i++)
			same(e.value, toml_get(b, e.key));
		break;
	case TOML_ARRAY:
		CHECK(toml_array_len(a) == toml_array_len(b));
		for (size_t i = 0; i < toml_array_len(a); i++)
			same(toml_array_at(a, i), toml_array_at(b, i));
		break;
	case TOML_STRING:
		CHECK(toml_string(a, &la) && toml_string(b, &lb) && la == lb);
		CHECK(memcmp(toml_string(a, NULL), toml_string(b, NULL), la) == 0);
		break;
	case TOML_INT:
		CHECK(toml_int(a, &ia) == 0 && toml_int(b, &ib) == 0 && ia == ib);
		break;
	case TOML_BOOL:
		CHECK(toml_bool(a, &ba) == 0 && toml_bool(b, &bb) == 0 && ba == bb);
		break;
	}
}

static void fuzz_toml(const char *text, size_t size, int lines)
{
	struct toml_error err;
	struct toml_doc *doc = toml_parse(text, size, &err), *again;
	struct out o = { 0 };

	if (!doc) {
		CHECK(err.line >= 1 && err.line <= lines && err.col >= 1 && err.msg[0]);
		return;
	}
	serialize(&o, toml_root(doc));
	if (o.len <= TOML_MAX_INPUT) {
		again = toml_parse(o.p ? o.p : "", o.len, &err);
		if (!again)
			fprintf(stderr, "reparse failed %d:%d %s\n%s\n", err.line, err.col,
				err.msg, o.p);
		CHECK(again != NULL);
		same(toml_root(doc), toml_root(again));
		toml_free(again);
	}
	free(o.p);
	toml_free(doc);
}

static void check_error(const struct man_error *err, int lines)
{
	char buf[700];

	CHECK(err->msg[0] && strlen(err->msg) < sizeof err->msg);
	CHECK(err->line >= 0 && err->line <= lines && err->col >= 0);
	CHECK((err->line == 0) == (err->col == 0));
	man_error_format(err, buf, sizeof buf);
	CHECK(strstr(buf, err->msg) != NULL);
}

/* cap_format must list exactly the granted capabilities, by names that
 * cap_from_name maps back: the supervisor and runner pass caps this way. */
static void check_caps(unsigned caps)
{
	char buf[128], *save = NULL;
	unsigned back = 0;

	cap_format(caps, buf, sizeof buf);
	if (caps == 0) {
		CHECK(strcmp(buf, "none") == 0);
		return;
	}
	for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		unsigned bit = cap_from_name(t);

		CHECK(bit != 0 && !(back & bit) && strcmp(cap_name((enum cap_bit)bit), t) == 0);
		back |= bit;
	}
	CHECK(back == caps);
}

static void fuzz_manifest(const char *text, size_t size, int lines)
{
	static struct boot_config bc;
	struct manifest m;
	struct man_error err;

	if (man_parse_app(text, size, "fuzz/vyoma.toml", &m, &err) == 0) {
		CHECK(man_valid_name(m.name));
		CHECK(m.component[0] && m.component[0] != '/' && !strstr(m.component, "//"));
		CHECK(strlen(m.description) <= MAN_DESC_MAX);
		CHECK((m.caps & ~((1u << CAP_COUNT) - 1)) == 0);
		CHECK(m.watchdog_secs <= 86400 && (unsigned)m.restart <= RESTART_ALWAYS);
		CHECK(strcmp(restart_policy_name(m.restart), "unknown") != 0);
		check_caps(m.caps);
		CHECK(m.max_failures >= 1 && m.max_failures <= 64);
		CHECK(m.window_secs >= 1 && m.window_secs <= 86400);
		CHECK(m.memory_mb >= 1 && m.memory_mb <= 4096);
		CHECK(m.win_w == 0 || (m.win_w >= 16 && m.win_w <= 4096));
		CHECK(m.win_h == 0 || (m.win_h >= 16 && m.win_h <= 4096));
	} else {
		check_error(&err, lines);
	}

	if (man_parse_boot(text, size, "fuzz/boot.toml", &bc, &err) == 0) {
		CHECK(bc.n <= MAN_BOOT_MAX && bc.apps_dir[0] && bc.apps_dir[0] != '/');
		for (size_t i = 0; i < bc.n; i++) {
			const struct boot_entry *e = &bc.apps[i];

			CHECK(man_valid_name(e->name));
			CHECK(e->has_pos || (e->x == 0 && e->y == 0));
			CHECK(!e->has_pos || (e->x >= -4096 && e->x <= 8192 &&
					      e->y >= -4096 && e->y <= 8192));
			CHECK(e->has_size || (e->w == 0 && e->h == 0));
			CHECK(!e->has_size || (e->w >= 16 && e->w <= 4096 &&
					       e->h >= 16 && e->h <= 4096));
			for (size_t j = 0; j < i; j++)
				CHECK(strcmp(bc.apps[j].name, e->name) != 0 &&
				      !(bc.apps[j].focus && e->focus));
		}
	} else {
		check_error(&err, lines);
		CHECK(bc.n == 0);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	int lines = 1;

	/* Positions are 1-based and must fall on a line of the input. */
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	fuzz_toml(text, size, lines);
	fuzz_manifest(text, size, lines);
	return 0;
}

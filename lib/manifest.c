/* manifest: turns an app's vyoma.toml and the boot list boot.toml into the
 * plain structs of manifest.h. The TOML is parsed by the strict toml module;
 * this file only knows the schema. Every section is a table of
 * {key, kind, handler, offset, range} entries walked by one function, so
 * adding a key is one line and unknown keys or wrong types can never slip
 * through an if-chain that forgot them. The format is docs/manifest.md. */
#include "manifest.h"
#include "spell.h"
#include "semver.h"
#include "toml.h"
#include "hot.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct man_ctx {
	struct man_error *err;
	const char *section; /* "" at the top level, for messages */
};

enum man_kind { MK_STRING, MK_INT, MK_BOOL, MK_TABLE, MK_TABLES };

struct man_field;
typedef int (*man_handler)(struct man_ctx *cx, const struct man_field *f,
			   const struct toml_node *v, void *obj);

struct man_schema {
	const char *section;
	const struct man_field *fields;
	size_t n;
};

struct man_field {
	const char *key;
	enum man_kind kind;
	man_handler handler;
	size_t offset;               /* of the destination inside obj */
	int64_t min, max;            /* integers: range; strings: max bytes */
	unsigned bit;                /* capabilities */
	const struct man_schema *sub; /* tables */
};

static const char *const kind_names[] = {
	[MK_STRING] = "a string", [MK_INT] = "an integer", [MK_BOOL] = "a boolean",
	[MK_TABLE] = "a table", [MK_TABLES] = "an array of tables",
};

/* The one list of names no app may take: the line protocol's own words
 * (docs/protocol.md) and the control socket's pseudo-app. */
#define WORD(s) { s, sizeof s - 1 }
static const struct {
	const char *s;
	size_t n; /* on every message's path (proto_): no strlen there */
} reserved_names[] = { WORD("supervisor"), WORD("broadcast"), WORD("reply"), WORD("all"),
		       WORD("system"), WORD("console") };

static const struct { unsigned bit; const char *name; } cap_names[CAP_COUNT] = {
	{ CAP_STDIO, "stdio" }, { CAP_FILESYSTEM, "filesystem" }, { CAP_NETWORK, "network" },
	{ CAP_DISPLAY, "display" }, { CAP_SHELL, "shell" }, { CAP_MOUSE, "mouse" },
};

static const char *const policy_names[] = {
	[RESTART_NEVER] = "never", [RESTART_ON_FAILURE] = "on-failure", [RESTART_ALWAYS] = "always",
};

static int man_fail(struct man_ctx *cx, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int man_fail(struct man_ctx *cx, int line, int col, const char *fmt, ...)
{
	va_list ap;

	cx->err->line = line;
	cx->err->col = col;
	va_start(ap, fmt);
	vsnprintf(cx->err->msg, sizeof cx->err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

/* A user-supplied string made safe to quote in a message (no control
 * characters to forge log lines, bounded length). */
static void printable(char *out, size_t n, const char *s, size_t len)
{
	size_t j = 0;

	for (size_t i = 0; i < len && j + 4 < n; i++) {
		unsigned char c = (unsigned char)s[i];

		out[j++] = c >= 0x20 && c < 0x7F ? (char)c : '?';
	}
	if (len > 0 && j + 4 >= n && j < len) {
		memcpy(out + j, "...", 3);
		j += 3;
	}
	out[j] = '\0';
}

static void full_key(const struct man_ctx *cx, const char *key, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s", cx->section, *cx->section ? "." : "", key);
}

static int h_uint(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj);
static int h_int(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj);
static int h_cap(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj);
static int h_bool(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj);
static int h_bool(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj)
{
	(void)cx;
	return toml_bool(v, (bool *)((char *)obj + f->offset));
}

static int h_name(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj);
static int h_text(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj);
static int h_path(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj);
static int h_policy(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj);
static int h_version(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj);
static int h_table(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj);
static int h_apps(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj);

#define M_OFF(field) offsetof(struct manifest, field)
#define B_OFF(field) offsetof(struct boot_config, field)
#define E_OFF(field) offsetof(struct boot_entry, field)

/* ---- vyoma.toml ----------------------------------------------------------- */
static const struct man_field caps_fields[] = {
	{ "stdio", MK_BOOL, h_cap, M_OFF(caps), 0, 0, CAP_STDIO, NULL },
	{ "filesystem", MK_BOOL, h_cap, M_OFF(caps), 0, 0, CAP_FILESYSTEM, NULL },
	{ "network", MK_BOOL, h_cap, M_OFF(caps), 0, 0, CAP_NETWORK, NULL },
	{ "display", MK_BOOL, h_cap, M_OFF(caps), 0, 0, CAP_DISPLAY, NULL },
	{ "shell", MK_BOOL, h_cap, M_OFF(caps), 0, 0, CAP_SHELL, NULL },
	{ "mouse", MK_BOOL, h_cap, M_OFF(caps), 0, 0, CAP_MOUSE, NULL },
	{ "watchdog_secs", MK_INT, h_uint, M_OFF(watchdog_secs), 0, 86400, 0, NULL },
};
static const struct man_field restart_fields[] = {
	{ "policy", MK_STRING, h_policy, M_OFF(restart), 0, 0, 0, NULL },
	{ "max_failures", MK_INT, h_uint, M_OFF(max_failures), 1, 64, 0, NULL },
	{ "window_secs", MK_INT, h_uint, M_OFF(window_secs), 1, 86400, 0, NULL },
};
static const struct man_field limits_fields[] = {
	{ "memory_mb", MK_INT, h_uint, M_OFF(memory_mb), 1, 4096, 0, NULL },
};
static const struct man_field window_fields[] = {
	{ "width", MK_INT, h_int, M_OFF(win_w), 16, 4096, 0, NULL },
	{ "height", MK_INT, h_int, M_OFF(win_h), 16, 4096, 0, NULL },
};
static const struct man_schema caps_schema = { "capabilities", caps_fields, COUNT(caps_fields) };
static const struct man_schema restart_schema = { "restart", restart_fields, COUNT(restart_fields) };
static const struct man_schema limits_schema = { "limits", limits_fields, COUNT(limits_fields) };
static const struct man_schema window_schema = { "window", window_fields, COUNT(window_fields) };
static const struct man_field app_fields[] = {
	{ "name", MK_STRING, h_name, M_OFF(name), 0, 0, 0, NULL },
	{ "description", MK_STRING, h_text, M_OFF(description), 0, MAN_DESC_MAX, 0, NULL },
	{ "component", MK_STRING, h_path, M_OFF(component), 0, MAN_PATH_MAX, 0, NULL },
	{ "version", MK_STRING, h_version, M_OFF(version), 0, 0, 0, NULL },
	{ "command", MK_BOOL, h_bool, M_OFF(command), 0, 0, 0, NULL },
	{ "capabilities", MK_TABLE, h_table, 0, 0, 0, 0, &caps_schema },
	{ "restart", MK_TABLE, h_table, 0, 0, 0, 0, &restart_schema },
	{ "limits", MK_TABLE, h_table, 0, 0, 0, 0, &limits_schema },
	{ "window", MK_TABLE, h_table, 0, 0, 0, 0, &window_schema },
};
static const struct man_schema app_schema = { "", app_fields, COUNT(app_fields) };

/* ---- boot.toml ------------------------------------------------------------ */
static const struct man_field entry_fields[] = {
	{ "name", MK_STRING, h_name, E_OFF(name), 0, 0, 0, NULL },
	{ "x", MK_INT, h_int, E_OFF(x), -4096, 8192, 0, NULL },
	{ "y", MK_INT, h_int, E_OFF(y), -4096, 8192, 0, NULL },
	{ "width", MK_INT, h_int, E_OFF(w), 16, 4096, 0, NULL },
	{ "height", MK_INT, h_int, E_OFF(h), 16, 4096, 0, NULL },
	{ "focus", MK_BOOL, h_bool, E_OFF(focus), 0, 0, 0, NULL },
};
static const struct man_schema entry_schema = { "app", entry_fields, COUNT(entry_fields) };
static const struct man_field boot_fields[] = {
	{ "apps_dir", MK_STRING, h_path, B_OFF(apps_dir), 0, MAN_PATH_MAX, 0, NULL },
	{ "app", MK_TABLES, h_apps, B_OFF(apps), 0, MAN_BOOT_MAX, 0, &entry_schema },
};
static const struct man_schema boot_schema = { "", boot_fields, COUNT(boot_fields) };

/* ---- the walker ------------------------------------------------------------ */
static bool kind_matches(enum man_kind k, const struct toml_node *v)
{
	static const enum toml_type want[] = {
		[MK_STRING] = TOML_STRING, [MK_INT] = TOML_INT, [MK_BOOL] = TOML_BOOL,
		[MK_TABLE] = TOML_TABLE, [MK_TABLES] = TOML_ARRAY,
	};

	/* [[x]] makes an array; only MK_TABLES wants one, and only that kind. */
	return toml_type(v) == want[k] && toml_is_table_array(v) == (k == MK_TABLES);
}

static int walk(struct man_ctx *cx, const struct man_schema *s,
		const struct toml_node *table, void *obj)
{
	const char *saved = cx->section;
	struct toml_entry e;
	char key[96], pk[64];
	int rc = -1;

	cx->section = s->section;
	for (size_t i = 0; toml_table_entry(table, i, &e) == 0; i++) {
		const struct man_field *f = NULL;

		for (size_t j = 0; j < s->n && !f; j++)
			if (strlen(s->fields[j].key) == e.key_len &&
			    memcmp(s->fields[j].key, e.key, e.key_len) == 0)
				f = &s->fields[j];
		printable(pk, sizeof pk, e.key, e.key_len);
		full_key(cx, pk, key, sizeof key);
		if (!f) {
			const char *known[32];
			size_t nk = 0;
			int near;

			for (size_t j = 0; j < s->n && nk < 32; j++)
				known[nk++] = s->fields[j].key;
			near = spell_nearest(e.key, e.key_len, known, nk);
			if (near >= 0)
				man_fail(cx, e.line, e.col, "unknown key '%s' (did you mean '%s'?)", key,
					 known[near]);
			else
				man_fail(cx, e.line, e.col, "unknown key '%s'", key);
			goto out;
		}
		if (!kind_matches(f->kind, e.value)) {
			man_fail(cx, toml_line(e.value), toml_col(e.value), "'%s' must be %s, not %s",
				 key, kind_names[f->kind], toml_type_name(e.value));
			goto out;
		}
		if (f->handler(cx, f, e.value, obj) < 0)
			goto out;
	}
	rc = 0;
out:
	cx->section = saved;
	return rc;
}

/* ---- handlers --------------------------------------------------------------- */
static int get_ranged(struct man_ctx *cx, const struct man_field *f,
		      const struct toml_node *v, int64_t *out)
{
	char key[96];

	if (toml_int(v, out) < 0)
		return -1;
	if (*out < f->min || *out > f->max) {
		full_key(cx, f->key, key, sizeof key);
		return man_fail(cx, toml_line(v), toml_col(v),
				"'%s' must be between %lld and %lld (got %lld)", key,
				(long long)f->min, (long long)f->max, (long long)*out);
	}
	return 0;
}

static int h_uint(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj)
{
	int64_t i;

	if (get_ranged(cx, f, v, &i) < 0)
		return -1;
	*(unsigned *)((char *)obj + f->offset) = (unsigned)i;
	return 0;
}

static int h_int(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj)
{
	int64_t i;

	if (get_ranged(cx, f, v, &i) < 0)
		return -1;
	*(int *)((char *)obj + f->offset) = (int)i;
	return 0;
}

static int h_cap(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj)
{
	unsigned *caps = (unsigned *)((char *)obj + f->offset);
	bool on;

	(void)cx;
	if (toml_bool(v, &on) < 0)
		return -1;
	*caps = on ? *caps | f->bit : *caps & ~f->bit;
	return 0;
}

static int h_name(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj)
{
	size_t len;
	const char *s = toml_string(v, &len);
	char key[96], pv[48];

	full_key(cx, f->key, key, sizeof key);
	printable(pv, sizeof pv, s, len);
	if (man_name_reserved(s, len))
		return man_fail(cx, toml_line(v), toml_col(v),
				"'%s': \"%s\" is a reserved name", key, pv);
	if (!man_valid_name(s))
		return man_fail(cx, toml_line(v), toml_col(v),
				"'%s' must match [a-z][a-z0-9-]* and be at most %d bytes (got \"%s\")",
				key, MAN_NAME_MAX, pv);
	memcpy((char *)obj + f->offset, s, len + 1);
	return 0;
}

/* Free text shown in `ps` and logs: bounded, and no control characters
 * (an escaped "\n" would otherwise forge a line). */
static int h_text(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj)
{
	size_t len;
	const char *s = toml_string(v, &len);
	char key[96];

	full_key(cx, f->key, key, sizeof key);
	if (len > (size_t)f->max)
		return man_fail(cx, toml_line(v), toml_col(v), "'%s' is longer than %lld bytes",
				key, (long long)f->max);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F)
			return man_fail(cx, toml_line(v), toml_col(v),
					"'%s' must not contain control characters", key);
	memcpy((char *)obj + f->offset, s, len + 1);
	return 0;
}

/* Paths are joined to a trusted directory by the caller, so they must not
 * be able to leave it: relative, no "..", no empty components. Printable
 * ASCII only, so that they read the same in every log and shell. */
static const char *path_problem(const char *s, size_t len, size_t max)
{
	size_t seg = 0;

	if (len == 0)
		return "must not be empty";
	if (len > max)
		return "is too long";
	if (s[0] == '/')
		return "must be relative (no leading '/')";
	for (size_t i = 0; i <= len; i++) {
		if (i == len || s[i] == '/') {
			if (i == seg)
				return "must not contain empty components ('//' or a trailing '/')";
			if (i - seg == 2 && s[seg] == '.' && s[seg + 1] == '.')
				return "must not contain '..'";
			seg = i + 1;
		} else if (s[i] <= 0x20 || s[i] >= 0x7F || s[i] == '\\') {
			return "may only contain printable ASCII without spaces or '\\'";
		}
	}
	return NULL;
}

static int h_path(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj)
{
	size_t len;
	const char *s = toml_string(v, &len), *why = path_problem(s, len, (size_t)f->max);
	char key[96];

	if (why) {
		full_key(cx, f->key, key, sizeof key);
		return man_fail(cx, toml_line(v), toml_col(v), "'%s' %s", key, why);
	}
	memcpy((char *)obj + f->offset, s, len + 1);
	return 0;
}

static int h_version(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj)
{
	size_t len;
	const char *s = toml_string(v, &len);
	char key[96];

	if (!semver_valid(s)) {
		full_key(cx, f->key, key, sizeof key);
		return man_fail(cx, toml_line(v), toml_col(v),
				"'%s' must be MAJOR.MINOR.PATCH, each 0..99999 without leading zeros",
				key);
	}
	memcpy((char *)obj + f->offset, s, len + 1);
	return 0;
}

static int h_policy(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj)
{
	size_t len;
	const char *s = toml_string(v, &len);
	char key[96], pv[48];

	for (size_t i = 0; i < COUNT(policy_names); i++) {
		if (strcmp(s, policy_names[i]) == 0) {
			*(enum restart_policy *)((char *)obj + f->offset) = (enum restart_policy)i;
			return 0;
		}
	}
	full_key(cx, f->key, key, sizeof key);
	printable(pv, sizeof pv, s, len);
	return man_fail(cx, toml_line(v), toml_col(v),
			"'%s' must be \"never\", \"on-failure\" or \"always\" (got \"%s\")", key, pv);
}

static int h_table(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj)
{
	return walk(cx, f->sub, v, obj);
}

/* Optional pairs that only make sense together, such as x and y. */
static int check_pair(struct man_ctx *cx, const struct toml_node *t, const char *a,
		      const char *b, bool *both)
{
	const struct toml_node *va = toml_get(t, a), *vb = toml_get(t, b), *one = va ? va : vb;
	char ka[96], kb[96];

	*both = va && vb;
	if (!va != !vb) {
		full_key(cx, a, ka, sizeof ka);
		full_key(cx, b, kb, sizeof kb);
		return man_fail(cx, toml_line(one), toml_col(one),
				"'%s' and '%s' must be given together", ka, kb);
	}
	return 0;
}

static int h_apps(struct man_ctx *cx, const struct man_field *f, const struct toml_node *v, void *obj)
{
	struct boot_config *cfg = obj;
	const char *saved = cx->section;
	int rc = -1;

	cx->section = f->sub->section;
	for (size_t i = 0; i < toml_array_len(v); i++) {
		const struct toml_node *t = toml_array_at(v, i), *name = toml_get(t, "name");
		struct boot_entry *e = &cfg->apps[cfg->n];

		if (cfg->n >= (size_t)f->max) {
			man_fail(cx, toml_line(t), toml_col(t), "more than %lld [[app]] entries",
				 (long long)f->max);
			goto out;
		}
		memset(e, 0, sizeof *e);
		if (walk(cx, f->sub, t, e) < 0 ||
		    check_pair(cx, t, "x", "y", &e->has_pos) < 0 ||
		    check_pair(cx, t, "width", "height", &e->has_size) < 0)
			goto out;
		if (!name) {
			man_fail(cx, toml_line(t), toml_col(t), "[[app]] needs a 'name'");
			goto out;
		}
		for (size_t j = 0; j < cfg->n; j++) {
			const struct toml_node *prev = toml_get(toml_array_at(v, j), "name");
			const struct toml_node *pf = toml_get(toml_array_at(v, j), "focus");
			const struct toml_node *focus = toml_get(t, "focus");

			if (strcmp(cfg->apps[j].name, e->name) == 0) {
				man_fail(cx, toml_line(name), toml_col(name),
					 "app \"%s\" is listed twice (first at %d:%d)", e->name,
					 toml_line(prev), toml_col(prev));
				goto out;
			}
			if (e->focus && cfg->apps[j].focus) {
				man_fail(cx, toml_line(focus), toml_col(focus),
					 "'app.focus' is true for \"%s\" and for \"%s\" (at %d:%d): "
					 "one app at most has the focus at boot",
					 e->name, cfg->apps[j].name, toml_line(pf), toml_col(pf));
				goto out;
			}
		}
		cfg->n++;
	}
	rc = 0;
out:
	cx->section = saved;
	return rc;
}

/* ---- entry points -------------------------------------------------------- */
static void err_init(struct man_error *err, const char *file)
{
	memset(err, 0, sizeof *err);
	snprintf(err->file, sizeof err->file, "%s", file ? file : "<input>");
}

/* Parse into a DOM and walk `schema` over it; the caller fills defaults. */
static int parse_with(const char *text, size_t len, const struct man_schema *schema, void *obj,
		      struct man_error *err, struct toml_doc **docp)
{
	struct man_ctx cx = { err, "" };
	struct toml_error terr;

	*docp = toml_parse(text, len, &terr);
	if (!*docp) {
		err->line = terr.line;
		err->col = terr.col;
		snprintf(err->msg, sizeof err->msg, "%s", terr.msg);
		return -1;
	}
	return walk(&cx, schema, toml_root(*docp), obj);
}

int man_parse_app(const char *text, size_t len, const char *file,
		  struct manifest *out, struct man_error *err)
{
	struct man_error local;
	struct toml_doc *doc = NULL;
	int rc = -1;

	if (!err)
		err = &local;
	err_init(err, file);
	memset(out, 0, sizeof *out);
	out->restart = RESTART_ON_FAILURE;
	out->max_failures = MAN_DEFAULT_MAX_FAILS;
	out->window_secs = MAN_DEFAULT_WINDOW_SECS;
	out->memory_mb = MAN_DEFAULT_MEMORY_MB;
	if (parse_with(text, len, &app_schema, out, err, &doc) < 0)
		goto out;
	if (!out->name[0]) {
		snprintf(err->msg, sizeof err->msg, "missing required key 'name'");
		goto out;
	}
	if (!out->component[0])
		snprintf(out->component, sizeof out->component, "%s.wasm", out->name);
	if (!out->version[0])
		snprintf(out->version, sizeof out->version, "%s", MAN_DEFAULT_VERSION);
	rc = 0;
out:
	toml_free(doc);
	if (rc < 0)
		memset(out, 0, sizeof *out);
	return rc;
}

int man_parse_boot(const char *text, size_t len, const char *file,
		   struct boot_config *out, struct man_error *err)
{
	struct man_error local;
	struct toml_doc *doc = NULL;
	int rc = -1;

	if (!err)
		err = &local;
	err_init(err, file);
	memset(out, 0, sizeof *out);
	snprintf(out->apps_dir, sizeof out->apps_dir, "apps");
	if (parse_with(text, len, &boot_schema, out, err, &doc) < 0)
		goto out;
	rc = 0;
out:
	toml_free(doc);
	if (rc < 0)
		memset(out, 0, sizeof *out);
	return rc;
}

VY_HOT size_t man_name_scan(const char *s, size_t n)
{
	size_t i = 1;

	if (!s || n == 0 || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
		i++;
	return i;
}

bool man_name_syntax(const char *s, size_t n)
{
	return n <= MAN_NAME_MAX && n > 0 && man_name_scan(s, n) == n;
}

VY_HOT bool man_name_reserved(const char *s, size_t n)
{
	for (size_t i = 0; i < COUNT(reserved_names); i++)
		if (reserved_names[i].n == n && memcmp(s, reserved_names[i].s, n) == 0)
			return true;
	return false;
}

bool man_valid_name(const char *name)
{
	size_t n = name ? strnlen(name, MAN_NAME_MAX + 1) : 0;

	return man_name_syntax(name, n) && !man_name_reserved(name, n);
}

const char *cap_name(enum cap_bit bit)
{
	for (size_t i = 0; i < COUNT(cap_names); i++)
		if (cap_names[i].bit == (unsigned)bit)
			return cap_names[i].name;
	return NULL;
}

/* A list cut short keeps only whole names: a half name ("fil") could be
 * read as a different capability. */
void cap_format(unsigned caps, char *buf, size_t len)
{
	size_t used = 0;

	if (!buf || len == 0)
		return;
	buf[0] = '\0';
	for (size_t i = 0; i < COUNT(cap_names); i++) {
		size_t n = strlen(cap_names[i].name) + (used ? 1 : 0);

		if (!(caps & cap_names[i].bit))
			continue;
		if (n >= len - used)
			return;
		snprintf(buf + used, len - used, "%s%s", used ? "," : "", cap_names[i].name);
		used += n;
	}
	if (!used)
		snprintf(buf, len, "none");
}

unsigned cap_from_name(const char *name)
{
	for (size_t i = 0; name && i < COUNT(cap_names); i++)
		if (strcmp(name, cap_names[i].name) == 0)
			return cap_names[i].bit;
	return 0;
}

const char *restart_policy_name(enum restart_policy p)
{
	if ((unsigned)p >= COUNT(policy_names))
		return "unknown";
	return policy_names[p];
}

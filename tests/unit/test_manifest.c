/* Unit tests for lib/manifest: the vyoma.toml and boot.toml schemas, their
 * defaults, every range at both edges, every refusal with file:line:col,
 * loading from disk, and the capability helpers. A manifest decides what
 * an app may touch, so each accepted value is checked field by field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "manifest.h"
#include "semver.h"
#include "toml.h"

static const char example_app[] =
	"name = \"clock\"                 # required\n"
	"description = \"A clock\"        # optional\n"
	"component = \"clock.wasm\"       # optional\n"
	"[capabilities]\n"
	"stdio = true\nfilesystem = false\nnetwork = false\ndisplay = true\n"
	"shell = false\nmouse = false\nwatchdog_secs = 10\n"
	"[restart]\npolicy = \"on-failure\"\nmax_failures = 5\nwindow_secs = 60\n"
	"[limits]\nmemory_mb = 64\n"
	"[window]\nwidth = 320\nheight = 200\n";

static const char example_boot[] =
	"apps_dir = \"apps\"              # optional\n"
	"[[app]]\nname = \"shell\"\nx = 8\ny = 24\nwidth = 480\nheight = 320\n"
	"[[app]]\nname = \"clock\"\n";

static void app_ok(const char *s, struct manifest *m)
{
	struct man_error e;

	if (man_parse_app(s, strlen(s), "vyoma.toml", m, &e) < 0)
		fail_msg("refused %d:%d %s\n--\n%s", e.line, e.col, e.msg, s);
}

static void app_bad(const char *s, int line, int col, const char *sub)
{
	struct manifest m;
	struct man_error e;

	if (man_parse_app(s, strlen(s), "apps/x/vyoma.toml", &m, &e) == 0)
		fail_msg("accepted:\n%s", s);
	if (e.line != line || e.col != col || !strstr(e.msg, sub))
		fail_msg("for\n%s\ngot %d:%d '%s', want %d:%d '%s'", s, e.line, e.col, e.msg,
			 line, col, sub);
	assert_string_equal(e.file, "apps/x/vyoma.toml");
	/* a refused manifest leaves nothing half-filled behind */
	assert_string_equal(m.name, "");
	assert_int_equal(m.caps, 0);
}

static void boot_ok(const char *s, struct boot_config *b)
{
	struct man_error e;

	if (man_parse_boot(s, strlen(s), "boot.toml", b, &e) < 0)
		fail_msg("refused %d:%d %s\n--\n%s", e.line, e.col, e.msg, s);
}

static void boot_bad(const char *s, int line, int col, const char *sub)
{
	static struct boot_config b;
	struct man_error e;

	if (man_parse_boot(s, strlen(s), "boot.toml", &b, &e) == 0)
		fail_msg("accepted:\n%s", s);
	if (e.line != line || e.col != col || !strstr(e.msg, sub))
		fail_msg("for\n%s\ngot %d:%d '%s', want %d:%d '%s'", s, e.line, e.col, e.msg,
			 line, col, sub);
	assert_int_equal(b.n, 0);
}

static void test_example_app(void **state)
{
	struct manifest m;

	(void)state;
	app_ok(example_app, &m);
	assert_string_equal(m.name, "clock");
	assert_string_equal(m.description, "A clock");
	assert_string_equal(m.component, "clock.wasm");
	assert_int_equal(m.caps, CAP_STDIO | CAP_DISPLAY);
	assert_true(m.watchdog_secs == 10 && m.restart == RESTART_ON_FAILURE);
	assert_true(m.max_failures == 5 && m.window_secs == 60 && m.memory_mb == 64);
	assert_true(m.win_w == 320 && m.win_h == 200);
}

static void test_defaults(void **state)
{
	struct manifest m;

	(void)state;
	memset(&m, 0xA5, sizeof m);
	app_ok("name = \"hello-2\"\n", &m);
	assert_string_equal(m.name, "hello-2");
	assert_string_equal(m.description, "");
	assert_string_equal(m.component, "hello-2.wasm");
	assert_true(m.caps == 0 && m.watchdog_secs == 0 && m.restart == RESTART_ON_FAILURE);
	assert_true(m.max_failures == MAN_DEFAULT_MAX_FAILS && m.window_secs == MAN_DEFAULT_WINDOW_SECS);
	assert_true(m.memory_mb == MAN_DEFAULT_MEMORY_MB && m.win_w == 0 && m.win_h == 0);
	/* empty sections change nothing */
	app_ok("name = \"a\"\n[capabilities]\n[restart]\n[limits]\n[window]\n", &m);
	assert_int_equal(m.caps, 0);
	assert_int_equal(m.memory_mb, 64);
	/* keys may come in any order, sections too, after blank lines */
	app_ok("\n\nname = 'late'\n[limits]\nmemory_mb = 7\n[capabilities]\nmouse = true\n[restart]\n"
	       "window_secs = 9\n[window]\nheight = 99\n", &m);
	assert_string_equal(m.name, "late");
	assert_int_equal(m.memory_mb, 7);
	assert_int_equal(m.caps, CAP_MOUSE);
	assert_int_equal(m.window_secs, 9);
	assert_int_equal(m.max_failures, MAN_DEFAULT_MAX_FAILS);
	/* one window dimension alone is allowed: the other stays default */
	assert_int_equal(m.win_w, 0);
	assert_int_equal(m.win_h, 99);
}

static void test_capabilities(void **state)
{
	static const struct { const char *key; unsigned bit; } caps[] = {
		{ "stdio", CAP_STDIO }, { "filesystem", CAP_FILESYSTEM },
		{ "network", CAP_NETWORK }, { "display", CAP_DISPLAY },
		{ "shell", CAP_SHELL }, { "mouse", CAP_MOUSE },
	};
	char buf[256];
	struct manifest m;
	unsigned all = 0;

	(void)state;
	for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		snprintf(buf, sizeof buf, "name = \"a\"\n[capabilities]\n%s = true\n", caps[i].key);
		app_ok(buf, &m);
		assert_int_equal(m.caps, caps[i].bit);
		snprintf(buf, sizeof buf, "name = \"a\"\n[capabilities]\n%s = false\n", caps[i].key);
		app_ok(buf, &m);
		assert_int_equal(m.caps, 0);
		all |= caps[i].bit;
	}
	app_ok("name = \"a\"\n[capabilities]\nstdio = true\nfilesystem = true\nnetwork = true\n"
	       "display = true\nshell = true\nmouse = true\nwatchdog_secs = 86400\n", &m);
	assert_int_equal(m.caps, all);
	assert_int_equal(m.watchdog_secs, 86400);
}

static void test_names(void **state)
{
	static const char *const good[] = { "a", "z9", "my-app", "a-", "abcdefghijklmnopqrstuvwxyz01234" };
	static const char *const bad[] = {
		"", "A", "Clock", "9lives", "-a", "my_app", "my app", "caf\xc3\xa9",
		"abcdefghijklmnopqrstuvwxyz012345",
	};
	static const char *const reserved[] = { "supervisor", "broadcast", "reply", "all", "system",
						"console" };
	char buf[128];
	struct manifest m;

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		snprintf(buf, sizeof buf, "name = \"%s\"", good[i]);
		app_ok(buf, &m);
		assert_string_equal(m.name, good[i]);
		assert_true(man_valid_name(good[i]));
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(buf, sizeof buf, "# x\nname = \"%s\"", bad[i]);
		app_bad(buf, 2, 8, "'name' must match [a-z][a-z0-9-]* and be at most 31 bytes");
		assert_false(man_valid_name(bad[i]));
	}
	for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++) {
		snprintf(buf, sizeof buf, "name = \"%s\"", reserved[i]);
		app_bad(buf, 1, 8, "is a reserved name");
		assert_false(man_valid_name(reserved[i]));
	}
	assert_false(man_valid_name(NULL));
	assert_true(man_valid_name("allx"));
	assert_true(man_name_syntax("console", 7));
	assert_true(man_name_reserved("console", 7));
	assert_false(man_name_reserved("consoles", 8));
	app_bad("name = \"a\\nb\"", 1, 8, "(got \"a?b\")");
}

/* version: MAJOR.MINOR.PATCH, default 0.1.0, compared numerically */
static void test_version(void **state)
{
	static const char *const bad[] = { "1.2", "1.2.3.4", "01.2.3", "1.02.3", "a.b.c", "1..3",
					   "100000.0.0", "1.2.3 ", "", "-1.2.3", "1.2.3-rc1" };
	char text[96];
	struct manifest m;

	(void)state;
	app_ok("name = \"a\"\n", &m);
	assert_string_equal(m.version, "0.1.0");
	app_ok("name = \"a\"\nversion = \"99999.0.10\"\n", &m);
	assert_string_equal(m.version, "99999.0.10");
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(text, sizeof text, "name = \"a\"\nversion = \"%s\"\n", bad[i]);
		app_bad(text, 2, 11, "'version' must be MAJOR.MINOR.PATCH");
		assert_false(semver_valid(bad[i]));
	}
	app_bad("name = \"a\"\nversion = 1\n", 2, 11, "'version' must be a string");
	assert_true(semver_cmp("0.10.0", "0.9.0") > 0);
	assert_true(semver_cmp("1.0.0", "1.0.0") == 0);
	assert_true(semver_cmp("1.0.0", "1.0.1") < 0);
}

static void test_missing_name(void **state)
{
	struct manifest m;
	struct man_error e;
	char buf[400];

	(void)state;
	assert_int_equal(man_parse_app("", 0, "apps/x/vyoma.toml", &m, &e), -1);
	assert_int_equal(e.line, 0);
	assert_string_equal(e.msg, "missing required key 'name'");
	man_error_format(&e, buf, sizeof buf);
	assert_string_equal(buf, "apps/x/vyoma.toml: missing required key 'name'");
	app_bad("[capabilities]\nstdio = true\n", 0, 0, "missing required key 'name'");
}

static void test_unknown_keys(void **state)
{
	(void)state;
	app_bad("name = \"a\"\nrelease = 1\n", 2, 1, "unknown key 'release'");
	app_bad("name = \"a\"\n[capabilities]\nstdio = true\n  gpu = true\n", 4, 3,
		"unknown key 'capabilities.gpu'");
	app_bad("name = \"a\"\n[restart]\ndelay = 1\n", 3, 1, "unknown key 'restart.delay'");
	app_bad("name = \"a\"\n[limits]\ncpu = 1\n", 3, 1, "unknown key 'limits.cpu'");
	app_bad("name = \"a\"\n[window]\nx = 1\n", 3, 1, "unknown key 'window.x'");
	app_bad("name = \"a\"\n[network]\n", 2, 2, "unknown key 'network'");
	app_bad("name = \"a\"\n[[plugin]]\n", 2, 3, "unknown key 'plugin'");
	app_bad("name = \"a\"\n\"Name\" = \"b\"\n", 2, 1, "unknown key 'Name'");
	app_bad("name = \"a\"\n\"st\\u0001dio\" = 1\n", 2, 1, "unknown key 'st?dio'");
	/* long keys are cut in messages, and marked as cut */
	app_bad("name = \"a\"\nabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz = 1\n",
		2, 1, "unknown key 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefgh...'");
	/* watchdog_secs lives in [capabilities], not at the top */
	app_bad("name = \"a\"\nwatchdog_secs = 5\n", 2, 1, "unknown key 'watchdog_secs'");
}

static void test_wrong_types(void **state)
{
	(void)state;
	app_bad("name = 1\n", 1, 8, "'name' must be a string, not integer");
	app_bad("name = \"a\"\ndescription = true\n", 2, 15, "'description' must be a string, not boolean");
	app_bad("name = \"a\"\ncomponent = [\"a\"]\n", 2, 13, "'component' must be a string, not array");
	app_bad("name = \"a\"\ncapabilities = 1\n", 2, 16, "'capabilities' must be a table, not integer");
	app_bad("name = \"a\"\n[[capabilities]]\n", 2, 1,
		"'capabilities' must be a table, not array of tables");
	app_bad("name = \"a\"\n[capabilities]\nstdio = \"yes\"\n", 3, 9,
		"'capabilities.stdio' must be a boolean, not string");
	app_bad("name = \"a\"\n[capabilities]\nstdio = 1\n", 3, 9, "must be a boolean, not integer");
	app_bad("name = \"a\"\n[capabilities]\nwatchdog_secs = true\n", 3, 17,
		"'capabilities.watchdog_secs' must be an integer, not boolean");
	app_bad("name = \"a\"\n[restart]\npolicy = 1\n", 3, 10, "'restart.policy' must be a string");
	app_bad("name = \"a\"\n[limits]\nmemory_mb = \"64\"\n", 3, 13, "must be an integer, not string");
	app_bad("name = \"a\"\n[window]\nwidth = [320]\n", 3, 9, "must be an integer, not array");
}

struct range_case { const char *section, *key; int64_t min, max; size_t off; bool is_int; };

static void test_ranges(void **state)
{
	static const struct range_case cases[] = {
		{ "capabilities", "watchdog_secs", 0, 86400, offsetof(struct manifest, watchdog_secs), false },
		{ "restart", "max_failures", 1, 64, offsetof(struct manifest, max_failures), false },
		{ "restart", "window_secs", 1, 86400, offsetof(struct manifest, window_secs), false },
		{ "limits", "memory_mb", 1, 4096, offsetof(struct manifest, memory_mb), false },
		{ "window", "width", 16, 4096, offsetof(struct manifest, win_w), true },
		{ "window", "height", 16, 4096, offsetof(struct manifest, win_h), true },
	};
	char buf[256], want[128];
	struct manifest m;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct range_case *c = &cases[i];
		int64_t edge[2] = { c->min, c->max }, out[2] = { c->min - 1, c->max + 1 };

		for (int j = 0; j < 2; j++) {
			int64_t got;

			snprintf(buf, sizeof buf, "name = \"a\"\n[%s]\n%s = %lld\n", c->section, c->key,
				 (long long)edge[j]);
			app_ok(buf, &m);
			got = c->is_int ? *(int *)((char *)&m + c->off)
					: (int64_t) * (unsigned *)((char *)&m + c->off);
			assert_true(got == edge[j]);

			snprintf(buf, sizeof buf, "name = \"a\"\n[%s]\n%s = %lld\n", c->section, c->key,
				 (long long)out[j]);
			snprintf(want, sizeof want, "'%s.%s' must be between %lld and %lld (got %lld)",
				 c->section, c->key, (long long)c->min, (long long)c->max,
				 (long long)out[j]);
			app_bad(buf, 3, (int)strlen(c->key) + 4, want);
		}
	}
	/* values that would wrap an unsigned or int are refused, not wrapped */
	app_bad("name = \"a\"\n[limits]\nmemory_mb = 4294967360\n", 3, 13, "(got 4294967360)");
	app_bad("name = \"a\"\n[limits]\nmemory_mb = -9223372036854775808\n", 3, 13, "must be between");
}

static void test_component_paths(void **state)
{
	static const char *const good[] = {
		"clock.wasm", "bin/clock.wasm", "./clock.wasm", "a..b.wasm", "..x/y", "a/.../b",
	};
	static const struct { const char *path, *why; } bad[] = {
		{ "", "must not be empty" },
		{ "/abs/clock.wasm", "must be relative" },
		{ "../clock.wasm", "must not contain '..'" },
		{ "bin/../../etc", "must not contain '..'" },
		{ "bin/..", "must not contain '..'" },
		{ "..", "must not contain '..'" },
		{ "bin//clock.wasm", "must not contain empty components" },
		{ "bin/", "must not contain empty components" },
		{ "my clock.wasm", "printable ASCII" },
		{ "bin\\\\clock.wasm", "printable ASCII" },
		{ "caf\xc3\xa9.wasm", "printable ASCII" },
		{ "a\\tb", "printable ASCII" },
	};
	char buf[600], long_path[MAN_PATH_MAX + 2] = "";
	struct manifest m;

	(void)state;
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		snprintf(buf, sizeof buf, "name = \"a\"\ncomponent = \"%s\"\n", good[i]);
		app_ok(buf, &m);
		assert_string_equal(m.component, good[i]);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(buf, sizeof buf, "name = \"a\"\ncomponent = \"%s\"\n", bad[i].path);
		app_bad(buf, 2, 13, bad[i].why);
	}
	/* MAN_PATH_MAX bytes fit, one more does not */
	memset(long_path, 'p', sizeof long_path - 1);
	snprintf(buf, sizeof buf, "name = \"a\"\ncomponent = '%.*s'\n", MAN_PATH_MAX, long_path);
	app_ok(buf, &m);
	assert_int_equal(strlen(m.component), MAN_PATH_MAX);
	snprintf(buf, sizeof buf, "name = \"a\"\ncomponent = '%.*s'\n", MAN_PATH_MAX + 1, long_path);
	app_bad(buf, 2, 13, "'component' is too long");
}

static void test_description(void **state)
{
	char buf[300];
	struct manifest m;

	(void)state;
	app_ok("name = \"a\"\ndescription = \"Horloge \\u00e0 aiguilles, \\\"analog\\\"\"\n", &m);
	assert_string_equal(m.description, "Horloge \xc3\xa0 aiguilles, \"analog\"");
	app_ok("name = \"a\"\ndescription = \"\"\n", &m);
	assert_string_equal(m.description, "");
	snprintf(buf, sizeof buf, "name = \"a\"\ndescription = \"%0*d\"\n", MAN_DESC_MAX, 0);
	app_ok(buf, &m);
	assert_int_equal(strlen(m.description), MAN_DESC_MAX);
	snprintf(buf, sizeof buf, "name = \"a\"\ndescription = \"%0*d\"\n", MAN_DESC_MAX + 1, 0);
	app_bad(buf, 2, 15, "'description' is longer than 127 bytes");
	app_bad("name = \"a\"\ndescription = \"two\\nlines\"\n", 2, 15,
		"'description' must not contain control characters");
	app_bad("name = \"a\"\ndescription = \"a\\u007fb\"\n", 2, 15, "control characters");
	/* a tab is a control character too, even if TOML allows it raw */
	app_bad("name = \"a\"\ndescription = 'a\tb'\n", 2, 15, "control characters");
}

static void test_restart_policy(void **state)
{
	static const struct { const char *s; enum restart_policy p; } ok[] = {
		{ "never", RESTART_NEVER }, { "on-failure", RESTART_ON_FAILURE }, { "always", RESTART_ALWAYS },
	};
	char buf[128];
	struct manifest m;

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		snprintf(buf, sizeof buf, "name = \"a\"\n[restart]\npolicy = \"%s\"\n", ok[i].s);
		app_ok(buf, &m);
		assert_int_equal(m.restart, ok[i].p);
		assert_string_equal(restart_policy_name(ok[i].p), ok[i].s);
	}
	app_bad("name = \"a\"\n[restart]\npolicy = \"sometimes\"\n", 3, 10,
		"'restart.policy' must be \"never\", \"on-failure\" or \"always\" (got \"sometimes\")");
	app_bad("name = \"a\"\n[restart]\npolicy = \"Never\"\n", 3, 10, "(got \"Never\")");
	app_bad("name = \"a\"\n[restart]\npolicy = \"\"\n", 3, 10, "(got \"\")");
	assert_string_equal(restart_policy_name((enum restart_policy)7), "unknown");
}

static void test_toml_errors_pass_through(void **state)
{
	struct manifest m;
	struct man_error e;
	char buf[400];
	static const char s[] = "name = \"a\"\n[limits]\nmemory_mb = 6.4\n";

	(void)state;
	app_bad("name = \"a\"\nname = \"b\"\n", 2, 1, "duplicate key 'name'");
	app_bad("name = \"a\"\n[capabilities]\n[capabilities]\n", 3, 2, "defined twice");
	app_bad("name = \"a\"\ncapabilities.stdio = true\n", 2, 13, "dotted keys are unsupported");
	app_bad("name = \"a\"\n[window]\nwidth = 0x140\n", 3, 9, "hexadecimal");
	app_bad("name = \"a\xff\"\n", 1, 10, "invalid UTF-8");
	assert_int_equal(man_parse_app(s, sizeof s - 1, "apps/clock/vyoma.toml", &m, &e), -1);
	man_error_format(&e, buf, sizeof buf);
	assert_string_equal(buf, "apps/clock/vyoma.toml:3:13: floats are unsupported");
	/* err may be NULL, file may be NULL */
	assert_int_equal(man_parse_app(s, sizeof s - 1, NULL, &m, NULL), -1);
	assert_int_equal(man_parse_app(s, sizeof s - 1, NULL, &m, &e), -1);
	assert_string_equal(e.file, "<input>");
}

static void check_entry(const struct boot_entry *e, const char *name, bool has_pos,
			bool has_size, int x, int y, int w, int h)
{
	assert_string_equal(e->name, name);
	assert_true(e->has_pos == has_pos && e->has_size == has_size);
	assert_true(e->x == x && e->y == y && e->w == w && e->h == h);
}

static void test_example_boot(void **state)
{
	static struct boot_config b;

	(void)state;
	boot_ok(example_boot, &b);
	assert_string_equal(b.apps_dir, "apps");
	assert_int_equal(b.n, 2);
	check_entry(&b.apps[0], "shell", true, true, 8, 24, 480, 320);
	check_entry(&b.apps[1], "clock", false, false, 0, 0, 0, 0);

	boot_ok("", &b);
	assert_string_equal(b.apps_dir, "apps");
	assert_int_equal(b.n, 0);
	boot_ok("apps_dir = \"opt/vyoma/apps\"\n[[app]]\nname = \"a\"\nx = -4096\ny = 8192\n"
		"[[app]]\nname = \"b\"\nwidth = 16\nheight = 4096\n", &b);
	assert_string_equal(b.apps_dir, "opt/vyoma/apps");
	assert_int_equal(b.n, 2);
	check_entry(&b.apps[0], "a", true, false, -4096, 8192, 0, 0);
	check_entry(&b.apps[1], "b", false, true, 0, 0, 16, 4096);
}

static void test_boot_errors(void **state)
{
	static struct boot_config b;

	(void)state;
	boot_bad("[[app]]\nname = \"a\"\nx = 1\n", 3, 5, "'app.x' and 'app.y' must be given together");
	boot_bad("[[app]]\nname = \"a\"\ny = 1\n", 3, 5, "'app.x' and 'app.y' must be given together");
	boot_bad("[[app]]\nname = \"a\"\nheight = 100\n", 3, 10,
		 "'app.width' and 'app.height' must be given together");
	boot_bad("[[app]]\nname = \"a\"\nx = -4097\ny = 0\n", 3, 5,
		 "'app.x' must be between -4096 and 8192 (got -4097)");
	boot_bad("[[app]]\nname = \"a\"\nx = 0\ny = 8193\n", 4, 5, "'app.y' must be between");
	boot_bad("[[app]]\nname = \"a\"\nwidth = 15\nheight = 20\n", 3, 9,
		 "'app.width' must be between 16 and 4096 (got 15)");
	boot_bad("[[app]]\nname = \"a\"\nwidth = 20\nheight = 4097\n", 4, 10, "(got 4097)");
	boot_bad("[[app]]\nname = \"a\"\n[[app]]\nname = \"b\"\n[[app]]\nname = \"a\"\n", 6, 8,
		 "app \"a\" is listed twice (first at 2:8)");
	boot_bad("[[app]]\nname = \"a\"\n[[app]]\nx = 1\ny = 2\n", 3, 1, "[[app]] needs a 'name'");
	boot_bad("[[app]]\nname = \"Shell\"\n", 2, 8, "'app.name' must match");
	boot_bad("[[app]]\nname = \"broadcast\"\n", 2, 8, "'app.name': \"broadcast\" is a reserved name");
	boot_bad("[[app]]\nname = \"a\"\nprio = 1\n", 3, 1, "unknown key 'app.prio'");
	boot_bad("[[app]]\nname = 1\n", 2, 8, "'app.name' must be a string, not integer");
	boot_bad("[app]\nname = \"a\"\n", 1, 1, "'app' must be an array of tables, not table");
	boot_bad("app = [\"a\", \"b\"]\n", 1, 7, "'app' must be an array of tables, not array");
	boot_bad("app = []\n", 1, 7, "'app' must be an array of tables, not array");
	boot_bad("apps = 1\n", 1, 1, "unknown key 'apps'");
	boot_bad("apps_dir = \"/apps\"\n", 1, 12, "'apps_dir' must be relative");
	boot_bad("apps_dir = \"apps/../..\"\n", 1, 12, "'apps_dir' must not contain '..'");
	boot_bad("apps_dir = \"\"\n", 1, 12, "'apps_dir' must not be empty");
	boot_bad("apps_dir = 1\n", 1, 12, "'apps_dir' must be a string, not integer");
	boot_bad("[[app]]\nname = \"a\"\n[[app]]\nname = \"b\"\nx = 1.0\n", 5, 5, "floats are unsupported");
	assert_int_equal(man_parse_boot("app = 1", 7, NULL, &b, NULL), -1);
}

/* focus: a strict boolean, false by default, true for one entry at most. */
static void test_boot_focus(void **state)
{
	static struct boot_config b;

	(void)state;
	boot_ok(example_boot, &b);
	assert_false(b.apps[0].focus || b.apps[1].focus);
	boot_ok("[[app]]\nname = \"a\"\n[[app]]\nname = \"b\"\nfocus = true\n"
		"[[app]]\nname = \"c\"\nfocus = false\n", &b);
	assert_int_equal(b.n, 3);
	assert_false(b.apps[0].focus);
	assert_true(b.apps[1].focus);
	assert_false(b.apps[2].focus);
	boot_ok("[[app]]\nname = \"a\"\nfocus = false\n[[app]]\nname = \"b\"\nfocus = false\n", &b);
	assert_false(b.apps[0].focus || b.apps[1].focus);

	boot_bad("[[app]]\nname = \"a\"\nfocus = true\n[[app]]\nname = \"b\"\n"
		 "[[app]]\nname = \"c\"\nfocus = true\n", 8, 9,
		 "'app.focus' is true for \"c\" and for \"a\" (at 3:9): one app at most has the "
		 "focus at boot");
	boot_bad("[[app]]\nname = \"a\"\nfocus = 1\n", 3, 9, "'app.focus' must be a boolean, not integer");
	boot_bad("[[app]]\nname = \"a\"\nfocus = \"true\"\n", 3, 9,
		 "'app.focus' must be a boolean, not string");
	boot_bad("[[app]]\nname = \"a\"\nfocus = yes\n", 3, 9, "");
	boot_bad("[[app]]\nname = \"a\"\nfocus = True\n", 3, 9, "");
	boot_bad("[[app]]\nname = \"a\"\nFocus = true\n", 3, 1, "unknown key 'app.Focus'");
	boot_bad("focus = true\n[[app]]\nname = \"a\"\n", 1, 1, "unknown key 'focus'");
}

static void test_boot_max(void **state)
{
	static struct boot_config b;
	char *s = malloc(40 * (MAN_BOOT_MAX + 1)), *p = s;

	(void)state;
	assert_non_null(s);
	for (int i = 0; i < MAN_BOOT_MAX; i++)
		p += sprintf(p, "[[app]]\nname = \"app-%d\"\n", i);
	boot_ok(s, &b);
	assert_int_equal(b.n, MAN_BOOT_MAX);
	{
		char last[32];
		snprintf(last, sizeof last, "app-%d", MAN_BOOT_MAX - 1);
		assert_string_equal(b.apps[MAN_BOOT_MAX - 1].name, last);
	}
	sprintf(p, "[[app]]\nname = \"app-%d\"\n", MAN_BOOT_MAX);
	{
		char want[64];
		snprintf(want, sizeof want, "more than %d [[app]] entries", MAN_BOOT_MAX);
		boot_bad(s, 2 * MAN_BOOT_MAX + 1, 1, want);
	}
	free(s);
}

static char tmpdir[64];

static char *write_tmp(const char *name, const char *text, size_t len)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	return path;
}

static int make_tmpdir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/vyoma-test-manifest-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_load_files(void **state)
{
	static struct boot_config b;
	struct manifest m;
	struct man_error e;
	char path[128], msg[512], *big;

	(void)state;
	assert_int_equal(man_load_app(write_tmp("vyoma.toml", example_app, strlen(example_app)), &m, &e), 0);
	assert_string_equal(m.name, "clock");
	assert_int_equal(man_load_boot(write_tmp("boot.toml", example_boot, strlen(example_boot)), &b, &e), 0);
	assert_int_equal(b.n, 2);

	/* errors carry the path */
	snprintf(path, sizeof path, "%s", write_tmp("bad.toml", "name = \"a\"\nx = 1\n", 16));
	assert_int_equal(man_load_app(path, &m, &e), -1);
	assert_string_equal(e.file, path);
	man_error_format(&e, msg, sizeof msg);
	assert_non_null(strstr(msg, ":2:1: unknown key 'x'"));

	snprintf(path, sizeof path, "%s/missing.toml", tmpdir);
	assert_int_equal(man_load_app(path, &m, &e), -1);
	assert_int_equal(e.line, 0);
	assert_string_equal(e.msg, "cannot open: No such file or directory");
	assert_int_equal(man_load_boot(path, &b, NULL), -1);

	assert_int_equal(man_load_app(tmpdir, &m, &e), -1);
	assert_string_equal(e.msg, "not a regular file");

	/* a FIFO must be refused, not waited on */
	snprintf(path, sizeof path, "%s/fifo.toml", tmpdir);
	assert_int_equal(mkfifo(path, 0600), 0);
	assert_int_equal(man_load_boot(path, &b, &e), -1);
	assert_string_equal(e.msg, "not a regular file");

	/* 1 MiB of comment is fine; one byte more is refused by size */
	big = malloc(TOML_MAX_INPUT + 1);
	assert_non_null(big);
	memset(big, '#', TOML_MAX_INPUT + 1);
	memcpy(big, "name = \"a\"\n", 11);
	assert_int_equal(man_load_app(write_tmp("max.toml", big, TOML_MAX_INPUT), &m, &e), 0);
	assert_int_equal(man_load_app(write_tmp("big.toml", big, TOML_MAX_INPUT + 1), &m, &e), -1);
	assert_non_null(strstr(e.msg, "larger than 1048576 bytes"));
	free(big);
}

static void test_error_format(void **state)
{
	struct man_error e = { .file = "boot.toml", .line = 12, .col = 3, .msg = "bad thing" };
	char buf[64], small[8];

	(void)state;
	man_error_format(&e, buf, sizeof buf);
	assert_string_equal(buf, "boot.toml:12:3: bad thing");
	e.line = 0;
	man_error_format(&e, buf, sizeof buf);
	assert_string_equal(buf, "boot.toml: bad thing");
	man_error_format(&e, small, sizeof small);
	assert_string_equal(small, "boot.to");
	man_error_format(&e, NULL, 0);
}

static void test_cap_helpers(void **state)
{
	char buf[128], tiny[10];

	(void)state;
	assert_string_equal(cap_name(CAP_STDIO), "stdio");
	assert_string_equal(cap_name(CAP_MOUSE), "mouse");
	assert_null(cap_name((enum cap_bit)(1u << 9)));
	assert_int_equal(cap_from_name("filesystem"), CAP_FILESYSTEM);
	assert_int_equal(cap_from_name("shell"), CAP_SHELL);
	assert_int_equal(cap_from_name("Shell"), 0);
	assert_int_equal(cap_from_name("watchdog_secs"), 0);
	assert_int_equal(cap_from_name(NULL), 0);
	for (unsigned bit = 1; bit < (1u << CAP_COUNT); bit <<= 1)
		assert_int_equal(cap_from_name(cap_name((enum cap_bit)bit)), bit);
	cap_format(0, buf, sizeof buf);
	assert_string_equal(buf, "none");
	cap_format(CAP_STDIO | CAP_DISPLAY, buf, sizeof buf);
	assert_string_equal(buf, "stdio,display");
	cap_format((1u << CAP_COUNT) - 1, buf, sizeof buf);
	assert_string_equal(buf, "stdio,filesystem,network,display,shell,mouse");
	cap_format(1u << 20, buf, sizeof buf);
	assert_string_equal(buf, "none");
	/* cut short, whole names only */
	cap_format(CAP_STDIO | CAP_FILESYSTEM, tiny, sizeof tiny);
	assert_string_equal(tiny, "stdio");
	cap_format(CAP_STDIO | CAP_MOUSE, tiny, sizeof tiny);
	assert_string_equal(tiny, "stdio");
	cap_format(CAP_SHELL, tiny, 6);
	assert_string_equal(tiny, "shell");
	cap_format(CAP_SHELL, tiny, 5);
	assert_string_equal(tiny, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_app),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_capabilities),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_missing_name),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_unknown_keys),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_component_paths),
		cmocka_unit_test(test_description),
		cmocka_unit_test(test_restart_policy),
		cmocka_unit_test(test_toml_errors_pass_through),
		cmocka_unit_test(test_example_boot),
		cmocka_unit_test(test_boot_errors),
		cmocka_unit_test(test_boot_focus),
		cmocka_unit_test(test_boot_max),
		cmocka_unit_test(test_load_files),
		cmocka_unit_test(test_error_format),
		cmocka_unit_test(test_cap_helpers),
	};

	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}

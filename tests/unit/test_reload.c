/* Unit tests for supervisor/reload: the plan for every kind of change
 * between two boot lists: new, removed, manifest changed (each field),
 * placement changed, component rebuilt, broken manifest, unchanged, and
 * ordering and duplicate names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "reload.h"

static struct manifest mk(const char *name)
{
	struct manifest m;
	memset(&m, 0, sizeof m);
	snprintf(m.name, sizeof m.name, "%s", name);
	snprintf(m.component, sizeof m.component, "%s.wasm", name);
	m.caps = CAP_STDIO;
	m.restart = RESTART_ON_FAILURE;
	m.max_failures = 5;
	m.window_secs = 60;
	m.memory_mb = 64;
	return m;
}

static struct boot_entry be(const char *name)
{
	struct boot_entry b;
	memset(&b, 0, sizeof b);
	snprintf(b.name, sizeof b.name, "%s", name);
	return b;
}

static struct reload_item item(const char *name, const struct manifest *m,
			       const struct boot_entry *b)
{
	return (struct reload_item){ .name = name, .ok = true, .man = m, .boot = b,
				     .comp_mtime = 100, .comp_size = 10 };
}

static enum reload_action action_of(const struct reload_change *c, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].name, name) == 0)
			return c[i].action;
	fail_msg("no change for %s", name);
	return RELOAD_KEEP;
}

static void test_start_stop_keep(void **state)
{
	struct manifest ma = mk("a"), mb = mk("b"), mc = mk("c");
	struct boot_entry ba = be("a"), bb = be("b"), bc = be("c");
	struct reload_item old[] = { item("a", &ma, &ba), item("b", &mb, &bb) };
	struct reload_item nw[] = { item("c", &mc, &bc), item("a", &ma, &ba) };
	struct reload_change ch[4];
	size_t n;
	(void)state;
	n = reload_diff(old, 2, nw, 2, ch);
	assert_int_equal(n, 3);
	/* New-list order first, then the removed. */
	assert_string_equal(ch[0].name, "c");
	assert_int_equal(ch[0].action, RELOAD_START);
	assert_int_equal(ch[0].old_idx, -1);
	assert_string_equal(ch[1].name, "a");
	assert_int_equal(ch[1].action, RELOAD_KEEP);
	assert_string_equal(ch[2].name, "b");
	assert_int_equal(ch[2].action, RELOAD_STOP);
	assert_int_equal(ch[2].new_idx, -1);
}

static void test_each_change_restarts(void **state)
{
	struct manifest base = mk("a");
	struct boot_entry b0 = be("a");
	struct reload_change ch[2];
	(void)state;
	for (int field = 0; field < 10; field++) {
		struct manifest m = base;
		struct boot_entry b = b0;
		switch (field) {
		case 0: m.caps |= CAP_SHELL; break;
		case 1: m.watchdog_secs = 5; break;
		case 2: m.restart = RESTART_ALWAYS; break;
		case 3: m.max_failures = 2; break;
		case 4: m.window_secs = 9; break;
		case 5: m.memory_mb = 32; break;
		case 6: snprintf(m.component, sizeof m.component, "other.wasm"); break;
		case 7: m.win_w = 100; break;
		case 8: b.has_pos = true; b.x = 10; break;
		case 9: snprintf(m.description, sizeof m.description, "new words"); break;
		}
		struct reload_item old[] = { item("a", &base, &b0) };
		struct reload_item nw[] = { item("a", &m, &b) };
		assert_int_equal(reload_diff(old, 1, nw, 1, ch), 1);
		if (ch[0].action != RELOAD_RESTART)
			fail_msg("field %d: %s", field, reload_action_name(ch[0].action));
	}
}

static void test_rebuilt_component(void **state)
{
	struct manifest m = mk("a");
	struct boot_entry b = be("a");
	struct reload_item old[] = { item("a", &m, &b) };
	struct reload_item nw[] = { item("a", &m, &b) };
	struct reload_change ch[2];
	(void)state;
	nw[0].comp_mtime = 200;
	reload_diff(old, 1, nw, 1, ch);
	assert_int_equal(ch[0].action, RELOAD_RESTART);
	nw[0].comp_mtime = 100;
	nw[0].comp_size = 11;
	reload_diff(old, 1, nw, 1, ch);
	assert_int_equal(ch[0].action, RELOAD_RESTART);
}

static void test_broken_and_repaired(void **state)
{
	struct manifest m = mk("a"), n = mk("n");
	struct boot_entry b = be("a"), bn = be("n");
	struct reload_item old[] = { item("a", &m, &b) };
	struct reload_item nw[] = { item("a", &m, &b), item("n", &n, &bn) };
	struct reload_change ch[3];
	size_t k;
	(void)state;
	nw[0].ok = false;
	nw[1].ok = false;
	k = reload_diff(old, 1, nw, 2, ch);
	assert_int_equal(k, 2);
	assert_int_equal(action_of(ch, k, "a"), RELOAD_BROKEN);
	assert_int_equal(action_of(ch, k, "n"), RELOAD_BROKEN);
	/* It was broken, now it loads: restart it. */
	old[0].ok = false;
	nw[0].ok = true;
	reload_diff(old, 1, nw, 1, ch);
	assert_int_equal(ch[0].action, RELOAD_RESTART);
}

static void test_duplicates_and_empty(void **state)
{
	struct manifest m = mk("a");
	struct boot_entry b = be("a");
	struct reload_item old[] = { item("a", &m, &b), item("a", &m, &b) };
	struct reload_item nw[] = { item("a", &m, &b), item("a", &m, &b) };
	struct reload_change ch[4];
	(void)state;
	assert_int_equal(reload_diff(old, 2, nw, 2, ch), 1);
	assert_int_equal(ch[0].action, RELOAD_KEEP);
	assert_int_equal(reload_diff(old, 2, nw, 0, ch), 1);
	assert_int_equal(ch[0].action, RELOAD_STOP);
	assert_int_equal(reload_diff(old, 0, nw, 1, ch), 1);
	assert_int_equal(ch[0].action, RELOAD_START);
	assert_int_equal(reload_diff(old, 0, nw, 0, ch), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_stop_keep),
		cmocka_unit_test(test_each_change_restarts),
		cmocka_unit_test(test_rebuilt_component),
		cmocka_unit_test(test_broken_and_repaired),
		cmocka_unit_test(test_duplicates_and_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

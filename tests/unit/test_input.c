/* test_input: key names (every spelling docs/input.md allows round-trips,
 * everything else is refused), the terminal byte-stream parser (characters,
 * control keys, escape sequences with modifiers, Alt as an ESC prefix, cut
 * sequences and UTF-8 across reads, garbage), the evdev key map (Shift,
 * Caps Lock, keypad, modifiers alone), and the router with no window. */
#include <linux/input-event-codes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "input.h"

static void test_names_round_trip(void **state)
{
	static const char *const good[] = {
		"a", "A", "z", "0", "!", "~", ":", ",", "+", "\xc3\xa9", "\xe2\x82\xac",
		"\xf0\x9f\x98\x80", "Space", "Enter", "Tab", "Backspace", "Escape", "Delete",
		"Insert", "Home", "End", "PageUp", "PageDown", "Up", "Down", "Left", "Right", "F1",
		"F12", "Ctrl+c", "Ctrl+C", "Alt+x", "Ctrl+Alt+Delete", "Shift+Tab", "Shift+Space",
		"Ctrl+Alt+Shift+F5", "Ctrl++", "Alt+:", "Ctrl+Shift+Up",
	};
	char out[INPUT_NAME_MAX];
	struct input_key k;
	(void)state;

	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		if (input_key_parse(good[i], &k) != 0)
			fail_msg("refused %s", good[i]);
		assert_int_equal(input_key_format(&k, out, sizeof out), 0);
		assert_string_equal(out, good[i]);
	}
	assert_int_equal(input_key_parse("Ctrl+Alt+Shift+F5", &k), 0);
	assert_int_equal(k.mods, INPUT_CTRL | INPUT_ALT | INPUT_SHIFT);
	assert_string_equal(k.base, "F5");
	assert_int_equal(input_key_parse("Ctrl++", &k), 0);
	assert_int_equal(k.mods, INPUT_CTRL);
	assert_string_equal(k.base, "+");
}

static void test_names_refused(void **state)
{
	static const char *const bad[] = {
		"", " ", "space", "enter", "Shift+a", "Shift+A", "shift+Tab", "Alt+Ctrl+x",
		"Ctrl+Ctrl+a", "Ctrl+", "Ctrl", "ab", "F0", "F13", "F1 ", " a", "\x07", "\x7f",
		"\xc2\x85", /* U+0085, a C1 control */ "\xff", "\xc3", "\xc3\xa9\xc3\xa9", "a+b",
		"Meta+a", "Ctrl+Alt+Shift+Ctrl+a", "Backspace2",
	};
	struct input_key k;
	char out[INPUT_NAME_MAX];
	(void)state;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (input_key_parse(bad[i], &k) == 0)
			fail_msg("accepted '%s' (entry %zu)", bad[i], i);
	/* format refuses what no device can produce */
	k = (struct input_key){ .mods = INPUT_SHIFT, .base = "a" };
	assert_int_equal(input_key_format(&k, out, sizeof out), -1);
	k = (struct input_key){ .mods = 8, .base = "a" };
	assert_int_equal(input_key_format(&k, out, sizeof out), -1);
	k = (struct input_key){ .mods = INPUT_CTRL | INPUT_ALT | INPUT_SHIFT, .base = "PageDown" };
	assert_int_equal(input_key_format(&k, out, 10), -1); /* does not fit: refused, not cut */
}

/* ---- the terminal parser ---------------------------------------------------------- */

struct got {
	char names[16][INPUT_NAME_MAX];
	int n;
};

static void collect(const struct input_key *k, void *ctx)
{
	struct got *g = ctx;

	assert_true(g->n < 16);
	assert_int_equal(input_key_format(k, g->names[g->n++], INPUT_NAME_MAX), 0);
}

/* Parse s; check the names (joined by '|') and the bytes used. */
static void expect_tty(const char *s, bool final, const char *want, size_t want_used)
{
	struct got g = { .n = 0 };
	char joined[256] = "";
	size_t used = input_tty_parse((const unsigned char *)s, strlen(s), final, collect, &g);

	for (int i = 0; i < g.n; i++) {
		if (i)
			strcat(joined, "|");
		strcat(joined, g.names[i]);
	}
	if (strcmp(joined, want) != 0 || used != want_used)
		fail_msg("tty '%s': got '%s' (%zu bytes), want '%s' (%zu)", s, joined, used, want,
			 want_used);
}

static void test_tty_keys(void **state)
{
	(void)state;
	expect_tty("aZ9~", false, "a|Z|9|~", 4);
	expect_tty(" ", false, "Space", 1);
	expect_tty("\r\n\t\x7f\x08", false, "Enter|Enter|Tab|Backspace|Backspace", 5);
	expect_tty("\x01\x03\x1a", false, "Ctrl+a|Ctrl+c|Ctrl+z", 3);
	expect_tty("\x00", false, "", 0); /* strlen stops: NUL is tested below */
	expect_tty("\x1c\x1d\x1e\x1f", false, "Ctrl+\\|Ctrl+]|Ctrl+^|Ctrl+_", 4);
	expect_tty("\xc3\xa9\xe2\x82\xac", false, "\xc3\xa9|\xe2\x82\xac", 5);
	expect_tty("\x1b[A\x1b[B\x1b[C\x1b[D\x1b[H\x1b[F", false, "Up|Down|Right|Left|Home|End", 18);
	expect_tty("\x1bOA\x1bOP\x1bOS", false, "Up|F1|F4", 9);
	expect_tty("\x1b[2~\x1b[3~\x1b[5~\x1b[6~", false, "Insert|Delete|PageUp|PageDown", 16);
	expect_tty("\x1b[15~\x1b[21~\x1b[24~", false, "F5|F10|F12", 15);
	expect_tty("\x1b[1;5A\x1b[1;2B\x1b[1;3C\x1b[1;8D", false,
		   "Ctrl+Up|Shift+Down|Alt+Right|Ctrl+Alt+Shift+Left", 24);
	expect_tty("\x1b[5;5~\x1b[1;2P", false, "Ctrl+PageUp|Shift+F1", 12);
	expect_tty("\x1b[Z", false, "Shift+Tab", 3);
	expect_tty("\x1bx\x1b\r\x1b\x7f", false, "Alt+x|Alt+Enter|Alt+Backspace", 6);
	expect_tty("\x1b\x1b[A", false, "Escape|Up", 4);
}

static void test_tty_partial_and_garbage(void **state)
{
	struct got g = { .n = 0 };
	(void)state;

	/* a sequence cut by the end of a read waits for more, unless final */
	expect_tty("ab\x1b", false, "a|b", 2);
	expect_tty("ab\x1b", true, "a|b|Escape", 3);
	expect_tty("x\x1b[1;5", false, "x", 1);
	expect_tty("\x1b[1;5", true, "Escape|[|1|;|5", 5);
	expect_tty("\x1bO", false, "", 0);
	/* a UTF-8 character cut in two */
	expect_tty("a\xe2\x82", false, "a", 1);
	expect_tty("a\xe2\x82", true, "a", 3);
	/* stray bytes and unknown sequences are skipped, not turned into keys */
	expect_tty("\x80\xff" "a", false, "a", 3);
	expect_tty("\x1b[99~b", false, "b", 6);
	expect_tty("\x1b[?1;2cq", false, "q", 8);
	/* ESC [ and 14 digits, then noise: dropped; the rest are keys */
	expect_tty("\x1b[11111111111111111111A", false, "1|1|1|1|1|1|A", 23);
	/* NUL is Ctrl+Space */
	assert_int_equal(input_tty_parse((const unsigned char *)"\0", 1, false, collect, &g), 1);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.names[0], "Ctrl+Space");
}

/* ---- evdev ---------------------------------------------------------------------- */

static void expect_evdev(unsigned code, unsigned mods, bool caps, const char *want)
{
	struct input_key k;
	char out[INPUT_NAME_MAX];

	if (!want) {
		assert_int_equal(input_evdev_key(code, mods, caps, &k), -1);
		return;
	}
	assert_int_equal(input_evdev_key(code, mods, caps, &k), 0);
	assert_int_equal(input_key_format(&k, out, sizeof out), 0);
	if (strcmp(out, want) != 0)
		fail_msg("evdev %u mods %u caps %d: got %s, want %s", code, mods, caps, out, want);
}

static void test_evdev_keymap(void **state)
{
	(void)state;
	expect_evdev(KEY_A, 0, false, "a");
	expect_evdev(KEY_A, INPUT_SHIFT, false, "A");
	expect_evdev(KEY_A, 0, true, "A");
	expect_evdev(KEY_A, INPUT_SHIFT, true, "a");
	expect_evdev(KEY_1, 0, true, "1");
	expect_evdev(KEY_2, INPUT_SHIFT, false, "@");
	expect_evdev(KEY_SLASH, INPUT_SHIFT, false, "?");
	expect_evdev(KEY_C, INPUT_CTRL, false, "Ctrl+c");
	expect_evdev(KEY_C, INPUT_CTRL | INPUT_SHIFT, false, "Ctrl+C");
	expect_evdev(KEY_X, INPUT_ALT, false, "Alt+x");
	expect_evdev(KEY_SPACE, 0, false, "Space");
	expect_evdev(KEY_ENTER, INPUT_SHIFT, false, "Shift+Enter");
	expect_evdev(KEY_TAB, INPUT_ALT | INPUT_SHIFT, false, "Alt+Shift+Tab");
	expect_evdev(KEY_F12, 0, false, "F12");
	expect_evdev(KEY_DELETE, INPUT_CTRL | INPUT_ALT, false, "Ctrl+Alt+Delete");
	expect_evdev(KEY_KP7, INPUT_SHIFT, false, "7");
	expect_evdev(KEY_KPENTER, 0, false, "Enter");
	expect_evdev(KEY_102ND, INPUT_SHIFT, false, ">");
	expect_evdev(KEY_LEFTSHIFT, 0, false, NULL);
	expect_evdev(KEY_CAPSLOCK, 0, false, NULL);
	expect_evdev(KEY_RESERVED, 0, false, NULL);
	expect_evdev(KEY_MUTE, 0, false, NULL);
	expect_evdev(100000, 0, false, NULL);
}

/* No display module started: no window, so a key is dropped and counted. */
static void test_router_without_windows(void **state)
{
	struct input_key k = { .base = "a" };
	unsigned long long before = input_get_stats()->keys_dropped;
	(void)state;

	input_key_event(&k);
	assert_int_equal(input_get_stats()->keys_dropped, before + 1);
	assert_int_equal(input_get_stats()->keys, 0);
	input_pointer_event(5, 5, INPUT_BTN_LEFT, INPUT_PTR_DOWN);
	input_pointer_event(5, 5, INPUT_BTN_LEFT, INPUT_PTR_UP);
	input_pointer_event(5, 5, 0, INPUT_PTR_MOVE);
	assert_int_equal(input_get_stats()->mouse, 0);
	assert_string_equal(input_ptr_ev_name(INPUT_PTR_UP), "up");
	assert_string_equal(input_ptr_ev_name((enum input_ptr_ev)7), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_names_refused),
		cmocka_unit_test(test_tty_keys),
		cmocka_unit_test(test_tty_partial_and_garbage),
		cmocka_unit_test(test_evdev_keymap),
		cmocka_unit_test(test_router_without_windows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for lib/toml: every supported construct, every class of
 * refusal with its exact line and column, and the limits at their edges.
 * The parser guards PID 1's boot path, so an error that moves or a refusal
 * that turns into acceptance must fail here first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toml.h"

static struct toml_doc *parse_ok(const char *s, size_t len)
{
	struct toml_error e;
	struct toml_doc *d = toml_parse(s, len, &e);

	if (!d)
		fail_msg("unexpected error %d:%d: %s", e.line, e.col, e.msg);
	return d;
}

static void check_bad(const char *s, size_t len, int line, int col, const char *sub)
{
	struct toml_error e;
	struct toml_doc *d = toml_parse(s, len, &e);

	if (d) {
		toml_free(d);
		fail_msg("accepted: %.60s", s);
	}
	if (e.line != line || e.col != col || !strstr(e.msg, sub))
		fail_msg("for %.60s: got %d:%d '%s', want %d:%d '%s'", s, e.line, e.col, e.msg,
			 line, col, sub);
}

#define OK(s) parse_ok((s), sizeof(s) - 1)
#define BAD(s, l, c, sub) check_bad((s), sizeof(s) - 1, (l), (c), (sub))

static int64_t get_int(const struct toml_node *t, const char *key)
{
	int64_t v = 0;

	assert_int_equal(toml_int(toml_get(t, key), &v), 0);
	return v;
}

static const char *get_str(const struct toml_node *t, const char *key)
{
	const char *s = toml_string(toml_get(t, key), NULL);

	assert_non_null(s);
	return s;
}

static void test_empty_and_comments(void **state)
{
	struct toml_doc *d;

	(void)state;
	d = OK("");
	assert_int_equal(toml_table_len(toml_root(d)), 0);
	toml_free(d);
	d = OK("# only a comment\n\n   \t\n# another # with hash\n#");
	assert_int_equal(toml_table_len(toml_root(d)), 0);
	assert_int_equal(toml_type(toml_root(d)), TOML_TABLE);
	toml_free(d);
	d = toml_parse(NULL, 0, NULL);
	assert_non_null(d);
	toml_free(d);
	toml_free(NULL);
}

static void test_keys(void **state)
{
	struct toml_doc *d = OK("bare_key-1 = 1\n\"quoted key\" = 2\n'lit.key' = 3\n"
				"  \"\\u00e9t\\u00e9\" = 4\n1234 = 5\n\"\" = 6\n");
	const struct toml_node *r = toml_root(d);
	struct toml_entry e;

	(void)state;
	assert_int_equal(toml_table_len(r), 6);
	assert_int_equal(get_int(r, "bare_key-1"), 1);
	assert_int_equal(get_int(r, "quoted key"), 2);
	assert_int_equal(get_int(r, "lit.key"), 3);
	assert_int_equal(get_int(r, "\xc3\xa9t\xc3\xa9"), 4);
	assert_int_equal(get_int(r, "1234"), 5);
	assert_int_equal(get_int(r, ""), 6);
	assert_null(toml_get(r, "missing"));
	/* definition order and key positions */
	assert_int_equal(toml_table_entry(r, 3, &e), 0);
	assert_string_equal(e.key, "\xc3\xa9t\xc3\xa9");
	assert_int_equal(e.key_len, 5);
	assert_int_equal(e.line, 4);
	assert_int_equal(e.col, 3);
	assert_int_equal(toml_table_entry(r, 6, &e), -1);
	toml_free(d);
}

static void test_basic_strings(void **state)
{
	struct toml_doc *d = OK("a = \"q\\\" b\\\\ n\\n t\\t r\\r b\\b f\\f\"\n"
				"u = \"\\u00E9\\u20ac\"\nU = \"\\U0001F600\\U0000007A\"\n"
				"e = \"\"\nraw = \"\xc3\xa9\xe2\x82\xac\tend\"\n");
	const struct toml_node *r = toml_root(d);
	size_t len = 0;

	(void)state;
	assert_string_equal(get_str(r, "a"), "q\" b\\ n\n t\t r\r b\b f\f");
	assert_string_equal(get_str(r, "u"), "\xc3\xa9\xe2\x82\xac");
	assert_string_equal(get_str(r, "U"), "\xf0\x9f\x98\x80z");
	assert_string_equal(toml_string(toml_get(r, "e"), &len), "");
	assert_int_equal(len, 0);
	assert_string_equal(toml_string(toml_get(r, "raw"), &len), "\xc3\xa9\xe2\x82\xac\tend");
	assert_int_equal(len, 9);
	assert_int_equal(toml_line(toml_get(r, "u")), 2);
	assert_int_equal(toml_col(toml_get(r, "u")), 5);
	toml_free(d);
}

static void test_literal_strings(void **state)
{
	struct toml_doc *d = OK("p = 'C:\\path\\n \"x\"'\ne = ''\n");
	const struct toml_node *r = toml_root(d);

	(void)state;
	assert_string_equal(get_str(r, "p"), "C:\\path\\n \"x\"");
	assert_string_equal(get_str(r, "e"), "");
	toml_free(d);
}

static void test_integers(void **state)
{
	struct toml_doc *d = OK("a = 0\nb = +0\nc = -0\nd = 42\ne = +17\nf = -5\n"
				"g = 1_000_000\nh = 9223372036854775807\n"
				"i = -9223372036854775808\nj = 5_3_1\n");
	const struct toml_node *r = toml_root(d);

	(void)state;
	assert_int_equal(get_int(r, "a"), 0);
	assert_int_equal(get_int(r, "b"), 0);
	assert_int_equal(get_int(r, "c"), 0);
	assert_int_equal(get_int(r, "d"), 42);
	assert_int_equal(get_int(r, "e"), 17);
	assert_true(get_int(r, "f") == -5);
	assert_int_equal(get_int(r, "g"), 1000000);
	assert_true(get_int(r, "h") == INT64_MAX);
	assert_true(get_int(r, "i") == INT64_MIN);
	assert_int_equal(get_int(r, "j"), 531);
	toml_free(d);
}

static void test_booleans(void **state)
{
	struct toml_doc *d = OK("t = true\nf = false # no\n");
	bool b = false;

	(void)state;
	assert_int_equal(toml_bool(toml_get(toml_root(d), "t"), &b), 0);
	assert_true(b);
	assert_int_equal(toml_bool(toml_get(toml_root(d), "f"), &b), 0);
	assert_false(b);
	assert_string_equal(toml_type_name(toml_get(toml_root(d), "t")), "boolean");
	toml_free(d);
}

static void test_arrays(void **state)
{
	struct toml_doc *d = OK("i = [1, 2, 3]\ns = [ \"a\", 'b' ]\nb = [true,false,]\n"
				"e = []\nm = [ # open\n  10,\n\n  # between\n  20 , # after\n]\n"
				"e2 = [\n]\n");
	const struct toml_node *r = toml_root(d), *m = toml_get(r, "m");
	int64_t v;

	(void)state;
	assert_int_equal(toml_array_len(toml_get(r, "i")), 3);
	assert_int_equal(toml_int(toml_array_at(toml_get(r, "i"), 2), &v), 0);
	assert_int_equal(v, 3);
	assert_string_equal(toml_string(toml_array_at(toml_get(r, "s"), 1), NULL), "b");
	assert_int_equal(toml_array_len(toml_get(r, "b")), 2);
	assert_int_equal(toml_array_len(toml_get(r, "e")), 0);
	assert_int_equal(toml_array_len(toml_get(r, "e2")), 0);
	assert_int_equal(toml_type(m), TOML_ARRAY);
	assert_false(toml_is_table_array(m));
	assert_string_equal(toml_type_name(m), "array");
	assert_int_equal(toml_array_len(m), 2);
	assert_int_equal(toml_line(m), 5);
	assert_int_equal(toml_col(m), 5);
	assert_int_equal(toml_line(toml_array_at(m, 1)), 9);
	assert_int_equal(toml_col(toml_array_at(m, 1)), 3);
	assert_null(toml_array_at(m, 2));
	toml_free(d);
}

static void test_tables(void **state)
{
	struct toml_doc *d = OK("top = 1\n[first]\na = 1\n  [ \"second table\" ]  # c\nb = 2\n"
				"[[app]]\nname = \"x\"\n[[ app ]]\nname = \"y\"\n[third]\n");
	const struct toml_node *r = toml_root(d), *apps = toml_get(r, "app");
	struct toml_entry e;

	(void)state;
	assert_int_equal(toml_table_len(r), 5);
	assert_int_equal(get_int(r, "top"), 1);
	assert_int_equal(get_int(toml_get(r, "first"), "a"), 1);
	assert_null(toml_get(toml_get(r, "first"), "b"));
	assert_int_equal(get_int(toml_get(r, "second table"), "b"), 2);
	assert_int_equal(toml_table_len(toml_get(r, "third")), 0);
	assert_true(toml_is_table_array(apps));
	assert_string_equal(toml_type_name(apps), "array of tables");
	assert_int_equal(toml_array_len(apps), 2);
	assert_string_equal(get_str(toml_array_at(apps, 0), "name"), "x");
	assert_string_equal(get_str(toml_array_at(apps, 1), "name"), "y");
	/* a table node points at its header, its entry at the name */
	assert_int_equal(toml_line(toml_array_at(apps, 1)), 8);
	assert_int_equal(toml_col(toml_array_at(apps, 1)), 1);
	assert_int_equal(toml_table_entry(r, 2, &e), 0);
	assert_string_equal(e.key, "second table");
	assert_int_equal(e.line, 4);
	assert_int_equal(e.col, 5);
	assert_string_equal(toml_type_name(e.value), "table");
	toml_free(d);
}

static void test_crlf_and_columns(void **state)
{
	struct toml_doc *d = OK("a = 1\r\nb = \"x\" # c\r\n[t]\r\nc = [1,\r\n2]\r\n");

	(void)state;
	assert_int_equal(toml_line(toml_get(toml_root(d), "b")), 2);
	assert_int_equal(toml_array_len(toml_get(toml_get(toml_root(d), "t"), "c")), 2);
	assert_int_equal(toml_line(toml_array_at(toml_get(toml_get(toml_root(d), "t"), "c"), 1)), 5);
	toml_free(d);
	/* columns count characters, not bytes */
	BAD("\"\xc3\xa9\xe2\x82\xac\" = 1 2", 1, 10, "unexpected '2'");
	BAD("a = 1\r\nb = 2 3\r\n", 2, 7, "unexpected '3'");
	BAD("a = 1\tx", 1, 7, "unexpected 'x' after value");
}

static void test_accessor_type_checks(void **state)
{
	struct toml_doc *d = OK("s = \"x\"\ni = 1\n");
	const struct toml_node *r = toml_root(d), *s = toml_get(r, "s"), *i = toml_get(r, "i");
	int64_t v;
	bool b;

	(void)state;
	assert_null(toml_string(i, NULL));
	assert_int_equal(toml_int(s, &v), -1);
	assert_int_equal(toml_bool(s, &b), -1);
	assert_null(toml_get(s, "x"));
	assert_null(toml_array_at(s, 0));
	assert_int_equal(toml_array_len(s), 0);
	assert_int_equal(toml_table_len(i), 0);
	assert_null(toml_get(r, NULL));
	assert_null(toml_get(NULL, "s"));
	assert_null(toml_root(NULL));
	assert_string_equal(toml_type_name(NULL), "nothing");
	assert_string_equal(toml_type_name(i), "integer");
	assert_string_equal(toml_type_name(s), "string");
	toml_free(d);
}

static void test_unsupported(void **state)
{
	(void)state;
	BAD("a = 1.5", 1, 5, "floats are unsupported");
	BAD("a = -1e5", 1, 5, "floats are unsupported");
	BAD("a = 3E2", 1, 5, "floats are unsupported");
	BAD("x = 1\na = inf", 2, 5, "floats are unsupported");
	BAD("a = -nan", 1, 5, "floats are unsupported");
	BAD("a = 1979-05-27", 1, 5, "dates and times are unsupported");
	BAD("a = 1979-05-27T07:32:00Z", 1, 5, "dates and times are unsupported");
	BAD("a = 07:32:00", 1, 5, "dates and times are unsupported");
	BAD("a = 0xff", 1, 5, "hexadecimal, octal and binary");
	BAD("a = 0o17", 1, 5, "hexadecimal, octal and binary");
	BAD("a = 0b101", 1, 5, "hexadecimal, octal and binary");
	BAD("a = { b = 1 }", 1, 5, "inline tables are unsupported");
	BAD("a = [ { b = 1 } ]", 1, 7, "inline tables are unsupported");
	BAD("a.b = 1", 1, 2, "dotted keys are unsupported");
	BAD("\"a\" . b = 1", 1, 5, "dotted keys are unsupported");
	BAD("[a.b]", 1, 3, "dotted table names are unsupported");
	BAD("[[a . b]]", 1, 5, "dotted table names are unsupported");
	BAD("a = \"\"\"x\"\"\"", 1, 5, "multi-line strings are unsupported");
	BAD("a = '''x'''", 1, 5, "multi-line strings are unsupported");
	BAD("\"\"\"k\"\"\" = 1", 1, 1, "multi-line strings are unsupported");
	BAD("a = [[1], [2]]", 1, 6, "arrays of arrays are unsupported");
	BAD("a = [1,\n [2]]", 2, 2, "arrays of arrays are unsupported");
}

static void test_string_errors(void **state)
{
	(void)state;
	BAD("a = \"x\\qy\"", 1, 7, "invalid escape '\\q'");
	BAD("a = \"\\e\"", 1, 6, "invalid escape '\\e'");
	BAD("a = \"\\ \"", 1, 6, "invalid escape");
	BAD("a = \"\\u12\"", 1, 6, "\\u needs exactly 4 hex digits");
	BAD("a = \"\\U0001F60\"", 1, 6, "\\U needs exactly 8 hex digits");
	BAD("a = \"\\uD800\"", 1, 6, "not a Unicode scalar value");
	BAD("a = \"\\uDFFF\"", 1, 6, "not a Unicode scalar value");
	BAD("a = \"\\U00110000\"", 1, 6, "not a Unicode scalar value");
	BAD("a = \"ok\\u0000\"", 1, 8, "NUL");
	BAD("a = \"x\x01y\"", 1, 7, "control character U+0001 in string");
	BAD("a = 'x\x7fy'", 1, 7, "control character U+007F in string");
	BAD("a = \"x\x1b\"", 1, 7, "control character U+001B");
	BAD("a = \"abc\nb = 1", 1, 5, "unterminated string");
	BAD("a = 'abc\r\n", 1, 5, "unterminated string");
	BAD("a = \"abc\\\"", 1, 5, "unterminated string");
	BAD("\n\n  k = \"", 3, 7, "unterminated string");
}

static void test_integer_errors(void **state)
{
	(void)state;
	BAD("a = 9223372036854775808", 1, 5, "out of range");
	BAD("a = -9223372036854775809", 1, 5, "out of range");
	BAD("a = 99999999999999999999999", 1, 5, "out of range");
	BAD("a = 01", 1, 5, "leading zeros");
	BAD("a = -007", 1, 5, "leading zeros");
	BAD("a = 1__0", 1, 5, "'_' in an integer must be between digits");
	BAD("a = 1_", 1, 5, "'_' in an integer must be between digits");
	BAD("a = +_1", 1, 5, "invalid value");
	BAD("a = _1", 1, 5, "invalid value '_1'");
	BAD("a = +", 1, 5, "invalid value '+'");
	BAD("a = 12abc", 1, 5, "invalid integer '12abc'");
	BAD("a = 1-2", 1, 5, "invalid integer");
	BAD("a = 1:2", 1, 5, "invalid integer");
}

static void test_value_errors(void **state)
{
	(void)state;
	BAD("a = yes", 1, 5, "invalid value 'yes' (strings must be quoted)");
	BAD("a = True", 1, 5, "invalid value 'True'");
	BAD("a = true1", 1, 5, "invalid value 'true1'");
	BAD("a = ", 1, 5, "expected a value");
	BAD("a =\nb = 1", 1, 4, "unexpected end of line after '='");
	BAD("a = # c", 1, 5, "expected a value");
	BAD("a = @", 1, 5, "unexpected '@' where a value was expected");
	BAD("a = 1 2", 1, 7, "unexpected '2' after value");
	BAD("a = \"x\" \"y\"", 1, 9, "after value (expected end of line)");
	BAD("a = [1, \"x\"]", 1, 9, "mixed types in array: string after integer");
	BAD("a = [true, 1]", 1, 12, "mixed types in array: integer after boolean");
	BAD("a = [1 2]", 1, 8, "unexpected '2' in array (expected ',' or ']')");
	BAD("a = [,]", 1, 6, "unexpected ','");
	BAD("a = [1,,]", 1, 8, "unexpected ','");
	BAD("a = [1,\n2", 2, 2, "unterminated array (opened at 1:5)");
	BAD("a = [", 1, 6, "unterminated array (opened at 1:5)");
	BAD("a = [1 # c\x01\n]", 1, 11, "control character U+0001 in comment");
	BAD("a = [ # \x02\n1]", 1, 9, "control character U+0002 in comment");
	BAD("a = 1 \x01", 1, 7, "unexpected character U+0001 after value");
	BAD("a = \xe2\x82\xac", 1, 5, "unexpected character U+20AC where a value was expected");
}

static void test_structure_errors(void **state)
{
	(void)state;
	BAD("= 1", 1, 1, "unexpected '=' where a key was expected");
	BAD("a", 1, 2, "after key (expected '=')");
	BAD("a b = 1", 1, 3, "unexpected 'b' after key");
	BAD("a:1", 1, 2, "unexpected ':' after key");
	BAD("  @", 1, 3, "unexpected '@' where a key was expected");
	BAD("\xc3\xa9 = 1", 1, 1, "unexpected character U+00E9 where a key was expected");
	BAD("[a", 1, 3, "in table header (expected ']')");
	BAD("[a]]", 1, 4, "unexpected ']' after table header");
	BAD("[[a]", 1, 4, "in table header (expected ']]')");
	BAD("[[a] ]", 1, 4, "expected ']]'");
	BAD("[]", 1, 2, "where a key was expected");
	BAD("[a] b = 1", 1, 5, "unexpected 'b' after table header");
	BAD("[ \"abc", 1, 3, "unterminated string");
	BAD("[[\"a\\qb\"]]", 1, 5, "invalid escape '\\q'");
	BAD("[\"a\"b]", 1, 5, "unexpected 'b' in table header");
	BAD("# c\x7f", 1, 4, "control character U+007F in comment");
	BAD("a = 1 # \x0c", 1, 9, "control character U+000C in comment");
}

static void test_redefinitions(void **state)
{
	struct toml_doc *d;

	(void)state;
	BAD("a = 1\nb = 2\na = 3", 3, 1, "duplicate key 'a' (first defined at 1:1)");
	BAD("a = 1\n'a' = 2", 2, 1, "duplicate key 'a'");
	BAD("\"\\u0061\" = 1\na = 2", 2, 1, "duplicate key 'a'");
	BAD("[t]\nx = 1\nx = 2", 3, 1, "duplicate key 'x' (first defined at 2:1)");
	BAD("[t]\n[u]\n[t]", 3, 2, "table [t] is defined twice (first at 1:2)");
	BAD("t = 1\n[t]", 2, 2, "key 't' is already defined at 1:1");
	BAD("t = []\n[[t]]", 2, 3, "key 't' is already defined at 1:1");
	BAD("[t]\n[[t]]", 2, 3, "[[t]] conflicts with table [t] (first at 1:2)");
	BAD("[[t]]\n[t]", 2, 2, "[t] is already an array of tables (first [[t]] at 1:3)");
	BAD("[[t]]\nx = 1\nx = 2", 3, 1, "duplicate key 'x'");
	/* the same key in two [[t]] tables, in two tables, or as a table's own
	 * name inside it is fine: they are different tables */
	d = OK("[[t]]\nx = 1\n[[t]]\nx = 2\n[u]\nx = 3\nu = 4\n");
	assert_int_equal(get_int(toml_array_at(toml_get(toml_root(d), "t"), 1), "x"), 2);
	assert_int_equal(get_int(toml_get(toml_root(d), "u"), "u"), 4);
	toml_free(d);
}

static void test_input_checks(void **state)
{
	char *big;
	struct toml_error e;

	(void)state;
	BAD("a = 1\n\0", 2, 1, "NUL byte");
	BAD("a = \"x\0\"", 1, 7, "NUL byte");
	BAD("a = \"\xc3\x28\"", 1, 6, "invalid UTF-8 (byte 0xC3)");
	BAD("a = \"\xc0\x80\"", 1, 6, "invalid UTF-8 (byte 0xC0)");  /* overlong NUL */
	BAD("a = \"\xe0\x80\xaf\"", 1, 6, "invalid UTF-8");            /* overlong '/' */
	BAD("a = \"\xed\xa0\x80\"", 1, 6, "invalid UTF-8 (byte 0xED)"); /* surrogate */
	BAD("a = \"\xf4\x90\x80\x80\"", 1, 6, "invalid UTF-8");        /* > U+10FFFF */
	BAD("a = \"\xf5\"", 1, 6, "invalid UTF-8 (byte 0xF5)");
	BAD("a = \"\x80\"", 1, 6, "invalid UTF-8 (byte 0x80)");
	BAD("# \xe2\x82", 1, 3, "invalid UTF-8");                     /* cut at end */
	BAD("# \xe2\x82\x41", 1, 3, "invalid UTF-8 (byte 0xE2)");      /* bad 3rd byte */
	BAD("# \xf0\x80\x80\x80", 1, 3, "invalid UTF-8 (byte 0xF0)");  /* overlong, 4 bytes */
	BAD("# \xf0\x90\x80", 1, 3, "invalid UTF-8");                 /* 4-byte cut short */
	BAD("# \xc1\xbf", 1, 3, "invalid UTF-8 (byte 0xC1)");
	toml_free(OK("# \xf0\x90\x80\x80 \xf4\x8f\xbf\xbf \xed\x9f\xbf \xee\x80\x80\n"));
	BAD("a = 1\rb = 2", 1, 6, "carriage return not followed by a line feed");
	BAD("a = 1\r", 1, 6, "carriage return");

	/* exactly TOML_MAX_INPUT bytes is fine, one more is refused */
	big = malloc(TOML_MAX_INPUT + 1);
	assert_non_null(big);
	memset(big, '#', TOML_MAX_INPUT + 1);
	toml_free(parse_ok(big, TOML_MAX_INPUT));
	assert_null(toml_parse(big, TOML_MAX_INPUT + 1, &e));
	assert_int_equal(e.line, 1);
	assert_int_equal(e.col, TOML_MAX_INPUT + 1);
	assert_non_null(strstr(e.msg, "larger than 1048576 bytes"));
	/* a character straddling the limit is still "too large", not "invalid" */
	memcpy(big + TOML_MAX_INPUT - 1, "\xc3\xa9", 2);
	assert_null(toml_parse(big, TOML_MAX_INPUT + 1, &e));
	assert_non_null(strstr(e.msg, "larger than"));
	assert_int_equal(e.col, TOML_MAX_INPUT);
	free(big);
	BAD("\xef\xbb\xbf" "a = 1", 1, 1, "unexpected character U+FEFF");
}

/* Builds "<prefix><n repetitions of item><suffix>" on the heap. */
static char *repeat(const char *prefix, const char *item, size_t n, const char *suffix)
{
	size_t pl = strlen(prefix), il = strlen(item), sl = strlen(suffix);
	char *s = malloc(pl + il * n + sl + 1), *p = s;

	assert_non_null(s);
	memcpy(p, prefix, pl);
	p += pl;
	for (size_t i = 0; i < n; i++, p += il)
		memcpy(p, item, il);
	memcpy(p, suffix, sl + 1);
	return s;
}

static void test_limits(void **state)
{
	struct toml_error e;
	struct toml_doc *d;
	char *s;

	(void)state;
	/* key length */
	s = repeat("", "k", TOML_MAX_KEY_LEN, " = 1");
	toml_free(parse_ok(s, strlen(s)));
	free(s);
	s = repeat("x = 0\n", "k", TOML_MAX_KEY_LEN + 1, " = 1");
	check_bad(s, strlen(s), 2, 1, "key longer than 128 bytes");
	free(s);
	s = repeat("[\"", "k", TOML_MAX_KEY_LEN + 1, "\"]");
	check_bad(s, strlen(s), 1, 2, "key longer than 128 bytes");
	free(s);

	s = repeat("", "k", 70000, " = 1");
	check_bad(s, strlen(s), 1, 1, "key longer than 128 bytes");
	free(s);

	/* string length, counted after decoding escapes */
	s = repeat("s = \"", "x", TOML_MAX_STR_LEN, "\"");
	d = parse_ok(s, strlen(s));
	assert_int_equal(strlen(toml_string(toml_get(toml_root(d), "s"), NULL)), TOML_MAX_STR_LEN);
	toml_free(d);
	free(s);
	s = repeat("s = \"", "x", TOML_MAX_STR_LEN, "\\n\"");
	check_bad(s, strlen(s), 1, 5, "string longer than 65536 bytes");
	free(s);
	s = repeat("s = '", "x", TOML_MAX_STR_LEN + 1, "'");
	check_bad(s, strlen(s), 1, 5, "string longer than 65536 bytes");
	free(s);

	/* array elements */
	s = repeat("a = [", "1,", TOML_MAX_ARRAY_LEN, "]");
	d = parse_ok(s, strlen(s));
	assert_int_equal(toml_array_len(toml_get(toml_root(d), "a")), TOML_MAX_ARRAY_LEN);
	toml_free(d);
	free(s);
	s = repeat("a = [", "1,", TOML_MAX_ARRAY_LEN + 1, "]");
	check_bad(s, strlen(s), 1, 6 + 2 * TOML_MAX_ARRAY_LEN, "more than 4096 elements");
	free(s);

	/* [[t]] tables */
	s = repeat("", "[[t]]\n", TOML_MAX_ARRAY_LEN + 1, "");
	check_bad(s, strlen(s), TOML_MAX_ARRAY_LEN + 1, 1, "more than 4096 elements");
	free(s);

	/* keys per table: generated names k0000 .. */
	s = malloc(16 * (TOML_MAX_TABLE_KEYS + 1) + 1);
	assert_non_null(s);
	s[0] = '\0';
	for (int i = 0, off = 0; i <= TOML_MAX_TABLE_KEYS; i++)
		off += sprintf(s + off, "k%d = %d\n", i, i);
	assert_null(toml_parse(s, strlen(s), &e));
	assert_int_equal(e.line, TOML_MAX_TABLE_KEYS + 1);
	assert_int_equal(e.col, 1);
	assert_non_null(strstr(e.msg, "more than 1024 keys"));
	*strrchr(s, 'k') = '\0';
	d = parse_ok(s, strlen(s));
	assert_int_equal(toml_table_len(toml_root(d)), TOML_MAX_TABLE_KEYS);
	assert_int_equal(get_int(toml_root(d), "k1023"), 1023);
	toml_free(d);
	/* duplicates are still found once the key index has grown */
	*strstr(s, "k600 ") = '\0';
	strcat(s, "k17 = 0\n");
	assert_null(toml_parse(s, strlen(s), &e));
	assert_int_equal(e.line, 601);
	assert_non_null(strstr(e.msg, "duplicate key 'k17' (first defined at 18:1)"));
	*strstr(s, "k17 = 0") = '\0';
	for (int i = 600; i < TOML_MAX_TABLE_KEYS; i++)
		sprintf(s + strlen(s), "k%d = %d\n", i, i);
	/* a table header is a key of the root table too */
	strcat(s, "[t]\n");
	assert_null(toml_parse(s, strlen(s), &e));
	assert_int_equal(e.line, TOML_MAX_TABLE_KEYS + 1);
	assert_int_equal(e.col, 2);
	assert_non_null(strstr(e.msg, "more than 1024 keys"));
	free(s);
}

static void test_null_err_is_allowed(void **state)
{
	(void)state;
	assert_null(toml_parse("a = ", 4, NULL));
	assert_null(toml_parse("a\0", 2, NULL));
}

static void test_example_files(void **state)
{
	static const char app[] =
		"name = \"clock\"                 # required\n"
		"description = \"A clock\"        # optional\n"
		"component = \"clock.wasm\"\n"
		"[capabilities]\n"
		"stdio = true\nfilesystem = false\nnetwork = false\ndisplay = true\n"
		"shell = false\nmouse = false\nwatchdog_secs = 10\n"
		"[restart]\npolicy = \"on-failure\"\nmax_failures = 5\nwindow_secs = 60\n"
		"[limits]\nmemory_mb = 64\n"
		"[window]\nwidth = 320\nheight = 200\n";
	static const char boot[] =
		"apps_dir = \"apps\"\n"
		"[[app]]\nname = \"shell\"\nx = 8\ny = 24\nwidth = 480\nheight = 320\n"
		"[[app]]\nname = \"clock\"\n";
	struct toml_doc *d = OK(app);
	const struct toml_node *r = toml_root(d), *caps = toml_get(r, "capabilities");
	bool b;

	(void)state;
	assert_string_equal(get_str(r, "name"), "clock");
	assert_int_equal(toml_table_len(caps), 7);
	assert_int_equal(toml_bool(toml_get(caps, "display"), &b), 0);
	assert_true(b);
	assert_int_equal(get_int(caps, "watchdog_secs"), 10);
	assert_string_equal(get_str(toml_get(r, "restart"), "policy"), "on-failure");
	assert_int_equal(get_int(toml_get(r, "window"), "height"), 200);
	assert_int_equal(toml_line(toml_get(toml_get(r, "window"), "height")), 20);
	toml_free(d);

	d = OK(boot);
	r = toml_root(d);
	assert_int_equal(toml_array_len(toml_get(r, "app")), 2);
	assert_int_equal(get_int(toml_array_at(toml_get(r, "app"), 0), "height"), 320);
	assert_string_equal(get_str(toml_array_at(toml_get(r, "app"), 1), "name"), "clock");
	toml_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_comments),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_basic_strings),
		cmocka_unit_test(test_literal_strings),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_booleans),
		cmocka_unit_test(test_arrays),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_crlf_and_columns),
		cmocka_unit_test(test_accessor_type_checks),
		cmocka_unit_test(test_unsupported),
		cmocka_unit_test(test_string_errors),
		cmocka_unit_test(test_integer_errors),
		cmocka_unit_test(test_value_errors),
		cmocka_unit_test(test_structure_errors),
		cmocka_unit_test(test_redefinitions),
		cmocka_unit_test(test_input_checks),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_null_err_is_allowed),
		cmocka_unit_test(test_example_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

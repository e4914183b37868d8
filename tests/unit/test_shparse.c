/* Unit tests for lib/shparse: the shell's command-line language (quoting,
 * pipes, redirection, ; && ||, $?), its refusals, the wire form of a
 * pipeline (encode then decode gives the same words back, operators inside
 * arguments stay arguments) and the escaping of command output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "shparse.h"

static struct sh_list L;

static int parse(const char *s, int st)
{
	const char *err = NULL;
	int r = sh_parse(s, strlen(s), st, &L, &err);
	if (r < 0)
		assert_non_null(err);
	return r;
}

static const char *perr(const char *s)
{
	const char *err = NULL;
	assert_int_equal(sh_parse(s, strlen(s), 0, &L, &err), -1);
	return err;
}

/* Stage s as "a|b|c" words joined by '|'. */
static const char *argv_of(unsigned s)
{
	static char buf[512];
	size_t n = 0;
	buf[0] = '\0';
	for (unsigned i = 0; i < L.stage[s].argc; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? "|" : "", sh_arg(&L, s, i));
	return buf;
}

static void test_words_and_quotes(void **state)
{
	(void)state;
	assert_int_equal(parse("  echo  a 'b c' \"d  e\" f\\ g ''  ", 0), 0);
	assert_int_equal(L.npipes, 1);
	assert_int_equal(L.pipe[0].nstages, 1);
	assert_string_equal(argv_of(0), "echo|a|b c|d  e|f g|");
	assert_int_equal(parse("echo 'a\"b' \"x'y\" \"q\\\"\\\\\\$\\n\" 'it''s' \\|", 0), 0);
	assert_string_equal(argv_of(0), "echo|a\"b|x'y|q\"\\$\\n|its||");
	assert_int_equal(parse("echo a|b;c", 0), 0);
	assert_int_equal(L.npipes, 2);
	assert_string_equal(argv_of(0), "echo|a");
	assert_string_equal(argv_of(1), "b");
	assert_string_equal(argv_of(2), "c");
}

static void test_status_and_comments(void **state)
{
	(void)state;
	assert_int_equal(parse("echo $? \"[$?]\" '$?' \\$? $x # gone", 137), 0);
	assert_string_equal(argv_of(0), "echo|137|[137]|$?|$?|$x");
	assert_int_equal(parse("echo a#b", 0), 0);
	assert_string_equal(argv_of(0), "echo|a#b");
	assert_int_equal(parse("   ", 0), 0);
	assert_int_equal(L.npipes, 0);
	assert_int_equal(parse("# only a comment", 0), 0);
	assert_int_equal(L.npipes, 0);
}

static void test_pipes_redirs_lists(void **state)
{
	(void)state;
	assert_int_equal(parse("cat < in.txt | grep -v x | wc -l >> out.txt && echo ok || echo no; true;", 0), 0);
	assert_int_equal(L.npipes, 4);
	assert_int_equal(L.pipe[0].nstages, 3);
	assert_string_equal(sh_file(&L, L.pipe[0].in), "in.txt");
	assert_string_equal(sh_file(&L, L.pipe[0].out), "out.txt");
	assert_true(L.pipe[0].append);
	assert_int_equal(L.pipe[0].next, SH_AND);
	assert_int_equal(L.pipe[1].next, SH_OR);
	assert_int_equal(L.pipe[2].next, SH_SEQ);
	assert_int_equal(L.pipe[3].next, SH_END);
	assert_string_equal(argv_of(2), "wc|-l");
	assert_null(sh_file(&L, L.pipe[1].in));
	/* a redirection anywhere in its stage; no blank needed */
	assert_int_equal(parse("<a cat -n>b", 0), 0);
	assert_string_equal(argv_of(0), "cat|-n");
	assert_string_equal(sh_file(&L, L.pipe[0].in), "a");
	assert_string_equal(sh_file(&L, L.pipe[0].out), "b");
	assert_false(L.pipe[0].append);
	assert_int_equal(parse("echo '>' \"|\" ';' x\\&\\&y", 0), 0);
	assert_int_equal(L.npipes, 1);
	assert_string_equal(argv_of(0), "echo|>|||;|x&&y");
}

static void test_refusals(void **state)
{
	char big[SH_LINE_MAX + 2];
	(void)state;
	assert_string_equal(perr("echo 'abc"), "unterminated '");
	assert_string_equal(perr("echo \"abc"), "unterminated \"");
	assert_string_equal(perr("echo \\"), "\\ at the end of the line");
	assert_string_equal(perr("| wc"), "missing command before |");
	assert_string_equal(perr("cat |"), "missing command after |");
	assert_string_equal(perr("cat | | wc"), "missing command before |");
	assert_string_equal(perr("; ls"), "missing command before ;");
	assert_string_equal(perr("ls &&"), "missing command after &&");
	assert_string_equal(perr("ls ||"), "missing command after ||");
	assert_string_equal(perr("&& ls"), "missing command before &&");
	assert_string_equal(perr("sleep 1 &"), "& (running in the background) is not supported");
	assert_string_equal(perr("cat >"), "missing file name after < or >");
	assert_string_equal(perr("cat > | wc"), "missing file name after < or >");
	assert_string_equal(perr("cat < a < b"), "more than one < in a pipeline");
	assert_string_equal(perr("cat > a > b"), "more than one > in a pipeline");
	assert_string_equal(perr("cat | wc < x"), "only the first command of a pipeline reads a file (<)");
	assert_string_equal(perr("cat > x | wc"), "only the last command of a pipeline writes a file (>)");
	assert_string_equal(perr("< x"), "missing command");
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_string_equal(perr(big), "line too long (1024 bytes at most)");
	{
		char many[1024] = "a";
		for (int i = 0; i < 40; i++)
			strcat(many, " | a");
		assert_string_equal(perr(many), "too many commands in one line (32 at most)");
		many[0] = '\0';
		for (int i = 0; i < 200; i++)
			strcat(many, "a ");
		assert_string_equal(perr(many), "too many words (128 at most)");
		many[0] = '\0';
		for (int i = 0; i < 20; i++)
			strcat(many, "a;");
		assert_string_equal(perr(many), "too many commands joined by ; && || (16 at most)");
	}
	{
		const char nul[] = "echo a\0b";
		const char *err = NULL;
		assert_int_equal(sh_parse(nul, sizeof nul - 1, 0, &L, &err), -1);
		assert_string_equal(err, "NUL byte in the line");
	}
}

static void test_wire_round_trip(void **state)
{
	static struct sh_list back;
	char wire[SH_WIRE_MAX];
	const char *err = NULL;
	int n;
	(void)state;
	assert_int_equal(parse("grep 'a b|c<d>e%f' '' \"\t\" é < 'my file' | wc -l >> o.txt", 0), 0);
	n = sh_encode(&L, 0, wire, sizeof wire);
	assert_true(n > 0);
	assert_string_equal(wire, "grep a%20b%7Cc%3Cd%3Ee%25f %% %09 é < my%20file | wc -l >> o.txt");
	assert_int_equal(sh_decode(wire, (size_t)n, &back, &err), 0);
	assert_int_equal(back.npipes, 1);
	assert_int_equal(back.pipe[0].nstages, 2);
	assert_string_equal(sh_arg(&back, 0, 1), "a b|c<d>e%f");
	assert_string_equal(sh_arg(&back, 0, 2), "");
	assert_string_equal(sh_arg(&back, 0, 3), "\t");
	assert_string_equal(sh_arg(&back, 0, 4), "é");
	assert_string_equal(sh_arg(&back, 1, 1), "-l");
	assert_string_equal(sh_file(&back, back.pipe[0].in), "my file");
	assert_string_equal(sh_file(&back, back.pipe[0].out), "o.txt");
	assert_true(back.pipe[0].append);
	/* too small a buffer: refused, not cut */
	assert_int_equal(sh_encode(&L, 0, wire, 10), -1);
	/* the decoder's refusals */
	assert_int_equal(sh_decode("a %2", 4, &back, &err), -1);
	assert_string_equal(err, "bad % escape");
	assert_int_equal(sh_decode("a %00", 5, &back, &err), -1);
	assert_string_equal(err, "NUL byte in an argument");
	assert_int_equal(sh_decode("a | | b", 7, &back, &err), -1);
	assert_int_equal(sh_decode("a >", 3, &back, &err), -1);
	assert_int_equal(sh_decode("", 0, &back, &err), -1);
	assert_string_equal(err, "empty pipeline");
	assert_int_equal(sh_decode("a ; b", 5, &back, &err), 0); /* ; is a plain word on the wire */
	assert_string_equal(sh_arg(&back, 0, 1), ";");
}

static void test_output_escape(void **state)
{
	char out[64], back[64];
	size_t used, n;
	static const char raw[] = "a\\b\nc\td\x1b\x7f\xff\xc3\xa9";
	(void)state;
	n = sh_esc(out, sizeof out, raw, sizeof raw - 1, &used);
	assert_int_equal(used, sizeof raw - 1);
	assert_string_equal(out, "a\\\\b\\nc\\td\\x1B\\x7F\\xFFé");
	assert_int_equal(sh_unesc(back, out, n), sizeof raw - 1);
	assert_memory_equal(back, raw, sizeof raw - 1);
	/* a full buffer stops before an escape, never inside one */
	n = sh_esc(out, 5, "ab\ncd", 5, &used);
	assert_string_equal(out, "ab\\n");
	assert_int_equal(used, 3);
	/* a character cut at the end of the input is shown byte by byte */
	n = sh_esc(out, sizeof out, "\xc3", 1, &used);
	assert_string_equal(out, "\\xC3");
	/* unknown escapes are kept */
	assert_int_equal(sh_unesc(back, "\\q\\x4", 5), 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_and_quotes),
		cmocka_unit_test(test_status_and_comments),
		cmocka_unit_test(test_pipes_redirs_lists),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_wire_round_trip),
		cmocka_unit_test(test_output_escape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

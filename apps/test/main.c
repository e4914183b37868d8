/* test: evaluates a condition and exits 0 (true) or 1 (false) (POSIX test,
 * as busybox; also what `[ ... ]` means when run under the name [): files
 * under /data -e -f -d -h/-L -s -r -w -x; strings -n -z = != < >; integers
 * -eq -ne -lt -le -gt -ge; ! -a -o ( ). 2 on an error.
 * -r -w are true for any file that exists (WASI has no permission bits);
 * -x is true for folders. */
#include <vyoma_cmd.h>
#include <string.h>

static char **tok;
static int ntok, pos;

static _Noreturn void fail(const char *why, const char *what)
{
	vy_cmd_err("%s%s", what ? what : "", why);
	vy_cmd_exit(2);
}

static long long integer(const char *s)
{
	long long v;
	while (*s == ' ' || *s == '\t')
		s++;
	if (vy_cmd_num(s, &v) != 0)
		fail(": invalid number", s);
	return v;
}

static bool file_test(char op, const char *path)
{
	struct vy_st st;
	if (vy_st_get(path, &st, op != 'h' && op != 'L') != 0)
		return false;
	switch (op) {
	case 'f': return st.type == 'f';
	case 'd': return st.type == 'd';
	case 'h': case 'L': return st.type == 'l';
	case 's': return st.size > 0;
	case 'x': return st.type == 'd';
	default: return true; /* e r w */
	}
}

static bool or_expr(void);

static bool primary(void)
{
	if (pos >= ntok)
		fail("argument expected", NULL);
	const char *t = tok[pos];
	if (!strcmp(t, "!")) {
		pos++;
		return !primary();
	}
	if (!strcmp(t, "(") && pos + 1 < ntok) {
		pos++;
		bool v = or_expr();
		if (pos >= ntok || strcmp(tok[pos], ")"))
			fail("')' expected", NULL);
		pos++;
		return v;
	}
	/* binary operators come first: "-f = -f" compares strings */
	if (pos + 3 <= ntok) {
		static const char *const bin[] = {"=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le", "-gt", "-ge"};
		for (int k = 0; k < 11; k++)
			if (!strcmp(tok[pos + 1], bin[k])) {
				const char *a = tok[pos], *b = tok[pos + 2];
				pos += 3;
				if (k < 5) {
					int c = strcmp(a, b);
					return k <= 1 ? c == 0 : k == 2 ? c != 0 : k == 3 ? c < 0 : c > 0;
				}
				long long x = integer(a), y = integer(b);
				return k == 5 ? x == y : k == 6 ? x != y : k == 7 ? x < y : k == 8 ? x <= y : k == 9 ? x > y : x >= y;
			}
	}
	if (t[0] == '-' && t[1] && !t[2] && strchr("efdhLsrwxnz", t[1]) && pos + 1 < ntok) {
		const char *a = tok[pos + 1];
		pos += 2;
		if (t[1] == 'n' || t[1] == 'z')
			return (t[1] == 'n') == (a[0] != '\0');
		return file_test(t[1], a);
	}
	pos++;
	return t[0] != '\0';
}

static bool and_expr(void)
{
	bool v = primary();
	while (pos < ntok && !strcmp(tok[pos], "-a")) {
		pos++;
		v = primary() && v;
	}
	return v;
}

static bool or_expr(void)
{
	bool v = and_expr();
	while (pos < ntok && !strcmp(tok[pos], "-o")) {
		pos++;
		v = and_expr() || v;
	}
	return v;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv);

	if (argc == 2 && !strcmp(argv[1], "--help"))
		vy_cmd_usage("EXPRESSION [ ] ]\n\nExit 0 if EXPRESSION is true, else 1.\n");
	tok = argv + 1, ntok = argc - 1;
	if (!strcmp(vy_cmd_name(), "[")) { /* as [ ... ], the "]" is required */
		if (ntok == 0 || strcmp(tok[ntok - 1], "]"))
			fail("missing ]", NULL);
		ntok--;
	}
	if (ntok == 0)
		return 1;
	bool v = or_expr();
	if (pos != ntok)
		fail("unexpected operator", NULL);
	return !v;
}

/* expr: evaluates an expression given as separate arguments (POSIX expr,
 * as busybox): | & = != < <= > >= + - * / % and STRING : REGEX (an
 * anchored basic regex, sdk/cmdre.c: the length of the match, or group 1),
 * match, substr, index, length, ( ). Integers are 64-bit. Prints the
 * value; status 0, or 1 if it is null or 0, 2 for a bad expression, 3
 * for another error (out of memory).
 * Size: up to 13 KB, because of the regular expression engine of ':'. */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

struct val {
	bool is_num;
	long long n;
	const char *s;
};

static char **tok;
static int ntok, pos;

/* 2 for a bad expression, 3 for any other error (POSIX, GNU expr). */
static _Noreturn void fail(const char *why)
{
	vy_cmd_err("%s", why);
	vy_cmd_exit(2);
}

static _Noreturn void oom(void)
{
	vy_cmd_err("out of memory");
	vy_cmd_exit(3);
}

static bool to_num(const char *s, long long *v) { return vy_cmd_num(s, v) == 0; }

static struct val num(long long n) { return (struct val){true, n, NULL}; }
static struct val str(const char *s)
{
	long long n;
	return to_num(s, &n) ? (struct val){true, n, s} : (struct val){false, 0, s};
}

static const char *text(struct val v)
{
	if (!v.is_num || v.s)
		return v.s;
	char *b = malloc(24);
	if (!b)
		oom();
	vy_snprintf(b, 24, "%lld", v.n);
	return b;
}

static bool null(struct val v) { return v.is_num ? v.n == 0 : !v.s[0]; }

static bool is(const char *op) { return pos < ntok && !strcmp(tok[pos], op); }

static struct val or_expr(void);

static struct val match(struct val a, struct val b)
{
	const char *why, *s = text(a), *p = text(b);
	char *anchored = malloc(strlen(p) + 2);
	if (!anchored)
		oom();
	anchored[0] = '^';
	strcpy(anchored + 1, p);
	struct vy_re *re = vy_re_new(anchored, 0, &why);
	int64_t m[VY_RE_NSUB * 2];
	if (!re)
		fail(why);
	bool hit = vy_re_exec(re, s, strlen(s), 0, false, m);
	if (vy_re_groups(re) > 0) {
		if (!hit || m[2] < 0)
			return (struct val){false, 0, ""};
		char *g = malloc((size_t)(m[3] - m[2]) + 1);
		if (!g)
			oom();
		memcpy(g, s + m[2], (size_t)(m[3] - m[2]));
		g[m[3] - m[2]] = '\0';
		return (struct val){false, 0, g};
	}
	return num(hit ? m[1] : 0);
}

static struct val primary(void)
{
	if (pos >= ntok)
		fail("syntax error");
	const char *t = tok[pos++];
	if (!strcmp(t, "(")) {
		struct val v = or_expr();
		if (!is(")"))
			fail("syntax error");
		pos++;
		return v;
	}
	if (!strcmp(t, "length") && pos < ntok)
		return num((long long)strlen(text(primary())));
	if (!strcmp(t, "match") && pos + 1 < ntok) {
		struct val a = primary();
		return match(a, primary());
	}
	if (!strcmp(t, "index") && pos + 1 < ntok) {
		const char *s = text(primary()), *set = text(primary());
		size_t i = strcspn(s, set);
		return num(s[i] ? (long long)i + 1 : 0);
	}
	if (!strcmp(t, "substr") && pos + 2 < ntok) {
		const char *s = text(primary());
		struct val p = primary(), l = primary();
		long long n = (long long)strlen(s);
		if (!p.is_num || !l.is_num)
			fail("non-numeric argument");
		if (p.n < 1 || p.n > n || l.n < 1)
			return (struct val){false, 0, ""};
		long long k = l.n < n - p.n + 1 ? l.n : n - p.n + 1;
		char *r = malloc((size_t)k + 1);
		if (!r)
			oom();
		memcpy(r, s + p.n - 1, (size_t)k);
		r[k] = '\0';
		return (struct val){false, 0, r};
	}
	return str(t);
}

static struct val colon_expr(void)
{
	struct val a = primary();
	while (is(":")) {
		pos++;
		a = match(a, primary());
	}
	return a;
}

static struct val mul_expr(void)
{
	struct val a = colon_expr();
	while (is("*") || is("/") || is("%")) {
		char op = tok[pos++][0];
		struct val b = colon_expr();
		if (!a.is_num || !b.is_num)
			fail("non-numeric argument");
		if (op != '*' && b.n == 0)
			fail("division by zero");
		a = num(op == '*' ? a.n * b.n : op == '/' ? a.n / b.n : a.n % b.n);
	}
	return a;
}

static struct val add_expr(void)
{
	struct val a = mul_expr();
	while (is("+") || is("-")) {
		char op = tok[pos++][0];
		struct val b = mul_expr();
		if (!a.is_num || !b.is_num)
			fail("non-numeric argument");
		a = num(op == '+' ? a.n + b.n : a.n - b.n);
	}
	return a;
}

static struct val cmp_expr(void)
{
	static const char *const ops[] = {"=", "==", "!=", "<", "<=", ">", ">="};
	struct val a = add_expr();
	for (;;) {
		int k = -1;
		for (int i = 0; i < 7 && k < 0; i++)
			if (is(ops[i]))
				k = i;
		if (k < 0)
			return a;
		pos++;
		struct val b = add_expr();
		int c = a.is_num && b.is_num ? (a.n > b.n) - (a.n < b.n) : strcmp(text(a), text(b));
		bool r = k <= 1 ? c == 0 : k == 2 ? c != 0 : k == 3 ? c < 0 : k == 4 ? c <= 0 : k == 5 ? c > 0 : c >= 0;
		a = num(r);
	}
}

static struct val and_expr(void)
{
	struct val a = cmp_expr();
	while (is("&")) {
		pos++;
		struct val b = cmp_expr();
		if (null(a) || null(b))
			a = num(0);
	}
	return a;
}

static struct val or_expr(void)
{
	struct val a = and_expr();
	while (is("|")) {
		pos++;
		struct val b = and_expr();
		if (null(a))
			a = b;
	}
	return a;
}

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv);
	vy_cmd_usage_status = 2; /* POSIX: trouble is 2 */

	if (argc == 2 && !strcmp(argv[1], "--help"))
		vy_cmd_usage("EXPRESSION\n\nEvaluate EXPRESSION (each operator a separate argument).\n");
	if (argc < 2)
		vy_cmd_bad_usage("EXPRESSION\n");
	tok = argv + 1, ntok = argc - 1;
	struct val v = or_expr();
	if (pos != ntok)
		fail("syntax error");
	vy_printf("%s\n", text(v));
	return null(v);
}

/* expr: evaluates an expression given as separate arguments (POSIX expr,
 * as busybox): | & = != < <= > >= + - * / % and STRING : REGEX (an
 * anchored basic regex, sdk/cmdre.c: the length of the match, or group 1),
 * match, substr, index, length, ( ). Integers are 64-bit. Prints the
 * value; status 0, or 1 if it is null or 0, 2 for a bad expression, 3
 * for another error (a result too large, out of memory). */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

/* A value, made once and pointed at: a number, or a string (a number
 * that came from an argument keeps its text too). */
typedef struct val {
	bool is_num;
	long long n;
	const char *s;
} *V;

static char **tok;
static int ntok, pos;

/* 2 for a bad expression, 3 for any other error (POSIX, GNU expr). */
static _Noreturn void fail(const char *why)
{
	vy_cmd_err("%s", why);
	vy_cmd_exit(2);
}

static void *mem(size_t n)
{
	void *p = malloc(n);
	if (!p) {
		vy_cmd_err("out of memory");
		vy_cmd_exit(3);
	}
	return p;
}

static V val(bool is_num, long long n, const char *s)
{
	V v = mem(sizeof *v);
	v->is_num = is_num, v->n = n, v->s = s;
	return v;
}

static V num(long long n) { return val(true, n, NULL); }

static V str(const char *s)
{
	long long n;
	bool is_num = vy_cmd_num(s, &n) == 0;
	return val(is_num, is_num ? n : 0, s);
}

static const char *text(V v)
{
	if (!v->is_num || v->s)
		return v->s;
	char *b = mem(24);
	vy_snprintf(b, 24, "%lld", v->n);
	return b;
}

/* POSIX: null or zero; a string such as substr's "0" or "00" is zero too */
static bool null(V v)
{
	long long n;
	return v->is_num ? v->n == 0 : !v->s[0] || (vy_cmd_num(v->s, &n) == 0 && n == 0);
}

static bool is(const char *op) { return pos < ntok && !strcmp(tok[pos], op); }

/* s[start, start + len) as a string value */
static V part(const char *s, long long start, long long len)
{
	char *r = mem((size_t)len + 1);
	memcpy(r, s + start, (size_t)len);
	r[len] = '\0';
	return val(false, 0, r);
}

static V match(V a, V b)
{
	const char *why, *s = text(a), *p = text(b);
	char *anchored = mem(strlen(p) + 2);
	anchored[0] = '^';
	strcpy(anchored + 1, p);
	struct vy_re *re = vy_re_new(anchored, 0, &why);
	int64_t m[VY_RE_NSUB * 2];
	if (!re)
		fail(why);
	bool hit = vy_re_exec(re, s, strlen(s), 0, false, m);
	if (vy_re_groups(re) > 0)
		return !hit || m[2] < 0 ? val(false, 0, "") : part(s, m[2], m[3] - m[2]);
	return num(hit ? m[1] : 0);
}

static V binary(int level);

static V primary(void)
{
	if (pos >= ntok)
		fail("syntax error");
	const char *t = tok[pos++];
	if (!strcmp(t, "(")) {
		V v = binary(0);
		if (!is(")"))
			fail("syntax error");
		pos++;
		return v;
	}
	if (!strcmp(t, "length") && pos < ntok)
		return num((long long)strlen(text(primary())));
	if (!strcmp(t, "match") && pos + 1 < ntok) {
		V a = primary();
		return match(a, primary());
	}
	if (!strcmp(t, "index") && pos + 1 < ntok) {
		const char *s = text(primary()), *set = text(primary());
		size_t i = strcspn(s, set);
		return num(s[i] ? (long long)i + 1 : 0);
	}
	if (!strcmp(t, "substr") && pos + 2 < ntok) {
		const char *s = text(primary());
		V p = primary(), l = primary();
		long long n = (long long)strlen(s);
		if (!p->is_num || !l->is_num)
			fail("non-numeric argument");
		if (p->n < 1 || p->n > n || l->n < 1)
			return val(false, 0, "");
		return part(s, p->n - 1, l->n < n - p->n + 1 ? l->n : n - p->n + 1);
	}
	return str(t);
}

/* The binary operators, loosest first, with their levels; a comparison's
 * truth for less, equal, greater in bits 0, 1, 2. */
static const char ops[][3] = {"|", "&", "=", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", ":"};
static const char level_of[] = {0, 1, 2, 2, 2, 2, 2, 2, 2, 3, 3, 4, 4, 4, 5};
static const char truth[] = {2, 2, 5, 1, 3, 4, 6};

/* The operators of `level` and tighter, left to right (':' is tightest,
 * over primaries). */
static V binary(int level)
{
	if (level > 5)
		return primary();
	V a = binary(level + 1);
	for (;;) {
		int k = 0;
		while (k < 15 && !(is(ops[k]) && level_of[k] == level))
			k++;
		if (k == 15)
			return a;
		pos++;
		V b = binary(level + 1);
		if (k == 0) {
			if (null(a))
				a = b;
		} else if (k == 1) {
			if (null(a) || null(b))
				a = num(0);
		} else if (k <= 8) {
			int c = a->is_num && b->is_num ? (a->n > b->n) - (a->n < b->n) : strcmp(text(a), text(b));
			a = num(truth[k - 2] >> ((c > 0) - (c < 0) + 1) & 1);
		} else if (k == 14) {
			a = match(a, b);
		} else {
			if (!a->is_num || !b->is_num)
				fail("non-numeric argument");
			if (k > 11 && b->n == 0)
				fail("division by zero");
			long long r = 0;
			bool over = k == 9    ? __builtin_add_overflow(a->n, b->n, &r)
				    : k == 10 ? __builtin_sub_overflow(a->n, b->n, &r)
				    : k == 11 ? __builtin_mul_overflow(a->n, b->n, &r)
				    : b->n == -1 ? k == 12 && __builtin_sub_overflow(0, a->n, &r) /* x % -1 is 0 */
				    : (r = k == 12 ? a->n / b->n : a->n % b->n, false);
			if (over) {
				vy_cmd_err("integer result too large");
				vy_cmd_exit(3);
			}
			a = num(r);
		}
	}
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
	V v = binary(0);
	if (pos != ntok)
		fail("syntax error");
	vy_printf("%s\n", text(v));
	return null(v);
}

/* bc: an arbitrary-precision decimal calculator (GNU bc's arithmetic, the
 * anchor): + - * / % ^ with bc's scale rules (truncating), sqrt(),
 * length(), scale(), comparisons, parentheses, variables, scale=N, ';'
 * and newlines between statements, quit; a statement that is not an
 * assignment prints its value (lines over 70 characters are continued
 * with a backslash, as bc does). -l sets scale=20 (no math library
 * functions). No if/while/define, ibase or obase. Reads stdin. A result
 * of more than 100,000 digits is refused ("number too big").
 * Numbers are made once and never changed (an operation makes a new
 * one; a command's memory ends with it), so they go about as pointers. */
#include <vyoma_cmd.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* A number: sign, and its n digits as an integer (little-endian, d[0]
 * the last) scaled by 10^-scale. */
/* A product's digits and the scale's largest value: past them, "number
 * too big" and "scale out of range" (fuzz/fuzz_cmd_bc.c builds with
 * smaller ones, so that the same paths run in milliseconds). */
#ifndef BC_MAX_DIGITS
#define BC_MAX_DIGITS 100000
#endif
#ifndef BC_MAX_SCALE
#define BC_MAX_SCALE 10000
#endif

typedef struct num {
	int neg, scale, n;
	unsigned char d[];
} *N;

static const char *p;
static int scale;
static struct var {
	char name[16];
	N v;
} vars[64];
static int nvars;
static bool assigned, failed;

static N mk(int n, int sc)
{
	N x = calloc(1, sizeof *x + (size_t)n + 1);
	if (!x) {
		vy_cmd_err("out of memory");
		vy_cmd_exit(1);
	}
	x->scale = sc, x->n = n;
	return x;
}

static N norm(N x)
{
	while (x->n && !x->d[x->n - 1])
		x->n--;
	if (!x->n)
		x->neg = 0;
	return x;
}

static int max(int a, int b) { return a > b ? a : b; }

/* To scale s: zeros added at the end, or digits cut (towards zero). */
static N rescale(N a, int s)
{
	int k = s - a->scale;
	N x = mk(max(a->n + k, 0), s);
	if (k >= 0)
		memcpy(x->d + k, a->d, (size_t)a->n);
	else
		memcpy(x->d, a->d - k, (size_t)x->n);
	x->neg = a->neg;
	return norm(x);
}

static int cmp_mag(N a, N b) /* same scale */
{
	int i = a->n;
	if (a->n != b->n)
		return a->n > b->n ? 1 : -1;
	while (i-- > 0)
		if (a->d[i] != b->d[i])
			return a->d[i] > b->d[i] ? 1 : -1;
	return 0;
}

/* big - small into x (magnitudes, same scale, big >= small); x may be big */
static void sub_mag(N x, N big, N small)
{
	int br = 0;
	for (int i = 0; i < x->n; i++) {
		int v = (i < big->n ? big->d[i] : 0) - (i < small->n ? small->d[i] : 0) - br;
		br = v < 0, x->d[i] = (unsigned char)(v + br * 10);
	}
}

static N addsub(N a, N b, bool sub)
{
	int s = max(a->scale, b->scale), bneg = b->neg ^ sub;
	a = rescale(a, s), b = rescale(b, s);
	N x = mk(max(a->n, b->n) + 1, s);
	if (a->neg == bneg) {
		for (int i = 0, c = 0; i < x->n; i++) {
			int v = (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0) + c;
			x->d[i] = (unsigned char)(v % 10), c = v / 10;
		}
		x->neg = a->neg;
	} else {
		bool swap = cmp_mag(a, b) < 0;
		sub_mag(x, swap ? b : a, swap ? a : b);
		x->neg = swap ? bneg : a->neg;
	}
	return norm(x);
}

static N syntax(const char *why);

/* A product of m and n digits has m + n - 1 or m + n: one sure to be too
 * big is refused before it is made (the making is m * n steps), as is one
 * whose scale (the sum of theirs) is past the same bound. */
static N mul_full(N a, N b)
{
	if (a->n + b->n - 1 > BC_MAX_DIGITS || a->scale + b->scale > BC_MAX_DIGITS)
		return syntax("number too big");
	N x = mk(a->n + b->n + 1, a->scale + b->scale);
	for (int i = 0; i < a->n; i++)
		for (int j = 0, c = 0; j < b->n || c; j++) {
			int v = x->d[i + j] + a->d[i] * (j < b->n ? b->d[j] : 0) + c;
			x->d[i + j] = (unsigned char)(v % 10), c = v / 10;
		}
	x->neg = a->neg ^ b->neg;
	return norm(x)->n > BC_MAX_DIGITS ? syntax("number too big") : x;
}

/* The integer quotient of magnitudes A / B (both as integers). */
static N idiv(N a, N b)
{
	N q = mk(a->n + 1, 0), r = mk(b->n + 2, 0);
	r->n = 0;
	for (int i = a->n; i-- > 0;) {
		memmove(r->d + 1, r->d, (size_t)r->n);
		r->d[0] = a->d[i];
		r->n++;
		norm(r);
		while (cmp_mag(r, b) >= 0) {
			sub_mag(r, r, b);
			norm(r);
			q->d[i]++;
		}
	}
	free(r);
	return norm(q);
}

/* a / b to scale s; NULL when b is zero */
static N divide(N a, N b, int s)
{
	if (!b->n)
		return NULL;
	/* (a * 10^(s + b.scale - a.scale)) / b, as integers */
	N q = idiv(rescale(a, s + b->scale), b);
	q->scale = s;
	q->neg = a->neg ^ b->neg;
	return norm(q);
}

/* To the end of the line (a comment, or after an error). */
static void eol(void)
{
	while (*p && *p != '\n')
		p++;
}

static void skip(void)
{
	for (;;) {
		if (*p == ' ' || *p == '\t') {
			p++;
		} else if (*p == '\\' && p[1] == '\n') {
			p += 2;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");
			p = e ? e + 2 : p + strlen(p);
		} else if (*p == '#') {
			eol();
		} else {
			return;
		}
	}
}

static bool eat(char c)
{
	skip();
	return *p == c && p++;
}

/* An error says why once, then skips the rest of the line: parsing goes
 * on at the '\n' and unwinds (there is no longjmp in wasm32). */
static N syntax(const char *why)
{
	if (!failed)
		vy_cmd_err("%s", why);
	failed = true;
	eol();
	return mk(0, 0);
}

static N from_int(long long v)
{
	N x = mk(20, 0);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	x->neg = v < 0;
	for (int i = 0; u; i++, u /= 10)
		x->d[i] = (unsigned char)(u % 10);
	return norm(x);
}

/* The integer part, held at LLONG_MAX past it (an exponent or a scale that
 * large is refused, or 0^k and 1^k, which it does not change). */
static long long to_int(N a)
{
	long long v = 0;
	for (int i = a->n; i-- > a->scale;)
		v = v > (LLONG_MAX - 9) / 10 ? LLONG_MAX : v * 10 + a->d[i];
	return a->neg ? -v : v;
}

static N expr(void);

/* ( EXPR ) after a function's name */
static N arg(void)
{
	N v = expr();
	return eat(')') ? v : syntax("parse error");
}

static N sqrt_num(N a)
{
	int rs = max(a->scale, scale);
	if (a->neg)
		return syntax("square root of a negative number");
	/* isqrt of a * 10^(2 rs) as an integer, by Newton's method */
	N A = rescale(a, 2 * rs), x;
	A->scale = 0;
	if (!A->n)
		return mk(0, rs);
	x = mk(A->n / 2 + 2, 0);
	x->d[A->n / 2 + 1] = 1; /* above the root */
	for (norm(x);;) {
		N y = idiv(addsub(x, divide(A, x, 0), false), from_int(2));
		if (cmp_mag(y, x) >= 0)
			break;
		x = y;
	}
	x->scale = rs;
	return x;
}

/* Whether s[0..len) is the word w. */
static bool word(const char *s, size_t len, const char *w) { return strlen(w) == len && !strncmp(s, w, len); }

static N primary(void)
{
	skip();
	if (eat('(')) {
		N v = expr();
		return eat(')') ? v : syntax("parse error: ')' expected");
	}
	if (eat('-'))
		return addsub(mk(0, 0), primary(), true);
	if (eat('+'))
		return primary();
	if ((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9')) {
		const char *s = p;
		int k = 0;
		while ((*p >= '0' && *p <= '9') || *p == '.' || (*p == '\\' && p[1] == '\n'))
			p += *p == '\\' ? 2 : 1;
		/* from the last digit back; the scale is what follows the first '.' */
		N x = mk((int)(p - s), 0);
		for (const char *q = p; q-- > s;)
			if (*q >= '0' && *q <= '9')
				x->d[k++] = (unsigned char)(*q - '0');
			else if (*q == '.')
				x->scale = k;
		x->n = k;
		return norm(x);
	}
	if (*p >= 'a' && *p <= 'z') {
		const char *s = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')
			p++;
		size_t len = (size_t)(p - s);
		if (word(s, len, "sqrt") && eat('('))
			return sqrt_num(arg());
		if (word(s, len, "length") || word(s, len, "scale")) {
			if (eat('(')) {
				N v = arg();
				return from_int(s[0] == 's' ? v->scale : max(max(v->n, v->scale), 1));
			}
			if (s[0] == 's') {
				if (eat('=') && !eat('=')) {
					N v = expr();
					long long k = to_int(v);
					if (k < 0 || k > BC_MAX_SCALE)
						return syntax("scale out of range");
					scale = (int)k;
					assigned = true;
					return v;
				}
				return from_int(scale);
			}
		}
		int i = 0;
		while (i < nvars && !word(s, len, vars[i].name))
			i++;
		if (i == nvars) {
			if (nvars == 64 || len >= sizeof vars[0].name)
				return syntax("too many variables");
			memcpy(vars[nvars].name, s, len);
			vars[nvars++].v = mk(0, 0);
		}
		skip();
		if (*p == '=' && p[1] != '=') {
			p++;
			vars[i].v = expr();
			assigned = true;
		}
		return vars[i].v;
	}
	return syntax("parse error");
}

static N power(void)
{
	N b = primary();
	if (!eat('^'))
		return b;
	long long k = to_int(power());
	bool neg = k < 0;
	if (neg)
		k = -k;
	N r = from_int(1), base = b;
	for (long long i = k; i && !failed; i >>= 1) { /* mul_full fails past BC_MAX_DIGITS */
		if (i & 1)
			r = mul_full(r, base);
		if (i > 1)
			base = mul_full(base, base);
	}
	if (neg) {
		r = divide(from_int(1), r, scale);
		return r ? r : syntax("divide by zero");
	}
	/* the scale: b's times k, at most the larger of b's and scale */
	int lim = max(b->scale, scale);
	return rescale(r, b->scale && k > lim / b->scale ? lim : (int)(b->scale * k));
}

static N term(void)
{
	N a = power();
	for (;;) {
		skip();
		char op = *p;
		if ((op != '*' && op != '/' && op != '%') || p[1] == '=')
			return a;
		p++;
		N b = power(), q = op == '*' ? NULL : divide(a, b, scale);
		if (op == '*') {
			int full = a->scale + b->scale, want = max(scale, max(a->scale, b->scale));
			a = rescale(mul_full(a, b), full < want ? full : want);
		} else if (!q) {
			return syntax(op == '/' ? "divide by zero" : "remainder by zero");
		} else {
			a = op == '/' ? q : rescale(addsub(a, mul_full(q, b), true), max(scale + b->scale, a->scale));
		}
	}
}

static N sum(void)
{
	N a = term();
	for (;;) {
		skip();
		if ((*p != '+' && *p != '-') || p[1] == '=')
			return a;
		bool sub = *p++ == '-';
		a = addsub(a, term(), sub);
	}
}

static N expr(void)
{
	N a = sum();
	skip();
	/* the operator's truth for less, equal, greater: bits 0, 1, 2 */
	int c = *p, e = c && p[1] == '='; /* not past the text's end */
	int t = c == '<' ? 1 | e << 1 : c == '>' ? 4 | e << 1 : !e ? 0 : c == '=' ? 2 : c == '!' ? 5 : 0;
	if (!t)
		return a;
	p += 1 + e;
	N d = addsub(a, sum(), true);
	return from_int(t >> (!d->n ? 1 : d->neg ? 0 : 2) & 1);
}

static int col;
static void out(char c)
{
	if (col == 68 && c != '\n') {
		vy_print("\\\n");
		col = 0;
	}
	vy_write(&c, 1);
	col = c == '\n' ? 0 : col + 1;
}

static void print(N x)
{
	norm(x);
	col = 0;
	if (x->neg)
		out('-');
	if (!x->n) /* zero is 0 at any scale */
		out('0');
	for (int i = max(x->n, x->scale); x->n && i-- > 0;) {
		if (i == x->scale - 1)
			out('.');
		out((char)('0' + (i < x->n ? x->d[i] : 0)));
	}
	out('\n');
}

int main(void)
{
	char **argv, *text;
	int argc = vy_cmd_args(&argv), c;
	size_t len;
	struct vy_opt o = {0};
	struct vy_rd r;

	while ((c = vy_opt_next(&o, argc, argv, "lqs", "[-l]\n\nCalculate with arbitrary precision: the bc language's arithmetic, from stdin.\n\t-l\tscale=20\n")) != -1) {
		if (c == '?')
			return 1;
		if (c == 'l')
			scale = 20;
	}
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	vy_rd_stdin(&r);
	if (vy_rd_all(&r, &text, &len) != 0)
		return 1;
	for (p = text; *p;) {
		skip();
		if (*p == '\n' || *p == ';') {
			p++;
			continue;
		}
		if (!*p || !strncmp(p, "quit", 4))
			break;
		assigned = failed = false;
		N v = expr();
		skip();
		if (*p && *p != '\n' && *p != ';')
			syntax("parse error");
		if (!assigned && !failed)
			print(v);
	}
	return 0;
}

/* bc: an arbitrary-precision decimal calculator (GNU bc's arithmetic, the
 * anchor): + - * / % ^ with bc's scale rules (truncating), sqrt(),
 * length(), scale(), comparisons, parentheses, variables, scale=N, ';'
 * and newlines between statements, quit; a statement that is not an
 * assignment prints its value (lines over 70 characters are continued
 * with a backslash, as bc does). -l sets scale=20 (no math library
 * functions). No if/while/define, ibase or obase. Reads stdin.
 * Size: up to 14 KB, because it is a small language: its parser and the
 * digit arithmetic (add, multiply, long division, square root). */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>


/* A number: sign, and its digits as an integer (little-endian, d[0] the
 * last) scaled by 10^-scale. */
struct num {
	int neg, scale;
	size_t n;
	unsigned char *d;
};

static const char *src, *p;
static int scale;
static struct var {
	char name[16];
	struct num v;
} vars[64];
static int nvars;
static bool assigned;

static _Noreturn void oom(void)
{
	vy_cmd_err("out of memory");
	vy_cmd_exit(1);
}

static struct num mk(size_t n, int sc)
{
	struct num x = {0, sc, n, calloc(n + 1, 1)};
	if (!x.d)
		oom();
	return x;
}

static void norm(struct num *x)
{
	while (x->n && !x->d[x->n - 1])
		x->n--;
	if (!x->n)
		x->neg = 0;
}

static struct num copy(struct num a)
{
	struct num x = mk(a.n, a.scale);
	memcpy(x.d, a.d, a.n);
	x.neg = a.neg;
	return x;
}

/* To scale s: zeros added at the end, or digits cut (towards zero). */
static struct num rescale(struct num a, int s)
{
	struct num x;
	if (s >= a.scale) {
		size_t k = (size_t)(s - a.scale);
		x = mk(a.n + k, s);
		memcpy(x.d + k, a.d, a.n);
	} else {
		size_t k = (size_t)(a.scale - s);
		x = mk(a.n > k ? a.n - k : 0, s);
		if (a.n > k)
			memcpy(x.d, a.d + k, a.n - k);
	}
	x.neg = a.neg;
	norm(&x);
	return x;
}

static int cmp_mag(struct num a, struct num b) /* same scale */
{
	if (a.n != b.n)
		return a.n > b.n ? 1 : -1;
	for (size_t i = a.n; i-- > 0;)
		if (a.d[i] != b.d[i])
			return a.d[i] > b.d[i] ? 1 : -1;
	return 0;
}

static struct num addsub(struct num a, struct num b, bool sub)
{
	int s = a.scale > b.scale ? a.scale : b.scale;
	a = rescale(a, s), b = rescale(b, s);
	int bneg = b.neg ^ sub;
	struct num x = mk((a.n > b.n ? a.n : b.n) + 1, s);
	if (a.neg == bneg) {
		int c = 0;
		for (size_t i = 0; i < x.n; i++) {
			int v = (i < a.n ? a.d[i] : 0) + (i < b.n ? b.d[i] : 0) + c;
			x.d[i] = (unsigned char)(v % 10), c = v / 10;
		}
		x.neg = a.neg;
	} else {
		bool swap = cmp_mag(a, b) < 0;
		struct num big = swap ? b : a, small = swap ? a : b;
		int br = 0;
		for (size_t i = 0; i < x.n; i++) {
			int v = (i < big.n ? big.d[i] : 0) - (i < small.n ? small.d[i] : 0) - br;
			br = v < 0, x.d[i] = (unsigned char)(v + (br ? 10 : 0));
		}
		x.neg = swap ? bneg : a.neg;
	}
	norm(&x);
	return x;
}

static struct num mul_full(struct num a, struct num b)
{
	struct num x = mk(a.n + b.n + 1, a.scale + b.scale);
	for (size_t i = 0; i < a.n; i++) {
		int c = 0;
		for (size_t j = 0; j < b.n || c; j++) {
			int v = x.d[i + j] + a.d[i] * (j < b.n ? b.d[j] : 0) + c;
			x.d[i + j] = (unsigned char)(v % 10), c = v / 10;
		}
	}
	x.neg = a.neg ^ b.neg;
	norm(&x);
	return x;
}

static int max3(int a, int b, int c) { return a > b ? (a > c ? a : c) : (b > c ? b : c); }

static struct num mul(struct num a, struct num b)
{
	int full = a.scale + b.scale, want = max3(scale, a.scale, b.scale);
	return rescale(mul_full(a, b), full < want ? full : want);
}

/* The integer quotient of magnitudes A / B (both as integers). */
static struct num idiv(struct num a, struct num b)
{
	struct num q = mk(a.n + 1, 0), r = mk(b.n + 2, 0);
	r.n = 0;
	for (size_t i = a.n; i-- > 0;) {
		memmove(r.d + 1, r.d, r.n);
		r.d[0] = a.d[i];
		r.n++;
		norm(&r);
		int k = 0;
		while (cmp_mag(r, b) >= 0) {
			int br = 0;
			for (size_t j = 0; j < r.n; j++) {
				int v = r.d[j] - (j < b.n ? b.d[j] : 0) - br;
				br = v < 0, r.d[j] = (unsigned char)(v + (br ? 10 : 0));
			}
			norm(&r);
			k++;
		}
		q.d[i] = (unsigned char)k;
	}
	norm(&q);
	free(r.d);
	return q;
}

static struct num divide(struct num a, struct num b, int s, bool *zero)
{
	if (!b.n) {
		*zero = true;
		return mk(0, s);
	}
	/* (a * 10^(s + b.scale - a.scale)) / b, as integers */
	struct num A = rescale(a, s + b.scale), B = b;
	A.scale = B.scale = 0;
	struct num q = idiv(A, B);
	q.scale = s;
	q.neg = a.neg ^ b.neg;
	norm(&q);
	return q;
}

static void skip(void)
{
	for (;;) {
		while (*p == ' ' || *p == '\t' || (*p == '\\' && p[1] == '\n'))
			p += *p == '\\' ? 2 : 1;
		if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");
			p = e ? e + 2 : p + strlen(p);
		} else if (*p == '#') {
			while (*p && *p != '\n')
				p++;
		} else {
			return;
		}
	}
}

static bool eat(const char *t)
{
	skip();
	size_t n = strlen(t);
	if (strncmp(p, t, n))
		return false;
	p += n;
	return true;
}

/* An error says why once, then skips the rest of the line: parsing goes
 * on at the '\n' and unwinds (there is no longjmp in wasm32). */
static bool failed;
static struct num syntax(const char *why)
{
	if (!failed)
		vy_cmd_err("%s", why);
	failed = true;
	while (*p && *p != '\n')
		p++;
	return mk(0, 0);
}

static struct num *var(const char *name, size_t len)
{
	for (int i = 0; i < nvars; i++)
		if (strlen(vars[i].name) == len && !strncmp(vars[i].name, name, len))
			return &vars[i].v;
	if (nvars == 64 || len >= sizeof vars[0].name) {
		static struct num junk;
		syntax("too many variables");
		return &junk;
	}
	memcpy(vars[nvars].name, name, len);
	vars[nvars].name[len] = '\0';
	vars[nvars].v = mk(0, 0);
	return &vars[nvars++].v;
}

static struct num from_int(long long v)
{
	struct num x = mk(20, 0);
	x.neg = v < 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	for (size_t i = 0; u; i++, u /= 10)
		x.d[i] = (unsigned char)(u % 10);
	norm(&x);
	return x;
}

static long long to_int(struct num a)
{
	long long v = 0;
	for (size_t i = a.n; i-- > (size_t)a.scale;)
		v = v * 10 + a.d[i];
	return a.neg ? -v : v;
}

static struct num expr(void);

static struct num sqrt_num(struct num a)
{
	int rs = a.scale > scale ? a.scale : scale;
	if (a.neg)
		return syntax("square root of a negative number");
	/* isqrt of a * 10^(2 rs) as an integer, by Newton's method */
	struct num A = rescale(a, 2 * rs);
	A.scale = 0;
	if (!A.n)
		return mk(0, rs);
	struct num x = mk(A.n / 2 + 2, 0);
	x.d[A.n / 2 + 1] = 1; /* above the root */
	norm(&x);
	for (;;) {
		bool z = false;
		struct num y = addsub(x, divide(A, x, 0, &z), false);
		y = idiv(y, from_int(2));
		if (cmp_mag(y, x) >= 0)
			break;
		x = y;
	}
	x.scale = rs;
	return x;
}

static struct num primary(void)
{
	skip();
	if (eat("(")) {
		struct num v = expr();
		if (!eat(")"))
			return syntax("parse error: ')' expected");
		return v;
	}
	if (eat("-"))
		return addsub(mk(0, 0), primary(), true);
	if (eat("+"))
		return primary();
	if ((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0' && p[1] <= '9')) {
		const char *s = p;
		size_t n = 0;
		int sc = 0;
		while ((*p >= '0' && *p <= '9') || *p == '.' || (*p == '\\' && p[1] == '\n')) {
			if (*p == '.')
				sc = -1;
			else if (*p != '\\' && *p != '\n')
				n++, sc += sc >= 0 ? 0 : 0;
			p += *p == '\\' ? 2 : 1;
		}
		struct num x = mk(n, 0);
		size_t k = n;
		bool frac = false;
		for (const char *q = s; q < p; q++) {
			if (*q == '.')
				frac = true;
			else if (*q >= '0' && *q <= '9')
				x.d[--k] = (unsigned char)(*q - '0'), x.scale += frac;
		}
		(void)sc;
		norm(&x);
		return x;
	}
	if ((*p >= 'a' && *p <= 'z')) {
		const char *s = p;
		while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')
			p++;
		size_t len = (size_t)(p - s);
		if (len == 4 && !strncmp(s, "sqrt", 4) && eat("(")) {
			struct num v = sqrt_num(expr());
			if (!eat(")"))
				return syntax("parse error");
			return v;
		}
		if ((len == 6 && !strncmp(s, "length", 6)) || (len == 5 && !strncmp(s, "scale", 5))) {
			if (eat("(")) {
				struct num v = expr();
				if (!eat(")"))
					return syntax("parse error");
				if (s[0] == 's')
					return from_int(v.scale);
				long long digits = (long long)(v.n > (size_t)v.scale ? v.n : (size_t)v.scale);
				return from_int(digits ? digits : 1);
			}
			if (s[0] == 's') {
				if (eat("=") && !eat("=")) {
					struct num v = expr();
					long long k = to_int(v);
					if (k < 0 || k > 10000)
						return syntax("scale out of range");
					scale = (int)k;
					assigned = true;
					return v;
				}
				return from_int(scale);
			}
		}
		struct num *v = var(s, len);
		skip();
		if (*p == '=' && p[1] != '=') {
			p++;
			*v = copy(expr());
			assigned = true;
			return *v;
		}
		return *v;
	}
	return syntax("parse error");
}

static struct num power(void)
{
	struct num b = primary();
	if (!eat("^"))
		return b;
	struct num e = power();
	long long k = to_int(e);
	bool neg = k < 0;
	if (neg)
		k = -k;
	struct num r = from_int(1), base = b;
	int full_scale = 0;
	for (long long i = k; i; i >>= 1) {
		if (i & 1)
			r = mul_full(r, base), full_scale = r.scale;
		if (i > 1)
			base = mul_full(base, base);
		if (r.n > 100000 || base.n > 100000)
			return syntax("number too big");
	}
	(void)full_scale;
	if (neg) {
		bool z = false;
		r = divide(from_int(1), r, scale, &z);
		if (z)
			return syntax("divide by zero");
		return r;
	}
	int want = b.scale * (int)k, cap = b.scale > scale ? b.scale : scale;
	return rescale(r, want < cap ? want : cap);
}

static struct num term(void)
{
	struct num a = power();
	for (;;) {
		skip();
		char op = *p;
		if ((op != '*' && op != '/' && op != '%') || p[1] == '=')
			return a;
		p++;
		struct num b = power();
		bool z = false;
		if (op == '*') {
			a = mul(a, b);
		} else if (op == '/') {
			a = divide(a, b, scale, &z);
		} else {
			struct num q = divide(a, b, scale, &z);
			int rs = scale + b.scale > a.scale ? scale + b.scale : a.scale;
			a = rescale(addsub(a, mul_full(q, b), true), rs);
		}
		if (z)
			return syntax(op == '/' ? "divide by zero" : "remainder by zero");
	}
}

static struct num sum(void)
{
	struct num a = term();
	for (;;) {
		skip();
		if ((*p != '+' && *p != '-') || p[1] == '=')
			return a;
		bool sub = *p++ == '-';
		a = addsub(a, term(), sub);
	}
}

static struct num expr(void)
{
	struct num a = sum();
	static const char *const ops[] = {"==", "!=", "<=", ">=", "<", ">"};
	for (int i = 0; i < 6; i++)
		if (eat(ops[i])) {
			struct num b = sum();
			int s = a.scale > b.scale ? a.scale : b.scale;
			struct num d = addsub(rescale(a, s), rescale(b, s), true);
			int c = !d.n ? 0 : d.neg ? -1 : 1;
			bool r = i == 0 ? c == 0 : i == 1 ? c != 0 : i == 2 ? c <= 0 : i == 3 ? c >= 0 : i == 4 ? c < 0 : c > 0;
			return from_int(r);
		}
	return a;
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

static void print(struct num x)
{
	norm(&x);
	col = 0;
	if (x.neg)
		out('-');
	if (!x.n) { /* zero is 0 at any scale */
		out('0');
		out('\n');
		return;
	}
	for (size_t i = x.n; i-- > (size_t)x.scale;)
		out((char)('0' + x.d[i]));
	if (x.scale) {
		out('.');
		for (int i = x.scale; i-- > 0;)
			out((char)('0' + ((size_t)i < x.n ? x.d[i] : 0)));
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
	src = p = text;
	while (*p) {
		skip();
		if (*p == '\n' || *p == ';') {
			p++;
			continue;
		}
		if (!*p)
			break;
		if (!strncmp(p, "quit", 4))
			break;
		assigned = failed = false;
		struct num v = expr();
		skip();
		if (*p && *p != '\n' && *p != ';')
			syntax("parse error");
		if (!assigned && !failed)
			print(v);
	}
	(void)src;
	return 0;
}

/* calc.c: the calculator's arithmetic, plain C with no SDK calls so it can
 * be tested natively. Recursive descent over + - * / % ^ and parentheses,
 * in doubles; results are shown with up to 6 decimals. */
#include "calc.h"

struct p {
	const char *s;
	const char *err;
};

static double expr(struct p *p);

static void skip(struct p *p)
{
	while (*p->s == ' ')
		p->s++;
}

static double fail(struct p *p, const char *why)
{
	if (!p->err)
		p->err = why;
	return 0;
}

static double primary(struct p *p)
{
	double v = 0, scale = 1;
	bool digits = false;

	skip(p);
	if (*p->s == '(') {
		p->s++;
		v = expr(p);
		skip(p);
		if (*p->s != ')')
			return fail(p, "missing )");
		p->s++;
		return v;
	}
	/* digits, then at most one point and more digits */
	for (bool frac = false;; p->s++) {
		int d = *p->s - '0';
		if (*p->s == '.' && !frac)
			frac = true;
		else if (d < 0 || d > 9)
			break;
		else if (digits = true, frac)
			v += d * (scale /= 10);
		else
			v = v * 10 + d;
	}
	if (!digits)
		return fail(p, *p->s ? "expected a number" : "unexpected end");
	return v;
}

static double unary(struct p *p);

static double power(struct p *p)
{
	double b = primary(p), r = 1;
	skip(p);
	if (*p->s != '^')
		return b;
	p->s++;
	double e = unary(p);
	if (!(e >= -1000 && e <= 1000) || e != (long)e) /* the range first: a cast past it is undefined */
		return fail(p, "exponent must be an integer in -1000..1000");
	long n = (long)e;
	for (long i = 0; i < (n < 0 ? -n : n); i++)
		r *= b;
	if (n < 0) {
		if (r == 0)
			return fail(p, "division by zero");
		r = 1 / r;
	}
	return r;
}

static double unary(struct p *p)
{
	skip(p);
	if (*p->s == '-') {
		p->s++;
		return -unary(p);
	}
	if (*p->s == '+') {
		p->s++;
		return unary(p);
	}
	return power(p);
}

static double term(struct p *p)
{
	double v = unary(p);
	for (;;) {
		char op;
		skip(p);
		op = *p->s;
		if (op != '*' && op != '/' && op != '%')
			return v;
		p->s++;
		double r = unary(p);
		if (op == '*') {
			v *= r;
		} else if (r == 0) {
			return fail(p, "division by zero");
		} else if (op == '/') {
			v /= r;
		} else {
			double q = v / r;
			if (!(q > -1e15 && q < 1e15))
				return fail(p, "out of range");
			q = __builtin_trunc(q); /* toward zero (a zero may change sign: never shown) */
			v -= q * r;
		}
	}
}

static double expr(struct p *p)
{
	double v = term(p);
	for (;;) {
		skip(p);
		if (*p->s == '+') {
			p->s++;
			v += term(p);
		} else if (*p->s == '-') {
			p->s++;
			v -= term(p);
		} else {
			return v;
		}
	}
}

const char *calc_eval(const char *s, double *out)
{
	struct p p = {s, 0};
	double v = expr(&p);
	skip(&p);
	if (!p.err && *p.s)
		p.err = *p.s == ')' ? "unbalanced )" : "unexpected character";
	if (!p.err && !(v > -1e15 && v < 1e15))
		p.err = "out of range";
	*out = v;
	return p.err;
}

void calc_format(double v, char *buf, size_t cap)
{
	/* |v| < 1e15 (calc_eval's range): the integer part fits in 64 bits,
	 * v * 10^6 would not (it did, cut at 2^63, past 9.2e12) */
	double a = v < 0 ? -v : v;
	unsigned long long ip = (unsigned long long)a, fr, unit = 1000000;
	int dec = 6;
	char tmp[40], *end = tmp + sizeof tmp, *p = end;
	size_t n = 0;

	/* at most 15 digits in all, what a double holds: 99999999999999.9,
	 * not the binary value's 99999999999999.90625 */
	for (unsigned long long k = ip / 1000000000; k && dec; k /= 10)
		dec--, unit /= 10;
	fr = (unsigned long long)((a - (double)ip) * (double)unit + 0.5);
	if (fr == unit)
		ip++, fr = 0;
	/* the fraction's digits, the point, then the integer part's (at least
	 * one); the fraction's trailing zeros are dropped, and the point with
	 * them when the fraction is 0 */
	for (int d = 0; d < dec; d++, fr /= 10)
		*--p = (char)('0' + fr % 10);
	*--p = '.';
	do
		*--p = (char)('0' + ip % 10);
	while (ip /= 10);
	while (end[-1] == '0')
		end--;
	end -= end[-1] == '.';
	if (v < 0 && (end - p > 1 || *p != '0')) /* never "-0" */
		*--p = '-';
	while (p < end && n + 1 < cap)
		buf[n++] = *p++;
	if (cap)
		buf[n] = '\0';
}

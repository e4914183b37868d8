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
	for (; *p->s >= '0' && *p->s <= '9'; p->s++, digits = true)
		v = v * 10 + (*p->s - '0');
	if (*p->s == '.')
		for (p->s++; *p->s >= '0' && *p->s <= '9'; p->s++, digits = true)
			v += (*p->s - '0') * (scale /= 10);
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
	long n = (long)e;
	if (n != e || n < -1000 || n > 1000)
		return fail(p, "exponent must be an integer in -1000..1000");
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
			q = q < 0 ? -(double)(long long)-q : (double)(long long)q;
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
	long long m = (long long)(v * 1000000 + (v < 0 ? -0.5 : 0.5));
	unsigned long long a = m < 0 ? 0ull - (unsigned long long)m : (unsigned long long)m;
	unsigned long long ip = a / 1000000, fp = a % 1000000;
	char tmp[40];
	size_t n = 0, i = sizeof tmp;

	tmp[--i] = '\0';
	if (fp) {
		int digits = 6;
		while (fp % 10 == 0) {
			fp /= 10;
			digits--;
		}
		while (digits--) {
			tmp[--i] = (char)('0' + fp % 10);
			fp /= 10;
		}
		tmp[--i] = '.';
	}
	do {
		tmp[--i] = (char)('0' + ip % 10);
		ip /= 10;
	} while (ip);
	if (m < 0)
		tmp[--i] = '-';
	while (tmp[i] && n + 1 < cap)
		buf[n++] = tmp[i++];
	if (cap)
		buf[n] = '\0';
}

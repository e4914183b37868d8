/* json: reads JSON values from stdin, prints them pretty (2-space indent,
 * as jq) or -c compact, after a FILTER (jq's syntax, a subset): . .name
 * ."name" .[N] .[] and | keys | length, chained (.list[].id). -r prints
 * strings raw. Numbers keep their digits (jq rounds them to doubles: a
 * 21-digit integer differs) but are written as jq writes them: no
 * trailing zeros, exponents shifted out (-3e2 is -300). Status 1 on bad
 * JSON or filter (jq: 2 and 5). jq is its conformance anchor. */
#include <vyoma_cmd.h>
#include <stdlib.h>
#include <string.h>

/* A value, made once and then only pointed at (a key, an item or a
 * filter's result share it). An object's items are its keys and values
 * in turn: key i is v[2i], its value v[2i + 1]. */
enum { J_NULL, J_FALSE, J_TRUE, J_NUM, J_STR, J_ARR, J_OBJ };
struct jv {
	int t;
	size_t len;    /* J_STR bytes; J_ARR/J_OBJ items */
	char *s;       /* J_NUM: canonical text; J_STR: UTF-8 bytes */
	struct jv **v; /* items */
};
static const struct jv null;

static const char *p, *end;
static const char *const words[] = {"null", "false", "true"};
/* JSON's escapes: the letter after the backslash, then the byte ('/' is
 * only read) */
static const char escapes[] = "\"\"\\\\b\bf\fn\nr\rt\t//";
static bool compact, raw, bad;

static void *mem(size_t n)
{
	void *x = calloc(1, n ? n : 1);
	if (!x) {
		vy_cmd_errs("out of memory");
		vy_cmd_exit(1);
	}
	return x;
}

static void ws(void)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
}

static struct jv *fail(const char *why)
{
	if (!bad)
		vy_cmd_errs("parse error: ", why);
	bad = true;
	p = end;
	return (struct jv *)&null;
}

static int hex4(const char *q)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		int c = q + i < end ? q[i] | 32 : 0;
		int d = (unsigned)(c - '0') < 10 ? c - '0' : (unsigned)(c - 'a') < 6 ? c - 'a' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static size_t utf8(char *o, unsigned cp)
{
	size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	for (size_t i = n; --i > 0; cp >>= 6)
		o[i] = (char)(0x80 | (cp & 63));
	o[0] = (char)(n > 1 ? (0xf00 >> n) | cp : cp); /* 110xxxxx, 1110xxxx or 11110xxx */
	return n;
}

/* A string value at p (its '"'), or NULL when it is not a good one. */
static struct jv *string(void)
{
	struct jv *v = mem(sizeof *v);
	char *o = mem((size_t)(end - ++p) + 1);
	size_t n = 0;
	while (p < end && *p != '"') {
		if ((unsigned char)*p < 0x20)
			return NULL;
		if (*p != '\\') {
			o[n++] = *p++;
			continue;
		}
		char e = ++p < end ? *p++ : 0;
		const char *k = escapes;
		while (*k && *k != e)
			k += 2;
		if (e == 'u') {
			int cp = hex4(p);
			if (cp < 0)
				return NULL;
			p += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && p + 6 <= end && p[0] == '\\' && p[1] == 'u') {
				int lo = hex4(p + 2);
				if (lo >= 0xdc00 && lo < 0xe000) {
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
					p += 6;
				}
			}
			n += utf8(o + n, (unsigned)cp);
		} else if (*k) {
			o[n++] = k[1];
		} else {
			return NULL;
		}
	}
	if (p >= end)
		return NULL;
	p++;
	v->t = J_STR, v->s = o, v->len = n;
	return v;
}

/* v's decimal digits at o; returns their end. */
static char *utoa(char *o, unsigned long long v)
{
	char t[24], *e = vy_str_dec(t + sizeof t, v);
	memcpy(o, e, (size_t)(t + sizeof t - e));
	return o + (t + sizeof t - e);
}

/* A number's canonical text: digits kept, trailing fraction zeros and the
 * exponent folded into the digits when that is short (jq's look). */
static char *number(void)
{
	char d[64], *o = mem(96), *q = o;
	size_t nd = 0, a = 0;
	int point = 0; /* where the point is, counted in digits (an exponent is under 10^9) */
	bool neg = *p == '-', dot = false;
	p += neg;
	if (p >= end || *p < '0' || *p > '9')
		return NULL;
	for (; p < end && ((*p >= '0' && *p <= '9') || *p == '.'); p++) {
		if (*p == '.') {
			if (dot)
				return NULL;
			dot = true;
			continue;
		}
		if (nd < sizeof d - 1)
			d[nd++] = *p;
		point += !dot;
	}
	if (p < end && (*p | 32) == 'e') {
		const char *e;
		p++;
		point += (int)vy_str_atoll(*p == '+' ? p + 1 : p, &e);
		if (e == p || e == p + (*p == '+' || *p == '-'))
			return NULL;
		p = e;
	}
	/* leading zeros (down to one before the point), trailing zeros */
	while (a + 1 < nd && d[a] == '0' && point != 1)
		a++, point--;
	while (nd > a + 1 && d[nd - 1] == '0' && (int)(nd - a) > point)
		nd--;
	int n = (int)(nd - a), at = point > 17 || point < -5 ? 1 : point; /* else d.ddde+X */
	if (n == 1 && d[a] == '0')
		return strcpy(o, "0");
	if (neg)
		*q++ = '-';
	/* the digit of each place, from the highest to the lowest shown */
	for (int k = at > 1 ? at - 1 : 0, j; k >= (at < n ? at - n : 0); k--) {
		if (k == -1)
			*q++ = '.';
		j = at - 1 - k;
		*q++ = j >= 0 && j < n ? d[a + (size_t)j] : '0';
	}
	if (at != point) {
		*q++ = 'e';
		*q++ = point >= 1 ? '+' : '-';
		q = utoa(q, (unsigned)(point >= 1 ? point - 1 : 1 - point));
	}
	*q = '\0';
	return o;
}

static struct jv *value(int depth)
{
	struct jv *v = mem(sizeof *v);
	ws();
	if (p >= end)
		return fail("unexpected end of input");
	if (depth > 200)
		return fail("too deeply nested");
	if (*p == '{' || *p == '[') {
		bool obj = *p++ == '{';
		char close = obj ? '}' : ']';
		size_t cap = 0;
		v->t = obj ? J_OBJ : J_ARR;
		ws();
		if (p < end && *p == close) {
			p++;
			return v;
		}
		for (;;) {
			if (v->len + 2 > cap) {
				cap = cap * 2 + 8;
				if (!(v->v = realloc(v->v, cap * sizeof *v->v)))
					return fail("out of memory");
			}
			if (obj) {
				ws();
				if (p >= end || *p != '"' || !(v->v[v->len++] = string()))
					return fail("object key expected");
				ws();
				if (p >= end || *p++ != ':')
					return fail("':' expected");
			}
			v->v[v->len++] = value(depth + 1);
			if (bad)
				return v;
			ws();
			if (p < end && *p == ',') {
				p++;
				continue;
			}
			if (p < end && *p == close) {
				p++;
				return v;
			}
			return fail(obj ? "',' or '}' expected" : "',' or ']' expected");
		}
	}
	if (*p == '"') {
		struct jv *str = string();
		return str ? str : fail("bad string");
	}
	for (int i = 0; i < 3; i++) {
		size_t k = strlen(words[i]);
		if ((size_t)(end - p) >= k && !memcmp(p, words[i], k)) {
			p += k;
			v->t = i;
			return v;
		}
	}
	v->t = J_NUM;
	if (!(v->s = number()))
		return fail("bad value");
	return v;
}

static void str_out(const char *s, size_t n)
{
	vy_write("\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *k = escapes;
		char u[] = "\\u00XX";
		while (*k && (k[1] != c || c == '/'))
			k += 2;
		if (*k) {
			u[1] = k[0];
			vy_write(u, 2);
		} else if (c < 0x20 || c == 0x7f) {
			u[4] = "0123456789abcdef"[c >> 4], u[5] = "0123456789abcdef"[c & 15];
			vy_write(u, 6);
		} else {
			vy_write(&s[i], 1);
		}
	}
	vy_write("\"", 1);
}

/* A new line, indented by ind levels */
static void nl(int ind)
{
	vy_write("\n", 1);
	while (ind-- > 0)
		vy_write("  ", 2);
}

static void out(const struct jv *v, int ind)
{
	if (v->t <= J_TRUE)
		return (void)vy_print(words[v->t]);
	if (v->t == J_NUM)
		return (void)vy_print(v->s);
	if (v->t == J_STR)
		return str_out(v->s, v->len);
	bool obj = v->t == J_OBJ;
	vy_write(obj ? "{" : "[", 1);
	for (size_t i = 0; i < v->len; i++) {
		if (i)
			vy_write(",", 1);
		if (!compact)
			nl(ind + 1);
		if (obj) {
			out(v->v[i++], 0);
			vy_print(compact ? ":" : ": ");
		}
		out(v->v[i], ind + 1);
	}
	if (!compact && v->len)
		nl(ind);
	vy_write(obj ? "}" : "]", 1);
}

static int emit(const struct jv *v)
{
	if (raw && v->t == J_STR)
		vy_write(v->s, v->len);
	else
		out(v, 0);
	return vy_write("\n", 1);
}

static int cmpkey(const struct jv *x, const struct jv *y)
{
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* A number value of n */
static struct jv *numv(size_t n)
{
	struct jv *r = mem(sizeof *r);
	r->t = J_NUM;
	*utoa(r->s = mem(24), n) = '\0';
	return r;
}

static int run(const char *f, const struct jv *v);

/* The step [] or [N] (f is after its '['), then the rest of the filter. */
static int step(const char *f, const struct jv *v)
{
	bool obj = v->t == J_OBJ;
	if (*f == ']') {
		if (!obj && v->t != J_ARR)
			return vy_cmd_errs("cannot iterate over this value");
		for (size_t i = obj; i < v->len; i += 1 + obj)
			if (run(f + 1, v->v[i]) != 0)
				return -1;
		return 0;
	}
	const char *e;
	long long i = vy_str_atoll(f, &e);
	if (e == f || *e != ']')
		return vy_cmd_errs("bad index in filter");
	if (v->t == J_NULL)
		return run(e + 1, v);
	if (v->t != J_ARR)
		return vy_cmd_errs("cannot index this value with a number");
	if (i < 0)
		i += (long long)v->len;
	return run(e + 1, i >= 0 && (size_t)i < v->len ? v->v[i] : &null);
}

/* Run the filter f on v, emitting each result; -1 on an error. */
static int run(const char *f, const struct jv *v)
{
	bool obj = v->t == J_OBJ;
	size_t n = obj ? v->len / 2 : v->len; /* members or items */
	while (*f == ' ')
		f++;
	if (!*f)
		return emit(v);
	if (*f == '|')
		return run(f + 1, v);
	if (!strncmp(f, "keys", 4) || !strncmp(f, "length", 6)) {
		bool keys = f[0] == 'k';
		struct jv *r = mem(sizeof *r);
		f += keys ? 4 : 6;
		if (keys) {
			if (!obj && v->t != J_ARR)
				return vy_cmd_errs(v->t == J_STR ? "string" : "value", " has no keys");
			r->t = J_ARR, r->len = n, r->v = mem(n * sizeof *r->v);
			for (size_t i = 0; i < n; i++)
				r->v[i] = obj ? v->v[2 * i] : numv(i);
			for (size_t i = 1; obj && i < n; i++) /* insertion sort: smaller than qsort */
				for (size_t j = i; j > 0 && cmpkey(r->v[j - 1], r->v[j]) > 0; j--) {
					struct jv *t = r->v[j];
					r->v[j] = r->v[j - 1], r->v[j - 1] = t;
				}
		} else if (v->t == J_TRUE || v->t == J_FALSE) {
			return vy_cmd_errs("boolean has no length");
		} else if (v->t == J_NUM) { /* its magnitude */
			r->t = J_NUM, r->s = v->s + (v->s[0] == '-');
		} else {
			if (v->t == J_STR)
				for (size_t i = n = 0; i < v->len; i++)
					n += ((unsigned char)v->s[i] & 0xc0) != 0x80;
			r = numv(n);
		}
		return run(f, r);
	}
	if (*f != '.')
		return vy_cmd_errs("unsupported filter: ", f);
	f++;
	if (!*f || *f == ' ' || *f == '|')
		return run(f, v);
	if (*f == '[')
		return step(f + 1, v);
	/* .name or ."name" */
	const char *k = f;
	size_t kl;
	if (*f == '"') {
		k = ++f;
		while (*f && *f != '"')
			f++;
		kl = (size_t)(f - k);
		f += *f == '"';
	} else {
		while (*f && *f != '.' && *f != '[' && *f != ' ' && *f != '|')
			f++;
		kl = (size_t)(f - k);
	}
	if (v->t == J_NULL)
		return run(*f == '[' ? "." : f, &null) ? -1 : 0;
	if (!obj)
		return vy_cmd_errs("cannot index this value with \"", memcpy(mem(kl + 1), k, kl), "\"");
	const struct jv *found = &null;
	for (size_t i = v->len; i > 0; i -= 2) /* the last of a repeated key */
		if (v->v[i - 2]->len == kl && !memcmp(v->v[i - 2]->s, k, kl)) {
			found = v->v[i - 1];
			break;
		}
	/* .name[..]: the step applies to the field */
	return *f == '[' ? step(f + 1, found) : run(f, found);
}

int main(void)
{
	char **argv, *text;
	int argc = vy_cmd_args(&argv), c, status = 0;
	size_t len;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "cr", "[-cr] [FILTER]\n\nPretty-print JSON from stdin, or the parts FILTER picks.\n"
						       "\t-c\tCompact\n\t-r\tStrings raw\nFILTER: . .name .\"name\" .[N] .[] | keys | length\n")) != -1) {
		if (c == '?')
			return 1;
		compact |= c == 'c', raw |= c == 'r';
	}
	const char *filter = o.ind < argc ? argv[o.ind++] : ".";
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	if (vy_in_all(&text, &len) != 0)
		return 1;
	p = text, end = text + len;
	for (;;) {
		ws();
		if (p >= end)
			break;
		struct jv *v = value(0);
		if (bad)
			return 1;
		if (run(filter, v) != 0)
			status = 1;
	}
	return status;
}

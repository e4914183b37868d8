/* jv: json's values: the parser (JSON text to a tree of struct jv, numbers
 * kept as their canonical digits) and the printer (pretty, as jq, or
 * compact). Apart from main.c so fuzz/fuzz_json.c can run it on the host. */
#include "json.h"

#include <stdlib.h>
#include <string.h>

const struct jv jv_null;

const char *jv_p, *jv_end;
static const char *const jv_words[] = {"null", "false", "true"};
/* JSON's escapes: the letter after the backslash, then the byte ('/' is
 * only read) */
static const char escapes[] = "\"\"\\\\b\bf\fn\nr\rt\t//";
bool jv_compact, jv_bad;

void *jv_mem(size_t n)
{
	void *x = calloc(1, n ? n : 1);
	if (!x) {
		vy_cmd_errs("out of memory");
		vy_cmd_exit(1);
	}
	return x;
}

void jv_ws(void)
{
	while (jv_p < jv_end && (*jv_p == ' ' || *jv_p == '\t' || *jv_p == '\n' || *jv_p == '\r'))
		jv_p++;
}

static struct jv *fail(const char *why)
{
	if (!jv_bad)
		vy_cmd_errs("parse error: ", why);
	jv_bad = true;
	jv_p = jv_end;
	return (struct jv *)&jv_null;
}

static int hex4(const char *q)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		int c = q + i < jv_end ? q[i] | 32 : 0;
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
	struct jv *v = jv_mem(sizeof *v);
	char *o = jv_mem((size_t)(jv_end - ++jv_p) + 1);
	size_t n = 0;
	while (jv_p < jv_end && *jv_p != '"') {
		if ((unsigned char)*jv_p < 0x20)
			return NULL;
		if (*jv_p != '\\') {
			o[n++] = *jv_p++;
			continue;
		}
		char e = ++jv_p < jv_end ? *jv_p++ : 0;
		const char *k = escapes;
		while (*k && *k != e)
			k += 2;
		if (e == 'u') {
			int cp = hex4(jv_p);
			if (cp < 0)
				return NULL;
			jv_p += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && jv_p + 6 <= jv_end && jv_p[0] == '\\' && jv_p[1] == 'u') {
				int lo = hex4(jv_p + 2);
				if (lo >= 0xdc00 && lo < 0xe000) {
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
					jv_p += 6;
				}
			}
			n += utf8(o + n, (unsigned)cp);
		} else if (*k) {
			o[n++] = k[1];
		} else {
			return NULL;
		}
	}
	if (jv_p >= jv_end)
		return NULL;
	jv_p++;
	v->t = J_STR, v->s = o, v->len = n;
	return v;
}

/* v's decimal digits at o; returns their end. */
char *jv_utoa(char *o, unsigned long long v)
{
	char t[24], *e = vy_str_dec(t + sizeof t, v);
	memcpy(o, e, (size_t)(t + sizeof t - e));
	return o + (t + sizeof t - e);
}

/* A number's canonical text: digits kept, trailing fraction zeros and the
 * exponent folded into the digits when that is short (jq's look). */
static char *number(void)
{
	char d[64], *o = jv_mem(96), *q = o;
	size_t nd = 0, a = 0;
	int point = 0; /* where the point is, counted in digits (an exponent is under 10^9) */
	bool neg = *jv_p == '-', dot = false;
	jv_p += neg;
	if (jv_p >= jv_end || *jv_p < '0' || *jv_p > '9')
		return NULL;
	for (; jv_p < jv_end && ((*jv_p >= '0' && *jv_p <= '9') || *jv_p == '.'); jv_p++) {
		if (*jv_p == '.') {
			if (dot)
				return NULL;
			dot = true;
			continue;
		}
		if (nd < sizeof d - 1)
			d[nd++] = *jv_p;
		point += !dot;
	}
	if (jv_p < jv_end && (*jv_p | 32) == 'e') {
		const char *e;
		jv_p++;
		point += (int)vy_str_atoll(*jv_p == '+' ? jv_p + 1 : jv_p, &e);
		if (e == jv_p || e == jv_p + (*jv_p == '+' || *jv_p == '-'))
			return NULL;
		jv_p = e;
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
		q = jv_utoa(q, (unsigned)(point >= 1 ? point - 1 : 1 - point));
	}
	*q = '\0';
	return o;
}

struct jv *jv_value(int depth)
{
	struct jv *v = jv_mem(sizeof *v);
	jv_ws();
	if (jv_p >= jv_end)
		return fail("unexpected end of input");
	if (depth > 200)
		return fail("too deeply nested");
	if (*jv_p == '{' || *jv_p == '[') {
		bool obj = *jv_p++ == '{';
		char close = obj ? '}' : ']';
		size_t cap = 0;
		v->t = obj ? J_OBJ : J_ARR;
		jv_ws();
		if (jv_p < jv_end && *jv_p == close) {
			jv_p++;
			return v;
		}
		for (;;) {
			if (v->len + 2 > cap) {
				cap = cap * 2 + 8;
				if (!(v->v = realloc(v->v, cap * sizeof *v->v)))
					return fail("out of memory");
			}
			if (obj) {
				jv_ws();
				if (jv_p >= jv_end || *jv_p != '"' || !(v->v[v->len++] = string()))
					return fail("object key expected");
				jv_ws();
				if (jv_p >= jv_end || *jv_p++ != ':')
					return fail("':' expected");
			}
			v->v[v->len++] = jv_value(depth + 1);
			if (jv_bad)
				return v;
			jv_ws();
			if (jv_p < jv_end && *jv_p == ',') {
				jv_p++;
				continue;
			}
			if (jv_p < jv_end && *jv_p == close) {
				jv_p++;
				return v;
			}
			return fail(obj ? "',' or '}' expected" : "',' or ']' expected");
		}
	}
	if (*jv_p == '"') {
		struct jv *str = string();
		return str ? str : fail("bad string");
	}
	for (int i = 0; i < 3; i++) {
		size_t k = strlen(jv_words[i]);
		if ((size_t)(jv_end - jv_p) >= k && !memcmp(jv_p, jv_words[i], k)) {
			jv_p += k;
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

void jv_out(const struct jv *v, int ind)
{
	if (v->t <= J_TRUE)
		return (void)vy_print(jv_words[v->t]);
	if (v->t == J_NUM)
		return (void)vy_print(v->s);
	if (v->t == J_STR)
		return str_out(v->s, v->len);
	bool obj = v->t == J_OBJ;
	vy_write(obj ? "{" : "[", 1);
	for (size_t i = 0; i < v->len; i++) {
		if (i)
			vy_write(",", 1);
		if (!jv_compact)
			nl(ind + 1);
		if (obj) {
			jv_out(v->v[i++], 0);
			vy_print(jv_compact ? ":" : ": ");
		}
		jv_out(v->v[i], ind + 1);
	}
	if (!jv_compact && v->len)
		nl(ind);
	vy_write(obj ? "}" : "]", 1);
}


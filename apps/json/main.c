/* json: reads JSON values from stdin, prints them pretty (2-space indent,
 * as jq) or -c compact, after a FILTER (jq's syntax, a subset): . .name
 * ."name" .[N] .[] and | keys | length, chained (.list[].id). -r prints
 * strings raw. Numbers keep their digits (jq rounds them to doubles: a
 * 21-digit integer differs) but are written as jq writes them: no
 * trailing zeros, exponents shifted out (-3e2 is -300). Status 1 on bad
 * JSON or filter (jq: 2 and 5). jq is its conformance anchor. This file:
 * options, the filter and the loop; jv.c parses and prints (fuzz/fuzz_json.c). */
#include "json.h"

#include <stdlib.h>
#include <string.h>

static bool raw;

static int emit(const struct jv *v)
{
	if (raw && v->t == J_STR)
		vy_write(v->s, v->len);
	else
		jv_out(v, 0);
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
	struct jv *r = jv_mem(sizeof *r);
	r->t = J_NUM;
	*jv_utoa(r->s = jv_mem(24), n) = '\0';
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
	return run(e + 1, i >= 0 && (size_t)i < v->len ? v->v[i] : &jv_null);
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
		struct jv *r = jv_mem(sizeof *r);
		f += keys ? 4 : 6;
		if (keys) {
			if (!obj && v->t != J_ARR)
				return vy_cmd_errs(v->t == J_STR ? "string" : "value", " has no keys");
			r->t = J_ARR, r->len = n, r->v = jv_mem(n * sizeof *r->v);
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
		return run(*f == '[' ? "." : f, &jv_null) ? -1 : 0;
	if (!obj)
		return vy_cmd_errs("cannot index this value with \"", memcpy(jv_mem(kl + 1), k, kl), "\"");
	const struct jv *found = &jv_null;
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
		jv_compact |= c == 'c', raw |= c == 'r';
	}
	const char *filter = o.ind < argc ? argv[o.ind++] : ".";
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	if (vy_in_all(&text, &len) != 0)
		return 1;
	jv_p = text, jv_end = text + len;
	for (;;) {
		jv_ws();
		if (jv_p >= jv_end)
			break;
		struct jv *v = jv_value(0);
		if (jv_bad)
			return 1;
		if (run(filter, v) != 0)
			status = 1;
	}
	return status;
}

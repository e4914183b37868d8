/* cmdre: POSIX regular expressions for the commands (grep, sed, expr):
 * basic (BRE, with GNU's \+ \? \|) and extended (ERE) syntax, bracket
 * expressions with [:classes:], intervals, groups, anchors; case folding.
 * Compiled to a small program run by a Pike VM (all threads in lock step),
 * so a match costs O(text x pattern) and no pattern can make it explode
 * on a 1 MB line; the match is the leftmost, and the longest there, as
 * POSIX says. Bytes, not characters (the C locale). No back-references
 * inside a pattern (\1 in sed's replacement works: it is a capture).
 * Written here rather than taken from wasi-libc: musl's TRE regex adds 45
 * KB to a command that is otherwise 6 KB. */
#include "vyoma_cmd.h"

#include <stdlib.h>
#include <string.h>

enum { O_CHAR, O_ANY, O_CLASS, O_SPLIT, O_JMP, O_SAVE, O_MATCH, O_BOL, O_EOL };
#define RE_MAX_INS 1000
#define RE_MAX_CLASS 64
#define RE_MAX_REP 255

struct re_ins {
	uint8_t op, c;
	int16_t x, y; /* jumps: relative offsets; CLASS: x = class; SAVE: x = slot */
};

struct vy_re {
	struct re_ins *code;
	int n, nclass, ngroup;
	uint8_t (*cls)[32];
	int flags;
	/* the parser's state */
	const char *p;
	const char *err;
	/* the VM's lists, allocated at the first match */
	struct re_thr *t[2];
	int *mark, gen;
};

struct re_thr {
	int pc;
	int64_t cap[VY_RE_NSUB * 2];
};

static int re_emit(struct vy_re *re, int at, uint8_t op, int c, int x, int y)
{
	if (re->n >= RE_MAX_INS) {
		re->err = "regular expression too big";
		return -1;
	}
	memmove(re->code + at + 1, re->code + at, (size_t)(re->n - at) * sizeof *re->code);
	re->code[at] = (struct re_ins){op, (uint8_t)c, (int16_t)x, (int16_t)y};
	re->n++;
	return 0;
}
#define EMIT(op, c, x, y) re_emit(re, re->n, op, c, x, y)

static bool re_ext(const struct vy_re *re) { return re->flags & VY_RE_EXT; }

static void cls_set(uint8_t *b, int c) { b[(unsigned char)c >> 3] |= (uint8_t)(1u << (c & 7)); }

static const char re_classes[] = "alpha\0digit\0alnum\0upper\0lower\0space\0blank\0punct\0print\0graph\0cntrl\0xdigit\0";

int vy_cmd_class(const char *s, size_t n)
{
	int k = 0;
	for (const char *nm = re_classes; *nm; nm += strlen(nm) + 1, k++)
		if (n == strlen(nm) && memcmp(s, nm, n) == 0)
			return k;
	return -1;
}

bool vy_cmd_in_class(int k, int c)
{
	bool up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z', dg = c >= '0' && c <= '9';
	bool gr = c > ' ' && c < 0x7f;
	switch (k) {
	case 0: return up || lo;
	case 1: return dg;
	case 2: return up || lo || dg;
	case 3: return up;
	case 4: return lo;
	case 5: return c == ' ' || (c >= '\t' && c <= '\r');
	case 6: return c == ' ' || c == '\t';
	case 7: return gr && !up && !lo && !dg;
	case 8: return gr || c == ' ';
	case 9: return gr;
	case 10: return c < ' ' || c == 0x7f;
	default: return dg || ((c | 32) >= 'a' && (c | 32) <= 'f');
	}
}

static int re_bracket(struct vy_re *re)
{
	const char *p = re->p;
	bool neg = false;
	uint8_t *b;
	if (re->nclass == RE_MAX_CLASS) {
		re->err = "too many bracket expressions";
		return -1;
	}
	b = re->cls[re->nclass];
	memset(b, 0, 32);
	if (*p == '^')
		neg = true, p++;
	for (bool first = true; first || *p != ']'; first = false) {
		int lo = (unsigned char)*p, hi;
		if (!*p) {
			re->err = "unmatched [";
			return -1;
		}
		if (p[0] == '[' && p[1] == ':') {
			const char *e = strstr(p + 2, ":]");
			int k = e ? vy_cmd_class(p + 2, (size_t)(e - p - 2)) : -1;
			if (k < 0) {
				re->err = "unknown character class";
				return -1;
			}
			for (int c = 1; c < 256; c++)
				if (vy_cmd_in_class(k, c))
					cls_set(b, c);
			p = e + 2;
			continue;
		}
		p++;
		hi = lo;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			hi = (unsigned char)p[1];
			p += 2;
		}
		for (int c = lo; c <= hi; c++) {
			cls_set(b, c);
			if (re->flags & VY_RE_ICASE) {
				if (c >= 'a' && c <= 'z')
					cls_set(b, c - 32);
				if (c >= 'A' && c <= 'Z')
					cls_set(b, c + 32);
			}
		}
	}
	re->p = p + 1;
	if (neg)
		for (int i = 0; i < 32; i++)
			b[i] = (uint8_t)~b[i];
	return EMIT(O_CLASS, 0, re->nclass++, 0);
}

static int re_alt(struct vy_re *re, int depth);

/* One atom; *atom_start is where its code begins. 1 if there was none. */
static int re_atom(struct vy_re *re, int depth, bool at_start)
{
	const char *p = re->p;
	char c = *p;
	bool ext = re_ext(re);

	if (!c || (ext && (c == '|' || c == ')')) || (!ext && c == '\\' && (p[1] == '|' || p[1] == ')')))
		return 1;
	if ((ext && c == '(') || (!ext && c == '\\' && p[1] == '(')) {
		int g = ++re->ngroup;
		re->p += ext ? 1 : 2;
		if (g < VY_RE_NSUB && EMIT(O_SAVE, 0, g * 2, 0) != 0)
			return -1;
		if (re_alt(re, depth + 1) != 0)
			return -1;
		if (ext ? *re->p != ')' : (re->p[0] != '\\' || re->p[1] != ')')) {
			re->err = "unmatched (";
			return -1;
		}
		re->p += ext ? 1 : 2;
		return g < VY_RE_NSUB ? EMIT(O_SAVE, 0, g * 2 + 1, 0) : 0;
	}
	re->p++;
	if (c == '.')
		return EMIT(O_ANY, 0, 0, 0);
	if (c == '[') {
		return re_bracket(re);
	}
	if (c == '^' && (ext || at_start))
		return EMIT(O_BOL, 0, 0, 0);
	if (c == '$' && (ext || !*re->p || (re->p[0] == '\\' && (re->p[1] == ')' || re->p[1] == '|'))))
		return EMIT(O_EOL, 0, 0, 0);
	if (ext && (c == '*' || c == '+' || c == '?') && at_start) {
		re->err = "nothing to repeat";
		return -1;
	}
	if (c == '\\') {
		c = *re->p++;
		if (!c) {
			re->err = "trailing backslash";
			return -1;
		}
		c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
	}
	if ((re->flags & VY_RE_ICASE) && ((c | 32) >= 'a' && (c | 32) <= 'z')) {
		uint8_t *b;
		if (re->nclass == RE_MAX_CLASS)
			return re->err = "pattern too complex", -1;
		b = re->cls[re->nclass];
		memset(b, 0, 32);
		cls_set(b, c | 32);
		cls_set(b, c & ~32);
		return EMIT(O_CLASS, 0, re->nclass++, 0);
	}
	return EMIT(O_CHAR, c, 0, 0);
}

/* Copy code [s, e) to the end (relative jumps make it position-free). */
static int re_copy(struct vy_re *re, int s, int e)
{
	if (re->n + (e - s) > RE_MAX_INS)
		return re->err = "regular expression too big", -1;
	memcpy(re->code + re->n, re->code + s, (size_t)(e - s) * sizeof *re->code);
	re->n += e - s;
	return 0;
}

static int re_star(struct vy_re *re, int s)
{
	int len = re->n - s;
	if (re_emit(re, s, O_SPLIT, 0, 1, len + 2) != 0)
		return -1;
	return EMIT(O_JMP, 0, -(len + 1), 0);
}

static int re_opt(struct vy_re *re, int s) { return re_emit(re, s, O_SPLIT, 0, 1, re->n - s + 1); }

/* A quantifier after the atom at s, if there is one: 1 if none. */
static int re_quant(struct vy_re *re, int s)
{
	const char *p = re->p;
	bool ext = re_ext(re);
	long lo, hi;
	if (*p == '*') {
		re->p++;
		return re_star(re, s);
	}
	if ((ext && (*p == '+' || *p == '?')) || (!ext && *p == '\\' && (p[1] == '+' || p[1] == '?'))) {
		char q = ext ? *p : p[1];
		re->p += ext ? 1 : 2;
		if (q == '?')
			return re_opt(re, s);
		return EMIT(O_SPLIT, 0, s - re->n, 1);
	}
	if (!((ext && *p == '{') || (!ext && p[0] == '\\' && p[1] == '{')))
		return 1;
	p += ext ? 1 : 2;
	lo = (long)vy_atoll(p, &p);
	hi = lo;
	if (*p == ',') {
		p++;
		hi = (*p >= '0' && *p <= '9') ? (long)vy_atoll(p, &p) : -1;
	}
	if (ext ? *p != '}' : (p[0] != '\\' || p[1] != '}'))
		return re->err = "bad interval", -1;
	re->p = p + (ext ? 1 : 2);
	if (lo < 0 || lo > RE_MAX_REP || hi > RE_MAX_REP || (hi >= 0 && hi < lo))
		return re->err = "bad interval", -1;
	int e = re->n, len = e - s;
	/* atom x lo, then (hi - lo) optional copies, or a star */
	for (long i = 1; i < lo; i++)
		if (re_copy(re, s, e) != 0)
			return -1;
	if (hi < 0) {
		int t = re->n;
		if (re_copy(re, s, e) != 0 || re_star(re, t) != 0)
			return -1;
	}
	for (long i = lo > 0 ? lo : 0; hi >= 0 && i < hi; i++) {
		int t = re->n;
		if (re_copy(re, s, e) != 0 || re_opt(re, t) != 0)
			return -1;
	}
	if (lo == 0) { /* the first copy was optional, or absent */
		memmove(re->code + s, re->code + e, (size_t)(re->n - e) * sizeof *re->code);
		re->n -= len;
	}
	return 0;
}

static int re_concat(struct vy_re *re, int depth)
{
	bool start = true;
	for (;;) {
		int s = re->n, rc = re_atom(re, depth, start);
		if (rc < 0)
			return -1;
		if (rc > 0)
			return 0;
		/* In a BRE a '*' right after the start is literal; '^' is an
		 * anchor only at the start. */
		while ((rc = re_quant(re, s)) == 0)
			;
		if (rc < 0)
			return -1;
		start = false;
	}
}

static int re_alt(struct vy_re *re, int depth)
{
	int s = re->n;
	if (depth > 50)
		return re->err = "too deeply nested", -1;
	if (!re_ext(re) && *re->p == '*') { /* BRE: a leading '*' is literal */
		re->p++;
		if (EMIT(O_CHAR, '*', 0, 0) != 0)
			return -1;
	}
	if (re_concat(re, depth) != 0)
		return -1;
	bool ext = re_ext(re);
	while (ext ? *re->p == '|' : (re->p[0] == '\\' && re->p[1] == '|')) {
		re->p += ext ? 1 : 2;
		int j = re->n;
		if (EMIT(O_JMP, 0, 0, 0) != 0 || re_emit(re, s, O_SPLIT, 0, 1, j - s + 2) != 0)
			return -1;
		j++;
		if (re_concat(re, depth) != 0)
			return -1;
		re->code[j].x = (int16_t)(re->n - j);
	}
	return 0;
}

void vy_re_free(struct vy_re *re)
{
	if (!re)
		return;
	free(re->code);
	free(re->cls);
	free(re->t[0]);
	free(re->t[1]);
	free(re->mark);
	free(re);
}

struct vy_re *vy_re_new(const char *pat, int flags, const char **err)
{
	struct vy_re *re = calloc(1, sizeof *re);
	*err = "out of memory";
	if (!re || !(re->code = malloc(RE_MAX_INS * sizeof *re->code)) || !(re->cls = malloc(RE_MAX_CLASS * 32)))
		goto fail;
	re->flags = flags;
	re->p = pat;
	if (EMIT(O_SAVE, 0, 0, 0) != 0 || re_alt(re, 0) != 0 || (*re->p && !re->err && (re->err = "unmatched )")) ||
	    EMIT(O_SAVE, 0, 1, 0) != 0 || EMIT(O_MATCH, 0, 0, 0) != 0) {
		*err = re->err;
		goto fail;
	}
	re->t[0] = malloc(sizeof(struct re_thr) * (size_t)re->n);
	re->t[1] = malloc(sizeof(struct re_thr) * (size_t)re->n);
	re->mark = calloc((size_t)re->n, sizeof(int));
	if (!re->t[0] || !re->t[1] || !re->mark) {
		*err = "out of memory";
		goto fail;
	}
	return re;
fail:
	vy_re_free(re);
	return NULL;
}

int vy_re_groups(const struct vy_re *re) { return re->ngroup; }

struct re_run {
	struct vy_re *re;
	const char *s;
	size_t len, bol_ok;
};

static void re_add(struct re_run *r, struct re_thr *list, int *n, int pc, int64_t *cap, size_t pos)
{
	struct vy_re *re = r->re;
	for (;;) {
		if (re->mark[pc] == re->gen)
			return;
		re->mark[pc] = re->gen;
		struct re_ins *i = &re->code[pc];
		switch (i->op) {
		case O_JMP:
			pc += i->x;
			continue;
		case O_SPLIT:
			re_add(r, list, n, pc + i->x, cap, pos);
			pc += i->y;
			continue;
		case O_SAVE: {
			int64_t old = cap[i->x];
			cap[i->x] = (int64_t)pos;
			re_add(r, list, n, pc + 1, cap, pos);
			cap[i->x] = old;
			return;
		}
		case O_BOL:
			if (pos != 0 || !r->bol_ok)
				return;
			pc++;
			continue;
		case O_EOL:
			if (pos != r->len)
				return;
			pc++;
			continue;
		default:
			list[*n].pc = pc;
			memcpy(list[*n].cap, cap, sizeof list[*n].cap);
			(*n)++;
			return;
		}
	}
}

int vy_re_exec(struct vy_re *re, const char *s, size_t len, size_t from, bool notbol, int64_t *m)
{
	struct re_run r = {re, s, len, !notbol};
	int n[2] = {0, 0}, cur = 0;
	bool found = false;
	int64_t cap[VY_RE_NSUB * 2];

	/* The marks of a list's generation also stop a new start from adding
	 * a state the list already has: an earlier start keeps it. */
	re->gen++;
	for (size_t pos = from;; pos++) {
		struct re_thr *cl = re->t[cur], *nl = re->t[!cur];
		if (!found) {
			for (int k = 0; k < VY_RE_NSUB * 2; k++)
				cap[k] = -1;
			re_add(&r, cl, &n[cur], 0, cap, pos);
		}
		if (n[cur] == 0 && found)
			break;
		re->gen++;
		n[!cur] = 0;
		int c = pos < len ? (unsigned char)s[pos] : -1;
		for (int k = 0; k < n[cur]; k++) {
			struct re_thr *t = &cl[k];
			struct re_ins *i = &re->code[t->pc];
			if (found && t->cap[0] > m[0])
				continue;
			if (i->op == O_MATCH) {
				if (!found || t->cap[0] < m[0] || t->cap[1] > m[1])
					memcpy(m, t->cap, sizeof t->cap);
				found = true;
				continue;
			}
			if (c < 0)
				continue;
			if (i->op == O_ANY || (i->op == O_CHAR ? c == i->c : (re->cls[i->x][c >> 3] >> (c & 7)) & 1))
				re_add(&r, nl, &n[!cur], t->pc + 1, t->cap, pos + 1);
		}
		cur = !cur;
		if (pos >= len)
			break;
	}
	return found;
}

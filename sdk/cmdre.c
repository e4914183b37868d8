/* cmdre: POSIX regular expressions for the commands (grep, sed, expr):
 * basic (BRE, with GNU's \+ \? \|) and extended (ERE) syntax, bracket
 * expressions with [:classes:], intervals, groups, anchors; case folding.
 * Compiled to a small program run by a Pike VM (all threads in lock step),
 * so a match costs O(text x pattern) and no pattern can make it explode
 * on a 1 MB line; the match is the leftmost, and the longest there, as
 * POSIX says. Bytes, not characters (the C locale). No back-references
 * inside a pattern (\1 in sed's replacement works: it is a capture).
 * Written here rather than taken from wasi-libc: musl's TRE regex adds 45
 * KB to a command that is otherwise 6 KB.
 *
 * Small on purpose (every command that matches carries it): one tokenizer
 * turns both syntaxes into the same tokens (a byte, or SP(c) for an
 * operator), one loop parses a sequence with its alternatives, and an
 * error is sticky (re->err: the tokenizer then says "end", so every loop
 * stops and nothing is unwound by hand). Case folding is done once: the
 * pattern's letters and bracket sets are folded when compiled, the text's
 * letters when matched. */
#include "vyoma_cmd.h"

#include <stdlib.h>
#include <string.h>

enum { O_CHAR, O_ANY, O_CLASS, O_MATCH, O_SPLIT, O_JMP, O_SAVE, O_BOL, O_EOL };
#define RE_MAX_INS 1000
#define RE_MAX_CLASS 64
#define RE_MAX_REP 255
#define SP(c) (256 + (c)) /* an operator token; SP(0) is the end */

struct re_ins {
	uint8_t op;
	int16_t x; /* CHAR: the byte; JMP: where to, relative; SPLIT: the second way
		    * (the first is the next instruction); CLASS: the class; SAVE: the slot */
};

struct re_thr {
	int64_t cap[VY_RE_NSUB * 2];
	int pc;
};

struct vy_re {
	int n, nclass, ngroup, flags;
	unsigned gen;
	const char *p;   /* the parser's place */
	const char *err; /* the first error: sticky */
	/* the VM's two lists and the marks, allocated after compiling */
	struct re_thr *t[2];
	int cnt[2];
	unsigned *mark;
	/* the text being matched */
	size_t len;
	bool bol;
	struct re_ins code[RE_MAX_INS];
	uint64_t cls[256]; /* bit k: the byte is in bracket expression k */
};

/* Insert an instruction at `at` (the code after it moves up one). */
static void re_emit(struct vy_re *re, int at, int op, int x)
{
	if (re->n == RE_MAX_INS)
		re->err = "regular expression too big";
	if (re->err)
		return;
	memmove(re->code + at + 1, re->code + at, (size_t)(re->n - at) * sizeof *re->code);
	re->code[at] = (struct re_ins){(uint8_t)op, (int16_t)x};
	re->n++;
}
#define EMIT(op, x) re_emit(re, re->n, op, x)

static const char re_classes[] = "alpha\0digit\0alnum\0upper\0lower\0space\0blank\0punct\0print\0graph\0cntrl\0xdigit\0";

int vy_cmd_class(const char *s, size_t n)
{
	int k = 0;
	for (const char *nm = re_classes; *nm; nm += strlen(nm) + 1, k++)
		if (n == strlen(nm) && memcmp(s, nm, n) == 0)
			return k;
	return -1;
}

/* Each class as up to four byte ranges (a range whose end is 0 is none). */
static const char re_ranges[12][8] = {"AZaz", "09", "09AZaz", "AZ", "az", "\t\r  ", "\t\t  ",
				      "!/:@[`{~", " ~", "!~", "\0\37\177\177", "09AFaf"};

bool vy_cmd_in_class(int k, int c)
{
	for (const char *r = re_ranges[k]; r < re_ranges[k] + 8; r += 2)
		if (r[1] && r[0] <= c && c <= r[1])
			return true;
	return false;
}

/* A letter folded to lower case when the pattern ignores case. */
static int re_fold(const struct vy_re *re, int c)
{
	return (re->flags & VY_RE_ICASE) && (unsigned)((c | 32) - 'a') < 26 ? c | 32 : c;
}

/* The next token: a byte (0-255), or SP(c) for an operator: ( ) { | + ?
 * (ERE bare, BRE after a backslash) and * . [ ^ $ (both). SP(0) at the
 * end, and after an error. */
static int re_tok(struct vy_re *re)
{
	const char *p = re->p;
	bool ext = re->flags & VY_RE_EXT;
	int c = re->err ? 0 : (unsigned char)*p++;
	if (!c)
		return SP(0);
	if (c == '\\') {
		c = (unsigned char)*p++;
		if (!c)
			return re->err = "trailing backslash", SP(0);
		if (!ext && strchr("(){}|+?", c))
			c = SP(c);
		else
			c = c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
	} else if (strchr(ext ? "(){|+?*.[^$" : "*.[^$", c)) {
		c = SP(c);
	}
	re->p = p;
	return c;
}

static int re_peek(struct vy_re *re)
{
	const char *p = re->p;
	int t = re_tok(re);
	re->p = p;
	return t;
}

/* Whether byte c is in the bracket expression at p (after its '[' and
 * '^'), not negated; re->p goes past its ']'. Compiling asks it for each
 * byte: one parser both checks the syntax and builds the set. */
static bool re_inbr(struct vy_re *re, const char *p, int c)
{
	bool in = false;
	for (bool first = true; first || *p != ']'; first = false) {
		int lo = (unsigned char)*p++, hi = lo;
		if (!lo) {
			re->err = "unmatched [";
			break;
		}
		if (lo == '[' && *p == ':') {
			/* a class's name, then ":]" */
			const char *nm = re_classes;
			int k = 0;
			size_t n;
			while ((n = strlen(nm)) && !(vy_str_starts(p + 1, nm) && vy_str_starts(p + n + 1, ":]")))
				nm += n + 1, k++;
			if (!n) {
				re->err = "unknown character class";
				break;
			}
			p += n + 3;
			in |= vy_cmd_in_class(k, c);
			continue;
		}
		if (p[0] == '-' && p[1] && p[1] != ']') {
			hi = (unsigned char)p[1];
			p += 2;
		}
		in |= lo <= c && c <= hi;
	}
	re->p = p + 1;
	return in;
}

static void re_bracket(struct vy_re *re)
{
	const char *p = re->p;
	bool neg = *p == '^';
	uint64_t m;
	if (re->nclass == RE_MAX_CLASS) {
		re->err = "too many bracket expressions";
		return;
	}
	m = 1ull << re->nclass;
	p += neg;
	/* folded (the text's letters are then folded to lower case): a
	 * lower-case letter is in when either of its cases is */
	for (int c = 0; c < 256; c++)
		if ((re_inbr(re, p, c) || (re_fold(re, c - 32) == c && re_inbr(re, p, c - 32))) != neg)
			re->cls[c] |= m;
	EMIT(O_CLASS, re->nclass++);
}

/* Copy code [s, e) to the end (relative jumps make it position-free). */
static void re_copy(struct vy_re *re, int s, int e)
{
	if (re->n + (e - s) > RE_MAX_INS)
		re->err = "regular expression too big";
	if (re->err)
		return;
	memcpy(re->code + re->n, re->code + s, (size_t)(e - s) * sizeof *re->code);
	re->n += e - s;
}

static void re_star(struct vy_re *re, int s)
{
	re_emit(re, s, O_SPLIT, re->n - s + 2);
	EMIT(O_JMP, s - re->n);
}

/* The bounds of an interval: \{ (BRE) or { (ERE) has been read; 0, or
 * -1 (said) when it is not a good one. */
static int re_bounds(struct vy_re *re, int *lo, int *hi)
{
	const char *p = re->p;
	*lo = 0;
	while (*p >= '0' && *p <= '9' && *lo <= RE_MAX_REP)
		*lo = *lo * 10 + *p++ - '0';
	*hi = *lo;
	if (*p == ',' && (*hi = -1, *++p >= '0' && *p <= '9'))
		for (*hi = 0; *p >= '0' && *p <= '9' && *hi <= RE_MAX_REP;)
			*hi = *hi * 10 + *p++ - '0';
	if (((re->flags & VY_RE_EXT) ? *p != '}' : (*p++ != '\\' || *p != '}')) || *lo > RE_MAX_REP ||
	    *hi > RE_MAX_REP || (*hi >= 0 && *hi < *lo))
		return re->err = "bad interval", -1;
	re->p = p + 1;
	return 0;
}

/* The atom at s repeated lo to hi times (hi -1: no limit): lo copies,
 * then hi - lo optional ones, or one starred; the atom itself is the
 * first copy. * + ? are {0,} {1,} {0,1}. */
static void re_repeat(struct vy_re *re, int s, int lo, int hi)
{
	int e = re->n, len = e - s, cnt = hi < 0 ? lo + 1 : hi;
	for (int i = 1; i < cnt; i++) {
		int t = re->n;
		re_copy(re, s, e);
		if (i >= lo)
			hi < 0 ? re_star(re, t) : re_emit(re, t, O_SPLIT, len + 1);
	}
	if (!lo)
		hi < 0 ? re_star(re, s) : re_emit(re, s, O_SPLIT, len + 1);
	if (!cnt)
		re->n = s;
}

/* A sequence of atoms with their quantifiers, and its alternatives, up
 * to the end or a ')' (left for the caller). */
static void re_seq(struct vy_re *re, int depth)
{
	int s = re->n, j = -1, t, nt;
	bool start = true, ext = re->flags & VY_RE_EXT;
	if (depth > 50)
		re->err = "too deeply nested";
	for (;;) {
		const char *at_p = re->p;
		int at = re->n;
		t = re_tok(re);
		if (t == SP(0) || t == SP(')') || t == SP('|')) {
			/* the jump out of the alternative before ends here */
			if (j >= 0 && !re->err)
				re->code[j].x = (int16_t)(re->n - j);
			if (t != SP('|')) {
				re->p = at_p;
				break;
			}
			j = re->n;
			EMIT(O_JMP, 0);
			re_emit(re, s, O_SPLIT, j - s + 2);
			j++;
			start = true;
			continue;
		}
		if (t == SP('(')) {
			int g = ++re->ngroup;
			if (g < VY_RE_NSUB)
				EMIT(O_SAVE, g * 2);
			re_seq(re, depth + 1);
			if (re_tok(re) != SP(')') && !re->err)
				re->err = "unmatched (";
			if (g < VY_RE_NSUB)
				EMIT(O_SAVE, g * 2 + 1);
		} else if (t == SP('.')) {
			EMIT(O_ANY, 0);
		} else if (t == SP('[')) {
			re_bracket(re);
		} else if (t == SP('^') && (ext || start)) {
			EMIT(O_BOL, 0);
			start = false;
			if (!ext) /* BRE: a '*' after a leading '^' is literal */
				continue;
		} else if (t == SP('$') && (ext || (nt = re_peek(re)) == SP(0) || nt == SP(')') || nt == SP('|'))) {
			EMIT(O_EOL, 0);
		} else if (ext && (t == SP('*') || t == SP('+') || t == SP('?'))) {
			re->err = "nothing to repeat";
		} else {
			EMIT(O_CHAR, re_fold(re, t & 255));
		}
		start = false;
		for (int lo, hi;; re_repeat(re, at, lo, hi)) {
			const char *q = re->p;
			t = re_tok(re);
			lo = t == SP('+'), hi = t == SP('?') ? 1 : -1;
			if (t == SP('{') ? re_bounds(re, &lo, &hi) != 0 : t != SP('*') && t != SP('+') && t != SP('?')) {
				re->p = q;
				break;
			}
		}
	}
}

void vy_re_free(struct vy_re *re)
{
	if (re)
		free(re->t[0]);
	free(re);
}

struct vy_re *vy_re_new(const char *pat, int flags, const char **err)
{
	struct vy_re *re = calloc(1, sizeof *re);
	*err = "out of memory";
	if (!re)
		return NULL;
	re->flags = flags;
	re->p = pat;
	EMIT(O_SAVE, 0);
	re_seq(re, 0);
	if (!re->err && *re->p)
		re->err = "unmatched )";
	EMIT(O_SAVE, 1);
	EMIT(O_MATCH, 0);
	/* two lists of n threads, and n marks */
	re->t[0] = malloc((sizeof(struct re_thr) * 2 + sizeof(unsigned)) * (size_t)re->n);
	if (!re->t[0] && !re->err)
		re->err = *err;
	if (re->err) {
		*err = re->err;
		vy_re_free(re);
		return NULL;
	}
	re->t[1] = re->t[0] + re->n;
	re->mark = (unsigned *)(re->t[1] + re->n);
	memset(re->mark, 0, sizeof(unsigned) * (size_t)re->n);
	return re;
}

int vy_re_groups(const struct vy_re *re) { return re->ngroup; }

/* Follow pc's jumps, splits, saves and assertions at pos; add the
 * threads that wait for a byte (or match) to list li. */
static void re_add(struct vy_re *re, int li, int pc, int64_t *cap, size_t pos)
{
	for (;;) {
		struct re_ins *i = &re->code[pc];
		if (re->mark[pc] == re->gen)
			return;
		re->mark[pc] = re->gen;
		switch (i->op) {
		case O_JMP:
			pc += i->x;
			continue;
		case O_SPLIT:
			re_add(re, li, pc + 1, cap, pos);
			pc += i->x;
			continue;
		case O_SAVE: {
			int64_t old = cap[i->x];
			cap[i->x] = (int64_t)pos;
			re_add(re, li, pc + 1, cap, pos);
			cap[i->x] = old;
			return;
		}
		case O_BOL:
			if (pos || !re->bol)
				return;
			pc++;
			continue;
		case O_EOL:
			if (pos != re->len)
				return;
			pc++;
			continue;
		default: {
			struct re_thr *t = &re->t[li][re->cnt[li]++];
			t->pc = pc;
			memcpy(t->cap, cap, sizeof t->cap);
			return;
		}
		}
	}
}

int vy_re_exec(struct vy_re *re, const char *s, size_t len, size_t from, bool notbol, int64_t *m)
{
	int cur = 0;
	bool found = false;
	int64_t cap[VY_RE_NSUB * 2];

	re->len = len;
	re->bol = !notbol;
	re->cnt[0] = 0;
	/* The marks of a list's generation also stop a new start from adding
	 * a state the list already has: an earlier start keeps it. */
	re->gen++;
	for (size_t pos = from;; pos++) {
		if (!found) {
			memset(cap, -1, sizeof cap);
			re_add(re, cur, 0, cap, pos);
		}
		int c = pos < len ? re_fold(re, (unsigned char)s[pos]) : -1;
		re->gen++;
		re->cnt[!cur] = 0;
		for (struct re_thr *t = re->t[cur], *e = t + re->cnt[cur]; t < e; t++) {
			struct re_ins *i = &re->code[t->pc];
			if (found && t->cap[0] > m[0])
				continue;
			if (i->op == O_MATCH) {
				if (!found || t->cap[0] < m[0] || t->cap[1] > m[1])
					memcpy(m, t->cap, sizeof t->cap);
				found = true;
			} else if (c >= 0 && (i->op == O_ANY || (i->op == O_CHAR ? c == i->x : re->cls[c] >> i->x & 1))) {
				re_add(re, !cur, t->pc + 1, t->cap, pos + 1);
			}
		}
		cur = !cur;
		if (pos >= len || (found && !re->cnt[cur]))
			break;
	}
	return found;
}

/* toml: the structure level of the strict TOML parser (lines, table
 * headers, key/value pairs, arrays) and the DOM it builds. All nodes, keys
 * and strings live in one arena owned by the document, so toml_free is a
 * single walk over a block list and no error path can leak. The arena is
 * capped (TOML_MAX_MEMORY) so hostile input cannot balloon memory. */
#include "toml.h"
#include "toml_lex.h"

#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Blocks start small (a manifest fits in the first) and double to a cap. */
#define ARENA_FIRST (4u << 10)
#define ARENA_BLOCK (64u << 10)

struct arena_blk {
	struct arena_blk *next;
	size_t used, cap;
	max_align_t data[];
};

struct toml_kv {
	const char *key;
	size_t key_len;
	uint32_t hash;
	int line, col;
	struct toml_node *val;
};

struct toml_node {
	enum toml_type type;
	int line, col;
	bool aot; /* array made by [[name]] */
	union {
		struct { char *s; size_t len; } str;
		int64_t i;
		bool b;
		struct { struct toml_node **v; size_t n, cap; } arr;
		struct {
			struct toml_kv *kv;
			size_t n, cap;
			uint32_t *idx;   /* open addressing: kv index + 1, 0 = free */
			size_t idx_size; /* a power of two, >= 2 * n */
		} tab;
	} u;
};

struct toml_doc {
	struct arena_blk *blocks;
	size_t total, next_cap;
	struct toml_node *root;
};

struct parser {
	struct toml_lex lx;
	struct toml_doc *doc;
	struct toml_node *cur; /* table that key/value lines go into */
};

static const char *const type_names[] = {
	[TOML_TABLE] = "table", [TOML_ARRAY] = "array", [TOML_STRING] = "string",
	[TOML_INT] = "integer", [TOML_BOOL] = "boolean",
};

/* Zeroed memory from the arena, or NULL once TOML_MAX_MEMORY is reached. */
static void *doc_alloc(struct toml_doc *d, size_t n)
{
	struct arena_blk *b = d->blocks;
	size_t a = alignof(max_align_t), cap;
	void *p;

	n = (n + a - 1) / a * a;
	if (n == 0 || n > TOML_MAX_MEMORY)
		return NULL;
	if (!b || b->cap - b->used < n) {
		d->next_cap = d->next_cap ? d->next_cap * 2 : ARENA_FIRST;
		if (d->next_cap > ARENA_BLOCK)
			d->next_cap = ARENA_BLOCK;
		cap = n > d->next_cap ? n : d->next_cap;
		if (cap > TOML_MAX_MEMORY - d->total)
			return NULL;
		b = malloc(sizeof *b + cap);
		if (!b)
			return NULL;
		b->next = d->blocks;
		b->used = 0;
		b->cap = cap;
		d->blocks = b;
		d->total += cap;
	}
	p = (unsigned char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

static int oom(struct parser *p, int line, int col)
{
	return toml_lex_fail(&p->lx, line, col, "document needs more than %u bytes of memory",
			     TOML_MAX_MEMORY);
}

/* Doubles *cap (from 4) up to `limit` elements of `size` bytes. */
static int grow(struct toml_doc *d, void **v, size_t n, size_t *cap, size_t size, size_t limit)
{
	size_t ncap;
	void *nv;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 4;
	if (ncap > limit)
		ncap = limit;
	nv = doc_alloc(d, ncap * size);
	if (!nv)
		return -1;
	if (n)
		memcpy(nv, *v, n * size);
	*v = nv;
	*cap = ncap;
	return 0;
}

static struct toml_node *new_node(struct parser *p, enum toml_type t, int line, int col)
{
	struct toml_node *n = doc_alloc(p->doc, sizeof *n);

	if (!n) {
		oom(p, line, col);
		return NULL;
	}
	n->type = t;
	n->line = line;
	n->col = col;
	return n;
}

/* FNV-1a, for the per-table index: with up to TOML_MAX_TABLE_KEYS keys a
 * linear duplicate check would make a hostile file quadratic. */
static uint32_t key_hash(const char *k, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)k[i]) * 16777619u;
	return h;
}

static struct toml_kv *find_kv(const struct toml_node *t, const char *k, size_t n)
{
	uint32_t h = key_hash(k, n);
	size_t mask = t->u.tab.idx_size - 1;

	if (!t->u.tab.idx_size)
		return NULL;
	/* The index is at most half full, so the probe always meets a 0. */
	for (size_t i = h & mask; t->u.tab.idx[i]; i = (i + 1) & mask) {
		struct toml_kv *kv = &t->u.tab.kv[t->u.tab.idx[i] - 1];

		if (kv->hash == h && kv->key_len == n && memcmp(kv->key, k, n) == 0)
			return kv;
	}
	return NULL;
}

static void index_put(struct toml_node *t, size_t kv_i)
{
	size_t mask = t->u.tab.idx_size - 1, i = t->u.tab.kv[kv_i].hash & mask;

	while (t->u.tab.idx[i])
		i = (i + 1) & mask;
	t->u.tab.idx[i] = (uint32_t)kv_i + 1;
}

/* Index the newest key, first doubling the index if it would pass half full. */
static int index_add(struct toml_doc *d, struct toml_node *t)
{
	size_t n = t->u.tab.n, size = t->u.tab.idx_size ? t->u.tab.idx_size : 8;

	if (2 * n > t->u.tab.idx_size) {
		while (size < 2 * n)
			size *= 2;
		if (!(t->u.tab.idx = doc_alloc(d, size * sizeof *t->u.tab.idx)))
			return -1;
		t->u.tab.idx_size = size;
		for (size_t i = 0; i + 1 < n; i++)
			index_put(t, i);
	}
	index_put(t, n - 1);
	return 0;
}

/* Copy the key in lx.buf into table t; fails on duplicates and limits. */
static struct toml_kv *add_kv(struct parser *p, struct toml_node *t, int line, int col)
{
	const char *k = p->lx.buf;
	size_t n = p->lx.buf_len;
	struct toml_kv *kv = find_kv(t, k, n);
	char pk[64];
	char *copy;

	toml_lex_printable(pk, sizeof pk, k, n);
	if (kv) {
		toml_lex_fail(&p->lx, line, col, "duplicate key '%s' (first defined at %d:%d)",
			      pk, kv->line, kv->col);
		return NULL;
	}
	if (t->u.tab.n >= TOML_MAX_TABLE_KEYS) {
		toml_lex_fail(&p->lx, line, col, "more than %d keys in one table",
			      TOML_MAX_TABLE_KEYS);
		return NULL;
	}
	copy = doc_alloc(p->doc, n + 1);
	if (!copy || grow(p->doc, (void **)&t->u.tab.kv, t->u.tab.n, &t->u.tab.cap,
			  sizeof *kv, TOML_MAX_TABLE_KEYS) < 0) {
		oom(p, line, col);
		return NULL;
	}
	memcpy(copy, k, n);
	kv = &t->u.tab.kv[t->u.tab.n++];
	kv->key = copy;
	kv->key_len = n;
	kv->hash = key_hash(k, n);
	kv->line = line;
	kv->col = col;
	if (index_add(p->doc, t) < 0) {
		oom(p, line, col);
		return NULL;
	}
	return kv;
}

static int push(struct parser *p, struct toml_node *arr, struct toml_node *v)
{
	if (arr->u.arr.n >= TOML_MAX_ARRAY_LEN)
		return toml_lex_fail(&p->lx, v->line, v->col, "more than %d elements in one array",
				     TOML_MAX_ARRAY_LEN);
	if (grow(p->doc, (void **)&arr->u.arr.v, arr->u.arr.n, &arr->u.arr.cap,
		 sizeof *arr->u.arr.v, TOML_MAX_ARRAY_LEN) < 0)
		return oom(p, v->line, v->col);
	arr->u.arr.v[arr->u.arr.n++] = v;
	return 0;
}

/* A string or bare scalar at the cursor; arrays are handled by the caller. */
static struct toml_node *parse_scalar(struct parser *p)
{
	int c = toml_lex_peek(&p->lx, 0), line = p->lx.line, col = p->lx.col;
	struct toml_scalar sc;
	struct toml_node *n;

	if (c == '{') {
		toml_lex_fail(&p->lx, line, col, "inline tables are unsupported");
		return NULL;
	}
	if (c == '"' || c == '\'') {
		if (toml_lex_string(&p->lx) < 0 || !(n = new_node(p, TOML_STRING, line, col)))
			return NULL;
		n->u.str.s = doc_alloc(p->doc, p->lx.buf_len + 1);
		if (!n->u.str.s) {
			oom(p, line, col);
			return NULL;
		}
		memcpy(n->u.str.s, p->lx.buf, p->lx.buf_len);
		n->u.str.len = p->lx.buf_len;
		return n;
	}
	if (toml_lex_scalar(&p->lx, &sc) < 0 || !(n = new_node(p, sc.type, line, col)))
		return NULL;
	if (sc.type == TOML_BOOL)
		n->u.b = sc.b;
	else
		n->u.i = sc.i;
	return n;
}

static struct toml_node *parse_array(struct parser *p)
{
	struct toml_lex *lx = &p->lx;
	struct toml_node *arr = new_node(p, TOML_ARRAY, lx->line, lx->col), *v;

	if (!arr)
		return NULL;
	toml_lex_adv(lx); /* '[' */
	for (;;) {
		if (toml_lex_skip_blank(lx) < 0)
			return NULL;
		if (toml_lex_peek(lx, 0) == ']')
			break;
		if (toml_lex_peek(lx, 0) == '[') {
			toml_lex_fail(lx, lx->line, lx->col, "arrays of arrays are unsupported");
			return NULL;
		}
		if (toml_lex_peek(lx, 0) < 0) {
			toml_lex_fail(lx, lx->line, lx->col, "unterminated array (opened at %d:%d)",
				      arr->line, arr->col);
			return NULL;
		}
		if (!(v = parse_scalar(p)))
			return NULL;
		if (arr->u.arr.n && v->type != arr->u.arr.v[0]->type) {
			toml_lex_fail(lx, v->line, v->col, "mixed types in array: %s after %s",
				      type_names[v->type], type_names[arr->u.arr.v[0]->type]);
			return NULL;
		}
		if (push(p, arr, v) < 0 || toml_lex_skip_blank(lx) < 0)
			return NULL;
		if (toml_lex_peek(lx, 0) == ']')
			break;
		if (toml_lex_peek(lx, 0) < 0) {
			toml_lex_fail(lx, lx->line, lx->col, "unterminated array (opened at %d:%d)",
				      arr->line, arr->col);
			return NULL;
		}
		if (toml_lex_peek(lx, 0) != ',') {
			toml_lex_unexpected(lx, "in array (expected ',' or ']')");
			return NULL;
		}
		toml_lex_adv(lx);
	}
	toml_lex_adv(lx); /* ']' */
	return arr;
}

static int parse_keyval(struct parser *p)
{
	struct toml_lex *lx = &p->lx;
	int line = lx->line, col = lx->col;
	struct toml_kv *kv;

	if (toml_lex_key(lx) < 0)
		return -1;
	toml_lex_skip_ws(lx);
	if (toml_lex_peek(lx, 0) == '.')
		return toml_lex_fail(lx, lx->line, lx->col, "dotted keys are unsupported");
	if (toml_lex_peek(lx, 0) != '=')
		return toml_lex_unexpected(lx, "after key (expected '=')");
	toml_lex_adv(lx);
	toml_lex_skip_ws(lx);
	if (!(kv = add_kv(p, p->cur, line, col)))
		return -1;
	if (toml_lex_at_eol(lx) || toml_lex_peek(lx, 0) == '#')
		return toml_lex_unexpected(lx, "after '=' (expected a value)");
	kv->val = toml_lex_peek(lx, 0) == '[' ? parse_array(p) : parse_scalar(p);
	if (!kv->val)
		return -1;
	return toml_lex_end_line(lx, "value");
}

/* [name] or [[name]]; the cursor is on the first '['. */
static int parse_header(struct parser *p)
{
	struct toml_lex *lx = &p->lx;
	int line = lx->line, col = lx->col, kline, kcol;
	bool aot = toml_lex_peek(lx, 1) == '[';
	struct toml_node *root = p->doc->root, *t;
	struct toml_kv *kv;
	char pk[64];

	toml_lex_adv(lx);
	if (aot)
		toml_lex_adv(lx);
	toml_lex_skip_ws(lx);
	kline = lx->line;
	kcol = lx->col;
	if (toml_lex_key(lx) < 0)
		return -1;
	toml_lex_skip_ws(lx);
	if (toml_lex_peek(lx, 0) == '.')
		return toml_lex_fail(lx, lx->line, lx->col, "dotted table names are unsupported");
	if (toml_lex_peek(lx, 0) != ']' || (aot && toml_lex_peek(lx, 1) != ']'))
		return toml_lex_unexpected(lx, aot ? "in table header (expected ']]')"
						   : "in table header (expected ']')");
	toml_lex_adv(lx);
	if (aot)
		toml_lex_adv(lx);

	toml_lex_printable(pk, sizeof pk, lx->buf, lx->buf_len);
	kv = find_kv(root, lx->buf, lx->buf_len);
	if (kv && !(aot && kv->val->aot)) {
		if (kv->val->aot)
			return toml_lex_fail(lx, kline, kcol, "[%s] is already an array of tables "
					     "(first [[%s]] at %d:%d)", pk, pk, kv->line, kv->col);
		if (kv->val->type == TOML_TABLE && aot)
			return toml_lex_fail(lx, kline, kcol, "[[%s]] conflicts with table [%s] "
					     "(first at %d:%d)", pk, pk, kv->line, kv->col);
		if (kv->val->type == TOML_TABLE)
			return toml_lex_fail(lx, kline, kcol, "table [%s] is defined twice "
					     "(first at %d:%d)", pk, kv->line, kv->col);
		return toml_lex_fail(lx, kline, kcol, "key '%s' is already defined at %d:%d",
				     pk, kv->line, kv->col);
	}
	if (!kv) {
		if (!(kv = add_kv(p, root, kline, kcol)))
			return -1;
		if (!(kv->val = new_node(p, aot ? TOML_ARRAY : TOML_TABLE, line, col)))
			return -1;
		kv->val->aot = aot;
	}
	if (aot) {
		if (!(t = new_node(p, TOML_TABLE, line, col)) || push(p, kv->val, t) < 0)
			return -1;
		p->cur = t;
	} else {
		p->cur = kv->val;
	}
	return toml_lex_end_line(lx, "table header");
}

static int parse_doc(struct parser *p)
{
	struct toml_lex *lx = &p->lx;

	for (;;) {
		int c;

		if (toml_lex_skip_blank(lx) < 0)
			return -1;
		c = toml_lex_peek(lx, 0);
		if (c < 0)
			return 0;
		if ((c == '[' ? parse_header(p) : parse_keyval(p)) < 0)
			return -1;
	}
}

struct toml_doc *toml_parse(const char *text, size_t len, struct toml_error *err)
{
	struct parser p;
	struct toml_error local;
	char *buf = NULL;
	size_t cap;

	if (!err)
		err = &local;
	memset(err, 0, sizeof *err);
	memset(&p, 0, sizeof p);
	if (!text)
		len = 0;
	if (toml_lex_check(text, len, err) < 0)
		return NULL;
	cap = len < TOML_MAX_STR_LEN ? len : TOML_MAX_STR_LEN;
	buf = malloc(cap + 1);
	p.doc = calloc(1, sizeof *p.doc);
	if (!buf || !p.doc) {
		err->line = 1;
		err->col = 1;
		snprintf(err->msg, sizeof err->msg, "out of memory");
		goto fail;
	}
	toml_lex_init(&p.lx, text ? text : "", len, err, buf, cap);
	if (!(p.doc->root = new_node(&p, TOML_TABLE, 1, 1)))
		goto fail;
	p.cur = p.doc->root;
	if (parse_doc(&p) < 0)
		goto fail;
	free(buf);
	return p.doc;
fail:
	free(buf);
	toml_free(p.doc);
	return NULL;
}

void toml_free(struct toml_doc *doc)
{
	if (!doc)
		return;
	for (struct arena_blk *b = doc->blocks, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(doc);
}

const struct toml_node *toml_root(const struct toml_doc *doc) { return doc ? doc->root : NULL; }
enum toml_type toml_type(const struct toml_node *n) { return n->type; }
int toml_line(const struct toml_node *n) { return n ? n->line : 0; }
int toml_col(const struct toml_node *n) { return n ? n->col : 0; }
bool toml_is_table_array(const struct toml_node *n) { return n && n->aot; }

const char *toml_type_name(const struct toml_node *n)
{
	if (!n)
		return "nothing";
	return n->aot ? "array of tables" : type_names[n->type];
}

size_t toml_table_len(const struct toml_node *t)
{
	return t && t->type == TOML_TABLE ? t->u.tab.n : 0;
}

int toml_table_entry(const struct toml_node *t, size_t i, struct toml_entry *out)
{
	const struct toml_kv *kv;

	if (!t || t->type != TOML_TABLE || i >= t->u.tab.n)
		return -1;
	kv = &t->u.tab.kv[i];
	out->key = kv->key;
	out->key_len = kv->key_len;
	out->line = kv->line;
	out->col = kv->col;
	out->value = kv->val;
	return 0;
}

const struct toml_node *toml_get(const struct toml_node *t, const char *key)
{
	const struct toml_kv *kv;

	if (!t || t->type != TOML_TABLE || !key)
		return NULL;
	kv = find_kv(t, key, strlen(key));
	return kv ? kv->val : NULL;
}

size_t toml_array_len(const struct toml_node *a)
{
	return a && a->type == TOML_ARRAY ? a->u.arr.n : 0;
}

const struct toml_node *toml_array_at(const struct toml_node *a, size_t i)
{
	if (!a || a->type != TOML_ARRAY || i >= a->u.arr.n)
		return NULL;
	return a->u.arr.v[i];
}

const char *toml_string(const struct toml_node *n, size_t *len)
{
	if (!n || n->type != TOML_STRING)
		return NULL;
	if (len)
		*len = n->u.str.len;
	return n->u.str.s;
}

int toml_int(const struct toml_node *n, int64_t *out)
{
	if (!n || n->type != TOML_INT)
		return -1;
	*out = n->u.i;
	return 0;
}

int toml_bool(const struct toml_node *n, bool *out)
{
	if (!n || n->type != TOML_BOOL)
		return -1;
	*out = n->u.b;
	return 0;
}

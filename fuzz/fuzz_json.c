/* fuzz_json: libFuzzer target for json's parser and printer (apps/json/jv.c),
 * which read whatever JSON text a user pipes in. The input is parsed value
 * after value, as json does. Invariants: the parser's place stays inside
 * the text; a parse either fails with exactly one message or gives a
 * value; a value printed compact parses back whole, with no message, and
 * prints the same again (so does its pretty print). Every block the
 * parser allocates is freed after each input (a failed parse leaves
 * blocks behind, as the command, which then exits, does). */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* The parser's allocations, linked so each input's are freed at its end. */
struct fz_blk {
	struct fz_blk *prev, *next;
	size_t pad[2]; /* the data after the header stays 16-byte aligned */
};
static struct fz_blk fz_live = {&fz_live, &fz_live, {0, 0}};

static void *fz_link(struct fz_blk *b)
{
	b->next = fz_live.next;
	b->prev = &fz_live;
	fz_live.next->prev = b;
	fz_live.next = b;
	return b + 1;
}

static void fz_unlink(struct fz_blk *b)
{
	b->prev->next = b->next;
	b->next->prev = b->prev;
}

static void *fz_calloc(size_t k, size_t n)
{
	struct fz_blk *b = calloc(1, sizeof *b + k * n);
	return b ? fz_link(b) : NULL;
}

static void *fz_realloc(void *p, size_t n)
{
	struct fz_blk *b = p ? (struct fz_blk *)p - 1 : NULL, *nb;
	if (b)
		fz_unlink(b);
	nb = realloc(b, sizeof *b + n);
	if (!nb) {
		if (b)
			fz_link(b); /* still the caller's */
		return NULL;
	}
	return fz_link(nb);
}

static void fz_free_all(void)
{
	while (fz_live.next != &fz_live) {
		struct fz_blk *b = fz_live.next;
		fz_unlink(b);
		free(b);
	}
}

#define calloc fz_calloc
#define realloc fz_realloc
#include "../apps/json/jv.c"
#undef calloc
#undef realloc
#include "../sdk/str.c"

/* stdout and stderr of the command, as stubs: what is printed is kept in
 * out, messages are counted. */
static char *out;
static size_t out_n, out_cap;
static int said;

int vy_write(const void *b, size_t n)
{
	if (out_n + n > out_cap) {
		out_cap = (out_n + n) * 2;
		out = realloc(out, out_cap);
		if (!out)
			abort();
	}
	memcpy(out + out_n, b, n);
	out_n += n;
	return 0;
}
int vy_print(const char *s) { return vy_write(s, strlen(s)); }
int vy_cmd_msg(bool named, const char *a, const char *b, const char *c, const char *d)
{
	(void)named, (void)a, (void)b, (void)c, (void)d;
	said++;
	return -1;
}
_Noreturn void vy_cmd_exit(int status)
{
	(void)status;
	abort(); /* only when out of memory */
}

/* Parse text[0, n) (a NUL after it, as vy_in_all gives json's stdin: a
 * number's exponent is read up to it) from its start: one value (NULL on bad JSON) and where
 * the parse stopped. */
static const struct jv *parse(const char *text, size_t n, const char **stop)
{
	const struct jv *v;
	jv_p = text, jv_end = text + n, jv_bad = false, said = 0;
	v = jv_value(0);
	CHECK(jv_p >= text && jv_p <= jv_end);
	CHECK(said == jv_bad);
	*stop = jv_p;
	return jv_bad ? NULL : v;
}

/* v printed (compact or not) into a new block of *n bytes and a NUL */
static char *print(const struct jv *v, bool compact, size_t *n)
{
	char *s;
	out_n = 0;
	jv_compact = compact;
	jv_out(v, 0);
	s = malloc(out_n + 1);
	if (!s)
		abort();
	memcpy(s, out, out_n);
	s[out_n] = '\0';
	*n = out_n;
	return s;
}

/* text (printed from a value) parses back whole to a value that prints
 * compact as c */
static void reparses(const char *text, size_t n, const char *c, size_t cn)
{
	const char *stop;
	const struct jv *v = parse(text, n, &stop);
	size_t n2;
	CHECK(v != NULL);
	jv_ws();
	CHECK(jv_p == jv_end);
	char *c2 = print(v, true, &n2);
	CHECK(n2 == cn && memcmp(c2, c, cn) == 0);
	free(c2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1); /* the bytes and the NUL: ASan sees a read past them */
	const char *at;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	at = text;
	for (int k = 0; k < 16; k++) {
		const char *stop;
		size_t cn, pn;
		jv_p = at, jv_end = text + size;
		jv_ws();
		if (jv_p == jv_end)
			break;
		const struct jv *v = parse(jv_p, (size_t)(jv_end - jv_p), &stop);
		if (!v)
			break;
		CHECK(stop > at);
		at = stop;
		char *c = print(v, true, &cn), *p = print(v, false, &pn);
		reparses(c, cn, c, cn);
		reparses(p, pn, c, cn);
		free(c);
		free(p);
	}
	fz_free_all();
	free(text);
	return 0;
}

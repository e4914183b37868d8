/* Unit tests for the SDK's deflate codec (sdk/inflate.c, sdk/deflate.c,
 * sdk/flate.c), built for the host with the host's zlib as the oracle:
 * the length and distance codes are RFC 1951's table; whatever zlib
 * compresses (every level and strategy, stored, fixed and dynamic blocks)
 * our inflate gives back; whatever our deflate compresses at every level
 * zlib's inflate gives back (and ours); hand-made streams decode as the
 * RFC says; every malformed stream (block type 3, bad stored lengths,
 * over-subscribed and incomplete codes, bad repeats, too many symbols, a
 * missing end-of-block code, a distance before the start, symbols past
 * the tables, each prefix of a stream cut short) is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../../sdk/flate.c"
#include "../../sdk/inflate.c"
#include "../../sdk/deflate.c"

/* ---- memory source and sink ---- */
struct mem {
	const unsigned char *in;
	size_t inlen, at, pull_max; /* pull_max: at most this much a pull */
	unsigned char *out;
	size_t outlen, cap;
};

static int mem_get(void *ctx)
{
	struct mem *m = ctx;
	return m->at < m->inlen ? m->in[m->at++] : -1;
}

static long mem_pull(void *ctx, unsigned char *p, size_t n)
{
	struct mem *m = ctx;
	size_t k = m->inlen - m->at;
	if (k > n)
		k = n;
	if (m->pull_max && k > m->pull_max)
		k = m->pull_max;
	memcpy(p, m->in + m->at, k);
	m->at += k;
	return (long)k;
}

static int mem_put(void *ctx, const unsigned char *p, size_t n)
{
	struct mem *m = ctx;
	if (m->outlen + n > m->cap) {
		m->cap = (m->outlen + n) * 2;
		m->out = realloc(m->out, m->cap);
		assert_non_null(m->out);
	}
	memcpy(m->out + m->outlen, p, n);
	m->outlen += n;
	return 0;
}

/* inflate's input and output (inflate.h): the current test's memory */
static struct mem *infl_mem;
int infl_get(void) { return mem_get(infl_mem); }
int infl_put(const unsigned char *p, size_t n) { return mem_put(infl_mem, p, n); }

/* Our inflate of IN: its result; the output in *OUT (the caller frees),
 * and how much input it used. */
static int our_inflate(const unsigned char *in, size_t n, unsigned char **out, size_t *outlen, size_t *used)
{
	struct mem m = {.in = in, .inlen = n};
	infl_mem = &m;
	int rc = infl_run();
	*out = m.out;
	*outlen = m.outlen;
	if (used)
		*used = m.at;
	return rc;
}

/* deflate's input and output (deflate.h) */
static struct mem *defl_mem;
long defl_pull(unsigned char *p, size_t n) { return mem_pull(defl_mem, p, n); }
int defl_put(const unsigned char *p, size_t n) { return mem_put(defl_mem, p, n); }

static unsigned char *our_deflate(const unsigned char *in, size_t n, int level, size_t pull_max, size_t *outlen)
{
	struct mem m = {.in = in, .inlen = n, .pull_max = pull_max};
	defl_mem = &m;
	assert_int_equal(defl_run(level), 0);
	*outlen = m.outlen;
	return m.out ? m.out : malloc(1);
}

/* zlib's raw deflate of IN at LEVEL and STRATEGY */
static unsigned char *zlib_deflate(const unsigned char *in, size_t n, int level, int strategy, size_t *outlen)
{
	z_stream z = {0};
	size_t cap = compressBound(n) + 64;
	unsigned char *out = malloc(cap);
	assert_int_equal(deflateInit2(&z, level, Z_DEFLATED, -15, 8, strategy), Z_OK);
	z.next_in = (unsigned char *)in;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	*outlen = z.total_out;
	deflateEnd(&z);
	return out;
}

/* zlib's raw inflate of IN: Z_STREAM_END and the output, all input used */
static unsigned char *zlib_inflate(const unsigned char *in, size_t n, size_t want)
{
	z_stream z = {0};
	unsigned char *out = malloc(want + 1);
	assert_int_equal(inflateInit2(&z, -15), Z_OK);
	z.next_in = (unsigned char *)in;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)want + 1;
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.total_out, want);
	assert_int_equal(z.avail_in, 0);
	inflateEnd(&z);
	return out;
}

/* ---- inputs ---- */
enum { IN_EMPTY, IN_ONE, IN_RUN, IN_RANDOM, IN_TEXT, IN_MIXED, IN_N };

static unsigned char *input(int kind, size_t *n)
{
	static const size_t sizes[IN_N] = {0, 1, 65536 + 7, 70000, 200000, 300000};
	unsigned char *p = malloc(sizes[kind] + 1);
	uint32_t x = 12345;
	static const char *const words[] = {"the ", "quick ", "brown ", "fox ", "jumps ", "over ", "lazy ", "dog\n", "deflate ", "window "};

	*n = sizes[kind];
	for (size_t i = 0; i < *n; i++) {
		x = x * 1103515245u + 12345u;
		switch (kind) {
		case IN_ONE: p[i] = 'a'; break;
		case IN_RUN: p[i] = 'z'; break;
		case IN_RANDOM: p[i] = (unsigned char)(x >> 16); break;
		case IN_TEXT: {
			const char *w = words[(x >> 16) % 10];
			size_t k = strlen(w);
			for (size_t j = 0; j < k && i + j < *n; j++)
				p[i + j] = (unsigned char)w[j];
			i += k - 1;
			break;
		}
		default: /* runs, text and noise in turn */
			p[i] = (i / 5000) % 3 == 0 ? (unsigned char)(x >> 16) : (i / 5000) % 3 == 1 ? (unsigned char)('a' + i % 7) : 0;
		}
	}
	return p;
}

/* ---- tests ---- */
static void test_codes_are_rfc_table(void **state)
{
	static const unsigned short lbase[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27,
						 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
	static const unsigned char lext[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
					       2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
	static const unsigned short dbase[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129,
						 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
	static const unsigned char dext[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6,
					       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
	(void)state;
	for (int i = 0; i < 29; i++) {
		assert_int_equal(flate_lbase(i), lbase[i]);
		assert_int_equal(flate_lext(i), lext[i]);
	}
	for (int d = 0; d < 30; d++) {
		assert_int_equal(flate_dbase(d), dbase[d]);
		assert_int_equal(flate_dext(d), dext[d]);
	}
	for (unsigned len = 3; len <= 258; len++) {
		int c = defl_lcode(len);
		assert_true(len >= flate_lbase(c) && len - flate_lbase(c) < (1u << flate_lext(c)));
	}
	for (unsigned dist = 1; dist <= 32768; dist++) {
		int d = defl_dcode(dist);
		assert_true(dist >= flate_dbase(d) && dist - flate_dbase(d) < (1u << flate_dext(d)));
	}
}

/* Streams from the RFC's block formats, built by hand. */
static void test_inflate_known_vectors(void **state)
{
	static const struct {
		const char *in;
		size_t n;
		const char *out;
	} v[] = {
		{"\x03\x00", 2, ""},                                  /* fixed, end of block only */
		{"\x01\x00\x00\xff\xff", 5, ""},                      /* stored, empty */
		{"\x01\x01\x00\xfe\xff" "A", 6, "A"},                 /* stored, one byte */
		{"\x00\x01\x00\xfe\xff" "A" "\x01\x01\x00\xfe\xff" "B", 12, "AB"}, /* two blocks */
		{"\x73\x04\x00", 3, "A"},                             /* fixed literal 'A' (zlib's bytes) */
		{"\x73\x74\x04\x02\x00", 5, "AAAAA"},                 /* 'A', then length 4 at distance 1 */
		{"\x73\x74\x84\x01\x00", 5, "AAAAAAAAAA"},            /* 'A', then length 9 at distance 1 */
		{"\x4b\x4c\x4a\x06\x00", 5, "abc"},                   /* fixed "abc" */
	};
	(void)state;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		unsigned char *out;
		size_t n, used;
		assert_int_equal(our_inflate((const unsigned char *)v[i].in, v[i].n, &out, &n, &used), INFL_OK);
		assert_int_equal(n, strlen(v[i].out));
		assert_memory_equal(out ? out : (unsigned char *)"", v[i].out, n);
		assert_int_equal(used, v[i].n);
		free(out);
	}
}

/* What zlib compresses, at every level and strategy, we inflate. */
static void test_inflate_zlib_streams(void **state)
{
	static const int strategies[] = {Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED};
	(void)state;
	for (int k = 0; k < IN_N; k++) {
		size_t n;
		unsigned char *in = input(k, &n);
		for (int level = 0; level <= 9; level++)
			for (size_t st = 0; st < sizeof strategies / sizeof strategies[0]; st++) {
				size_t zn, on, used;
				unsigned char *z = zlib_deflate(in, n, level, strategies[st], &zn), *out;
				assert_int_equal(our_inflate(z, zn, &out, &on, &used), INFL_OK);
				assert_int_equal(on, n);
				if (n)
					assert_memory_equal(out, in, n);
				assert_int_equal(used, zn);
				free(z);
				free(out);
			}
		free(in);
	}
}

/* What we compress, at every level, zlib and we inflate; input given in
 * pieces of every size changes nothing. */
static void test_deflate_round_trips(void **state)
{
	(void)state;
	for (int k = 0; k < IN_N; k++) {
		size_t n;
		unsigned char *in = input(k, &n);
		for (int level = 1; level <= 9; level++) {
			size_t dn, on, dn2;
			unsigned char *d = our_deflate(in, n, level, 0, &dn), *out;
			unsigned char *z = zlib_inflate(d, dn, n);
			if (n)
				assert_memory_equal(z, in, n);
			assert_int_equal(our_inflate(d, dn, &out, &on, NULL), INFL_OK);
			assert_int_equal(on, n);
			if (n)
				assert_memory_equal(out, in, n);
			unsigned char *d2 = our_deflate(in, n, level, 1 + (size_t)level * 997, &dn2);
			assert_int_equal(dn2, dn);
			assert_memory_equal(d2, d, dn);
			free(d);
			free(d2);
			free(z);
			free(out);
		}
		free(in);
	}
}

/* Inputs that end near the window's end (where the string comes within a
 * match's length of it) and past it, in one piece and in small ones:
 * round trips, and no read past the window (the sanitizer). */
static void test_deflate_window_edges(void **state)
{
	static const size_t sizes[] = {65274, 65400, 65534, 65535, 65536, 65537, 98303, 131071, 131072};
	size_t n;
	unsigned char *text = input(IN_TEXT, &n), *run = malloc(n), *noise = malloc(n);
	uint32_t x = 99;
	(void)state;
	/* noise whose last 300 bytes before each size repeat earlier ones: a
	 * long match that runs to the input's very end */
	for (size_t i = 0; i < n; i++)
		noise[i] = (unsigned char)((x = x * 1103515245u + 12345u) >> 16);
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		memcpy(noise + sizes[i] - 300, noise + 1000 + i * 300, 300);
	memset(run, 'z', n); /* matches of 258 bytes up to the end */
	for (int k = 0; k < 3; k++)
		for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
			for (int level = 1; level <= 9; level += 4)
				for (size_t piece = 0; piece <= 4096; piece += 4096) {
					const unsigned char *in = k == 0 ? text : k == 1 ? run : noise;
					size_t dn;
					unsigned char *d = our_deflate(in, sizes[i], level, piece, &dn);
					unsigned char *z = zlib_inflate(d, dn, sizes[i]);
					assert_memory_equal(z, in, sizes[i]);
					free(d);
					free(z);
				}
	free(text);
	free(run);
	free(noise);
}

/* Small inputs come out as zlib's bytes (busybox's too): the conformance
 * cases compare a gzip file's bytes. */
static void test_deflate_small_as_zlib(void **state)
{
	static const char *const texts[] = {"", "a", "apple\nbanana\ncherry\ndate\n", "banana\ncherry\nelder\nfig\n", "hello hello hello\n"};
	(void)state;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		size_t n = strlen(texts[i]), dn, zn;
		unsigned char *d = our_deflate((const unsigned char *)texts[i], n, 6, 0, &dn);
		unsigned char *z = zlib_deflate((const unsigned char *)texts[i], n, 6, Z_DEFAULT_STRATEGY, &zn);
		assert_int_equal(dn, zn);
		assert_memory_equal(d, z, dn);
		free(d);
		free(z);
	}
}

/* Compression that means something: within a few percent of zlib -6 on
 * text (the ratios at every level are make bench's). */
static void test_deflate_compresses(void **state)
{
	size_t n, dn, zn;
	unsigned char *in = input(IN_TEXT, &n);
	unsigned char *d = our_deflate(in, n, 6, 0, &dn);
	unsigned char *z = zlib_deflate(in, n, 6, Z_DEFAULT_STRATEGY, &zn);
	(void)state;
	assert_true(dn < n / 3);
	assert_true(dn * 100 <= zn * 110);
	free(in);
	free(d);
	free(z);
}

/* ---- malformed streams, written bit by bit ---- */
struct bw {
	unsigned char b[512];
	size_t n;
	unsigned bit;
};

static void put(struct bw *w, unsigned v, unsigned nbits)
{
	for (unsigned i = 0; i < nbits; i++, w->bit++) {
		if (w->bit == 8)
			w->bit = 0, w->n++;
		if (v >> i & 1)
			w->b[w->n] |= (unsigned char)(1u << w->bit);
	}
}

/* a Huffman code, first bit first */
static void put_code(struct bw *w, unsigned code, unsigned len)
{
	for (unsigned i = len; i-- > 0;)
		put(w, code >> i & 1, 1);
}

static size_t done(struct bw *w) { return w->n + (w->bit > 0); }

static int our_rc(struct bw *w)
{
	unsigned char *out;
	size_t n;
	int rc = our_inflate(w->b, done(w), &out, &n, NULL);
	free(out);
	return rc;
}

static int zlib_ok(const unsigned char *in, size_t n)
{
	z_stream z = {0};
	unsigned char out[4096];
	int rc;
	inflateInit2(&z, -15);
	z.next_in = (unsigned char *)in;
	z.avail_in = (uInt)n;
	do {
		z.next_out = out;
		z.avail_out = sizeof out;
		rc = inflate(&z, Z_NO_FLUSH);
	} while (rc == Z_OK && z.avail_in);
	inflateEnd(&z);
	return rc == Z_STREAM_END;
}

/* A dynamic block header: HLIT, HDIST, HCLEN and the code-length code's
 * lengths CL (in the RFC's order, 4-19 of them). */
static void dyn_head(struct bw *w, int last, int nlen, int ndist, const unsigned char *cl, int ncl)
{
	put(w, (unsigned)last, 1);
	put(w, 2, 2);
	put(w, (unsigned)nlen - 257, 5);
	put(w, (unsigned)ndist - 1, 5);
	put(w, (unsigned)ncl - 4, 4);
	for (int i = 0; i < ncl; i++)
		put(w, cl[i], 3);
}

static void test_inflate_refuses_malformed(void **state)
{
	/* code-length code: 16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 */
	static const unsigned char over[4] = {1, 1, 1, 0};      /* three codes of one bit */
	static const unsigned char incomplete[4] = {0, 0, 0, 1}; /* one code of one bit (0) */
	/* lengths 0 and 8 (codes of 1 bit: 0 -> '0', 8 -> '1'), 18 (2 bits) */
	static const unsigned char cl08[5] = {0, 0, 2, 2, 1};
	(void)state;
	struct bw w;

	memset(&w, 0, sizeof w); /* block type 3 */
	put(&w, 1, 1), put(&w, 3, 2);
	assert_int_equal(our_rc(&w), INFL_BAD);
	assert_false(zlib_ok(w.b, done(&w)));

	memset(&w, 0, sizeof w); /* stored: NLEN not LEN's complement */
	put(&w, 1, 1), put(&w, 0, 2), put(&w, 0, 5), put(&w, 1, 16), put(&w, 0xfffd, 16), put(&w, 'A', 8);
	assert_int_equal(our_rc(&w), INFL_BAD);
	assert_false(zlib_ok(w.b, done(&w)));

	memset(&w, 0, sizeof w); /* over-subscribed code-length code */
	dyn_head(&w, 1, 257, 1, over, 4);
	put(&w, 0, 16);
	assert_int_equal(our_rc(&w), INFL_BAD);
	assert_false(zlib_ok(w.b, done(&w)));

	memset(&w, 0, sizeof w); /* incomplete code-length code */
	dyn_head(&w, 1, 257, 1, incomplete, 4);
	put(&w, 0, 16);
	assert_int_equal(our_rc(&w), INFL_BAD);
	assert_false(zlib_ok(w.b, done(&w)));

	memset(&w, 0, sizeof w); /* repeat (16) with no length before it */
	{
		/* code-length code: 16 '0', 17 '10', 18 '11' */
		static const unsigned char cl[4] = {1, 2, 2, 0};
		dyn_head(&w, 1, 257, 1, cl, 4);
		put_code(&w, 0, 1), put(&w, 0, 2);
		put(&w, 0, 32);
	}
	assert_int_equal(our_rc(&w), INFL_BAD);
	assert_false(zlib_ok(w.b, done(&w)));

	memset(&w, 0, sizeof w); /* a repeat past the last length: 18 x 138, x 138 > 258 */
	{
		static const unsigned char cl[4] = {1, 2, 2, 0};
		dyn_head(&w, 1, 257, 1, cl, 4);
		put_code(&w, 3, 2), put(&w, 127, 7);
		put_code(&w, 3, 2), put(&w, 127, 7);
		put(&w, 0, 32);
	}
	assert_int_equal(our_rc(&w), INFL_BAD);
	assert_false(zlib_ok(w.b, done(&w)));

	memset(&w, 0, sizeof w); /* too many length codes (HLIT 287) */
	dyn_head(&w, 1, 287, 1, cl08, 5);
	put(&w, 0, 32);
	assert_int_equal(our_rc(&w), INFL_BAD);
	assert_false(zlib_ok(w.b, done(&w)));

	memset(&w, 0, sizeof w); /* too many distance codes (HDIST 31) */
	dyn_head(&w, 1, 257, 31, cl08, 5);
	put(&w, 0, 32);
	assert_int_equal(our_rc(&w), INFL_BAD);
	assert_false(zlib_ok(w.b, done(&w)));

	/* cl08, the code-length code of the next cases (order 16, 17, 18,
	 * 0, 8 get 0, 0, 2, 2, 1): length 8 '0', length 0 '10', 18 '11'. */
	memset(&w, 0, sizeof w); /* no end-of-block code: 256's length 0 */
	dyn_head(&w, 1, 257, 1, cl08, 5);
	put_code(&w, 0, 1), put_code(&w, 0, 1);         /* 0 and 1 get 8 bits */
	put_code(&w, 3, 2), put(&w, 127, 7);            /* 2-139: 138 zeros */
	put_code(&w, 3, 2), put(&w, 117 - 11, 7);       /* 140-256: 117 zeros */
	put_code(&w, 2, 2);                             /* distance 0: 0 */
	put(&w, 0, 32);
	assert_int_equal(our_rc(&w), INFL_BAD);
	assert_false(zlib_ok(w.b, done(&w)));

	memset(&w, 0, sizeof w); /* incomplete literal/length code: 0, 1, 256 of 8 bits */
	dyn_head(&w, 1, 257, 1, cl08, 5);
	put_code(&w, 0, 1), put_code(&w, 0, 1);
	put_code(&w, 3, 2), put(&w, 127, 7);
	put_code(&w, 3, 2), put(&w, 116 - 11, 7);       /* 140-255: 116 zeros */
	put_code(&w, 0, 1);                             /* 256: 8 */
	put_code(&w, 0, 1);                             /* distance 0: 8 */
	put(&w, 0, 32);
	assert_int_equal(our_rc(&w), INFL_BAD);
	assert_false(zlib_ok(w.b, done(&w)));

	memset(&w, 0, sizeof w); /* fixed block, a distance before the start */
	put(&w, 1, 1), put(&w, 1, 2);
	put_code(&w, 0x30 + 'A', 8);                    /* 'A' */
	put_code(&w, 1, 7);                             /* 257: length 3 */
	put_code(&w, 1, 5);                             /* distance 2 */
	put_code(&w, 0, 7);                             /* end */
	assert_int_equal(our_rc(&w), INFL_BAD);
	assert_false(zlib_ok(w.b, done(&w)));

	memset(&w, 0, sizeof w); /* fixed block, length symbol 286 */
	put(&w, 1, 1), put(&w, 1, 2);
	put_code(&w, 0x30 + 'A', 8);
	put_code(&w, 0xc6, 8);                          /* 280 + 6 = 286: 0xc0 + 6 */
	put(&w, 0, 16);
	assert_int_equal(our_rc(&w), INFL_BAD);
	assert_false(zlib_ok(w.b, done(&w)));

	memset(&w, 0, sizeof w); /* fixed block, distance symbol 30 */
	put(&w, 1, 1), put(&w, 1, 2);
	put_code(&w, 0x30 + 'A', 8);
	put_code(&w, 1, 7);
	put_code(&w, 30, 5);
	put(&w, 0, 16);
	assert_int_equal(our_rc(&w), INFL_BAD);
	assert_false(zlib_ok(w.b, done(&w)));
}

/* Every prefix of a stream cut short is refused (never a whole stream),
 * and a corrupted byte anywhere is refused or decodes as zlib decodes it. */
static void test_inflate_truncated_and_corrupt(void **state)
{
	size_t n, dn;
	unsigned char *in = input(IN_MIXED, &n);
	unsigned char *d = our_deflate(in, 20000, 6, 0, &dn);
	(void)state;
	for (size_t cut = 0; cut < dn; cut += 1 + cut / 50) {
		unsigned char *out;
		size_t on;
		int rc = our_inflate(d, cut, &out, &on, NULL);
		assert_true(rc == INFL_EOF || rc == INFL_BAD);
		free(out);
	}
	for (size_t at = 0; at < dn; at += 1 + at / 40) {
		unsigned char *c = malloc(dn), *out;
		size_t on;
		memcpy(c, d, dn);
		c[at] ^= 0x5a;
		int rc = our_inflate(c, dn, &out, &on, NULL);
		assert_int_equal(rc == INFL_OK, zlib_ok(c, dn));
		free(out);
		free(c);
	}
	free(d);
	free(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes_are_rfc_table),
		cmocka_unit_test(test_inflate_known_vectors),
		cmocka_unit_test(test_inflate_zlib_streams),
		cmocka_unit_test(test_deflate_round_trips),
		cmocka_unit_test(test_deflate_window_edges),
		cmocka_unit_test(test_deflate_small_as_zlib),
		cmocka_unit_test(test_deflate_compresses),
		cmocka_unit_test(test_inflate_refuses_malformed),
		cmocka_unit_test(test_inflate_truncated_and_corrupt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

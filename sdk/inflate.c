/* inflate: decodes RFC 1951 deflate data (stored, fixed and dynamic
 * blocks, a 32 KiB window) for gunzip, zcat and gzip -d (sdk/cmdgz.c).
 * Written for size, not bought: zlib's inflate is 13 KB of wasm, more than
 * a command may weigh. Canonical Huffman codes are decoded a bit at a time
 * from their counts and symbols (RFC 1951 3.2.2; as zlib's contrib/puff),
 * with no lookup tables. Every malformed stream is refused with the rules
 * of zlib's inflate (incomplete or over-subscribed codes, a distance
 * before the output's start, symbols past the tables, block type 3,
 * NLEN not LEN's complement); nothing is read or written outside the
 * window. Tested against zlib (tests/unit/test_flate.c, fuzz/fuzz_inflate.c). */
#include "inflate.h"

#include <stdint.h>
#include <string.h>

#include "flate.h"

struct huff {
	short count[16]; /* codes of each length (count[0]: unused symbols) */
	short sym[288];  /* the symbols, ordered by code */
};

/* N bits of input (N <= 16), least significant first. Past the input's
 * end the bits are zeros and err says so: every loop ends. */
static unsigned infl_bits(struct infl *s, unsigned n)
{
	while (s->nbits < n) {
		int c = s->get(s->ctx);
		if (c < 0) {
			s->err = INFL_EOF;
			c = 0;
		}
		s->bits |= (unsigned)c << s->nbits;
		s->nbits += 8;
	}
	unsigned v = s->bits & ((1u << n) - 1);
	s->bits >>= n;
	s->nbits -= n;
	return v;
}

static void infl_flush(struct infl *s)
{
	if (s->pos && s->put(s->ctx, s->win, s->pos) != 0)
		s->err = INFL_PUT;
	s->pos = 0;
}

static void infl_out(struct infl *s, unsigned c)
{
	s->win[s->pos++] = (unsigned char)c;
	s->have += s->have < INFL_WIN;
	if (s->pos == INFL_WIN)
		infl_flush(s);
}

/* The next symbol of code H, or -1 when the bits are no code of it. */
static int infl_decode(struct infl *s, const struct huff *h)
{
	int code = 0, first = 0, index = 0;

	for (int len = 1; len < 16; len++) {
		code |= (int)infl_bits(s, 1);
		int count = h->count[len];
		if (code - first < count)
			return h->sym[index + code - first];
		index += count;
		first = (first + count) << 1;
		code <<= 1;
	}
	return -1;
}

/* The code of the N lengths LEN. -1 when it is over-subscribed, or
 * incomplete where zlib refuses that: always for the code-length code
 * (CL), else unless no length is over 1 (one distance code, or none). */
static int infl_build(struct huff *h, const unsigned char *len, int n, int cl)
{
	short offs[16];
	int left = 1;

	memset(h->count, 0, sizeof h->count);
	for (int i = 0; i < n; i++)
		h->count[len[i]]++;
	offs[1] = 0;
	for (int i = 1; i < 16; i++) {
		left = (left << 1) - h->count[i];
		if (left < 0)
			return -1;
		if (i < 15)
			offs[i + 1] = (short)(offs[i] + h->count[i]);
	}
	for (int i = 0; i < n; i++)
		if (len[i])
			h->sym[offs[len[i]]++] = (short)i;
	return left > 0 && (cl || h->count[0] + h->count[1] != n) ? -1 : 0;
}

/* The symbols of a fixed or dynamic block, to its end. */
static int infl_codes(struct infl *s, const struct huff *lc, const struct huff *dc)
{
	for (;;) {
		int sym = infl_decode(s, lc);
		if (s->err)
			return s->err;
		if (sym < 0 || sym > 285)
			return INFL_BAD;
		if (sym < 256) {
			infl_out(s, (unsigned)sym);
			continue;
		}
		if (sym == 256)
			return 0;
		sym -= 257;
		unsigned len = flate_lbase(sym) + infl_bits(s, flate_lext(sym));
		int d = infl_decode(s, dc);
		if (d < 0 || d > 29)
			return INFL_BAD;
		unsigned dist = flate_dbase(d) + infl_bits(s, flate_dext(d));
		if (s->err)
			return s->err;
		if (dist > s->have)
			return INFL_BAD;
		while (len--)
			infl_out(s, s->win[(s->pos - dist) & (INFL_WIN - 1)]);
	}
}

static int infl_stored(struct infl *s)
{
	s->bits = s->nbits = 0; /* to the byte's end */
	unsigned len = infl_bits(s, 16);
	if (infl_bits(s, 16) != (~len & 0xffff))
		return s->err ? s->err : INFL_BAD;
	while (len-- && !s->err)
		infl_out(s, infl_bits(s, 8));
	return s->err;
}

static const unsigned char infl_order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

/* A dynamic block's code lengths (or the fixed ones when FIXED), then its
 * symbols. */
static int infl_block(struct infl *s, int fixed)
{
	unsigned char len[320] = {0};
	struct huff lc, dc;
	int nlen = 288, ndist = 32; /* fixed: 30 and 31 complete the code */

	if (fixed) {
		memset(len, 8, 144);
		memset(len + 144, 9, 112);
		memset(len + 256, 7, 24);
		memset(len + 280, 8, 8);
		memset(len + 288, 5, 32);
	} else {
		nlen = (int)infl_bits(s, 5) + 257;
		ndist = (int)infl_bits(s, 5) + 1;
		int ncode = (int)infl_bits(s, 4) + 4;
		if (nlen > 286 || ndist > 30)
			return INFL_BAD;
		for (int i = 0; i < ncode; i++)
			len[infl_order[i]] = (unsigned char)infl_bits(s, 3);
		if (infl_build(&lc, len, 19, 1) != 0)
			return s->err ? s->err : INFL_BAD;
		for (int i = 0; i < nlen + ndist && !s->err;) {
			int sym = infl_decode(s, &lc), rep;
			unsigned char l = 0;
			if (sym < 16) {
				if (sym < 0)
					return INFL_BAD;
				len[i++] = (unsigned char)sym;
				continue;
			}
			if (sym == 16) {
				if (i == 0)
					return INFL_BAD;
				l = len[i - 1];
				rep = 3 + (int)infl_bits(s, 2);
			} else {
				rep = sym == 17 ? 3 + (int)infl_bits(s, 3) : 11 + (int)infl_bits(s, 7);
			}
			if (i + rep > nlen + ndist)
				return INFL_BAD;
			memset(len + i, l, (size_t)rep);
			i += rep;
		}
		if (s->err)
			return s->err;
		if (len[256] == 0)
			return INFL_BAD;
	}
	if (infl_build(&lc, len, nlen, 0) != 0 || infl_build(&dc, len + nlen, ndist, 0) != 0)
		return INFL_BAD;
	return infl_codes(s, &lc, &dc);
}

int infl_run(struct infl *s)
{
	int last, rc;

	s->bits = s->nbits = s->pos = s->have = 0;
	s->err = 0;
	do {
		last = (int)infl_bits(s, 1);
		unsigned type = infl_bits(s, 2);
		rc = s->err ? s->err : type == 0 ? infl_stored(s) : type < 3 ? infl_block(s, type == 1) : INFL_BAD;
	} while (!last && !rc);
	if (!rc)
		infl_flush(s);
	return rc ? rc : s->err;
}

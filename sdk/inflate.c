/* inflate: decodes RFC 1951 deflate data (stored, fixed and dynamic
 * blocks, a 32 KiB window) for gunzip, zcat and gzip -d (sdk/cmdgz.c).
 * Written for size, not bought: zlib's inflate is 13 KB of wasm, more than
 * a command may weigh. Canonical Huffman codes are decoded a bit at a time
 * from their counts and symbols (RFC 1951 3.2.2; as zlib's contrib/puff),
 * with no lookup tables. Every malformed stream is refused with the rules
 * of zlib's inflate (incomplete or over-subscribed codes, a distance
 * before the output's start, symbols past the tables, block type 3,
 * NLEN not LEN's complement); nothing is read or written outside the
 * window. Input and output go through the user's infl_get and infl_put. Its state is static (one stream at a time, as a command
 * decodes): wasm addresses it by constants, which is smaller code than a
 * pointer passed around, 2-byte ones in the SDK's low segment (SDK_LOW). Tested against zlib (tests/unit/test_flate.c, fuzz/fuzz_inflate.c). */
#include "inflate.h"

#include <stdint.h>
#include <string.h>

#include "flate.h"
#include "sdkcore.h"

struct huff {
	int count[16];   /* codes of each length (count[0]: unused symbols) */
	int sym[288];    /* the symbols, ordered by code */
};

/* the stream's state, cleared as one */
SDK_LOW static struct {
	unsigned bitbuf, nbits; /* input bits not yet used */
	unsigned pos, have;     /* the next byte of win; bytes out (to INFL_WIN) */
	int err;
} is;
SDK_LOW static unsigned char infl_len[320];  /* a block's code lengths */
static unsigned char infl_win[INFL_WIN]; /* the output's last 32 KiB */
SDK_LOW static struct huff infl_lc, infl_dc; /* its codes */

/* N bits of input (N <= 16), least significant first. Past the input's
 * end the bits are zeros and is.err says so: every loop ends. */
static unsigned infl_bits(unsigned n)
{
	while (is.nbits < n) {
		int c = infl_get();
		if (c < 0) {
			is.err = INFL_EOF;
			c = 0;
		}
		is.bitbuf |= (unsigned)c << is.nbits;
		is.nbits += 8;
	}
	unsigned v = is.bitbuf & ((1u << n) - 1);
	is.bitbuf >>= n;
	is.nbits -= n;
	return v;
}

static void infl_flush(void)
{
	if (is.pos && infl_put(infl_win, is.pos) != 0)
		is.err = INFL_PUT;
	is.pos = 0;
}

static void infl_out(unsigned c)
{
	infl_win[is.pos++] = (unsigned char)c;
	is.have += is.have < INFL_WIN;
	if (is.pos == INFL_WIN)
		infl_flush();
}

/* The next symbol of code H, or -1 when the bits are no code of it. */
static int infl_decode(const struct huff *h)
{
	int code = 0, first = 0, index = 0;

	for (int len = 1; len < 16; len++) {
		code |= (int)infl_bits(1);
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
	int offs[16];
	int left = 1, o = 0;

	memset(h->count, 0, sizeof h->count);
	for (int i = 0; i < n; i++)
		h->count[len[i]]++;
	for (int i = 1; i < 16; i++) {
		offs[i] = o;
		o += h->count[i];
		left = (left << 1) - h->count[i];
		if (left < 0)
			return -1;
	}
	for (int i = 0; i < n; i++)
		if (len[i])
			h->sym[offs[len[i]]++] = i;
	return left && (cl || h->count[0] + h->count[1] != n) ? -1 : 0;
}

/* The symbols of a fixed or dynamic block, to its end. */
static int infl_codes(void)
{
	for (;;) {
		int sym = infl_decode(&infl_lc);
		if (is.err)
			return is.err;
		if (sym < 0 || sym > 285)
			return INFL_BAD;
		if (sym < 256) {
			infl_out((unsigned)sym);
			continue;
		}
		if (sym == 256)
			return 0;
		sym -= 257;
		unsigned len = flate_lbase(sym) + infl_bits(flate_lext(sym));
		int d = infl_decode(&infl_dc);
		if (d < 0 || d > 29)
			return INFL_BAD;
		unsigned dist = flate_dbase(d) + infl_bits(flate_dext(d));
		if (is.err)
			return is.err;
		if (dist > is.have)
			return INFL_BAD;
		while (len--)
			infl_out(infl_win[(is.pos - dist) & (INFL_WIN - 1)]);
	}
}

static int infl_stored(void)
{
	is.bitbuf = is.nbits = 0; /* to the byte's end */
	unsigned len = infl_bits(16);
	if (infl_bits(16) != (~len & 0xffff))
		return INFL_BAD;
	while (len-- && !is.err)
		infl_out(infl_bits(8));
	return is.err;
}

/* A dynamic block's code lengths (or the fixed ones when FIXED), then its
 * symbols. */
static int infl_block(int fixed)
{
	unsigned char *len = infl_len;
	int nlen = 288, ndist = 32; /* fixed: 30 and 31 complete the code */

	memset(len, 0, sizeof infl_len);
	if (fixed) {
		flate_fixed(len);
	} else {
		nlen = (int)infl_bits(5) + 257;
		ndist = (int)infl_bits(5) + 1;
		int ncode = (int)infl_bits(4) + 4;
		if (nlen > 286 || ndist > 30)
			return INFL_BAD;
		for (int i = 0; i < ncode; i++)
			len[flate_order[i]] = (unsigned char)infl_bits(3);
		if (infl_build(&infl_lc, len, 19, 1) != 0)
			return INFL_BAD;
		for (int i = 0; i < nlen + ndist && !is.err;) {
			int sym = infl_decode(&infl_lc), rep = 1;
			unsigned char l = (unsigned char)sym;
			if (sym < 0 || (sym == 16 && i == 0))
				return INFL_BAD;
			if (sym > 15) { /* 16: the last length 3-6 times, 17: 3-10 zeros, 18: 11-138 */
				l = sym == 16 ? len[i - 1] : 0;
				sym -= 16;
				rep = "\3\3\13"[sym] + (int)infl_bits((unsigned)"\2\3\7"[sym]);
			}
			if (i + rep > nlen + ndist)
				return INFL_BAD;
			memset(len + i, l, (size_t)rep);
			i += rep;
		}
		if (is.err)
			return is.err;
		if (len[256] == 0)
			return INFL_BAD;
	}
	if (infl_build(&infl_lc, len, nlen, 0) != 0 || infl_build(&infl_dc, len + nlen, ndist, 0) != 0)
		return INFL_BAD;
	return infl_codes();
}

int infl_run(void)
{
	int last, rc;

	memset(&is, 0, sizeof is);
	do {
		last = (int)infl_bits(1);
		unsigned type = infl_bits(2);
		rc = is.err ? is.err : type == 0 ? infl_stored() : type < 3 ? infl_block(type == 1) : INFL_BAD;
	} while (!last && !rc);
	if (!rc)
		infl_flush();
	return rc ? rc : is.err;
}

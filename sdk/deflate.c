/* deflate: compresses to RFC 1951 deflate data for gzip (sdk/cmdgz.c).
 * Written for size, not bought: zlib's deflate is 20 KB of wasm, more
 * than a command may weigh. zlib's method in little: LZ77 over a 32 KiB
 * window with hash chains and lazy matching, the level choosing the
 * chain's length and when to stop looking as zlib's table does; each
 * block (16,383 symbols, or the window's worth) goes out as dynamic
 * Huffman codes, the fixed ones or stored, whichever is smallest, as
 * zlib chooses. Huffman lengths come from a plain O(n^2) tree build,
 * limited to 15 bits (7 for the code-length code) by flattening the
 * counts until the tree fits. Tested with zlib's inflate as the oracle
 * (tests/unit/test_flate.c, fuzz/fuzz_deflate.c); bench/gzip_ratio.c
 * compares its ratios with zlib's. Its state (256 KB: the window, the
 * hash chains, a block's symbols) is static, one stream at a time: wasm
 * addresses it by constants, and it costs no file bytes; its small parts
 * are in the SDK's low segment (SDK_LOW, sdk/sdkcore.h), so each use is a
 * 2-byte address. */
#include "deflate.h"

#include <stdint.h>
#include <string.h>

#include "flate.h"
#include "sdkcore.h"

#define WSIZE 32768u
#define WMASK (WSIZE - 1)
#define MINLA 262u /* the lookahead a match search needs: 258 + 3 + 1 */
#define MAXDIST (WSIZE - MINLA)
#define NSYM 16383
#define OUTSZ 16384

SDK_LOW static struct ds {
	struct defl_cfg {
		uint16_t good, lazy, nice, chain; /* the level's (zlib's names) */
	} c;
	unsigned start, ahead, mstart;   /* the string, the input after it, the match's */
	unsigned bstart, bend;            /* the block's input (for a stored block) */
	unsigned nsym, nout, nbits, bits;
	int eof, err;
	unsigned freq[320]; /* the block's symbol counts: literals and lengths, distances at 288 */
	unsigned long xb;   /* and its extra bits */
} ds;
/* apart, so that a sanitizer sees a read past one */
/* the block's symbols: a literal or length code, and for a length its
 * extra bits' value, its distance's code and that one's extra bits */
static uint16_t defl_code[NSYM], defl_dx[NSYM];
static unsigned char defl_lx[NSYM], defl_dc[NSYM];
/* the input's window and hash chains (each hash's latest string, then
 * each string's previous one; 0 ends a chain), cleared as one */
static struct {
	uint16_t hash[2 * WSIZE];
	unsigned char win[2 * WSIZE];
} dw;
static unsigned char defl_out[OUTSZ];

/* zlib's configuration_table: good, lazy, nice, chain of levels 1-9 */
static const struct defl_cfg defl_cfg[9] = {
	{4, 4, 8, 4},	 {4, 5, 16, 8},	    {4, 6, 32, 32},	 {4, 4, 16, 16},	{8, 16, 32, 32},
	{8, 16, 128, 128}, {8, 32, 128, 256}, {32, 128, 258, 1024}, {32, 258, 258, 4096},
};


static void defl_flushout(void)
{
	if (ds.nout && !ds.err && defl_put(defl_out, ds.nout) != 0)
		ds.err = -1;
	ds.nout = 0;
}

static void defl_bits(unsigned v, unsigned n)
{
	ds.bits |= v << ds.nbits;
	ds.nbits += n;
	while (ds.nbits >= 8) {
		defl_out[ds.nout++] = (unsigned char)ds.bits;
		ds.bits >>= 8;
		ds.nbits -= 8;
		if (ds.nout == OUTSZ)
			defl_flushout();
	}
}

/* Huffman code lengths LEN for the N counts FREQ, none over LIM bits, at
 * least two codes (as zlib: one code would be a code of one bit anyway).
 * The tree's nodes: the N symbols' counts, then each pair's sum (0: a
 * node not in the tree, or already paired), and each one's parent. */
SDK_LOW static unsigned defl_f[2 * 286];
SDK_LOW static short defl_up[2 * 286];

/* The node of the least count among the first M (the first such), or -1 */
static int defl_least(int m)
{
	int a = -1;

	for (int i = 0; i < m; i++)
		if (defl_f[i] && (a < 0 || defl_f[i] < defl_f[a]))
			a = i;
	return a;
}

static void defl_huff(const unsigned *freq, int n, unsigned char *len, int lim)
{
	for (unsigned shift = 0;; shift++) {
		int m = n, used = 0, max = 0;
		for (int i = 0; i < n; i++) {
			unsigned v = freq[i] >> shift;
			defl_f[i] = freq[i] ? v + !v : 0;
			len[i] = defl_f[i] != 0;
			used += len[i];
		}
		for (int i = 0; used < 2; i++)
			if (!defl_f[i])
				defl_f[i] = len[i] = 1, used++;
		for (;;) {
			int a = defl_least(m);
			unsigned fa = defl_f[a];
			defl_f[a] = 0;
			int b = defl_least(m);
			if (b < 0)
				break;
			defl_f[m] = fa + defl_f[b];
			defl_f[b] = 0;
			defl_up[a] = defl_up[b] = (short)m++;
		}
		for (int i = 0; i < n; i++) {
			if (!len[i])
				continue;
			int d = 0;
			for (int j = i; j != m - 1; j = defl_up[j])
				d++;
			len[i] = (unsigned char)d;
			max = d > max ? d : max;
		}
		if (max <= lim)
			return;
	}
}

/* The canonical codes of the N lengths LEN, bit-reversed: deflate sends a
 * code's first bit first. */
static void defl_codes(const unsigned char *len, int n, uint16_t *code)
{
	unsigned r = 0; /* the next code, reversed: one more is a carry from its top bit down */

	for (unsigned b = 1; b < 16; b++)
		for (int i = 0; i < n; i++)
			if (len[i] == b) {
				code[i] = (uint16_t)r;
				unsigned bit = 1u << (b - 1);
				while (r & bit)
					r ^= bit, bit >>= 1;
				r |= bit;
			}
}

static int defl_lcode(unsigned len)
{
	int c = 28;
	while (flate_lbase(c) > len)
		c--;
	return c;
}

static int defl_dcode(unsigned dist)
{
	int d = 29;
	while (flate_dbase(d) > dist)
		d--;
	return d;
}

/* The block's symbols in the code of lengths LEN (literals and lengths)
 * and DLEN (distances). */
static void defl_syms(const unsigned char *len, const unsigned char *dlen)
{
	SDK_LOW static uint16_t code[288], dcode[30];

	defl_codes(len, 288, code);
	defl_codes(dlen, 30, dcode);
	for (unsigned i = 0; i <= ds.nsym; i++) {
		unsigned sym = i < ds.nsym ? defl_code[i] : 256;
		defl_bits(code[sym], len[sym]);
		if (sym > 256) {
			unsigned d = defl_dc[i];
			defl_bits(defl_lx[i], flate_lext((int)sym - 257));
			defl_bits(dcode[d], dlen[d]);
			defl_bits(defl_dx[i], flate_dext((int)d));
		}
	}
}

/* The block so far, as the smallest of dynamic, fixed and stored. */
static void defl_block(int last)
{
	SDK_LOW static unsigned char len[320], fix[320], cl[19], all[316];
	SDK_LOW static uint16_t rle[320], clcode[19];
	SDK_LOW static unsigned clf[19];
	unsigned stored = ds.bend - ds.bstart;
	unsigned long dyn = 14, fixed = 0;
	int hlit = 286, hdist = 30, hclen = 19, nr = 0;

	memset(len, 0, sizeof len);
	memset(clf, 0, sizeof clf);
	ds.freq[256] = 1;
	defl_huff(ds.freq, 286, len, 15);
	defl_huff(ds.freq + 288, 30, len + 288, 15);
	flate_fixed(fix);
	for (int i = 0; i < 318; i++) {
		dyn += ds.freq[i] * len[i];
		fixed += ds.freq[i] * fix[i];
	}
	while (hlit > 257 && !len[hlit - 1])
		hlit--;
	while (hdist > 1 && !len[288 + hdist - 1])
		hdist--;
	/* The code lengths, run-length coded (codes 16, 17, 18): each a
	 * symbol, its extra bits' value << 5 and their count << 12 */
	memcpy(all, len, (size_t)hlit);
	memcpy(all + hlit, len + 288, (size_t)hdist);
	for (int i = 0, n = hlit + hdist; i < n;) {
		unsigned l = all[i], run = 1, r;
		while (i + (int)run < n && all[i + run] == l)
			run++;
		if (l == 0 && run >= 3) {
			r = run < 138 ? run : 138;
			rle[nr++] = (uint16_t)(r < 11 ? (17 | 3 << 12) + ((r - 3) << 5) : (18 | 7 << 12) + ((r - 11) << 5));
		} else {
			rle[nr++] = (uint16_t)l;
			for (r = 1; run - r >= 3;) {
				unsigned k = run - r < 6 ? run - r : 6;
				rle[nr++] = (uint16_t)((16 | 2 << 12) + ((k - 3) << 5));
				r += k;
			}
		}
		i += (int)r;
	}
	for (int i = 0; i < nr; i++)
		clf[rle[i] & 31]++;
	defl_huff(clf, 19, cl, 7);
	defl_codes(cl, 19, clcode);
	while (hclen > 4 && !cl[flate_order[hclen - 1]])
		hclen--;
	dyn += 3u * (unsigned)hclen;
	for (int i = 0; i < nr; i++)
		dyn += cl[rle[i] & 31] + (rle[i] >> 12);
	unsigned long dynb = (dyn + ds.xb + 10) >> 3, fixb = (fixed + ds.xb + 10) >> 3;
	if (fixb <= dynb)
		dynb = fixb;

	defl_bits((unsigned)last, 1);
	if (stored < 65536 && stored + 4 <= dynb) {
		defl_bits(0, 2);
		defl_bits(0, (8 - ds.nbits) & 7);
		defl_bits(stored, 16);
		defl_bits(~stored & 0xffff, 16);
		for (unsigned i = ds.bstart; i < ds.bend; i++)
			defl_bits(dw.win[i], 8);
	} else if (fixb == dynb) {
		defl_bits(1, 2);
		defl_syms(fix, fix + 288);
	} else {
		defl_bits(2, 2);
		defl_bits((unsigned)hlit - 257, 5);
		defl_bits((unsigned)hdist - 1, 5);
		defl_bits((unsigned)hclen - 4, 4);
		for (int i = 0; i < hclen; i++)
			defl_bits(cl[flate_order[i]], 3);
		for (int i = 0; i < nr; i++) {
			unsigned c = rle[i] & 31;
			defl_bits(clcode[c], cl[c]);
			defl_bits(rle[i] >> 5 & 127, rle[i] >> 12);
		}
		defl_syms(len, len + 288);
	}
	ds.nsym = 0;
	ds.bstart = ds.bend;
	memset(ds.freq, 0, sizeof ds.freq);
	ds.xb = 0;
}

/* A literal (DIST 0) or a match into the block. */
static void defl_sym(unsigned dist, unsigned lc)
{
	unsigned sym = lc, i = ds.nsym++;
	if (dist) {
		int c = defl_lcode(lc), d = defl_dcode(dist);
		sym = 257 + (unsigned)c;
		defl_lx[i] = (unsigned char)(lc - flate_lbase(c));
		defl_dc[i] = (unsigned char)d;
		defl_dx[i] = (uint16_t)(dist - flate_dbase(d));
		ds.freq[288 + d]++;
		ds.xb += flate_lext(c) + flate_dext(d);
	}
	defl_code[i] = (uint16_t)sym;
	ds.freq[sym]++;
	ds.bend += dist ? lc : 1;
	if (ds.nsym == NSYM)
		defl_block(0);
}

/* The string at P into its hash chain; the chain's previous head. */
static unsigned defl_insert(unsigned p)
{
	const unsigned char *w = dw.win + p;
	unsigned h = ((unsigned)w[0] << 10 ^ (unsigned)w[1] << 5 ^ w[2]) & WMASK, m = dw.hash[h];
	dw.hash[WSIZE + (p & WMASK)] = (uint16_t)m;
	dw.hash[h] = (uint16_t)p;
	return m;
}

/* More input into the window, sliding it down by WSIZE (the block sent
 * first, while its bytes are still there) when the string is near its end. */
static void defl_fill(void)
{
	do {
		/* at the input's end too: a match's compare (up to 258
		 * bytes past the string, clamped to the input after) then
		 * stays inside the window with room to spare */
		if (ds.start >= WSIZE + MAXDIST) {
			defl_block(0);
			memcpy(dw.win, dw.win + WSIZE, WSIZE);
			ds.start -= WSIZE;
			ds.mstart -= WSIZE;
			ds.bstart = ds.bend -= WSIZE; /* the block just sent */
			for (uint16_t *p = dw.hash; p < dw.hash + 2 * WSIZE; p++)
				*p = (uint16_t)(*p >= WSIZE ? *p - WSIZE : 0);
		}
		if (ds.eof)
			break;
		long n = defl_pull(dw.win + ds.start + ds.ahead, 2 * WSIZE - ds.start - ds.ahead);
		if (n <= 0) {
			ds.eof = 1;
			ds.err |= n < 0 ? -1 : 0;
		}
		ds.ahead += n > 0 ? (unsigned)n : 0;
	} while (ds.ahead < MINLA);
}

/* The longest match at the string from chain CUR, longer than BEST
 * (zlib's longest_match). */
static unsigned defl_longest(unsigned cur, unsigned best)
{
	unsigned chain = ds.c.chain, nice = ds.c.nice < ds.ahead ? ds.c.nice : ds.ahead;
	unsigned limit = ds.start > MAXDIST ? ds.start - MAXDIST : 0;
	const unsigned char *scan = dw.win + ds.start;

	if (best >= ds.c.good)
		chain >>= 2;
	do {
		const unsigned char *m = dw.win + cur;
		if (m[best] != scan[best]) /* cannot be longer; the loop checks the rest */
			continue;
		unsigned len = 0;
		while (len < 258 && m[len] == scan[len])
			len++;
		if (len > best) {
			ds.mstart = cur;
			best = len;
			if (len >= nice)
				break;
		}
	} while ((cur = dw.hash[WSIZE + (cur & WMASK)]) > limit && --chain);
	return best < ds.ahead ? best : ds.ahead;
}

/* zlib's deflate_slow: a match is taken only when the next string has no
 * longer one. */
static void defl_lz(void)
{
	unsigned mlen = 2;
	int avail = 0;

	for (;;) {
		if (ds.ahead < MINLA) {
			defl_fill();
			if (!ds.ahead || ds.err)
				break;
		}
		unsigned h = ds.ahead >= 3 ? defl_insert(ds.start) : 0;
		unsigned plen = mlen, pmatch = ds.mstart;
		mlen = 2;
		if (h && plen < ds.c.lazy && ds.start - h <= MAXDIST) {
			mlen = defl_longest(h, plen);
			if (mlen == 3 && ds.start - ds.mstart > 4096)
				mlen = 2;
		}
		if (plen >= 3 && mlen <= plen) {
			unsigned max = ds.start + ds.ahead - 3;
			defl_sym(ds.start - 1 - pmatch, plen);
			ds.ahead -= plen - 1;
			for (plen -= 2; plen; plen--)
				if (++ds.start <= max)
					defl_insert(ds.start);
			avail = 0;
			mlen = 2;
		} else {
			if (avail)
				defl_sym(0, dw.win[ds.start - 1]);
			avail = 1;
			ds.ahead--;
		}
		ds.start++;
	}
	if (avail)
		defl_sym(0, dw.win[ds.start - 1]);
}

int defl_run(int level)
{

	memset(&ds, 0, sizeof ds);
	/* the window too: bytes past the input are compared (never used),
	 * and must not make the output depend on an earlier stream */
	memset(&dw, 0, sizeof dw);
	ds.c = defl_cfg[level < 1 ? 0 : level > 9 ? 8 : level - 1];
	defl_lz();
	defl_block(1);
	defl_bits(0, 7);
	defl_flushout();
	return ds.err;
}

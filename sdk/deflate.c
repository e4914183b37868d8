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
 * (tests/unit/test_flate.c, fuzz/fuzz_deflate.c); bench/gzip_ratio.sh
 * compares its ratios with zlib's. */
#include "deflate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "flate.h"

#define WSIZE 32768u
#define WMASK (WSIZE - 1)
#define MINLA 262u /* the lookahead a match search needs: 258 + 3 + 1 */
#define MAXDIST (WSIZE - MINLA)
#define NSYM 16383
#define OUTSZ 16384

struct ds {
	const struct defl *d;
	unsigned good, lazy, nice, chain; /* the level's (zlib's names) */
	unsigned start, ahead, mstart;   /* the string, the input after it, the match's */
	unsigned bstart, bend;            /* the block's input (for a stored block) */
	unsigned nsym, nout, nbits, bits;
	int eof, err;
	unsigned lf[286], df[30]; /* the block's symbol counts */
	uint16_t dist[NSYM];      /* 0: literal lc, else a match of lc + 3 */
	unsigned char lc[NSYM];
	uint16_t head[WSIZE], prev[WSIZE]; /* hash chains; 0 ends one */
	unsigned char win[2 * WSIZE];
	unsigned char out[OUTSZ];
};

/* zlib's configuration_table: good, lazy, nice, chain of levels 1-9 */
static const uint16_t defl_cfg[9][4] = {
	{4, 4, 8, 4},	 {4, 5, 16, 8},	    {4, 6, 32, 32},	 {4, 4, 16, 16},	{8, 16, 32, 32},
	{8, 16, 128, 128}, {8, 32, 128, 256}, {32, 128, 258, 1024}, {32, 258, 258, 4096},
};

static const unsigned char defl_order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

static void defl_flushout(struct ds *s)
{
	if (s->nout && !s->err && s->d->put(s->d->ctx, s->out, s->nout) != 0)
		s->err = -1;
	s->nout = 0;
}

static void defl_bits(struct ds *s, unsigned v, unsigned n)
{
	s->bits |= v << s->nbits;
	s->nbits += n;
	while (s->nbits >= 8) {
		s->out[s->nout++] = (unsigned char)s->bits;
		s->bits >>= 8;
		s->nbits -= 8;
		if (s->nout == OUTSZ)
			defl_flushout(s);
	}
}

/* Huffman code lengths LEN for the N counts FREQ, none over LIM bits, at
 * least two codes (as zlib: one code would be a code of one bit anyway). */
static void defl_huff(const unsigned *freq, int n, unsigned char *len, int lim)
{
	unsigned f[2 * 286];
	short up[2 * 286];

	for (unsigned shift = 0;; shift++) {
		int m = n, used = 0, max = 0;
		for (int i = 0; i < n; i++) {
			unsigned v = freq[i] >> shift;
			f[i] = freq[i] ? v + !v : 0;
			len[i] = f[i] != 0;
			used += len[i];
		}
		for (int i = 0; used < 2; i++)
			if (!f[i])
				f[i] = len[i] = 1, used++;
		for (;;) {
			int a = -1, b = -1;
			for (int i = 0; i < m; i++) {
				if (!f[i])
					continue;
				if (a < 0 || f[i] < f[a])
					b = a, a = i;
				else if (b < 0 || f[i] < f[b])
					b = i;
			}
			if (b < 0)
				break;
			f[m] = f[a] + f[b];
			f[a] = f[b] = 0;
			up[a] = up[b] = (short)m++;
		}
		for (int i = 0; i < n; i++) {
			if (!len[i])
				continue;
			int d = 0;
			for (int j = i; j != m - 1; j = up[j])
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
	unsigned cnt[16] = {0}, next[16], c = 0;

	for (int i = 0; i < n; i++)
		cnt[len[i]]++;
	cnt[0] = 0;
	for (int b = 1; b < 16; b++)
		next[b] = c = (c + cnt[b - 1]) << 1;
	for (int i = 0; i < n; i++) {
		unsigned v = len[i] ? next[len[i]]++ : 0, r = 0;
		for (int b = 0; b < len[i]; b++, v >>= 1)
			r = r << 1 | (v & 1);
		code[i] = (uint16_t)r;
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
static void defl_syms(struct ds *s, const unsigned char *len, const unsigned char *dlen)
{
	uint16_t code[288], dcode[30];

	defl_codes(len, 288, code);
	defl_codes(dlen, 30, dcode);
	for (unsigned i = 0; i <= s->nsym; i++) {
		unsigned dist = i < s->nsym ? s->dist[i] : 0, sym = i < s->nsym ? s->lc[i] : 256;
		if (!dist) {
			defl_bits(s, code[sym], len[sym]);
			continue;
		}
		int c = defl_lcode(sym + 3), d = defl_dcode(dist);
		defl_bits(s, code[257 + c], len[257 + c]);
		defl_bits(s, sym + 3 - flate_lbase(c), flate_lext(c));
		defl_bits(s, dcode[d], dlen[d]);
		defl_bits(s, dist - flate_dbase(d), flate_dext(d));
	}
}

/* The block so far, as the smallest of dynamic, fixed and stored. */
static void defl_block(struct ds *s, int last)
{
	unsigned char len[320] = {0}, cl[19];
	uint16_t rle[320], clcode[19];
	unsigned clf[19] = {0}, stored = s->bend - s->bstart;
	unsigned long xb = 0, dyn = 14, fix = 0;
	int hlit = 286, hdist = 30, hclen = 19, nr = 0;

	s->lf[256] = 1;
	defl_huff(s->lf, 286, len, 15);
	defl_huff(s->df, 30, len + 288, 15);
	for (int i = 0; i < 318; i++) {
		unsigned f = i < 286 ? s->lf[i] : i < 288 ? 0 : s->df[i - 288];
		xb += f * (i < 257 ? 0 : i < 286 ? flate_lext(i - 257) : i < 288 ? 0 : flate_dext(i - 288));
		dyn += f * len[i];
		fix += f * (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : i < 288 ? 8 : 5);
	}
	while (hlit > 257 && !len[hlit - 1])
		hlit--;
	while (hdist > 1 && !len[288 + hdist - 1])
		hdist--;
	/* The code lengths, run-length coded (codes 16, 17, 18) */
	unsigned char all[316];
	memcpy(all, len, (size_t)hlit);
	memcpy(all + hlit, len + 288, (size_t)hdist);
	for (int i = 0, n = hlit + hdist; i < n;) {
		unsigned l = all[i], run = 1, r;
		while (i + (int)run < n && all[i + run] == l)
			run++;
		if (l == 0 && run >= 3) {
			r = run < 138 ? run : 138;
			rle[nr++] = (uint16_t)(r < 11 ? 17 | (r - 3) << 5 : 18 | (r - 11) << 5);
		} else {
			rle[nr++] = (uint16_t)l;
			for (r = 1; run - r >= 3;) {
				unsigned k = run - r < 6 ? run - r : 6;
				rle[nr++] = (uint16_t)(16 | (k - 3) << 5);
				r += k;
			}
		}
		i += (int)r;
	}
	for (int i = 0; i < nr; i++)
		clf[rle[i] & 31]++;
	defl_huff(clf, 19, cl, 7);
	defl_codes(cl, 19, clcode);
	while (hclen > 4 && !cl[defl_order[hclen - 1]])
		hclen--;
	dyn += 3u * (unsigned)hclen + 2 * clf[16] + 3 * clf[17] + 7 * clf[18];
	for (int i = 0; i < 19; i++)
		dyn += clf[i] * cl[i];
	unsigned long dynb = (dyn + xb + 10) >> 3, fixb = (fix + xb + 10) >> 3;
	if (fixb <= dynb)
		dynb = fixb;

	defl_bits(s, (unsigned)last, 1);
	if (stored < 65536 && stored + 4 <= dynb) {
		defl_bits(s, 0, 2);
		defl_bits(s, 0, (8 - s->nbits) & 7);
		defl_bits(s, stored, 16);
		defl_bits(s, ~stored & 0xffff, 16);
		for (unsigned i = s->bstart; i < s->bend; i++)
			defl_bits(s, s->win[i], 8);
	} else if (fixb == dynb) {
		defl_bits(s, 1, 2);
		memset(len, 8, 144);
		memset(len + 144, 9, 112);
		memset(len + 256, 7, 24);
		memset(len + 280, 8, 8);
		memset(len + 288, 5, 30);
		defl_syms(s, len, len + 288);
	} else {
		defl_bits(s, 2, 2);
		defl_bits(s, (unsigned)hlit - 257, 5);
		defl_bits(s, (unsigned)hdist - 1, 5);
		defl_bits(s, (unsigned)hclen - 4, 4);
		for (int i = 0; i < hclen; i++)
			defl_bits(s, cl[defl_order[i]], 3);
		for (int i = 0; i < nr; i++) {
			unsigned c = rle[i] & 31;
			defl_bits(s, clcode[c], cl[c]);
			defl_bits(s, rle[i] >> 5, c == 16 ? 2 : c == 17 ? 3 : c == 18 ? 7 : 0);
		}
		defl_syms(s, len, len + 288);
	}
	s->nsym = 0;
	s->bstart = s->bend;
	memset(s->lf, 0, sizeof s->lf);
	memset(s->df, 0, sizeof s->df);
}

/* A literal (DIST 0) or a match into the block. */
static void defl_sym(struct ds *s, unsigned dist, unsigned lc)
{
	s->dist[s->nsym] = (uint16_t)dist;
	s->lc[s->nsym++] = (unsigned char)(dist ? lc - 3 : lc);
	if (dist) {
		s->lf[257 + defl_lcode(lc)]++;
		s->df[defl_dcode(dist)]++;
	} else {
		s->lf[lc]++;
	}
	s->bend += dist ? lc : 1;
	if (s->nsym == NSYM)
		defl_block(s, 0);
}

/* The string at P into its hash chain; the chain's previous head. */
static unsigned defl_insert(struct ds *s, unsigned p)
{
	const unsigned char *w = s->win + p;
	unsigned h = ((unsigned)w[0] << 10 ^ (unsigned)w[1] << 5 ^ w[2]) & WMASK, m = s->head[h];
	s->prev[p & WMASK] = (uint16_t)m;
	s->head[h] = (uint16_t)p;
	return m;
}

/* More input into the window, sliding it down by WSIZE (the block sent
 * first, while its bytes are still there) when the string is near its end. */
static void defl_fill(struct ds *s)
{
	while (!s->eof && s->ahead < MINLA) {
		if (s->start >= WSIZE + MAXDIST) {
			defl_block(s, 0);
			memcpy(s->win, s->win + WSIZE, WSIZE);
			s->start -= WSIZE;
			s->mstart -= WSIZE;
			s->bstart -= WSIZE;
			s->bend -= WSIZE;
			for (unsigned i = 0; i < 2 * WSIZE; i++) {
				uint16_t *p = i < WSIZE ? &s->head[i] : &s->prev[i - WSIZE];
				*p = (uint16_t)(*p >= WSIZE ? *p - WSIZE : 0);
			}
		}
		long n = s->d->pull(s->d->ctx, s->win + s->start + s->ahead, 2 * WSIZE - s->start - s->ahead);
		if (n <= 0) {
			s->eof = 1;
			s->err |= n < 0 ? -1 : 0;
		}
		s->ahead += n > 0 ? (unsigned)n : 0;
	}
}

/* The longest match at the string from chain CUR, longer than BEST
 * (zlib's longest_match). */
static unsigned defl_longest(struct ds *s, unsigned cur, unsigned best)
{
	unsigned chain = s->chain, nice = s->nice < s->ahead ? s->nice : s->ahead;
	unsigned limit = s->start > MAXDIST ? s->start - MAXDIST : 0;
	const unsigned char *scan = s->win + s->start;

	if (best >= s->good)
		chain >>= 2;
	do {
		const unsigned char *m = s->win + cur;
		if (m[best] != scan[best] || m[0] != scan[0] || m[1] != scan[1])
			continue;
		unsigned len = 2;
		while (len < 258 && m[len] == scan[len])
			len++;
		if (len > best) {
			s->mstart = cur;
			best = len;
			if (len >= nice)
				break;
		}
	} while ((cur = s->prev[cur & WMASK]) > limit && --chain);
	return best < s->ahead ? best : s->ahead;
}

/* zlib's deflate_slow: a match is taken only when the next string has no
 * longer one. */
static void defl_lz(struct ds *s)
{
	unsigned mlen = 2;
	int avail = 0;

	for (;;) {
		if (s->ahead < MINLA) {
			defl_fill(s);
			if (!s->ahead || s->err)
				break;
		}
		unsigned h = s->ahead >= 3 ? defl_insert(s, s->start) : 0;
		unsigned plen = mlen, pmatch = s->mstart;
		mlen = 2;
		if (h && plen < s->lazy && s->start - h <= MAXDIST) {
			mlen = defl_longest(s, h, plen);
			if (mlen == 3 && s->start - s->mstart > 4096)
				mlen = 2;
		}
		if (plen >= 3 && mlen <= plen) {
			unsigned max = s->start + s->ahead - 3;
			defl_sym(s, s->start - 1 - pmatch, plen);
			s->ahead -= plen - 1;
			for (plen -= 2; plen; plen--)
				if (++s->start <= max)
					defl_insert(s, s->start);
			avail = 0;
			mlen = 2;
		} else {
			if (avail)
				defl_sym(s, 0, s->win[s->start - 1]);
			avail = 1;
			s->ahead--;
		}
		s->start++;
	}
	if (avail)
		defl_sym(s, 0, s->win[s->start - 1]);
}

int defl_run(const struct defl *d)
{
	struct ds *s = calloc(1, sizeof *s);
	int rc;

	if (!s)
		return DEFL_NOMEM;
	const uint16_t *c = defl_cfg[d->level < 1 ? 0 : d->level > 9 ? 8 : d->level - 1];
	s->d = d;
	s->good = c[0], s->lazy = c[1], s->nice = c[2], s->chain = c[3];
	defl_lz(s);
	defl_block(s, 1);
	defl_bits(s, 0, 7);
	defl_flushout(s);
	rc = s->err;
	free(s);
	return rc;
}

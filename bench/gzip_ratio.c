/* gzip_ratio (make bench): the SDK's deflate (sdk/deflate.c, what gzip
 * runs) beside the host's zlib, the baseline, on the same inputs in the
 * same run, at levels 1, 6 and 9: compressed bytes, our size over zlib's,
 * and the time of each (host build, best of 3). Inputs: the docs (text),
 * the SDK's sources (code), the runner binary (machine code) and 1 MB of
 * noise; and files named on the command line instead. Numbers only. */
#include <glob.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

#include "../sdk/flate.c"
#include "../sdk/deflate.c"

struct buf {
	unsigned char *p;
	size_t n, at; /* the input, how much pulled */
	size_t out;   /* compressed bytes */
};

static long pull(void *ctx, unsigned char *p, size_t n)
{
	struct buf *b = ctx;
	size_t k = b->n - b->at < n ? b->n - b->at : n;
	memcpy(p, b->p + b->at, k);
	b->at += k;
	return (long)k;
}

static int count(void *ctx, const unsigned char *p, size_t n)
{
	(void)p;
	((struct buf *)ctx)->out += n;
	return 0;
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void add_file(struct buf *b, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	if (n > 0) {
		b->p = realloc(b->p, b->n + (size_t)n);
		if (fread(b->p + b->n, 1, (size_t)n, f) == (size_t)n)
			b->n += (size_t)n;
	}
	fclose(f);
}

static struct buf load(const char *pattern)
{
	struct buf b = {0};
	glob_t g;
	if (glob(pattern, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			add_file(&b, g.gl_pathv[i]);
		globfree(&g);
	}
	return b;
}

/* deflate's input and output (deflate.h) */
static struct buf *cur;
long defl_pull(unsigned char *p, size_t n) { return pull(cur, p, n); }
int defl_put(const unsigned char *p, size_t n) { return count(cur, p, n); }

/* compressed size, best time of 3 */
static size_t ours(struct buf *in, int level, double *secs)
{
	*secs = 1e9;
	cur = in;
	for (int r = 0; r < 3; r++) {
		in->at = in->out = 0;
		double t = now();
		if (defl_run(level) != 0)
			return 0;
		t = now() - t;
		*secs = t < *secs ? t : *secs;
	}
	return in->out;
}

static size_t zlib(const struct buf *in, int level, double *secs)
{
	uLongf n = compressBound(in->n);
	unsigned char *out = malloc(n);
	size_t got = 0;
	*secs = 1e9;
	for (int r = 0; r < 3; r++) {
		z_stream z = {0};
		deflateInit2(&z, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
		z.next_in = in->p;
		z.avail_in = (uInt)in->n;
		z.next_out = out;
		z.avail_out = (uInt)n;
		double t = now();
		deflate(&z, Z_FINISH);
		t = now() - t;
		got = z.total_out;
		deflateEnd(&z);
		*secs = t < *secs ? t : *secs;
	}
	free(out);
	return got;
}

static void row(const char *name, struct buf *in)
{
	if (!in->n) {
		printf("  %-22s (no input)\n", name);
		return;
	}
	for (int level = 1; level <= 9; level += level == 1 ? 5 : 3) {
		double to, tz;
		size_t o = ours(in, level, &to), z = zlib(in, level, &tz);
		printf("  %-22s -%d %9zu -> ours %8zu (%5.1f%%)  zlib %8zu (%5.1f%%)  ours/zlib %.3f"
		       "  time ours %6.1f ms, zlib %6.1f ms\n",
		       name, level, in->n, o, 100.0 * (double)o / (double)in->n, z,
		       100.0 * (double)z / (double)in->n, (double)o / (double)z, to * 1e3, tz * 1e3);
	}
}

int main(int argc, char **argv)
{
	printf("  deflate data (no gzip framing), host build; ours/zlib < 1: ours is smaller\n");
	if (argc > 1) {
		for (int i = 1; i < argc; i++) {
			struct buf b = load(argv[i]);
			row(argv[i], &b);
			free(b.p);
		}
		return 0;
	}
	static const char *const inputs[][2] = {
		{"docs/*.md (text)", "docs/*.md"},
		{"sdk/*.c (code)", "sdk/*.c"},
		{"vyoma-run (binary)", "build/vyoma-run.stripped"},
		{"fixtures.py (small)", "tests/conformance/fixtures.py"},
	};
	for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		struct buf b = load(inputs[i][1]);
		row(inputs[i][0], &b);
		free(b.p);
	}
	struct buf noise = {malloc(1 << 20), 1 << 20, 0, 0};
	uint32_t x = 1;
	for (size_t i = 0; i < noise.n; i++)
		noise.p[i] = (unsigned char)((x = x * 1103515245u + 12345u) >> 16);
	row("noise (1 MB)", &noise);
	free(noise.p);
	return 0;
}

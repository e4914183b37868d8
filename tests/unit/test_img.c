/* test_img: canvases survive a PNG round trip exactly (RGB and RGBA, via
 * memory and via files), the bytes are deterministic and say what they
 * should (signature, IHDR), PNGs of other kinds (grey, palette, 16-bit,
 * interlaced) written by libpng itself decode to the right pixels, and
 * broken or oversized input is refused with a message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "img.h"
/* libpng itself, to make and check PNGs independently of the module. */
#include <png.h>

static void fill_pattern(struct canvas *c, uint32_t seed)
{
	for (int y = 0; y < c->h; y++)
		for (int x = 0; x < c->w; x++) {
			seed = seed * 1103515245u + 12345u;
			c->px[y * c->stride + x] = (seed >> 4) & 0xFFFFFF;
		}
}

static void assert_same_pixels(const struct canvas *a, const struct canvas *b)
{
	assert_int_equal(a->w, b->w);
	assert_int_equal(a->h, b->h);
	for (int y = 0; y < a->h; y++)
		for (int x = 0; x < a->w; x++)
			if ((canvas_get(a, x, y) & 0xFFFFFF) != (canvas_get(b, x, y) & 0xFFFFFF))
				fail_msg("pixel %d,%d: %06x vs %06x", x, y, (unsigned)canvas_get(a, x, y),
					 (unsigned)canvas_get(b, x, y));
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void test_roundtrip_memory(void **state)
{
	struct canvas c, d;
	char err[128];
	(void)state;

	assert_int_equal(canvas_init(&c, 37, 23), 0);
	fill_pattern(&c, 7);
	c.px[0] |= 0xAB000000u; /* the X byte is not part of the image */
	for (int alpha = 0; alpha <= 1; alpha++) {
		unsigned char *buf;
		size_t len;

		assert_int_equal(img_encode_canvas(&c, alpha, &buf, &len, err, sizeof err), 0);
		assert_memory_equal(buf, "\x89PNG\r\n\x1a\n", 8);
		assert_memory_equal(buf + 12, "IHDR", 4);
		assert_int_equal(be32(buf + 16), 37);
		assert_int_equal(be32(buf + 20), 23);
		assert_int_equal(buf[24], 8);                /* bit depth */
		assert_int_equal(buf[25], alpha ? 6 : 2);    /* RGBA : RGB */
		assert_int_equal(buf[28], 0);                /* not interlaced */
		assert_int_equal(img_decode_canvas(buf, len, &d, err, sizeof err), 0);
		assert_same_pixels(&c, &d);
		canvas_free(&d);
		/* libpng reads the same pixels, and every alpha is opaque */
		png_image img;
		memset(&img, 0, sizeof img);
		img.version = PNG_IMAGE_VERSION;
		assert_true(png_image_begin_read_from_memory(&img, buf, len));
		img.format = PNG_FORMAT_RGBA;
		unsigned char *rgba = malloc(PNG_IMAGE_SIZE(img));
		assert_non_null(rgba);
		assert_true(png_image_finish_read(&img, NULL, rgba, 0, NULL));
		for (int i = 0; i < 37 * 23; i++) {
			uint32_t px = c.px[i] & 0xFFFFFF;
			assert_int_equal(rgba[4 * i], px >> 16);
			assert_int_equal(rgba[4 * i + 1], (px >> 8) & 0xFF);
			assert_int_equal(rgba[4 * i + 2], px & 0xFF);
			assert_int_equal(rgba[4 * i + 3], 0xFF);
		}
		free(rgba);
		free(buf);
	}
	canvas_free(&c);
}

static void test_deterministic(void **state)
{
	struct canvas c;
	unsigned char *a, *b;
	size_t la, lb;
	char err[128];
	(void)state;

	assert_int_equal(canvas_init(&c, 64, 48), 0);
	fill_pattern(&c, 99);
	assert_int_equal(img_encode_canvas(&c, false, &a, &la, err, sizeof err), 0);
	assert_int_equal(img_encode_canvas(&c, false, &b, &lb, err, sizeof err), 0);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	free(b);
	c.px[100] ^= 1;
	assert_int_equal(img_encode_canvas(&c, false, &b, &lb, err, sizeof err), 0);
	assert_true(la != lb || memcmp(a, b, la) != 0);
	/* no tIME or text chunks */
	for (size_t i = 0; i + 4 <= la; i++) {
		assert_false(memcmp(a + i, "tIME", 4) == 0);
		assert_false(memcmp(a + i, "tEXt", 4) == 0);
	}
	free(a);
	free(b);
	canvas_free(&c);
}

static void test_files(void **state)
{
	char dir[] = "/tmp/test_img.XXXXXX", path[256], tmp[300], err[256];
	struct canvas c, d;
	(void)state;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/shot.png", dir);
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	assert_int_equal(canvas_init(&c, 5, 300), 0);
	fill_pattern(&c, 3);
	assert_int_equal(img_save_canvas(&c, true, path, err, sizeof err), 0);
	assert_int_equal(access(tmp, F_OK), -1);
	assert_int_equal(img_load_canvas(path, &d, err, sizeof err), 0);
	assert_same_pixels(&c, &d);
	canvas_free(&d);
	/* overwriting works */
	fill_pattern(&c, 4);
	assert_int_equal(img_save_canvas(&c, false, path, err, sizeof err), 0);
	assert_int_equal(img_load_canvas(path, &d, err, sizeof err), 0);
	assert_same_pixels(&c, &d);
	canvas_free(&d);
	unlink(path);
	/* failures say what failed */
	snprintf(path, sizeof path, "%s/no/such/dir/x.png", dir);
	assert_int_equal(img_save_canvas(&c, false, path, err, sizeof err), -1);
	assert_non_null(strstr(err, "No such file"));
	assert_int_equal(img_load_canvas(path, &d, err, sizeof err), -1);
	assert_null(d.px);
	assert_non_null(strstr(err, "x.png"));
	rmdir(dir);
	canvas_free(&c);
}

/* Write w x h with libpng's own writer in any colour type / depth /
 * interlace; pixel (x, y) gets sample value v(x, y, channel). */
struct membuf {
	unsigned char *p;
	size_t len;
};

static void mem_write(png_structp png, png_bytep data, size_t n)
{
	struct membuf *m = png_get_io_ptr(png);
	m->p = realloc(m->p, m->len + n);
	memcpy(m->p + m->len, data, n);
	m->len += n;
}

static void mem_flush(png_structp png) { (void)png; }

static unsigned sample(int x, int y, int ch, int depth)
{
	unsigned v = (unsigned)(x * 37 + y * 11 + ch * 71);
	return depth == 16 ? (v * 257) & 0xFFFF : v & 0xFF;
}

static struct membuf make_png(int w, int h, int color, int depth, int interlace)
{
	struct membuf m = { NULL, 0 };
	png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
	png_infop info = png_create_info_struct(png);
	int ch = color == PNG_COLOR_TYPE_GRAY || color == PNG_COLOR_TYPE_PALETTE ? 1 :
		 color == PNG_COLOR_TYPE_GRAY_ALPHA ? 2 : color == PNG_COLOR_TYPE_RGB ? 3 : 4;
	size_t bps = depth == 16 ? 2 : 1;
	unsigned char *rows = malloc((size_t)w * (size_t)h * (size_t)ch * bps);
	png_bytep *rp = malloc(sizeof *rp * (size_t)h);

	if (setjmp(png_jmpbuf(png)))
		fail_msg("libpng failed writing the test image");
	png_set_write_fn(png, &m, mem_write, mem_flush);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, depth, color, interlace,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	if (color == PNG_COLOR_TYPE_PALETTE) {
		png_color pal[256];
		for (int i = 0; i < 256; i++)
			pal[i] = (png_color){ (png_byte)i, (png_byte)(255 - i), (png_byte)(i ^ 0x55) };
		png_set_PLTE(png, info, pal, 256);
	}
	for (int y = 0; y < h; y++) {
		rp[y] = rows + (size_t)y * (size_t)w * (size_t)ch * bps;
		for (int x = 0; x < w; x++)
			for (int c = 0; c < ch; c++) {
				unsigned v = sample(x, y, c, depth);
				unsigned char *p = rp[y] + ((size_t)x * (size_t)ch + (size_t)c) * bps;
				if (bps == 2) {
					p[0] = (unsigned char)(v >> 8);
					p[1] = (unsigned char)v;
				} else {
					p[0] = (unsigned char)v;
				}
			}
	}
	png_write_info(png, info);
	png_write_image(png, rp);
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(rows);
	free(rp);
	return m;
}

static void test_decode_other_kinds(void **state)
{
	static const struct {
		int color, depth, interlace;
	} kinds[] = {
		{ PNG_COLOR_TYPE_GRAY, 8, PNG_INTERLACE_NONE },
		{ PNG_COLOR_TYPE_GRAY_ALPHA, 8, PNG_INTERLACE_NONE },
		{ PNG_COLOR_TYPE_RGB, 16, PNG_INTERLACE_NONE },
		{ PNG_COLOR_TYPE_RGB_ALPHA, 16, PNG_INTERLACE_NONE },
		{ PNG_COLOR_TYPE_PALETTE, 8, PNG_INTERLACE_NONE },
		{ PNG_COLOR_TYPE_RGB, 8, PNG_INTERLACE_ADAM7 },
		{ PNG_COLOR_TYPE_GRAY, 16, PNG_INTERLACE_ADAM7 },
	};
	(void)state;

	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		struct membuf m = make_png(13, 11, kinds[k].color, kinds[k].depth, kinds[k].interlace);
		struct canvas d;
		char err[128];

		if (img_decode_canvas(m.p, m.len, &d, err, sizeof err) != 0)
			fail_msg("kind %zu: %s", k, err);
		for (int y = 0; y < 11; y++)
			for (int x = 0; x < 13; x++) {
				unsigned r, g, b, s0 = sample(x, y, 0, kinds[k].depth);
				if (kinds[k].depth == 16)
					s0 >>= 8;
				switch (kinds[k].color) {
				case PNG_COLOR_TYPE_GRAY:
				case PNG_COLOR_TYPE_GRAY_ALPHA:
					r = g = b = s0;
					break;
				case PNG_COLOR_TYPE_PALETTE:
					r = s0, g = 255 - s0, b = s0 ^ 0x55;
					break;
				default:
					r = s0;
					g = sample(x, y, 1, kinds[k].depth) >> (kinds[k].depth == 16 ? 8 : 0);
					b = sample(x, y, 2, kinds[k].depth) >> (kinds[k].depth == 16 ? 8 : 0);
				}
				if (canvas_get(&d, x, y) != (r << 16 | g << 8 | b))
					fail_msg("kind %zu pixel %d,%d: %06x want %06x", k, x, y,
						 (unsigned)canvas_get(&d, x, y), r << 16 | g << 8 | b);
			}
		canvas_free(&d);
		free(m.p);
	}
}

static void test_decode_refuses(void **state)
{
	struct canvas c, d;
	unsigned char *buf;
	size_t len;
	char err[128];
	(void)state;

	assert_int_equal(img_decode_canvas("", 0, &d, err, sizeof err), -1);
	assert_string_equal(err, "png: not a PNG file");
	assert_int_equal(img_decode_canvas("GIF89a....", 10, &d, err, sizeof err), -1);
	assert_int_equal(img_decode_canvas(NULL, 100, &d, err, sizeof err), -1);
	assert_null(d.px);

	assert_int_equal(canvas_init(&c, 40, 30), 0);
	fill_pattern(&c, 5);
	assert_int_equal(img_encode_canvas(&c, false, &buf, &len, err, sizeof err), 0);
	/* every truncation fails cleanly */
	for (size_t cut = 0; cut < len; cut += (cut < 64 ? 1 : 37)) {
		assert_int_equal(img_decode_canvas(buf, cut, &d, err, sizeof err), -1);
		assert_null(d.px);
		assert_memory_equal(err, "png: ", 5);
	}
	/* a flipped bit in the image data breaks its CRC */
	buf[len / 2] ^= 0x10;
	assert_int_equal(img_decode_canvas(buf, len, &d, err, sizeof err), -1);
	assert_null(d.px);
	free(buf);
	/* bigger than a canvas may be */
	struct membuf m = make_png(CANVAS_MAX_DIM + 1, 1, PNG_COLOR_TYPE_GRAY, 8, PNG_INTERLACE_NONE);
	assert_int_equal(img_decode_canvas(m.p, m.len, &d, err, sizeof err), -1);
	assert_null(d.px);
	free(m.p);
	/* an empty canvas cannot be encoded */
	struct canvas empty = { 0 };
	assert_int_equal(img_encode_canvas(&empty, false, &buf, &len, err, sizeof err), -1);
	assert_null(buf);
	canvas_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip_memory),
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_decode_other_kinds),
		cmocka_unit_test(test_decode_refuses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

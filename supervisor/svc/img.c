/* img: PNG encoding and decoding of canvases (see img.h) on top of libpng.
 * libpng reports errors by longjmp; each setjmp lives in a small function
 * whose state is all in a context struct owned by its caller, so nothing
 * the cleanup needs is a local modified after setjmp. */
#include "img.h"

#include <png.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct img_io {
	char *err;
	size_t errlen;
	/* writing: a growing buffer */
	unsigned char *buf;
	size_t len, cap;
	/* reading: the input */
	const unsigned char *in;
	size_t in_len, in_pos;
	/* either: one row of pixels */
	unsigned char *row;
	struct canvas *out;
	/* reading RGBA: the bound, the pixels and their rows */
	int max_dim;
	uint32_t *rgba;
	png_bytep *rows;
	png_uint_32 w, h;
};

static void io_fail(struct img_io *io, const char *what)
{
	if (io->err && io->errlen && !io->err[0])
		snprintf(io->err, io->errlen, "png: %s", what);
}

static void on_error(png_structp png, png_const_charp msg)
{
	io_fail(png_get_error_ptr(png), msg);
	png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

static void on_write(png_structp png, png_bytep data, size_t n)
{
	struct img_io *io = png_get_io_ptr(png);

	if (n > io->cap - io->len) {
		size_t cap = io->cap ? io->cap : 4096;
		unsigned char *p;

		while (cap - io->len < n) {
			if (cap > SIZE_MAX / 2)
				png_error(png, "output too large");
			cap *= 2;
		}
		p = realloc(io->buf, cap);
		if (!p)
			png_error(png, "out of memory");
		io->buf = p;
		io->cap = cap;
	}
	memcpy(io->buf + io->len, data, n);
	io->len += n;
}

static void on_flush(png_structp png) { (void)png; }

static void on_read(png_structp png, png_bytep data, size_t n)
{
	struct img_io *io = png_get_io_ptr(png);

	if (n > io->in_len - io->in_pos)
		png_error(png, "truncated data");
	memcpy(data, io->in + io->in_pos, n);
	io->in_pos += n;
}

static int encode_rows(png_structp png, png_infop info, const struct canvas *c, bool alpha,
		       struct img_io *io)
{
	int bpp = alpha ? 4 : 3;

	if (setjmp(png_jmpbuf(png)))
		return -1;
	png_set_write_fn(png, io, on_write, on_flush);
	png_set_IHDR(png, info, (png_uint_32)c->w, (png_uint_32)c->h, 8,
		     alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
		     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_compression_level(png, 6);
	/* Screens are flat colours and gradients: unfiltered rows compress about as
	 * well, encode faster and any reader decodes them without arithmetic. */
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_write_info(png, info);
	for (int y = 0; y < c->h; y++) {
		const uint32_t *src = c->px + (size_t)y * (size_t)c->stride;
		unsigned char *d = io->row;

		for (int x = 0; x < c->w; x++, d += bpp) {
			d[0] = (unsigned char)(src[x] >> 16);
			d[1] = (unsigned char)(src[x] >> 8);
			d[2] = (unsigned char)src[x];
			if (alpha)
				d[3] = 0xFF;
		}
		png_write_row(png, io->row);
	}
	png_write_end(png, info);
	return 0;
}

int img_encode_canvas(const struct canvas *c, bool alpha, unsigned char **out, size_t *outlen,
		      char *err, size_t errlen)
{
	struct img_io io = { .err = err, .errlen = errlen };
	png_structp png = NULL;
	png_infop info = NULL;
	int rc = -1;

	*out = NULL;
	*outlen = 0;
	if (err && errlen)
		err[0] = '\0';
	if (!c->px || c->w < 1 || c->h < 1) {
		io_fail(&io, "empty canvas");
		return -1;
	}
	io.row = malloc((size_t)c->w * 4);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &io, on_error, on_warning);
	if (png)
		info = png_create_info_struct(png);
	if (!io.row || !png || !info) {
		io_fail(&io, "out of memory");
		goto out;
	}
	if (encode_rows(png, info, c, alpha, &io) < 0)
		goto out;
	*out = io.buf;
	*outlen = io.len;
	io.buf = NULL;
	rc = 0;
out:
	png_destroy_write_struct(&png, &info);
	free(io.row);
	free(io.buf);
	return rc;
}

int img_save_canvas(const struct canvas *c, bool alpha, const char *path, char *err,
		    size_t errlen)
{
	unsigned char *buf = NULL;
	size_t len = 0;
	char tmp[4096];
	FILE *f = NULL;
	int rc = -1;

	if (img_encode_canvas(c, alpha, &buf, &len, err, errlen) < 0)
		return -1;
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp) {
		snprintf(err, errlen, "png: path too long");
		goto out;
	}
	f = fopen(tmp, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fflush(f) != 0) {
		snprintf(err, errlen, "png: %s: %s", tmp, strerror(errno));
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		snprintf(err, errlen, "png: %s: %s", tmp, strerror(errno));
		goto out;
	}
	f = NULL;
	if (rename(tmp, path) < 0) {
		snprintf(err, errlen, "png: %s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	if (f)
		fclose(f);
	if (rc < 0)
		unlink(tmp);
	free(buf);
	return rc;
}

static int decode_rows(png_structp png, png_infop info, struct img_io *io)
{
	png_uint_32 w, h;
	int depth, color, interlace, passes;

	if (setjmp(png_jmpbuf(png)))
		return -1;
	png_set_read_fn(png, io, on_read);
	png_set_user_limits(png, CANVAS_MAX_DIM, CANVAS_MAX_DIM);
	png_read_info(png, info);
	png_get_IHDR(png, info, &w, &h, &depth, &color, &interlace, NULL, NULL);
	png_set_expand(png);
	png_set_strip_16(png);
	png_set_strip_alpha(png);
	png_set_gray_to_rgb(png);
	passes = png_set_interlace_handling(png);
	png_read_update_info(png, info);
	if (png_get_rowbytes(png, info) != (size_t)w * 3)
		png_error(png, "unexpected row layout");
	if (canvas_init(io->out, (int)w, (int)h) < 0)
		png_error(png, "image too large");
	io->row = malloc((size_t)w * 3);
	if (!io->row)
		png_error(png, "out of memory");
	/* Interlaced images are read pass by pass over the canvas itself:
	 * libpng merges each pass into the row it is given. */
	for (int p = 0; p < passes; p++) {
		for (png_uint_32 y = 0; y < h; y++) {
			uint32_t *d = io->out->px + (size_t)y * (size_t)io->out->stride;
			unsigned char *s = io->row;

			for (png_uint_32 x = 0; x < w; x++, s += 3) {
				s[0] = (unsigned char)(d[x] >> 16);
				s[1] = (unsigned char)(d[x] >> 8);
				s[2] = (unsigned char)d[x];
			}
			png_read_row(png, io->row, NULL);
			s = io->row;
			for (png_uint_32 x = 0; x < w; x++, s += 3)
				d[x] = (uint32_t)s[0] << 16 | (uint32_t)s[1] << 8 | s[2];
		}
	}
	png_read_end(png, NULL);
	return 0;
}

/* Check the signature, set libpng up, run `decode`, tear down. 0 or -1. */
static int img_read(struct img_io *io, int (*decode)(png_structp, png_infop, struct img_io *))
{
	png_structp png = NULL;
	png_infop info = NULL;
	int rc = -1;

	if (io->err && io->errlen)
		io->err[0] = '\0';
	if (!io->in || io->in_len < 8 || png_sig_cmp(io->in, 0, 8) != 0) {
		io_fail(io, "not a PNG file");
		return -1;
	}
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, io, on_error, on_warning);
	if (png)
		info = png_create_info_struct(png);
	if (!png || !info)
		io_fail(io, "out of memory");
	else
		rc = decode(png, info, io);
	png_destroy_read_struct(&png, &info, NULL);
	return rc;
}

int img_decode_canvas(const void *data, size_t len, struct canvas *out, char *err,
		      size_t errlen)
{
	struct img_io io = { .err = err, .errlen = errlen, .in = data, .in_len = len, .out = out };
	int rc;

	memset(out, 0, sizeof *out);
	rc = img_read(&io, decode_rows);
	free(io.row);
	if (rc < 0)
		canvas_free(out);
	return rc;
}

/* RGBA rows into io->rgba, then each pixel as 0xRRGGBBAA. */
static int decode_rgba(png_structp png, png_infop info, struct img_io *io)
{
	int depth, color, interlace;

	if (setjmp(png_jmpbuf(png)))
		return -1;
	png_set_read_fn(png, io, on_read);
	png_set_user_limits(png, (png_uint_32)io->max_dim, (png_uint_32)io->max_dim);
	png_read_info(png, info);
	png_get_IHDR(png, info, &io->w, &io->h, &depth, &color, &interlace, NULL, NULL);
	png_set_expand(png);
	png_set_strip_16(png);
	png_set_gray_to_rgb(png);
	png_set_add_alpha(png, 0xff, PNG_FILLER_AFTER);
	png_set_interlace_handling(png);
	png_read_update_info(png, info);
	if (png_get_rowbytes(png, info) != (size_t)io->w * 4)
		png_error(png, "unexpected row layout");
	io->rgba = malloc((size_t)io->w * io->h * 4);
	io->rows = malloc((size_t)io->h * sizeof *io->rows);
	if (!io->rgba || !io->rows)
		png_error(png, "out of memory");
	for (png_uint_32 y = 0; y < io->h; y++)
		io->rows[y] = (png_bytep)(io->rgba + (size_t)y * io->w);
	png_read_image(png, io->rows);
	png_read_end(png, NULL);
	for (size_t i = 0; i < (size_t)io->w * io->h; i++) {
		const unsigned char *b = (const unsigned char *)&io->rgba[i];
		io->rgba[i] = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	}
	return 0;
}

int img_decode_rgba(const void *data, size_t len, int max_dim, uint32_t **px, int *w, int *h,
		    char *err, size_t errlen)
{
	struct img_io io = { .err = err, .errlen = errlen, .in = data, .in_len = len,
			     .max_dim = max_dim };
	int rc = img_read(&io, decode_rgba);

	*px = NULL;
	if (rc == 0) {
		*px = io.rgba;
		*w = (int)io.w;
		*h = (int)io.h;
		io.rgba = NULL;
	}
	free(io.rgba);
	free(io.rows);
	return rc;
}

int img_read_file(const char *path, size_t max, unsigned char **buf, size_t *len, char *err,
		  size_t errlen)
{
	FILE *f = fopen(path, "rb");
	long size;
	int rc = -1;

	*buf = NULL;
	if (!f) {
		snprintf(err, errlen, "png: %s: %s", path, strerror(errno));
		return -1;
	}
	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		snprintf(err, errlen, "png: %s: cannot seek", path);
		goto out;
	}
	if ((unsigned long)size > max) {
		snprintf(err, errlen, "png: %s: larger than %zu bytes", path, max);
		goto out;
	}
	if (!(*buf = malloc((size_t)size + 1))) {
		snprintf(err, errlen, "png: out of memory");
		goto out;
	}
	if (fread(*buf, 1, (size_t)size, f) != (size_t)size) {
		snprintf(err, errlen, "png: %s: short read", path);
		goto out;
	}
	*len = (size_t)size;
	rc = 0;
out:
	if (rc < 0) {
		free(*buf);
		*buf = NULL;
	}
	fclose(f);
	return rc;
}

int img_load_canvas(const char *path, struct canvas *out, char *err, size_t errlen)
{
	unsigned char *buf;
	size_t len;
	int rc;

	memset(out, 0, sizeof *out);
	if (img_read_file(path, IMG_FILE_MAX, &buf, &len, err, errlen) < 0)
		return -1;
	rc = img_decode_canvas(buf, len, out, err, errlen);
	free(buf);
	return rc;
}

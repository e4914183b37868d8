/* out: the app's stdout, the channel to the supervisor. Output is buffered
 * and written in batches: one host call per batch of lines, not per line.
 * The buffer is flushed when full, before waiting for events, and at exit. */
#include "sdk.h"

#include <string.h>

#define OUT_CAP 8192

static uint8_t out_buf[OUT_CAP];
SDK_LOW static size_t out_len;
SDK_LOW static bool out_dead;
/* Taken on the first flush. A handle is never 0 (the canonical ABI keeps
 * index 0 of every handle table empty), so 0 means not taken yet. */
SDK_LOW static wasi_cli_stdout_own_output_stream_t out_stream;

void sdk_stream_error_drop(wasi_io_streams_stream_error_t *err)
{
	if (err->tag == WASI_IO_STREAMS_STREAM_ERROR_LAST_OPERATION_FAILED)
		wasi_io_error_error_drop_own(err->val.last_operation_failed);
}

/* The layout the host writes on wasm32 (a native build, such as a fuzz
 * target's, has its own host that writes the struct's fields). */
#ifdef __wasm32__
_Static_assert(sizeof(struct sdk_io_ret) == 12 && offsetof(struct sdk_io_ret, u.ok.len) == 8 &&
		       offsetof(struct sdk_io_ret, u.err.error) == 8,
	       "struct sdk_io_ret is the canonical ABI's return area (wasm32)");
#endif

SDK_LOW struct sdk_io_ret sdk_io_r;

void sdk_io_ret_drop(const struct sdk_io_ret *r)
{
	if (r->u.err.tag == WASI_IO_STREAMS_STREAM_ERROR_LAST_OPERATION_FAILED)
		wasi_io_error_error_drop_own((wasi_io_error_own_error_t){r->u.err.error});
}

int sdk_stream_write(wasi_io_streams_borrow_output_stream_t s, const uint8_t *buf, size_t len)
{
	while (len > 0) {
		size_t n = len > 4096 ? 4096 : len;
		__wasm_import_wasi_io_streams_method_output_stream_blocking_write_and_flush(s.__handle, (uint8_t *)buf, n,
											   (uint8_t *)&sdk_io_r);
		if (sdk_io_r.is_err) {
			sdk_io_ret_drop(&sdk_io_r);
			return -1;
		}
		buf += n;
		len -= n;
	}
	return 0;
}

/* Once a write fails, stdout stays closed: what is buffered is dropped. */
int vy_flush(void)
{
	size_t n = out_len;

	out_len = 0;
	if (n && !out_dead) {
		if (!out_stream.__handle)
			out_stream = wasi_cli_stdout_get_stdout();
		out_dead = sdk_stream_write(wasi_io_streams_borrow_output_stream(out_stream), out_buf, n) != 0;
	}
	return out_dead ? -1 : 0;
}

/* In pieces of at most the buffer, each where sdk_out_room makes room. */
int vy_write(const void *buf, size_t len)
{
	const uint8_t *p = buf;
	while (len > 0) {
		size_t n = len < OUT_CAP ? len : OUT_CAP;
		memcpy(sdk_out_room(NULL, n), p, n);
		out_len += n;
		p += n;
		len -= n;
	}
	return out_dead ? -1 : 0;
}

char *sdk_out_room(char *p, size_t n)
{
	if (p)
		out_len = (size_t)((uint8_t *)p - out_buf);
	if (OUT_CAP - out_len < n)
		vy_flush(); /* written, or dropped once stdout is closed */
	return (char *)out_buf + out_len;
}

int sdk_out_done(char *p)
{
	out_len = (size_t)((uint8_t *)p - out_buf);
	return out_dead ? -1 : 0;
}

int vy_print(const char *s) { return vy_write(s, strlen(s)); }

int vy_line(const char *s)
{
	if (vy_print(s) != 0)
		return -1;
	return vy_write("\n", 1);
}

/* Formatted straight into the output buffer; a text that does not fit in
 * what is left is formatted again into the whole buffer once it is
 * flushed, and cut at OUT_CAP - 1 bytes (a line that long is a draw
 * command's worth: apps write bulk data with vy_write). */
int vy_vprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	size_t room = OUT_CAP - out_len;
	int n;

	va_copy(ap2, ap);
	n = vy_vsnprintf((char *)out_buf + out_len, room, fmt, ap);
	if ((size_t)n >= room) {
		vy_flush(); /* written, or dropped once stdout is closed */
		n = vy_vsnprintf((char *)out_buf, OUT_CAP, fmt, ap2);
		if (n >= OUT_CAP)
			n = OUT_CAP - 1;
	}
	va_end(ap2);
	out_len += (size_t)n;
	return out_dead ? -1 : 0;
}

int vy_printf(const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = vy_vprintf(fmt, ap);
	va_end(ap);
	return rc;
}

/* tcmd.h: the few lines the test commands of tests/apps/t-* share: argv
 * (wasi:cli/environment), stdin and stdout as raw byte streams, stderr.
 * Written against the WASI bindings directly, so they test the command
 * runtime of the supervisor and the runner (docs/commands.md) whatever the
 * SDK's own command helpers become. Not the real commands (apps/<cmd>). */
#include <vyoma.h>

#include <string.h>

#include "app.h"

static app_list_string_t tc_args;
static wasi_cli_stdin_own_input_stream_t tc_in;
static wasi_cli_stdout_own_output_stream_t tc_out;
static wasi_cli_stderr_own_output_stream_t tc_err;

__attribute__((unused)) static void tc_init(void)
{
	wasi_cli_environment_get_arguments(&tc_args);
	tc_in = wasi_cli_stdin_get_stdin();
	tc_out = wasi_cli_stdout_get_stdout();
	tc_err = wasi_cli_stderr_get_stderr();
}

__attribute__((unused)) static size_t tc_argc(void)
{
	return tc_args.len;
}

/* Argument i, NUL-terminated (cut at cap). */
__attribute__((unused)) static const char *tc_arg(size_t i, char *buf, size_t cap)
{
	size_t n = i < tc_args.len ? tc_args.ptr[i].len : 0;
	if (n >= cap)
		n = cap - 1;
	if (n)
		memcpy(buf, tc_args.ptr[i].ptr, n);
	buf[n] = '\0';
	return buf;
}

__attribute__((unused)) static void tc_drop(wasi_io_streams_stream_error_t *err)
{
	if (err->tag == WASI_IO_STREAMS_STREAM_ERROR_LAST_OPERATION_FAILED)
		wasi_io_error_error_drop_own(err->val.last_operation_failed);
}

/* Bytes read into buf (blocking), 0 at the end of stdin. */
__attribute__((unused)) static size_t tc_read(void *buf, size_t cap)
{
	app_list_u8_t got;
	wasi_io_streams_stream_error_t err;
	size_t n;

	if (!wasi_io_streams_method_input_stream_blocking_read(
		    wasi_io_streams_borrow_input_stream(tc_in), cap, &got, &err)) {
		tc_drop(&err);
		return 0;
	}
	n = got.len < cap ? got.len : cap;
	memcpy(buf, got.ptr, n);
	app_list_u8_free(&got);
	return n;
}

__attribute__((unused)) static int tc_put(wasi_io_streams_borrow_output_stream_t s, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	while (len) {
		size_t n = len > 4096 ? 4096 : len;
		app_list_u8_t chunk = { (uint8_t *)p, n };
		wasi_io_streams_stream_error_t err;
		if (!wasi_io_streams_method_output_stream_blocking_write_and_flush(s, &chunk, &err)) {
			tc_drop(&err);
			return -1;
		}
		p += n;
		len -= n;
	}
	return 0;
}

/* 0, or -1 when the reader is gone. */
__attribute__((unused)) static int tc_write(const void *buf, size_t len)
{
	return tc_put(wasi_io_streams_borrow_output_stream(tc_out), buf, len);
}

__attribute__((unused)) static void tc_error(const char *a, const char *b)
{
	wasi_io_streams_borrow_output_stream_t s = wasi_io_streams_borrow_output_stream(tc_err);
	tc_put(s, a, strlen(a));
	tc_put(s, b, strlen(b));
	tc_put(s, "\n", 1);
}

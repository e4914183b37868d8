/* log: a line on stderr, which the supervisor keeps in the app's log ring
 * without parsing it as protocol. Unbuffered: a log line should survive a
 * crash that follows it. */
#include "sdk.h"

int vy_log(const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int n;
	wasi_cli_stderr_own_output_stream_t s;

	va_start(ap, fmt);
	n = vy_vsnprintf(line, sizeof line - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof line - 2)
		n = (int)sizeof line - 2;
	line[n++] = '\n';
	s = wasi_cli_stderr_get_stderr();
	n = sdk_stream_write(wasi_io_streams_borrow_output_stream(s), (const uint8_t *)line, (size_t)n);
	wasi_io_streams_output_stream_drop_own(s);
	return n;
}

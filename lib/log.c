/* log: formats supervisor and runner events as single lines
 * "[   12.345] level who: message" on a file descriptor (the console), or
 * through a writer (the supervisor's non-blocking console writer), and
 * hands each line to an optional sink (the supervisor's log ring). The time
 * is CLOCK_BOOTTIME, so in the VM it reads as seconds since kernel start.
 * A message may quote what an app sent (a refused line, a name), so it is
 * made safe for a terminal here, for every line (lib/esc.c): line breaks
 * and tabs become spaces (one event, one line), other control bytes \xNN. */
#include "log.h"

#include "esc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *log_prog = "vyoma";
static int log_fd = 2;
static enum log_level log_min = LOG_INFO;
static log_sink_fn log_sink;
static void *log_sink_ctx;
static log_writer_fn log_writer;

static const char *const log_names[] = {
	[LOG_DEBUG] = "debug", [LOG_INFO] = "info", [LOG_WARN] = "warn", [LOG_ERR] = "error",
};

void log_init(const char *prog, int fd)
{
	log_prog = prog;
	log_fd = fd;
}

void log_set_level(enum log_level min) { log_min = min; }

void log_set_sink(log_sink_fn fn, void *ctx)
{
	log_sink = fn;
	log_sink_ctx = ctx;
}

void log_set_writer(log_writer_fn fn) { log_writer = fn; }

void log_vmsg(enum log_level lvl, const char *who, const char *fmt, va_list ap)
{
	char msg[1024], line[1024];
	struct timespec ts;
	int n, m;

	if (lvl < log_min)
		return;
	clock_gettime(CLOCK_BOOTTIME, &ts);
	n = snprintf(line, sizeof line, "[%5lld.%03ld] %-5s %s: ", (long long)ts.tv_sec,
		     ts.tv_nsec / 1000000, log_names[lvl], who ? who : log_prog);
	if (n < 0 || (size_t)n >= sizeof line)
		return;
	m = vsnprintf(msg, sizeof msg, fmt, ap);
	if (m < 0)
		return;
	m = (int)strnlen(msg, sizeof msg - 1);
	/* Never let a message forge a second log line. */
	for (int i = 0; i < m; i++)
		if (msg[i] == '\n' || msg[i] == '\r' || msg[i] == '\t')
			msg[i] = ' ';
	n += (int)esc_text(line + n, sizeof line - 1 - (size_t)n, msg, (size_t)m);
	if (log_sink)
		log_sink(line, log_sink_ctx);
	if (log_writer) {
		log_writer(line, (size_t)n);
	} else if (log_fd >= 0) {
		line[n] = '\n';
		ssize_t w = write(log_fd, line, (size_t)n + 1);
		(void)w;
	}
}

void log_msg(enum log_level lvl, const char *who, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_vmsg(lvl, who, fmt, ap);
	va_end(ap);
}

_Noreturn void log_fatal(const char *who, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_vmsg(LOG_ERR, who, fmt, ap);
	va_end(ap);
	exit(1);
}

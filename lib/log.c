/* log: formats supervisor and runner events as single lines
 * "[   12.345] level who: message" on a file descriptor (the console) and
 * hands each line to an optional sink (the supervisor's log ring). The time
 * is CLOCK_BOOTTIME, so in the VM it reads as seconds since kernel start. */
#include "log.h"

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

void log_vmsg(enum log_level lvl, const char *who, const char *fmt, va_list ap)
{
	char line[1024];
	struct timespec ts;
	int n, m;

	if (lvl < log_min)
		return;
	clock_gettime(CLOCK_BOOTTIME, &ts);
	n = snprintf(line, sizeof line, "[%5lld.%03ld] %-5s %s: ", (long long)ts.tv_sec,
		     ts.tv_nsec / 1000000, log_names[lvl], who ? who : log_prog);
	if (n < 0)
		return;
	m = vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	if (m < 0)
		return;
	n = (int)strnlen(line, sizeof line - 1);
	/* Never let a message forge a second log line. */
	for (int i = 0; i < n; i++)
		if (line[i] == '\n' || line[i] == '\r')
			line[i] = ' ';
	if (log_sink)
		log_sink(line, log_sink_ctx);
	if (log_fd >= 0) {
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

void log_plain(const char *line, size_t len)
{
	char buf[1024];
	ssize_t w;

	if (log_fd < 0)
		return;
	if (len > sizeof buf - 1)
		len = sizeof buf - 1;
	memcpy(buf, line, len);
	buf[len] = '\n';
	w = write(log_fd, buf, len + 1);
	(void)w;
}

_Noreturn void log_fatal(const char *who, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_vmsg(LOG_ERR, who, fmt, ap);
	va_end(ap);
	exit(1);
}

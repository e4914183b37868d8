/* log: one line per event, with time, level and the app it concerns. */
#ifndef VYOMA_LOG_H
#define VYOMA_LOG_H

#include <stdarg.h>
#include <stddef.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERR };

/* A sink receives every formatted line (without the newline). */
typedef void (*log_sink_fn)(const char *line, void *ctx);
/* A writer puts a formatted line (without the newline) on the console in
 * place of the plain write() to the log fd (the supervisor's console
 * writer, supervisor/core/cons.c). */
typedef void (*log_writer_fn)(const char *line, size_t len);

void log_init(const char *prog, int fd);
void log_set_level(enum log_level min);
void log_set_sink(log_sink_fn fn, void *ctx);
/* NULL: back to write() on the log fd. */
void log_set_writer(log_writer_fn fn);
void log_msg(enum log_level lvl, const char *who, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void log_vmsg(enum log_level lvl, const char *who, const char *fmt, va_list ap);
_Noreturn void log_fatal(const char *who, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#define log_debug(who, ...) log_msg(LOG_DEBUG, (who), __VA_ARGS__)
#define log_info(who, ...)  log_msg(LOG_INFO, (who), __VA_ARGS__)
#define log_warn(who, ...)  log_msg(LOG_WARN, (who), __VA_ARGS__)
#define log_err(who, ...)   log_msg(LOG_ERR, (who), __VA_ARGS__)

#endif

/* msg: the @-lines of the protocol (docs/protocol.md). */
#include "sdk.h"

static int prefixed(const char *prefix, const char *fmt, va_list ap)
{
	if (vy_print(prefix) != 0 || vy_vprintf(fmt, ap) != 0)
		return -1;
	return vy_write("\n", 1);
}

int vy_send(const char *app, const char *fmt, ...)
{
	va_list ap;
	int rc;
	if (vy_printf("@%s: ", app) != 0)
		return -1;
	va_start(ap, fmt);
	rc = prefixed("", fmt, ap);
	va_end(ap);
	return rc;
}

int vy_broadcast(const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = prefixed("@broadcast: ", fmt, ap);
	va_end(ap);
	return rc;
}

int vy_reply(const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = prefixed("@reply: ", fmt, ap);
	va_end(ap);
	return rc;
}

int vy_command(const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = prefixed("@supervisor: ", fmt, ap);
	va_end(ap);
	return rc;
}

int vy_ready(void)
{
	if (vy_line("VYOMA_READY") != 0)
		return -1;
	return vy_flush();
}

/* Set by vy_wait (sdk/event.c) for each message event. */
char sdk_last_sender[32];

int vy_answer(const char *fmt, ...)
{
	va_list ap;
	int rc;
	if (!sdk_last_sender[0])
		return -1;
	if (vy_printf("@%s: ", sdk_last_sender) != 0)
		return -1;
	va_start(ap, fmt);
	rc = prefixed("", fmt, ap);
	va_end(ap);
	return rc;
}

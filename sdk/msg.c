/* msg: the @-lines of the protocol (docs/protocol.md). */
#include "sdk.h"

/* "@to: " then the formatted text and a newline: every @-line. A closed
 * stdout stays closed, so the last write's result says whether the prefix
 * went out too. */
__attribute__((format(printf, 2, 0))) static int at_line(const char *to, const char *fmt, va_list ap)
{
	vy_print("@");
	vy_print(to);
	vy_print(": ");
	if (vy_vprintf(fmt, ap) != 0)
		return -1;
	return vy_write("\n", 1);
}

int vy_msg_send(const char *app, const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = at_line(app, fmt, ap);
	va_end(ap);
	return rc;
}

int vy_msg_broadcast(const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = at_line("broadcast", fmt, ap);
	va_end(ap);
	return rc;
}

int vy_msg_reply_latest(const char *fmt, ...)
{
	va_list ap;
	int rc;
	va_start(ap, fmt);
	rc = at_line("reply", fmt, ap);
	va_end(ap);
	return rc;
}

/* The prefix is one string, written only here: the build reads it as the
 * `shell` mark (scripts/app-marks.py). */
int vy_sys_command(const char *fmt, ...)
{
	va_list ap;
	int rc;
	vy_print("@supervisor: ");
	va_start(ap, fmt);
	rc = vy_vprintf(fmt, ap);
	va_end(ap);
	return rc ? -1 : vy_write("\n", 1);
}

int vy_sys_ready(void)
{
	if (vy_write("VYOMA_READY\n", 12) != 0)
		return -1;
	return vy_flush();
}

/* Set by vy_ev_wait (sdk/event.c) for each message event. */
SDK_LOW char sdk_last_sender[32];

int vy_msg_answer(const char *fmt, ...)
{
	va_list ap;
	int rc;
	if (!sdk_last_sender[0])
		return -1;
	va_start(ap, fmt);
	rc = at_line(sdk_last_sender, fmt, ap);
	va_end(ap);
	return rc;
}

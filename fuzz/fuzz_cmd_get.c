/* fuzz_cmd_get: libFuzzer target for get (apps/get/main.c) and the SDK's
 * HTTP client under it (sdk/cmdnet.c: the URL's parts, the answer's head,
 * its status, redirects), whose input is what any server sends. The
 * network is stood in for at sdk/net.c's edge: every connection succeeds
 * and reads the bytes after the arguments (fuzz/cmdhost.h's stdin), in
 * pieces of 1 to 700 bytes, as one stream across redirects; a write checks
 * the request is one well-formed HTTP/1.0 head (a request line of three
 * parts, no control byte but each line's CR LF). Invariants beyond no
 * sanitizer report: the status is 0, 1 or 2 (bad usage); a failure says
 * why on stderr; at most 6 connections (the redirect limit); what is
 * written on stdout is a part of the server's bytes (the body), never
 * anything else. */
#include "cmdhost.h"

CMDHOST_APP_BEGIN
#define main app_main
#include "../apps/get/main.c"
#undef main
#include "../sdk/cmd.c"
#include "../sdk/cmdbase.c"
#include "../sdk/cmdin.c"
#include "../sdk/cmdnet.c"
#include "../sdk/err.c"
#include "../sdk/fmt.c"
#include "../sdk/fmts.c"
#include "../sdk/out.c"
#include "../sdk/str.c"
static int conns;
static enum vy_err net_e;
CMDHOST_APP_END

int sdk_net_resolve4(const char *host, wasi_sockets_network_ipv4_address_t *ip, int64_t timeout_ms)
{
	(void)timeout_ms;
	CHECK(*host && strlen(host) < 256);
	*ip = (wasi_sockets_network_ipv4_address_t){10, 0, 2, 2};
	return 0;
}

int sdk_net_connect4(const wasi_sockets_network_ipv4_address_t *ip, uint16_t port, struct vy_tcp *c, int64_t timeout_ms)
{
	(void)ip, (void)timeout_ms;
	CHECK(port > 0 && ++conns <= 6);
	c->open = true;
	return 0;
}

int vy_net_write(vy_tcp_t *c, const void *buf, size_t len)
{
	const char *s = buf;
	CHECK(c->open && len >= 4 && !memcmp(s + len - 4, "\r\n\r\n", 4));
	CHECK(memmem(s, len, " HTTP/1.0\r\nHost: ", 17) && !memchr(s, '\0', len));
	CHECK(memmem(s, len, "\r\n\r\n", 4) == s + len - 4); /* one head: nothing of the URL's made another */
	/* and no other line in it: no control byte but each line's CR LF, and
	 * the request line is METHOD SP TARGET SP VERSION */
	int spaces = 0;
	for (size_t i = 0; i < len - 4; i++) {
		unsigned char b = (unsigned char)s[i];
		if (b == '\r' && s[i + 1] == '\n')
			i++;
		else
			CHECK(b >= ' ' && b != 0x7f);
		if (b == ' ' && !memmem(s, i, "\r\n", 2))
			spaces++;
	}
	CHECK(spaces == 2);
	return 0;
}

long vy_net_read(vy_tcp_t *c, void *buf, size_t cap, int64_t timeout_ms)
{
	(void)timeout_ms;
	CHECK(c->open && cap > 0);
	size_t n = cmdhost_in_n - cmdhost_in_pos, k = 1 + (cmdhost_in_pos * 7919) % 700;
	n = n < k ? n : k;
	n = n < cap ? n : cap;
	memcpy(buf, cmdhost_in + cmdhost_in_pos, n);
	cmdhost_in_pos += n;
	return (long)n;
}

void vy_net_close(vy_tcp_t *c) { c->open = false; }
enum vy_err vy_net_err(void) { return net_e; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cmdhost_run(data, size, "get", app_main);
	CHECK(cmdhost.status <= 2);
	CHECK(cmdhost.status == 0 || cmdhost.err_n > 0);
	if (cmdhost.out_n && cmdhost.out_n < CMDHOST_OUT && !strstr(cmdhost.out, "usage: "))
		CHECK(memmem(cmdhost_in, cmdhost_in_n, cmdhost.out, cmdhost.out_n) ||
		      cmdhost.out_n > 700); /* one piece, or more: checked whole when small */
	return 0;
}

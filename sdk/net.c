/* net: TCP over wasi:sockets, for apps with the `network` capability.
 * WASI's two-phase calls (start-bind/finish-bind, start-connect/...) and
 * would-block results are folded into plain blocking calls with timeouts,
 * each waiting on the socket's or stream's pollable. A socket can also be
 * watched: its pollable joins the one vy_ev_wait polls (sdk/event.c), so an
 * app serves connections and answers messages and keys in one loop. */
#include "sdk.h"

#include <string.h>

typedef wasi_sockets_tcp_own_tcp_socket_t tcp_own_t;

static enum vy_err net_err;
/* VY_E_TIMEOUT as an error code past wasi:sockets' own (for sdk_net_fail) */
#define NET_TIMEOUT (VY_E_TIMEOUT - VY_E_NET_UNKNOWN)

/* WASI's error-code names in enum order (vy_err_str, sdk/err.c). */
const char sdk_net_errnames[] =
	"unknown\0access-denied\0not-supported\0invalid-argument\0out-of-memory\0timeout\0"
	"concurrency-conflict\0not-in-progress\0would-block\0invalid-state\0new-socket-limit\0"
	"address-not-bindable\0address-in-use\0remote-unreachable\0connection-refused\0"
	"connection-reset\0connection-aborted\0datagram-too-large\0name-unresolvable\0"
	"temporary-resolver-failure\0permanent-resolver-failure\0"
	"timeout\0bad address\0no IPv4 address\0not open\0stream failed\0too many watched sockets\0";
/* Taken on first use: 0 is never a handle (see sdk/out.c). */
static wasi_sockets_instance_network_own_network_t net_net;

enum vy_err vy_net_err(void) { return net_err; }

int sdk_net_set_error(enum vy_err e)
{
	net_err = e;
	return -1;
}

int sdk_net_fail(uint8_t code)
{
	net_err = (enum vy_err)(VY_E_NET_UNKNOWN + code);
	return -1;
}

wasi_sockets_network_borrow_network_t sdk_net_network(void)
{
	if (!net_net.__handle)
		net_net = wasi_sockets_instance_network_instance_network();
	return wasi_sockets_network_borrow_network(net_net);
}

/* Block on one pollable (and drop it) for at most timeout_ms (-1: forever). true if ready. */
bool sdk_net_block(wasi_io_poll_own_pollable_t p, int64_t timeout_ms)
{
	wasi_io_poll_borrow_pollable_t list[2];
	wasi_io_poll_list_borrow_pollable_t in = {list, 1};
	wasi_io_poll_own_pollable_t timer = {0};
	app_list_u32_t ready;
	bool ok = false;

	list[0] = wasi_io_poll_borrow_pollable(p);
	if (timeout_ms >= 0) {
		timer = wasi_clocks_monotonic_clock_subscribe_duration((uint64_t)timeout_ms * 1000000u);
		list[1] = wasi_io_poll_borrow_pollable(timer);
		in.len = 2;
	}
	wasi_io_poll_poll(&in, &ready);
	for (size_t i = 0; i < ready.len; i++)
		ok |= ready.ptr[i] == 0;
	app_list_u32_free(&ready);
	if (timeout_ms >= 0)
		wasi_io_poll_pollable_drop_own(timer);
	wasi_io_poll_pollable_drop_own(p);
	return ok;
}

static bool net_wait_sock(tcp_own_t s, int64_t timeout_ms)
{
	return sdk_net_block(wasi_sockets_tcp_method_tcp_socket_subscribe(wasi_sockets_tcp_borrow_tcp_socket(s)),
			 timeout_ms);
}

int sdk_net_quad(const char *s, wasi_sockets_network_ipv4_address_t *a)
{
	uint8_t q[4];
	int rc = 0;
	for (int i = 0; i < 4; i++) {
		unsigned v = 0, d = 0;
		for (; *s >= '0' && *s <= '9'; s++, d++)
			v = v * 10 + (unsigned)(*s - '0');
		/* 1-3 digits, then '.', or the end after the fourth */
		if (d - 1 > 2 || *s++ != "..."[i])
			return -1;
		rc |= v > 255;
		q[i] = (uint8_t)v;
	}
	_Static_assert(sizeof *a == 4, "an IPv4 address is four bytes");
	memcpy(a, q, 4);
	return rc;
}

/* A fresh IPv4 TCP socket and the address to bind or connect to: what
 * listen and connect share. */
static int net_socket(const wasi_sockets_network_ipv4_address_t *ip, uint16_t port,
		      wasi_sockets_network_ip_socket_address_t *addr, tcp_own_t *s)
{
	wasi_sockets_network_error_code_t err;

	addr->tag = WASI_SOCKETS_NETWORK_IP_SOCKET_ADDRESS_IPV4;
	addr->val.ipv4.port = port;
	addr->val.ipv4.address = *ip;
	if (!wasi_sockets_tcp_create_socket_create_tcp_socket(WASI_SOCKETS_NETWORK_IP_ADDRESS_FAMILY_IPV4, s, &err))
		return sdk_net_fail(err);
	return 0;
}

/* ip as a dotted quad, or -1 with VY_E_BAD_ADDRESS. */
static int net_quad(const char *ip, wasi_sockets_network_ipv4_address_t *a)
{
	return sdk_net_quad(ip, a) != 0 ? sdk_net_set_error(VY_E_BAD_ADDRESS) : 0;
}

int vy_net_listen(const char *ip, uint16_t port, vy_tcp_t *l)
{
	wasi_sockets_network_ip_socket_address_t addr;
	wasi_sockets_network_ipv4_address_t a;
	wasi_sockets_network_error_code_t err;
	tcp_own_t s;
	wasi_sockets_tcp_borrow_tcp_socket_t b;

	memset(l, 0, sizeof *l);
	memset(&a, 0, sizeof a);
	/* NULL: every interface, with no parser linked for "0.0.0.0" */
	if ((ip && net_quad(ip, &a) != 0) || net_socket(&a, port, &addr, &s) != 0)
		return -1;
	b = wasi_sockets_tcp_borrow_tcp_socket(s);
	if (!wasi_sockets_tcp_method_tcp_socket_start_bind(b, sdk_net_network(), &addr, &err))
		goto fail;
	while (!wasi_sockets_tcp_method_tcp_socket_finish_bind(b, &err))
		if (err != WASI_SOCKETS_NETWORK_ERROR_CODE_WOULD_BLOCK || !net_wait_sock(s, 5000))
			goto fail;
	if (!wasi_sockets_tcp_method_tcp_socket_start_listen(b, &err))
		goto fail;
	while (!wasi_sockets_tcp_method_tcp_socket_finish_listen(b, &err))
		if (err != WASI_SOCKETS_NETWORK_ERROR_CODE_WOULD_BLOCK || !net_wait_sock(s, 5000))
			goto fail;
	l->sock = s.__handle;
	l->open = true;
	return 0;
fail:
	wasi_sockets_tcp_tcp_socket_drop_own(s);
	return sdk_net_fail(err);
}

int vy_net_accept(vy_tcp_t *l, vy_tcp_t *c, int64_t timeout_ms)
{
	tcp_own_t s = {l->sock};
	wasi_sockets_tcp_tuple3_own_tcp_socket_own_input_stream_own_output_stream_t r;
	wasi_sockets_network_error_code_t err;

	memset(c, 0, sizeof *c);
	while (!wasi_sockets_tcp_method_tcp_socket_accept(wasi_sockets_tcp_borrow_tcp_socket(s), &r, &err)) {
		if (err != WASI_SOCKETS_NETWORK_ERROR_CODE_WOULD_BLOCK)
			return sdk_net_fail(err);
		if (!net_wait_sock(s, timeout_ms))
			return sdk_net_set_error(VY_E_TIMEOUT);
	}
	c->sock = r.f0.__handle;
	c->in = r.f1.__handle;
	c->out = r.f2.__handle;
	c->open = c->streams = true;
	return 0;
}

int vy_net_connect(const char *ip, uint16_t port, vy_tcp_t *c, int64_t timeout_ms)
{
	wasi_sockets_network_ipv4_address_t a;

	memset(c, 0, sizeof *c);
	return net_quad(ip, &a) != 0 ? -1 : sdk_net_connect4(&a, port, c, timeout_ms);
}

int sdk_net_connect4(const wasi_sockets_network_ipv4_address_t *ip, uint16_t port, vy_tcp_t *c,
		     int64_t timeout_ms)
{
	wasi_sockets_network_ip_socket_address_t addr;
	wasi_sockets_tcp_tuple2_own_input_stream_own_output_stream_t r;
	wasi_sockets_network_error_code_t err;
	tcp_own_t s;
	wasi_sockets_tcp_borrow_tcp_socket_t b;

	memset(c, 0, sizeof *c);
	if (net_socket(ip, port, &addr, &s) != 0)
		return -1;
	b = wasi_sockets_tcp_borrow_tcp_socket(s);
	if (!wasi_sockets_tcp_method_tcp_socket_start_connect(b, sdk_net_network(), &addr, &err))
		goto fail;
	while (!wasi_sockets_tcp_method_tcp_socket_finish_connect(b, &r, &err)) {
		if (err != WASI_SOCKETS_NETWORK_ERROR_CODE_WOULD_BLOCK)
			goto fail;
		if (!net_wait_sock(s, timeout_ms)) {
			err = NET_TIMEOUT;
			goto fail;
		}
	}
	c->sock = s.__handle;
	c->in = r.f0.__handle;
	c->out = r.f1.__handle;
	c->open = c->streams = true;
	return 0;
fail:
	wasi_sockets_tcp_tcp_socket_drop_own(s);
	return sdk_net_fail(err);
}

long vy_net_read(vy_tcp_t *c, void *buf, size_t cap, int64_t timeout_ms)
{
	wasi_io_streams_own_input_stream_t in = {c->in};
	wasi_io_streams_stream_error_t err;
	app_list_u8_t got;

	for (;;) {
		if (!wasi_io_streams_method_input_stream_read(wasi_io_streams_borrow_input_stream(in), cap, &got, &err)) {
			bool closed = err.tag == WASI_IO_STREAMS_STREAM_ERROR_CLOSED;
			sdk_stream_error_drop(&err);
			if (closed)
				return 0;
			net_err = VY_E_STREAM;
			return -1;
		}
		if (got.len > 0)
			break;
		app_list_u8_free(&got);
		if (!sdk_net_block(wasi_io_streams_method_input_stream_subscribe(wasi_io_streams_borrow_input_stream(in)),
			       timeout_ms))
			return sdk_net_set_error(VY_E_TIMEOUT);
	}
	memcpy(buf, got.ptr, got.len);
	app_list_u8_free(&got);
	return (long)got.len;
}

int vy_net_write(vy_tcp_t *c, const void *buf, size_t len)
{
	wasi_io_streams_own_output_stream_t out = {c->out};
	if (sdk_stream_write(wasi_io_streams_borrow_output_stream(out), buf, len) != 0) {
		net_err = VY_E_STREAM;
		return -1;
	}
	return 0;
}

/* local-address straight through its import (declared as app.c declares
 * it): the port is at the same place for both address families, so the
 * address is not decoded. Its return area: [0] 1 if an error, [4] the
 * error-code or the family, [8] the port. */
__attribute__((__import_module__("wasi:sockets/tcp@0.2.12"), __import_name__("[method]tcp-socket.local-address")))
extern void __wasm_import_wasi_sockets_tcp_method_tcp_socket_local_address(int32_t, uint8_t *);

int vy_net_local_port(vy_tcp_t *t)
{
	static uint8_t ret[36] __attribute__((aligned(4)));

	__wasm_import_wasi_sockets_tcp_method_tcp_socket_local_address(t->sock, ret);
	if (ret[0])
		return sdk_net_fail(ret[4]);
	return *(uint16_t *)(ret + 8);
}

int vy_net_watch(vy_tcp_t *t)
{
	wasi_io_poll_own_pollable_t p;

	if (t->watched)
		return 0;
	if (t->streams)
		p = wasi_io_streams_method_input_stream_subscribe(
			wasi_io_streams_borrow_input_stream((wasi_io_streams_own_input_stream_t){t->in}));
	else if (t->open)
		p = wasi_sockets_tcp_method_tcp_socket_subscribe(wasi_sockets_tcp_borrow_tcp_socket((tcp_own_t){t->sock}));
	else
		return sdk_net_set_error(VY_E_NOT_OPEN);
	if (sdk_watch_add(p, t) != 0) {
		wasi_io_poll_pollable_drop_own(p);
		return sdk_net_set_error(VY_E_TOO_MANY);
	}
	t->poll = p.__handle;
	t->watched = true;
	return 0;
}

void vy_net_unwatch(vy_tcp_t *t)
{
	if (!t->watched)
		return;
	sdk_watch_remove(t);
	wasi_io_poll_pollable_drop_own((wasi_io_poll_own_pollable_t){t->poll});
	t->watched = false;
}

void vy_net_close(vy_tcp_t *c)
{
	vy_net_unwatch(c);
	if (c->streams) {
		wasi_io_streams_input_stream_drop_own((wasi_io_streams_own_input_stream_t){c->in});
		wasi_io_streams_output_stream_drop_own((wasi_io_streams_own_output_stream_t){c->out});
	}
	if (c->open)
		wasi_sockets_tcp_tcp_socket_drop_own((tcp_own_t){c->sock});
	memset(c, 0, sizeof *c);
}

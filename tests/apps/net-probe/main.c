/* net-probe: a test app with the network capability. It obeys commands on
 * stdin so a test can drive both ends over loopback:
 *   listen PORT   accept one TCP connection, echo one line back
 *   connect PORT  connect, send "ping", report the answer
 *   udp PORT      try to bind a UDP socket (must be refused: network is TCP)
 * Every result is one line "net <what> ...". */
#include <vyoma.h>

#include "app.h" /* raw WASI bindings, for the UDP attempt the SDK does not offer */

#include <string.h>

static void do_listen(uint16_t port)
{
	vy_tcp_t l, c;
	char buf[256];
	long n;

	if (vy_net_listen("127.0.0.1", port, &l) != 0) {
		vy_printf("net listen denied %s\n", vy_err_str(vy_net_err()));
		return;
	}
	vy_line("net listening");
	vy_flush();
	if (vy_net_accept(&l, &c, 10000) != 0) {
		vy_printf("net accept failed %s\n", vy_err_str(vy_net_err()));
		vy_net_close(&l);
		return;
	}
	n = vy_net_read(&c, buf, sizeof buf - 1, 5000);
	if (n > 0) {
		buf[n] = '\0';
		vy_net_write(&c, "echo:", 5);
		vy_net_write(&c, buf, (size_t)n);
	}
	vy_net_close(&c);
	vy_net_close(&l);
	vy_line("net served");
}

static void do_connect(uint16_t port)
{
	vy_tcp_t c;
	char buf[256];
	long n;

	if (vy_net_connect("127.0.0.1", port, &c, 5000) != 0) {
		vy_printf("net connect denied %s\n", vy_err_str(vy_net_err()));
		return;
	}
	vy_net_write(&c, "ping\n", 5);
	n = vy_net_read(&c, buf, sizeof buf - 1, 5000);
	buf[n > 0 ? n : 0] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[n - 1] = '\0';
	vy_printf("net got %s\n", buf);
	vy_net_close(&c);
}

static void do_udp(uint16_t port)
{
	wasi_sockets_udp_create_socket_own_udp_socket_t s;
	wasi_sockets_network_error_code_t err;
	wasi_sockets_network_ip_socket_address_t addr = {.tag = WASI_SOCKETS_NETWORK_IP_SOCKET_ADDRESS_IPV4};
	wasi_sockets_instance_network_own_network_t net;

	if (!wasi_sockets_udp_create_socket_create_udp_socket(WASI_SOCKETS_NETWORK_IP_ADDRESS_FAMILY_IPV4, &s, &err)) {
		vy_printf("net udp denied create:%u\n", err);
		return;
	}
	addr.val.ipv4.port = port;
	addr.val.ipv4.address.f0 = 127;
	addr.val.ipv4.address.f3 = 1;
	net = wasi_sockets_instance_network_instance_network();
	if (!wasi_sockets_udp_method_udp_socket_start_bind(wasi_sockets_udp_borrow_udp_socket(s),
							   wasi_sockets_network_borrow_network(net), &addr, &err) ||
	    !wasi_sockets_udp_method_udp_socket_finish_bind(wasi_sockets_udp_borrow_udp_socket(s), &err))
		vy_printf("net udp denied bind:%u\n", err);
	else
		vy_line("net udp ok");
	wasi_sockets_udp_udp_socket_drop_own(s);
	wasi_sockets_network_network_drop_own(net);
}

int main(void)
{
	struct vy_event ev;
	while (vy_ev_wait(&ev, -1) != VY_EV_EOF) {
		const char *arg = strchr(ev.text, ' ');
		uint16_t port = arg ? (uint16_t)vy_str_atoll(arg + 1, NULL) : 0;
		if (vy_str_starts(ev.text, "listen "))
			do_listen(port);
		else if (vy_str_starts(ev.text, "connect "))
			do_connect(port);
		else if (vy_str_starts(ev.text, "udp "))
			do_udp(port);
		else if (vy_str_starts(ev.text, "quit"))
			break;
	}
	return 0;
}

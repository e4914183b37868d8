/* tcp-echo: the network app of the QEMU boot test (tests/qemu/boot.toml).
 * It listens on 0.0.0.0:80, which QEMU forwards from a host port, and
 * answers every connection's first line with "vyoma-echo <line>", so the
 * host proves a guest app with `network` is reachable. One connection at a
 * time; it never reads stdin (shutdown reaches it as SIGTERM). */
#include <vyoma.h>

#include <string.h>

#define PORT 80

int main(void)
{
	vy_tcp_t l, c;
	char buf[512];
	unsigned served = 0;

	if (vy_net_listen("0.0.0.0", PORT, &l) != 0) {
		vy_printf("tcp-echo: listen on :%d failed: %s\n", PORT, vy_err_str(vy_net_err()));
		return 1;
	}
	vy_printf("tcp-echo: listening on :%d\n", PORT);
	vy_sys_ready();
	vy_flush();
	for (;;) {
		long n;
		size_t len = 0;

		if (vy_net_accept(&l, &c, -1) != 0) {
			vy_printf("tcp-echo: accept failed: %s\n", vy_err_str(vy_net_err()));
			vy_flush();
			continue;
		}
		/* Read up to the first newline (or 5 s of silence). */
		while (len < sizeof buf - 1 && !memchr(buf, '\n', len)) {
			n = vy_net_read(&c, buf + len, sizeof buf - 1 - len, 5000);
			if (n <= 0)
				break;
			len += (size_t)n;
		}
		buf[len] = '\0';
		char *nl = strchr(buf, '\n');
		if (nl)
			*nl = '\0';
		if (len > 0 && vy_net_write(&c, "vyoma-echo ", 11) == 0 &&
		    vy_net_write(&c, buf, strlen(buf)) == 0 && vy_net_write(&c, "\n", 1) == 0)
			served++;
		vy_net_close(&c);
		vy_printf("tcp-echo: served %u: %s\n", served, buf);
		vy_flush();
	}
}

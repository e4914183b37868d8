/* nc: a TCP client (busybox nc HOST PORT): connects, sends stdin, and
 * prints what the peer sends until it closes (or -w SECONDS pass with
 * nothing). Stdin is sent first, whole, then the answer is read: a
 * command cannot wait on stdin and a socket at once through the SDK's
 * blocking reads, so this is request-then-response, not interactive.
 * Stdin is read as the socket is (vy_cmd_net_stdin): no blocking-read
 * import of its own. */
#include <vyoma_cmd.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	long long wait_s = 30, port;
	static char buf[65536];
	long n;
	vy_tcp_t t;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "w:", "[-w SECS] HOST PORT\n\nSend stdin to HOST:PORT, print the answer.\n\t-w N\tGive up after N seconds of silence (30)\n")) != -1) {
		if (c == '?')
			return 1;
		if (vy_cmd_num(o.arg, &wait_s) || wait_s < 1)
			return vy_cmd_err("invalid number '%s'", o.arg), 1;
	}
	if (argc - o.ind != 2 || vy_cmd_num(argv[o.ind + 1], &port) || port < 1 || port > 65535)
		vy_cmd_bad_usage("[-w SECS] HOST PORT\n");
	if (vy_net_dial(argv[o.ind], (uint16_t)port, &t, wait_s * 1000, NULL) != 0)
		return vy_cmd_err("%s:%lld: %s", argv[o.ind], port, vy_err_str(vy_net_err())), 1;
	while ((n = vy_cmd_net_stdin(buf, sizeof buf)) > 0)
		if (vy_net_write(&t, buf, (size_t)n) != 0)
			break;
	while ((n = vy_net_read(&t, buf, sizeof buf, wait_s * 1000)) > 0)
		if (vy_write(buf, (size_t)n) != 0)
			break;
	vy_net_close(&t);
	return n < 0;
}

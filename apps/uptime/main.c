/* uptime: the time, how long the system has been up and the load (busybox
 * uptime's line). The uptime and load come from the process list the
 * supervisor writes on the stdin of a first stage whose command declares
 * `shell` (docs/commands.md, "The process list"). */
#include <vyoma_cmd.h>

#include <string.h>

int main(void)
{
	char **argv, *data, *l;
	int argc = vy_cmd_args(&argv), c;
	struct vy_opt o = {0};
	struct vy_rd r;
	struct vy_tm tm;
	size_t len;
	long long up, d, h, m;

	while ((c = vy_opt_next(&o, argc, argv, "", "\n\nTell how long the system has been running\n")) != -1)
		vy_cmd_exit(1);
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	vy_rd_stdin(&r);
	if (vy_rd_all(&r, &data, &len) != 0 || strncmp(data, "uptime ", 7) != 0) {
		vy_cmd_err("no process list on stdin (the supervisor gives it to the first command of a "
			   "pipeline, with no < FILE, when its manifest declares shell)");
		return 1;
	}
	l = strtok(data + 7, " \n");
	if (!l || vy_cmd_num(l, &up) != 0)
		return vy_cmd_err("bad uptime line"), 1;
	vy_cmd_civil(vy_time_wall(NULL), &tm);
	vy_printf(" %02lld:%02lld:%02lld up ", tm.hour, tm.min, tm.sec);
	d = up / 86400;
	h = up / 3600 % 24;
	m = up / 60 % 60;
	if (d)
		vy_printf("%lld day%s, ", d, d != 1 ? "s" : "");
	if (h)
		vy_printf("%2lld:%02lld", h, m);
	else
		vy_printf("%lld min", m);
	char *a = strtok(NULL, " \n"), *b = strtok(NULL, " \n"), *e = strtok(NULL, " \n");
	vy_printf(",  load average: %s, %s, %s\n", a ? a : "0.00", b ? b : "0.00", e ? e : "0.00");
	return 0;
}

/* ps: the apps and command instances, one a row: NAME STATE PID RSS
 * UPTIME (narrow enough for the shell's window); -w adds RESTARTS and CAPS.
 * The rows come from the process list the supervisor writes on the stdin
 * of a first stage whose command declares `shell` (docs/commands.md, "The
 * process list"); this command has no other way to see them. */
#include <vyoma_cmd.h>

#include <string.h>

#define PS_W 9 /* words of a record */

static const char usage[] = "[-w]\n\nList the apps and running commands\n"
			    "\t-w\tWide: add RESTARTS and CAPS\n";

/* Split the line at spaces into w[]; the number of words. */
static int ps_words(char *l, char **w)
{
	int n = 0;
	for (char *p = strtok(l, " \n"); p && n < PS_W; p = strtok(NULL, " \n"))
		w[n++] = p;
	return n;
}

/* 2d03h, 5h07m, 3m09s, 12s: two units at most. */
static void ps_age(char *b, const char *ms)
{
	long long v, s;
	if (vy_cmd_num(ms, &v) != 0) {
		strcpy(b, "-");
		return;
	}
	s = v / 1000;
	if (s >= 86400)
		vy_snprintf(b, 16, "%lldd%02lldh", s / 86400, s % 86400 / 3600);
	else if (s >= 3600)
		vy_snprintf(b, 16, "%lldh%02lldm", s / 3600, s % 3600 / 60);
	else if (s >= 60)
		vy_snprintf(b, 16, "%lldm%02llds", s / 60, s % 60);
	else
		vy_snprintf(b, 16, "%llds", s);
}

/* KiB as 812K or 31M. */
static void ps_rss(char *b, const char *kib)
{
	long long v;
	if (vy_cmd_num(kib, &v) != 0)
		strcpy(b, "-");
	else
		vy_snprintf(b, 16, v >= 10240 ? "%lldM" : "%lldK", v >= 10240 ? v / 1024 : v);
}

int main(void)
{
	char **argv, *data, *w[PS_W], *l, *next, age[16], rss[16];
	int argc = vy_cmd_args(&argv), c, nw = 4, sw = 5, rows = 0;
	bool wide = false;
	struct vy_opt o = {0};
	struct vy_rd r;
	size_t len;

	while ((c = vy_opt_next(&o, argc, argv, "wAe", usage)) != -1) {
		if (c == '?')
			vy_cmd_exit(1);
		wide |= c == 'w';
	}
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	vy_rd_stdin(&r);
	if (vy_rd_all(&r, &data, &len) != 0)
		return vy_cmd_err("read error"), 1;
	/* Pass 1: the widths of NAME and STATE. */
	for (l = data; *l; l = next) {
		next = strchr(l, '\n');
		next = next ? next + 1 : l + strlen(l);
		if (strncmp(l, "app ", 4) != 0 && strncmp(l, "cmd ", 4) != 0)
			continue;
		const char *e = strchr(l + 4, ' ');
		int n = e ? (int)(e - l - 4) : 0;
		nw = n > nw ? n : nw;
		const char *e2 = e ? strchr(e + 1, ' ') : NULL;
		int m = e2 ? (int)(e2 - e - 1) : 0;
		sw = m > sw ? m : sw;
		rows++;
	}
	if (rows == 0) {
		vy_cmd_err("no process list on stdin (the supervisor gives it to the first command of a "
			   "pipeline, with no < FILE, when its manifest declares shell)");
		return 1;
	}
	vy_printf("%-*s %-*s %5s %5s %6s%s\n", nw, "NAME", sw, "STATE", "PID", "RSS", "UPTIME",
		  wide ? " RESTARTS CAPS" : "");
	for (l = data; *l; l = next) {
		next = strchr(l, '\n');
		if (next)
			*next++ = '\0';
		else
			next = l + strlen(l);
		if (ps_words(l, w) != 8 || (strcmp(w[0], "app") != 0 && strcmp(w[0], "cmd") != 0))
			continue;
		ps_age(age, w[5]);
		ps_rss(rss, w[4]);
		vy_printf("%-*s %-*s %5s %5s %6s", nw, w[1], sw, w[2], w[3], rss, age);
		if (wide)
			vy_printf(" %8s %s", w[6], w[7]);
		vy_write("\n", 1);
	}
	return 0;
}

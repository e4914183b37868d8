/* ps: the apps and command instances, one a row: NAME STATE PID RSS
 * UPTIME (narrow enough for the shell's window); -w adds RESTARTS and CAPS,
 * -o LIST picks the columns (busybox ps -o). The rows come from the
 * process list the supervisor writes on the stdin of a first stage whose
 * command declares `shell` (docs/commands.md, "The process list"); this
 * command has no other way to see them. */
#include <vyoma_cmd.h>

#include <stdlib.h>
#include <string.h>

#define PS_W 8    /* words of a record: app|cmd NAME STATE PID RSS MS RESTARTS CAPS */
#define PS_COLS 7 /* columns a row may have */

static const char usage[] = "[-w] [-o COL,...]\n\nList the apps and running commands\n"
			    "\t-w\tWide: add RESTARTS and CAPS\n"
			    "\t-o COLS\tColumns of name,state,pid,rss,uptime,restarts,caps\n";
static const char *const col_name[PS_COLS] = {"NAME", "STATE", "PID", "RSS", "UPTIME", "RESTARTS", "CAPS"};
static int cols[PS_COLS], ncols, width[PS_COLS];

/* 2d03h, 5h07m, 3m09s, 12s: two units at most. */
static void ps_age(char *b, long long s)
{
	if (s >= 86400)
		vy_snprintf(b, 16, "%lldd%02lldh", s / 86400, s % 86400 / 3600);
	else if (s >= 3600)
		vy_snprintf(b, 16, "%lldh%02lldm", s / 3600, s % 3600 / 60);
	else if (s >= 60)
		vy_snprintf(b, 16, "%lldm%02llds", s / 60, s % 60);
	else
		vy_snprintf(b, 16, "%llds", s);
}

/* Column c of record w: a word, or a number made short in b. */
static const char *ps_cell(char **w, int c, char *b)
{
	long long v;
	if ((c != 3 && c != 4) || vy_cmd_num(w[c + 1], &v) != 0)
		return w[c + 1];
	if (c == 4)
		ps_age(b, v / 1000);
	else /* KiB as 812K or 31M */
		vy_snprintf(b, 16, v >= 10240 ? "%lldM" : "%lldK", v >= 10240 ? v / 1024 : v);
	return b;
}

/* The next record of the list in *p (cut into words at spaces): true if
 * it is a row (app or cmd with every word). */
static bool ps_next(char **p, char **w)
{
	char *l = *p, *e = strchr(l, '\n');
	int n = 0;
	*p = e ? e + 1 : l + strlen(l);
	if (e)
		*e = '\0';
	for (char *s = strtok(l, " "); s && n < PS_W; s = strtok(NULL, " "))
		w[n++] = s;
	return n == PS_W && (strcmp(w[0], "app") == 0 || strcmp(w[0], "cmd") == 0);
}

/* s[0..n) names column `name` (upper case), in either case. */
static bool ps_is(const char *s, size_t n, const char *name)
{
	size_t k = 0;
	while (k < n && name[k] && (s[k] & ~32) == name[k])
		k++;
	return k == n && !name[k];
}

static int ps_cols(const char *list)
{
	ncols = 0;
	while (*list) {
		size_t n = strcspn(list, ",");
		int c = 0;
		while (c < PS_COLS && !ps_is(list, n, col_name[c]))
			c++;
		if (c == PS_COLS || ncols == PS_COLS)
			return vy_cmd_err("bad -o column '%.*s'", (int)n, list);
		cols[ncols++] = c;
		list += n + (list[n] == ',');
	}
	return ncols ? 0 : vy_cmd_err("-o needs columns");
}

static void ps_row(char **w, bool print)
{
	char b[16];
	for (int i = 0; i < ncols; i++) {
		const char *s = w ? ps_cell(w, cols[i], b) : col_name[cols[i]];
		int n = (int)strlen(s), c = cols[i];
		if (!print) {
			width[i] = n > width[i] ? n : width[i];
			continue;
		}
		bool left = c <= 1 || c == 6;
		/* the last column is not padded (no trailing blanks) */
		vy_printf(left ? "%s%-*s" : "%s%*s", i ? " " : "", left && i == ncols - 1 ? 0 : width[i], s);
	}
	if (print)
		vy_write("\n", 1);
}

int main(void)
{
	char **argv, *data, *w[PS_W], *p;
	int argc = vy_cmd_args(&argv), c, rows = 0;
	const char *list = "name,state,pid,rss,uptime";
	struct vy_opt o = {0};
	struct vy_rd r;
	size_t len;

	while ((c = vy_opt_next(&o, argc, argv, "wAeo:", usage)) != -1) {
		if (c == '?')
			vy_cmd_exit(1);
		if (c == 'w')
			list = "name,state,pid,rss,uptime,restarts,caps";
		if (c == 'o')
			list = o.arg;
	}
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0 || ps_cols(list) != 0)
		return 1;
	vy_rd_stdin(&r);
	if (vy_rd_all(&r, &data, &len) != 0)
		return vy_cmd_err("read error"), 1;
	/* Pass 1 on a copy (strtok cuts it): the widths. */
	char *copy = malloc(len + 1);
	if (!copy)
		return vy_cmd_err("out of memory"), 1;
	memcpy(copy, data, len + 1);
	ps_row(NULL, false);
	for (p = copy; *p;)
		if (ps_next(&p, w) && ++rows)
			ps_row(w, false);
	if (rows == 0) {
		vy_cmd_err("no process list on stdin (the supervisor gives it to the first command of a "
			   "pipeline, with no < FILE, when its manifest declares shell)");
		return 1;
	}
	ps_row(NULL, true);
	for (p = data; *p;)
		if (ps_next(&p, w))
			ps_row(w, true);
	return 0;
}

/* expand: turns tabs of stdin into spaces (busybox expand): -t N tab stops
 * every N columns (8), -i only leading tabs. */
#include <vyoma_cmd.h>

/* The widest tab stop, busybox's (fuzz/fuzz_cmd_expand.c builds with a
 * smaller one, so that a tab's spaces come in milliseconds) */
#ifndef EXPAND_TAB_MAX
#define EXPAND_TAB_MAX 4294967295LL
#endif

static const char usage[] = "[-i] [-t N]\n\nConvert tabs of stdin to spaces.\n"
			    "\t-i\tOnly leading tabs\n\t-t N\tTab stops every N columns (8)\n";

int main(void)
{
	char **argv, *l;
	int argc = vy_cmd_args(&argv), c;
	long long t = 8;
	bool initial = false;
	long n;
	struct vy_opt o = {0};
	struct vy_rd r;

	while ((c = vy_opt_next(&o, argc, argv, "it:", usage)) != -1) {
		if (c == '?')
			return 1;
		if (c == 't' && (vy_cmd_num(o.arg, &t) != 0 || t < 1 || t > EXPAND_TAB_MAX))
			return vy_cmd_err("invalid number '%s'", o.arg), 1;
		initial |= c == 'i';
	}
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	vy_rd_stdin(&r);
	while ((n = vy_rd_line(&r, &l)) > 0) {
		long long col = 0;
		bool lead = true;
		for (long i = 0; i < n; i++) {
			if (l[i] == '\t' && (lead || !initial)) {
				do
					vy_write(" ", 1);
				while (++col % t);
				continue;
			}
			if (l[i] != ' ')
				lead = false;
			vy_write(l + i, 1);
			if (((unsigned char)l[i] & 0xc0) != 0x80)
				col++;
		}
	}
	return n < 0;
}

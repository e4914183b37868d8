/* unexpand: turns runs of two or more spaces that reach a tab stop (every
 * -t N columns, 8) into tabs: only leading blanks (POSIX; -f says the same),
 * or all along the line with -a. */
#include <vyoma_cmd.h>

int main(void)
{
	char **argv, *l;
	int argc = vy_cmd_args(&argv), c;
	long long t = 8;
	bool first_only = true;
	long n;
	struct vy_opt o = {0};
	struct vy_rd r;

	while ((c = vy_opt_next(&o, argc, argv, "aft:", "[-af] [-t N]\n\nConvert spaces of stdin to tabs.\n\t-a\tAll blanks, not only leading ones\n\t-f\tOnly leading blanks (the default)\n\t-t N\tTab stops every N columns (8)\n")) != -1) {
		if (c == '?')
			return 1;
		if (c == 'a' || c == 'f')
			first_only = c == 'f';
		if (c == 't' && (vy_cmd_num(o.arg, &t) || t < 1 || t > 4294967295LL)) /* busybox's bound */
			return vy_cmd_err("invalid number '%s'", o.arg), 1;
	}
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	vy_rd_stdin(&r);
	while ((n = vy_rd_line(&r, &l)) > 0) {
		long long col = 0, spaces = 0;
		bool lead = true;
		for (long i = 0; i < n; i++) {
			char ch = l[i];
			if (ch == ' ' && (lead || !first_only)) {
				spaces++;
				if (++col % t == 0) {
					vy_write(spaces > 1 ? "\t" : " ", 1);
					spaces = 0;
				}
				continue;
			}
			for (; spaces; spaces--)
				vy_write(" ", 1);
			if (ch == '\t')
				col = (col / t + 1) * t;
			else if (((unsigned char)ch & 0xc0) != 0x80)
				col++;
			if (ch != '\t')
				lead = false;
			vy_write(&ch, 1);
		}
		for (; spaces; spaces--)
			vy_write(" ", 1);
	}
	return n < 0;
}

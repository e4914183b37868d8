/* fold: breaks lines of stdin longer than -w WIDTH (80) columns (busybox
 * fold): -s breaks after the last blank that fits, -b counts bytes
 * (else a tab moves to the next multiple of 8, a backspace back one, and
 * a UTF-8 character is one column). */
#include <vyoma_cmd.h>

static const char usage[] = "[-bs] [-w WIDTH]\n\nWrap lines of stdin to WIDTH columns.\n"
			    "\t-b\tCount bytes\n\t-s\tBreak at spaces\n\t-w N\tWidth (80)\n";

int main(void)
{
	char **argv, *l;
	int argc = vy_cmd_args(&argv), c;
	long long w = 80;
	bool bytes = false, sp = false;
	long n;
	struct vy_opt o = {0};
	struct vy_rd r;

	while ((c = vy_opt_next(&o, argc, argv, "bsw:", usage)) != -1) {
		if (c == '?')
			return 1;
		if (c == 'w' && (vy_cmd_num(o.arg, &w) != 0 || w < 1))
			return vy_cmd_err("invalid number '%s'", o.arg), 1;
		bytes |= c == 'b', sp |= c == 's';
	}
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	vy_rd_stdin(&r);
	while ((n = vy_rd_line(&r, &l)) > 0) {
		size_t len = (size_t)n, start = 0, col = 0;
		for (size_t i = 0; i < len; i++) {
			char ch = l[i];
			if (ch == '\n') {
				col = 0;
				continue;
			}
			size_t ncol = bytes ? col + 1 : ch == '\t' ? (col / 8 + 1) * 8 : ch == '\b' ? (col ? col - 1 : 0)
				  : ch == '\r' ? 0 : ((unsigned char)ch & 0xc0) == 0x80 ? col : col + 1;
			if (ncol > (size_t)w) {
				size_t brk = i > start ? i : i + 1; /* at least one character a line */
				if (sp)
					for (size_t k = i; k > start; k--)
						if (l[k - 1] == ' ') {
							brk = k;
							break;
						}
				vy_write(l + start, brk - start);
				vy_write("\n", 1);
				start = brk;
				col = 0;
				i = brk - 1;
				continue;
			}
			col = ncol;
		}
		vy_write(l + start, len - start);
	}
	return n < 0;
}

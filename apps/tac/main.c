/* tac: prints stdin's lines last first (busybox tac). A last line without
 * '\n' is printed as it is, first. */
#include <vyoma_cmd.h>

int main(void)
{
	char *d;
	size_t len, end;
	struct vy_rd r;

	if (vy_cmd_filter("\n\nPrint stdin's lines in reverse order.\n") != 0)
		return 1; /* an option, or a file operand (the shell's < FILE) */
	vy_rd_stdin(&r);
	if (vy_rd_all(&r, &d, &len) != 0)
		return vy_cmd_err("read error"), 1;
	for (end = len; end > 0;) {
		size_t start = end - 1;
		while (start > 0 && d[start - 1] != '\n')
			start--;
		vy_write(d + start, end - start);
		end = start;
	}
	return 0;
}

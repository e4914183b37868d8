/* tac: prints stdin's lines last first (busybox tac). A last line without
 * '\n' is printed as it is, first. */
#include <vyoma_cmd.h>

int main(void)
{
	char **argv, *d;
	int argc = vy_cmd_args(&argv);
	size_t len, end;
	struct vy_rd r;
	struct vy_opt o = {0};

	if (vy_opt_next(&o, argc, argv, "", "\n\nPrint stdin's lines in reverse order.\n") != -1)
		return 1;
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

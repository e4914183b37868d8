/* yes: prints its arguments (or "y") as one line, forever, until the
 * reader of its stdout goes away (then the write fails and it exits). */
#include <vyoma_cmd.h>
#include <string.h>

int main(void)
{
	char **argv, line[4096];
	int argc = vy_cmd_args(&argv);
	size_t n = 0;

	if (argc == 2 && strcmp(argv[1], "--help") == 0)
		vy_cmd_usage("[STRING]...\n\nPrint STRING (or y) repeatedly.\n");
	for (int i = 1; i < argc; i++)
		n += (size_t)vy_snprintf(line + n, n < sizeof line ? sizeof line - n : 0, i > 1 ? " %s" : "%s", argv[i]);
	if (argc < 2)
		n = (size_t)vy_snprintf(line, sizeof line, "y");
	if (n >= sizeof line - 1)
		return vy_cmd_err("line too long"), 1;
	line[n++] = '\n';
	/* Fill a block with whole lines: one write per block, not per line. */
	static char block[8192];
	size_t b = 0;
	while (b + n <= sizeof block) {
		memcpy(block + b, line, n);
		b += n;
	}
	while (vy_write(block, b) == 0)
		;
	return 0;
}

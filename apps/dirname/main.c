/* dirname: prints NAME's folder part: all before its last '/', or "." if
 * it has none (POSIX dirname). */
#include <vyoma_cmd.h>
#include <string.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv);
	struct vy_opt o = {0};

	if (vy_opt_next(&o, argc, argv, "", "NAME\n\nPrint the folder part of NAME.\n") != -1)
		return 1;
	if (argc - o.ind != 1)
		vy_cmd_bad_usage("NAME\n");
	char *s = argv[o.ind];
	size_t n = strlen(s);
	while (n > 1 && s[n - 1] == '/')
		n--;
	while (n > 0 && s[n - 1] != '/')
		n--;
	while (n > 1 && s[n - 1] == '/')
		n--;
	if (n == 0)
		vy_print(".\n");
	else
		vy_printf("%.*s\n", (int)n, s);
	return 0;
}

/* whoami: prints the user's name. VyomaOS has one user and WASI tells a
 * component of none, so it is "user". */
#include <vyoma_cmd.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv);
	struct vy_opt o = {0};

	if (vy_opt_next(&o, argc, argv, "", "\n\nPrint the user's name.\n") != -1)
		return 1;
	vy_print("user\n");
	return 0;
}

/* nproc: the number of processors a command may use: 1, since a component
 * runs on one thread (WASI 0.2 has no threads). */
#include <vyoma_cmd.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv);
	struct vy_opt o = {0};

	if (vy_opt_next(&o, argc, argv, "", "\n\nPrint the number of processors a command may use.\n") != -1)
		return 1;
	vy_print("1\n");
	return 0;
}

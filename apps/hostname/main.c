/* hostname: prints the host name. A component is told none, and VyomaOS
 * names every machine "vyoma" for now (uname -n says the same). */
#include <vyoma_cmd.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv);
	struct vy_opt o = {0};

	if (vy_opt_next(&o, argc, argv, "", "\n\nPrint the host name.\n") != -1)
		return 1;
	if (o.ind < argc)
		return vy_cmd_err("setting the host name is not supported"), 1;
	vy_print("vyoma\n");
	return 0;
}

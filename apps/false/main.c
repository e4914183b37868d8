/* false: exits with status 1 and prints nothing (POSIX false). */
#include <vyoma_cmd.h>

int main(void)
{
	char **argv;
	if (vy_cmd_args(&argv) == 2 && vy_starts_with(argv[1], "--help"))
		vy_cmd_usage("\nExit with status 1.\n");
	return 1;
}

/* uname: prints the system's name (busybox uname): -s the system
 * (VyomaOS), -n the node (vyoma), -r the release, -v the version, -m the
 * machine (wasm32: what the command runs on), -a all. A component is told
 * nothing of the kernel under it, so these are the platform's own. */
#include <vyoma_cmd.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c, want = 0;
	static const char *const part[] = {"VyomaOS", "vyoma", "0.1", "WASI-0.2", "wasm32"};
	static const char keys[] = "snrvm";
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "snrvma", "[-snrvma]\n\nPrint system information.\n\t-s\tSystem\n\t-n\tNode name\n\t-r\tRelease\n\t-v\tVersion\n\t-m\tMachine\n\t-a\tAll\n")) != -1) {
		if (c == '?')
			return 1;
		want |= c == 'a' ? 31 : 1 << (__builtin_strchr(keys, c) - keys);
	}
	if (!want)
		want = 1;
	for (int i = 0, first = 1; i < 5; i++)
		if (want & (1 << i)) {
			vy_printf(first ? "%s" : " %s", part[i]);
			first = 0;
		}
	vy_print("\n");
	return 0;
}

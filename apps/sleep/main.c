/* sleep: waits for the sum of its arguments, each seconds with an optional
 * fraction and an s, m, h or d suffix (busybox sleep). */
#include <vyoma_cmd.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv);
	struct vy_opt o = {0};
	uint64_t ms = 0;

	if (vy_opt_next(&o, argc, argv, "", "N[smhd]...\n\nWait N seconds (minutes, hours, days).\n") != -1)
		return 1;
	if (o.ind >= argc)
		vy_cmd_bad_usage("N[smhd]...\n");
	for (int i = o.ind; i < argc; i++) {
		const char *p = argv[i];
		uint64_t whole = 0, frac = 0, scale = 1000;
		for (; *p >= '0' && *p <= '9'; p++)
			whole = whole * 10 + (uint64_t)(*p - '0');
		if (*p == '.')
			for (p++; *p >= '0' && *p <= '9'; p++)
				if (scale > 1)
					frac += (uint64_t)(*p - '0') * (scale /= 10);
		uint64_t mul = *p == 'm' ? 60 : *p == 'h' ? 3600 : *p == 'd' ? 86400 : 1;
		if (*p && *p != 's' && mul == 1)
			return vy_cmd_err("invalid number '%s'", argv[i]), 1;
		if (*p && p[1])
			return vy_cmd_err("invalid number '%s'", argv[i]), 1;
		ms += (whole * 1000 + frac) * mul;
	}
	vy_sleep_ms(ms);
	return 0;
}

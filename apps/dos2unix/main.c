/* dos2unix: turns CRLF line ends of stdin into LF (busybox dos2unix, as a filter). */
#include <vyoma_cmd.h>

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv);
	static unsigned char buf[65536], out[131072];
	bool cr = false;
	long n;
	struct vy_opt o = {0};

	if (vy_opt_next(&o, argc, argv, "", "\n\nConvert line ends of stdin.\n") != -1 || vy_cmd_stdin_only(argc, argv, o.ind))
		return 1;
	while ((n = vy_in_read(buf, sizeof buf)) > 0) {
		size_t k = 0;
		for (long i = 0; i < n; i++) {
			if (cr && buf[i] != '\n')
				out[k++] = '\r';
			cr = buf[i] == '\r';
			if (!cr)
				out[k++] = buf[i];
		}
		if (vy_write(out, k) != 0)
			return 1;
	}
	if (cr)
		vy_write("\r", 1);
	return n < 0;
}

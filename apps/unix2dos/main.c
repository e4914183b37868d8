/* unix2dos: turns LF line ends of stdin into CRLF (an LF already after a CR is left) (busybox unix2dos, as a filter). */
#include <vyoma_cmd.h>

int main(void)
{
	static unsigned char buf[65536], out[131072];
	bool cr = false;
	long n;

	if (vy_cmd_filter("\n\nConvert line ends of stdin.\n") != 0)
		return 1;
	while ((n = vy_in_read(buf, sizeof buf)) > 0) {
		size_t k = 0;
		for (long i = 0; i < n; i++) {
			if (buf[i] == '\n' && !cr)
				out[k++] = '\r';
			cr = buf[i] == '\r';
			out[k++] = buf[i];
		}
		if (vy_write(out, k) != 0)
			return 1;
	}

	return n < 0;
}

/* t-cat: test command: copies its files under /data (or stdin without
 * arguments) to stdout; a missing file is said on stderr, status 1. */
#include "../tcmd.h"

static char buf[16384];

int main(void)
{
	char path[512];
	int rc = 0;
	size_t n;

	tc_init();
	if (tc_argc() < 2) {
		while ((n = tc_read(buf, sizeof buf)) > 0)
			if (tc_write(buf, n) < 0)
				return 1;
		return 0;
	}
	for (size_t i = 1; i < tc_argc(); i++) {
		uint64_t off = 0;
		tc_arg(i, path, sizeof path);
		do {
			if (vy_file_read_at(path, off, buf, sizeof buf, &n) != 0) {
				tc_error("t-cat: cannot read ", path);
				rc = 1;
				break;
			}
			if (tc_write(buf, n) < 0)
				return 1;
			off += n;
		} while (n == sizeof buf);
	}
	return rc;
}

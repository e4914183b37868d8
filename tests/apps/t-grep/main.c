/* t-grep: test command: `t-grep [-v] TEXT` writes the lines of stdin that
 * contain TEXT (-v: that do not); status 0 when a line was written. */
#include "../tcmd.h"

static char line[8192], buf[4096], pat[512];
static size_t len;
static int invert, found;

static int emit(void)
{
	line[len] = '\0';
	if ((strstr(line, pat) != NULL) != invert) {
		found = 1;
		line[len] = '\n';
		if (tc_write(line, len + 1) < 0)
			return -1;
	}
	len = 0;
	return 0;
}

int main(void)
{
	size_t n, a = 1;
	char opt[8];

	tc_init();
	if (tc_argc() > 2 && strcmp(tc_arg(1, opt, sizeof opt), "-v") == 0)
		invert = 1, a = 2;
	if (a >= tc_argc()) {
		tc_error("usage: t-grep [-v] TEXT", "");
		return 1;
	}
	tc_arg(a, pat, sizeof pat);
	while ((n = tc_read(buf, sizeof buf)) > 0)
		for (size_t i = 0; i < n; i++) {
			if (buf[i] == '\n' || len == sizeof line - 2) {
				if (emit() < 0)
					return 1;
				if (buf[i] == '\n')
					continue;
			}
			line[len++] = buf[i];
		}
	if (len && emit() < 0)
		return 1;
	return !found;
}

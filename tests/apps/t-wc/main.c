/* t-wc: test command: counts the lines, words and bytes of stdin
 * ("L W B"); `t-wc -l` only the lines. */
#include "../tcmd.h"

static char buf[16384];

int main(void)
{
	unsigned long lines = 0, words = 0, bytes = 0;
	int inword = 0;
	char opt[8], out[64];
	size_t n;

	tc_init();
	while ((n = tc_read(buf, sizeof buf)) > 0)
		for (size_t i = 0; i < n; i++) {
			char c = buf[i];
			int sp = c == ' ' || c == '\n' || c == '\t' || c == '\r';
			bytes++;
			lines += c == '\n';
			words += !sp && !inword;
			inword = !sp;
		}
	if (tc_argc() > 1 && strcmp(tc_arg(1, opt, sizeof opt), "-l") == 0)
		vy_snprintf(out, sizeof out, "%lu\n", lines);
	else
		vy_snprintf(out, sizeof out, "%lu %lu %lu\n", lines, words, bytes);
	return tc_write(out, strlen(out)) < 0;
}

/* rev: reverses the characters (UTF-8 sequences kept whole) of each line
 * of stdin (busybox rev). */
#include <vyoma_cmd.h>

int main(void)
{
	char *l;
	long n;
	struct vy_rd r;

	if (vy_cmd_filter("\n\nReverse the characters of each line of stdin.\n") != 0)
		return 1; /* an option, or a file operand (the shell's < FILE) */
	vy_rd_stdin(&r);
	while ((n = vy_rd_line(&r, &l)) > 0) {
		long e = l[n - 1] == '\n' ? n - 1 : n;
		while (e > 0) {
			long s = e - 1;
			while (s > 0 && ((unsigned char)l[s] & 0xc0) == 0x80)
				s--;
			vy_write(l + s, (size_t)(e - s));
			e = s;
		}
		if (l[n - 1] == '\n')
			vy_write("\n", 1);
	}
	return n < 0;
}

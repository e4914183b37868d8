/* wc: counts lines, words (runs of non-space), characters and bytes of
 * stdin (busybox wc): -l -w -c, -m for UTF-8 characters, -L longest line. A
 * word starts at printable ASCII, as busybox counts.
 * One count alone is printed bare; several as busybox does, each right
 * aligned in 9 columns. */
#include <vyoma_cmd.h>

static const char usage[] = "[-lwcmL]\n\nCount lines, words and bytes of stdin.\n"
			    "\t-l\tLines\n\t-w\tWords\n\t-c\tBytes\n\t-m\tCharacters\n\t-L\tLength of the longest line\n";

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c, want = 0;
	static const char order[] = "lwmcL";
	unsigned long long cnt[5] = {0}, col = 0;
	bool in_word = false;
	struct vy_opt o = {0};
	static unsigned char buf[65536];
	long n;

	while ((c = vy_opt_next(&o, argc, argv, "lwcmL", usage)) != -1) {
		if (c == '?')
			return 1;
		want |= 1 << (__builtin_strchr(order, c) - order);
	}
	if (!want)
		want = 1 | 2 | 8;
	while ((n = vy_in_read(buf, sizeof buf)) > 0) {
		for (long i = 0; i < n; i++) {
			unsigned char b = buf[i];
			bool sp = b == ' ' || (b >= '\t' && b <= '\r');
			cnt[3]++;
			if ((b & 0xc0) != 0x80)
				cnt[2]++;
			if (b == '\n') {
				cnt[0]++;
				if (col > cnt[4])
					cnt[4] = col;
				col = 0;
			} else if ((b & 0xc0) != 0x80) {
				col = b == '\t' ? (col | 7) + 1 : col + 1;
			}
			/* busybox: printable ASCII starts a word, space ends
			 * it, any other byte (controls, UTF-8) does neither. */
			if (b > ' ' && b < 0x7f && !in_word)
				cnt[1]++, in_word = true;
			else if (sp)
				in_word = false;
		}
	}
	if (col > cnt[4])
		cnt[4] = col;
	if (n < 0)
		return vy_cmd_err("read error"), 1;
	bool single = (want & (want - 1)) == 0;
	for (int i = 0, first = 1; i < 5; i++)
		if (want & (1 << i)) {
			vy_printf(single ? "%llu" : first ? "%9llu" : " %9llu", cnt[i]);
			first = 0;
		}
	vy_print("\n");
	return 0;
}

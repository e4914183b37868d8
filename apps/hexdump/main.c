/* hexdump: dumps stdin (busybox hexdump): by default 16-bit little-endian
 * words in hex, eight a line; -C canonical (bytes in hex, and as text
 * between bars). A line equal to the one before is a '*' unless -v. */
#include <vyoma_cmd.h>
#include <string.h>

static const char usage[] = "[-Cv]\n\nHex dump stdin.\n\t-C\tCanonical: hex bytes and text\n\t-v\tShow repeated lines\n";

int main(void)
{
	char **argv;
	int argc = vy_cmd_args(&argv), c;
	bool canon = false, all = false, starred = false, have_prev = false;
	unsigned char line[16], prev[16];
	unsigned long long off = 0;
	struct vy_opt o = {0};

	while ((c = vy_opt_next(&o, argc, argv, "Cv", usage)) != -1) {
		if (c == '?')
			return 1;
		canon |= c == 'C', all |= c == 'v';
	}
	if (vy_cmd_stdin_only(argc, argv, o.ind) != 0)
		return 1;
	for (;;) {
		size_t n = 0;
		long got = 1;
		while (n < 16 && (got = vy_in_read(line + n, 16 - n)) > 0)
			n += (size_t)got;
		if (n == 0)
			break;
		if (!all && have_prev && n == 16 && memcmp(line, prev, 16) == 0) {
			if (!starred)
				vy_print("*\n");
			starred = true;
		} else if (canon) {
			starred = false;
			vy_printf("%08llx ", off);
			for (size_t i = 0; i < 16; i++) {
				if (i == 8)
					vy_print(" ");
				if (i < n)
					vy_printf(" %02x", line[i]);
				else
					vy_print("   ");
			}
			vy_print("  |");
			for (size_t i = 0; i < n; i++)
				vy_printf("%c", line[i] >= ' ' && line[i] < 0x7f ? line[i] : '.');
			vy_print("|\n");
		} else {
			starred = false;
			vy_printf("%07llx", off);
			for (size_t i = 0; i < 16; i += 2)
				if (i < n)
					vy_printf(" %04x", line[i] | (i + 1 < n ? line[i + 1] << 8 : 0));
				else
					vy_print("     ");
			vy_print("\n");
		}
		memcpy(prev, line, 16);
		have_prev = true;
		off += n;
		if (n < 16)
			break;
	}
	if (off)
		vy_printf(canon ? "%08llx\n" : "%07llx\n", off);
	return 0;
}

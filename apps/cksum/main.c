/* cksum: the POSIX checksum of stdin (CRC-32, polynomial 0x04C11DB7, over
 * the bytes and then the length) and its byte count (GNU cksum; Debian's
 * busybox has no cksum applet). */
#include <vyoma_cmd.h>

static uint32_t crc, table[256];

static void add(unsigned char b) { crc = crc << 8 ^ table[(crc >> 24) ^ b]; }

int main(void)
{
	static unsigned char buf[65536];
	unsigned long long total = 0;
	long n;

	if (vy_cmd_filter("\n\nPrint the CRC checksum and byte count of stdin.\n") != 0)
		return 1;
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i << 24;
		for (int j = 0; j < 8; j++)
			c = c & 0x80000000u ? c << 1 ^ 0x04C11DB7u : c << 1;
		table[i] = c;
	}
	while ((n = vy_in_read(buf, sizeof buf)) > 0) {
		for (long i = 0; i < n; i++)
			add(buf[i]);
		total += (unsigned long long)n;
	}
	if (n < 0)
		return vy_cmd_err("read error"), 1;
	for (unsigned long long l = total; l; l >>= 8)
		add((unsigned char)l);
	vy_printf("%u %llu\n", ~crc, total);
	return 0;
}

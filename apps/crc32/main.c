/* crc32: the CRC-32 of stdin (the reflected 0xEDB88320 polynomial of
 * zlib, gzip and PNG) in hex (busybox crc32). */
#include <vyoma_cmd.h>

int main(void)
{
	static unsigned char buf[65536];
	static uint32_t table[256];
	uint32_t crc = 0xffffffffu;
	long n;

	if (vy_cmd_filter("\n\nPrint the CRC-32 of stdin.\n") != 0)
		return 1;
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		table[i] = c;
	}
	while ((n = vy_in_read(buf, sizeof buf)) > 0)
		for (long i = 0; i < n; i++)
			crc = table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
	if (n < 0)
		return vy_cmd_err("read error"), 1;
	vy_printf("%08x\n", ~crc);
	return 0;
}

/* cmddigest: the part every hash command shares (sha256sum, sha1sum,
 * md5sum, sha512sum): stdin in whole blocks, then the Merkle-Damgard
 * padding (0x80, zeros, the bit length in the last 8 or 16 bytes, big- or
 * little-endian). The command gives its block function. */
#include "vyoma_cmd.h"

#include <string.h>

int vy_cmd_digest(void (*block)(const unsigned char *p), size_t bsize, bool big_endian)
{
	static unsigned char buf[65536 + 256];
	uint64_t total = 0;
	size_t have = 0, lenbytes = bsize == 128 ? 16 : 8;
	long n;

	while ((n = vy_in_read(buf + have, 65536)) > 0) {
		size_t all = have + (size_t)n, i;
		total += (uint64_t)n;
		for (i = 0; i + bsize <= all; i += bsize)
			block(buf + i);
		have = all - i;
		memmove(buf, buf + i, have);
	}
	if (n < 0)
		return vy_cmd_err("read error");
	buf[have++] = 0x80;
	while (have % bsize != bsize - lenbytes)
		buf[have++] = 0;
	for (size_t i = 0; i < lenbytes; i++) {
		/* byte i of the length in bits, from its least significant */
		size_t k = big_endian ? lenbytes - 1 - i : i;
		buf[have + k] = i < 8 ? (unsigned char)(total * 8 >> (i * 8)) : (unsigned char)(i == 8 ? total >> 61 : 0);
	}
	have += lenbytes;
	for (size_t i = 0; i < have; i += bsize)
		block(buf + i);
	return 0;
}

/* sha1sum: the SHA-1 (FIPS 180-4) of stdin, as "HEX  -" (busybox
 * sha1sum). For checking old checksums; SHA-1 is broken for security. */
#include <vyoma_cmd.h>
#include <string.h>

static uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};

#define ROL(x, n) ((x) << (n) | (x) >> (32 - (n)))

static void block(const unsigned char *p)
{
	uint32_t w[80], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 80; i++)
		w[i] = ROL(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	for (int i = 0; i < 80; i++) {
		uint32_t f = i < 20 ? ((b & c) | (~b & d)) + 0x5A827999
			     : i < 40 ? (b ^ c ^ d) + 0x6ED9EBA1
			     : i < 60 ? ((b & c) | (b & d) | (c & d)) + 0x8F1BBCDC
				      : (b ^ c ^ d) + 0xCA62C1D6;
		uint32_t t = ROL(a, 5) + f + e + w[i];
		e = d, d = c, c = ROL(b, 30), b = a, a = t;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
}

int main(void)
{

	if (vy_cmd_filter("\n\nPrint the SHA-1 of stdin.\n") != 0)
		return 1;
	if (vy_cmd_digest(block, 64, true) != 0)
		return 1;
	for (int i = 0; i < 5; i++)
		vy_printf("%08x", h[i]);
	vy_print("  -\n");
	return 0;
}

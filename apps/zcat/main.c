/* zcat: decompresses FILEs (or stdin) to stdout (busybox zcat; -f passes
 * input that is not gzip through, as GNU zcat); sdk/cmdgz.c over zlib.
 * Size: 25 KB, because zlib's inflate is 13 KB of wasm code and file
 * operands need wasi:filesystem (its limit: mk/apps.mk) */
#include <vyoma_cmd.h>

int main(void)
{
	return vy_cmd_gz_main(NULL, NULL, "f", "[-f] [FILE]...\n\nDecompress to stdout\n\t-f\tPass input that is not gzip through\n");
}

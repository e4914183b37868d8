/* gunzip: decompresses each FILE.gz to FILE (removed unless -k), or stdin
 * to stdout (busybox gunzip: -c -f -k -t); sdk/cmdgz.c over zlib's inflate.
 * Size: 25 KB, because zlib's inflate is 13 KB of wasm code and file
 * operands need wasi:filesystem (its limit: mk/apps.mk) */
#include <vyoma_cmd.h>

int main(void)
{
	return vy_cmd_gz_main(NULL, vy_cmd_gz_file, "cfknt",
			      "[-cfkt] [FILE]...\n\nDecompress FILEs (or stdin)\n"
			      "\t-c\tWrite to stdout\n\t-f\tForce\n\t-k\tKeep input files\n"
			      "\t-t\tTest integrity\n");
}

/* zcat: decompresses FILEs (or stdin) to stdout (busybox zcat; -f passes
 * input that is not gzip through, as GNU zcat); sdk/cmdgz.c over the
 * SDK's inflate (sdk/inflate.c), with no file output linked (the NULL). */
#include <vyoma_cmd.h>

int main(void)
{
	return vy_cmd_gz_main(NULL, NULL, "f", "[-f] [FILE]...\n\nDecompress to stdout\n\t-f\tPass input that is not gzip through\n");
}

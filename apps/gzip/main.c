/* gzip: compresses each FILE to FILE.gz (removed unless -k), or stdin to
 * stdout (busybox gzip: -c -d -f -k -t -1..-9); sdk/cmdgz.c over the
 * SDK's deflate and inflate (sdk/deflate.c, sdk/inflate.c).
 * Size: 13.2 KB, because it carries a deflate (4.2 KB) and an inflate
 * (1.6 KB) and writes files (its limit: mk/apps.mk) */
#include <vyoma_cmd.h>

int main(void)
{
	return vy_cmd_gz_main(vy_cmd_gz_deflate, vy_cmd_gz_file, "cdfknt123456789",
			      "[-cdfkt123456789] [FILE]...\n\nCompress FILEs (or stdin)\n"
			      "\t-1..9\tCompression level\n\t-d\tDecompress\n\t-c\tWrite to stdout\n"
			      "\t-f\tForce\n\t-k\tKeep input files\n\t-t\tTest integrity\n");
}

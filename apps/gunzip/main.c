/* gunzip: decompresses each FILE.gz to FILE (removed unless -k), or stdin
 * to stdout (busybox gunzip: -c -f -k -t); sdk/cmdgz.c over the SDK's
 * inflate (sdk/inflate.c). */
#include <vyoma_cmd.h>

int main(void)
{
	return vy_cmd_gz_main(NULL, vy_cmd_gz_file, "cfknt",
			      "[-cfkt] [FILE]...\n\nDecompress FILEs (or stdin)\n"
			      "\t-c\tWrite to stdout\n\t-f\tForce\n\t-k\tKeep input files\n"
			      "\t-t\tTest integrity\n");
}

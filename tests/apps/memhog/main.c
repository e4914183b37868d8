/* memhog: a hostile app that allocates without end, touching every page.
 * The runner must stop it at its memory cap with a clear report. */
#include <vyoma.h>

#include <string.h>

int main(void)
{
	unsigned mib = 0;
	for (;;) {
		char *p = vy_mem_alloc(1u << 20);
		if (!p)
			break;
		memset(p, 0xA5, 1u << 20);
		if (++mib % 4 == 0) {
			vy_printf("memhog %u MiB\n", mib);
			vy_flush();
		}
	}
	/* Only reached if the cap failed to stop us. */
	vy_line("memhog survived the cap");
	return 1;
}

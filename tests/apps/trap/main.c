/* trap: an app that traps (an unreachable instruction) after one line. The
 * runner must report the trap and exit with code 72. */
#include <vyoma.h>

int main(void)
{
	vy_line("about to trap");
	vy_flush();
	__builtin_trap();
}

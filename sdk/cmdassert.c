/* cmdassert: __assert_fail for libc code the commands use (musl's regcomp,
 * in wasi-libc, asserts). wasi-libc's own prints with fprintf, which would
 * drag in stdio and its WASI preview1 imports (a component cannot have
 * them); this one says it on stderr through the SDK and traps. */
#include <vyoma.h>

_Noreturn void __assert_fail(const char *expr, const char *file, int line, const char *func);
_Noreturn void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
	vy_log("assertion failed: %s (%s:%d, %s)", expr, file, line, func);
	__builtin_trap();
}

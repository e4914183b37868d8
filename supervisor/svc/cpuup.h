/* cpuup: the CPUs the kernel left offline at boot (maxcpus=1 under TCG,
 * scripts/qemu.sh), brought online by PID 1 once the system is ready
 * (docs/kernel.md, "One CPU at boot"). */
#ifndef VYOMA_CPUUP_H
#define VYOMA_CPUUP_H

#include <stdbool.h>
#include <sys/types.h>

#define CPUUP_SYSFS "/sys/devices/system/cpu"
#define CPUUP_MAX 64 /* CPUs brought up by one request */

/* Writes "1" to <cpudir>/cpuN/online for every CPU whose online file says
 * 0, in a child process: the kernel returns from that write only once the
 * CPU runs (tens of milliseconds under emulation), and PID 1 never waits.
 * The child's end is logged by cpuup_reaped. The number of CPUs asked for
 * (0: none offline, or a request is still under way), or -1 (logged). */
int cpuup_start(const char *cpudir);
/* A reaped child that is no app: true when it was cpuup's, whose outcome is
 * then logged (the CPUs asked for, how long it took, the kernel's list of
 * online CPUs). */
bool cpuup_reaped(pid_t pid, int wstatus);

#endif

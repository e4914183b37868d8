/* pid1: what only the init process does: mounts, console, reboot(2). */
#ifndef VYOMA_PID1_H
#define VYOMA_PID1_H

#include <stdbool.h>

/* Make sure fds 0, 1 and 2 are open (the console, else /dev/null). */
void pid1_std_fds(void);
/* Mount /dev, /proc, /sys, /tmp and /data (docs/pid1.md). Failures are
 * logged and not fatal; returns how many mounts failed. */
int pid1_mount_all(void);
/* Signal every process but init (before power off). */
void pid1_kill_all(int sig);
/* sync, then reboot(2): restart when `restart`, else power off. When that
 * is impossible, never returns and never exits (PID 1 must not). */
_Noreturn void pid1_halt(bool restart);
/* A fatal error as PID 1: log it, then power off cleanly (no panic). */
_Noreturn void pid1_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

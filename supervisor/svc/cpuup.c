/* cpuup: brings online the CPUs the kernel left offline at boot. Under TCG
 * scripts/qemu.sh boots the kernel with maxcpus=1: bringing up the second
 * CPU and then running the boot on two emulated CPUs cost more before
 * readiness than they gave (docs/kernel.md, "One CPU at boot"). The
 * machine keeps every CPU: start/sup.c calls cpuup_start once the system
 * is ready (or at once for a boot list longer than one CPU starts at a
 * time), and from then on the scheduler has them all. The write to
 * cpuN/online returns only when that CPU runs, so a child process makes it
 * and PID 1 goes on; the child's exit status is the errno of the first
 * write that failed (0: all came up), logged when PID 1 reaps it. */
#include "cpuup.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define CPUUP_DIR 256
#define CPUUP_PATH (CPUUP_DIR + 32)
#define CPUUP_LIST 256 /* "cpu1 cpu2 ..." for the log */

static struct {
	pid_t pid; /* the child under way, 0: none */
	double t0; /* when it was started, ms */
	char cpudir[CPUUP_DIR];
	char list[CPUUP_LIST];
} cu;

static double cpuup_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The first bytes of a small sysfs file, NUL-ended; "" when unreadable. */
static void cpuup_read(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, buf, len - 1) : -1;

	buf[n > 0 ? (size_t)n : 0] = '\0';
	if (fd >= 0)
		close(fd);
}

/* "cpu12" -> 12; -1 for any other name (cpufreq, cpuidle, online, ...). */
static long cpuup_num(const char *name)
{
	char *end;
	long n;

	if (strncmp(name, "cpu", 3) != 0 || !isdigit((unsigned char)name[3]))
		return -1;
	errno = 0;
	n = strtol(name + 3, &end, 10);
	return *end || errno || n > 99999 ? -1 : n;
}

/* The offline CPUs under cpudir: their numbers in cpus (at most CPUUP_MAX). */
static int cpuup_offline(const char *cpudir, long *cpus)
{
	char path[CPUUP_PATH], val[8];
	struct dirent *e;
	DIR *d = opendir(cpudir);
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)) && n < CPUUP_MAX) {
		long c = cpuup_num(e->d_name);
		if (c < 0)
			continue;
		snprintf(path, sizeof path, "%s/cpu%ld/online", cpudir, c);
		cpuup_read(path, val, sizeof val);
		if (val[0] == '0') /* no file (cpu0 often has none): online for good */
			cpus[n++] = c;
	}
	closedir(d);
	return n;
}

/* The child: every write, then out. Only system calls and snprintf. */
static _Noreturn void cpuup_child(const long *cpus, int n)
{
	char path[CPUUP_PATH];
	int first = 0;

	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof path, "%s/cpu%ld/online", cu.cpudir, cpus[i]);
		int fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd < 0 || write(fd, "1", 1) != 1) {
			if (!first)
				first = errno ? errno : EIO;
		}
		if (fd >= 0)
			close(fd);
	}
	_exit(first & 0xff);
}

int cpuup_start(const char *cpudir)
{
	long cpus[CPUUP_MAX];
	size_t used = 0;
	double t;
	int n;

	if (cu.pid > 0)
		return 0;
	if (strlen(cpudir) >= CPUUP_DIR) {
		log_warn(NULL, "cpus: %s: path too long: no CPU brought online", cpudir);
		return -1;
	}
	n = cpuup_offline(cpudir, cpus);
	if (n < 0) {
		log_warn(NULL, "cpus: %s: %s: no CPU brought online", cpudir, strerror(errno));
		return -1;
	}
	if (n == 0)
		return 0;
	snprintf(cu.cpudir, sizeof cu.cpudir, "%s", cpudir);
	cu.list[0] = '\0';
	for (int i = 0; i < n && used < sizeof cu.list; i++) {
		int w = snprintf(cu.list + used, sizeof cu.list - used, "%scpu%ld", i ? " " : "",
				 cpus[i]);
		used += w > 0 ? (size_t)w : 0;
	}
	t = cpuup_ms();
	pid_t pid = fork();
	if (pid == 0)
		cpuup_child(cpus, n);
	if (pid < 0) {
		log_warn(NULL, "cpus: fork: %s: %s stay offline", strerror(errno), cu.list);
		return -1;
	}
	cu.pid = pid;
	cu.t0 = t;
	log_info(NULL, "cpus: bringing %s online (pid %d; PID 1 spent %.1f ms forking it)", cu.list,
		 (int)pid, cpuup_ms() - t);
	return n;
}

/* The kernel's list of online CPUs ("0-1"), kept to the characters such a
 * list has. */
static void cpuup_online_list(char *buf, size_t len)
{
	char path[CPUUP_PATH], raw[64];
	size_t o = 0;

	snprintf(path, sizeof path, "%s/online", cu.cpudir);
	cpuup_read(path, raw, sizeof raw);
	for (const char *p = raw; *p && o + 1 < len; p++)
		if (isdigit((unsigned char)*p) || *p == '-' || *p == ',')
			buf[o++] = *p;
	buf[o] = '\0';
	if (!o)
		snprintf(buf, len, "unknown");
}

bool cpuup_reaped(pid_t pid, int wstatus)
{
	char online[64];
	double ms;

	if (cu.pid <= 0 || pid != cu.pid)
		return false;
	cu.pid = 0;
	ms = cpuup_ms() - cu.t0;
	cpuup_online_list(online, sizeof online);
	if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0)
		log_info(NULL, "cpus: %s online after %.0f ms; online now: %s", cu.list, ms, online);
	else if (WIFEXITED(wstatus))
		log_warn(NULL, "cpus: bringing %s online: %s (after %.0f ms); online now: %s", cu.list,
			 strerror(WEXITSTATUS(wstatus)), ms, online);
	else
		log_warn(NULL, "cpus: the child bringing %s online ended by signal %d; online now: %s",
			 cu.list, WIFSIGNALED(wstatus) ? WTERMSIG(wstatus) : 0, online);
	return true;
}

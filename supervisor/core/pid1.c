/* pid1: the duties of the init process that the hosted supervisor does not
 * have. The kernel starts us with nothing mounted and will panic if we ever
 * exit, so every failure here is logged and survived, and the way out is
 * always sync + reboot(2). Why each mount exists: docs/pid1.md. */
#include "pid1.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "log.h"

static const struct {
	const char *source, *target, *type;
	unsigned long flags;
	const char *data;
	bool optional; /* absence is normal (no 9P share given to QEMU) */
	mode_t mode;   /* chmod after mounting (or not), 0: leave as it is */
} pid1_mounts[] = {
	{ "devtmpfs", "/dev", "devtmpfs", MS_NOSUID, "mode=0755", false, 0 },
	{ "proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, false, 0 },
	{ "sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, false, 0 },
	{ "tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777,size=16m", false, 0 },
	/* Apps with `filesystem` share /data, each under a uid of its own
	 * (lib/jail.h): the top is writable by all of them, sticky so that
	 * none removes what another made there. */
	{ "data", "/data", "9p", 0, "trans=virtio,version=9p2000.L,msize=262144", true, 01777 },
	/* What the system keeps (installed packages): persistent, and not
	 * under /data, where apps with `filesystem` could change it. */
	{ "state", "/var/lib/vyoma", "9p", MS_NOSUID | MS_NODEV | MS_NOEXEC,
	  "trans=virtio,version=9p2000.L,msize=262144", true, 0 },
	/* The package repository the host shares (make run: build/packages/). */
	{ "packages", "/repo", "9p", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
	  "trans=virtio,version=9p2000.L,msize=262144", true, 0 },
};

void pid1_std_fds(void)
{
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) >= 0)
			continue;
		int n = open("/dev/console", O_RDWR | O_NOCTTY);
		if (n < 0)
			n = open("/dev/null", O_RDWR);
		if (n >= 0 && n != fd) {
			dup2(n, fd);
			close(n);
		}
	}
}

int pid1_mount_all(void)
{
	int failed = 0;

	for (size_t i = 0; i < sizeof pid1_mounts / sizeof pid1_mounts[0]; i++) {
		const char *t = pid1_mounts[i].target;
		file_mkdirs(t, 0755); /* the image may lack its parents; mount says if it failed */
		if (mount(pid1_mounts[i].source, t, pid1_mounts[i].type, pid1_mounts[i].flags,
			  pid1_mounts[i].data) == 0) {
			log_info(NULL, "mounted %s on %s", pid1_mounts[i].type, t);
			if (pid1_mounts[i].mode && chmod(t, pid1_mounts[i].mode) != 0)
				log_warn(NULL, "chmod %s: %s", t, strerror(errno));
			continue;
		}
		if (errno == EBUSY) /* the kernel did it already (devtmpfs.mount=1) */
			continue;
		if (pid1_mounts[i].optional) {
			log_info(NULL, "no %s on %s (%s): continuing without it", pid1_mounts[i].type,
				 t, strerror(errno));
			if (pid1_mounts[i].mode)
				chmod(t, pid1_mounts[i].mode); /* the image's folder stands in */
			continue;
		}
		log_err(NULL, "mount %s on %s: %s", pid1_mounts[i].type, t, strerror(errno));
		failed++;
	}
	return failed;
}

void pid1_kill_all(int sig)
{
	/* kill(-1) from PID 1 reaches every process except init itself. */
	kill(-1, sig);
}

_Noreturn void pid1_halt(bool restart)
{
	int cmd = restart ? RB_AUTOBOOT : RB_POWER_OFF;

	sync();
	log_info(NULL, "%s", restart ? "rebooting" : "powering off");
	reboot(cmd);
	log_err(NULL, "reboot(2): %s; halting here", strerror(errno));
	for (;;)
		pause();
}

_Noreturn void pid1_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(LOG_ERR, NULL, fmt, ap);
	va_end(ap);
	log_err(NULL, "cannot continue: powering off");
	if (getpid() == 1)
		pid1_halt(false);
	_exit(1);
}

/* selfcheck: proves the runner's sandbox from inside a runner process, the
 * way an app's runner is sandboxed (same sbx_apply, same caps). Each probe
 * is a real system call; the expected outcome depends on the capabilities,
 * so a policy that is too loose or too tight fails the check. */
#include "selfcheck.h"

#include "manifest.h"

#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

static int probe_ptrace(void) { return (int)ptrace(PTRACE_TRACEME, 0, NULL, NULL); }
static int probe_mount(void) { return mount("none", "/tmp", "tmpfs", 0, NULL); }
static int probe_unshare(void) { return unshare(CLONE_NEWUSER); }
static int probe_bpf(void) { return (int)syscall(SYS_bpf, 0, NULL, 0); }
static int probe_reboot(void) { return (int)syscall(SYS_reboot, 0, 0, 0, NULL); }
static int probe_kexec(void) { return (int)syscall(SYS_kexec_load, 0, 0, NULL, 0); }

static int probe_socket(int domain, int type)
{
	int fd = socket(domain, type, 0);
	if (fd >= 0)
		close(fd);
	return fd >= 0 ? 0 : -1;
}

static int probe_tcp(void) { return probe_socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC); }
static int probe_tcp6(void) { return probe_socket(AF_INET6, SOCK_STREAM); }
static int probe_udp(void) { return probe_socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK); }
static int probe_unix(void) { return probe_socket(AF_UNIX, SOCK_STREAM); }

int selfcheck_run(unsigned caps)
{
	const int net = (caps & CAP_NETWORK) != 0;
	const struct {
		const char *name;
		int (*fn)(void);
		int allowed;
	} probes[] = {
		{"ptrace", probe_ptrace, 0}, {"mount", probe_mount, 0},
		{"unshare", probe_unshare, 0}, {"bpf", probe_bpf, 0},
		{"reboot", probe_reboot, 0}, {"kexec", probe_kexec, 0},
		{"tcp", probe_tcp, net}, {"tcp6", probe_tcp6, net},
		{"udp", probe_udp, 0}, {"unix", probe_unix, 1},
	};
	int bad = 0;

	for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
		int ok = probes[i].fn() == 0;
		int e = errno;
		/* A probe refused for another reason than the policy (EPERM or
		 * EACCES from seccomp) says nothing; count it as a failure. */
		int denied = !ok && (e == EPERM || e == EACCES);
		int good = probes[i].allowed ? ok : denied;
		printf("sandbox %s %s%s\n", probes[i].name, ok ? "allowed" : "denied",
		       good ? "" : " UNEXPECTED");
		bad += !good;
	}
	fflush(stdout);
	return bad ? -1 : 0;
}

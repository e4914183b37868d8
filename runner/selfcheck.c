/* selfcheck: proves the runner's sandbox from inside a runner process, the
 * way an app's runner is confined (same jail, same sbx_apply, same caps,
 * entered by the same code in main.c). Each probe is a real system call;
 * the expected outcome depends on the capabilities, so a policy that is
 * too loose or too tight fails the check.
 *
 * Two tables. The seccomp probes of the first say "allowed"/"denied". The
 * escape probes of the second are what a compromised Wasmtime would try
 * (issue 11): each must fail with an errno that names a refusal (EPERM,
 * EACCES, or for paths ENOENT/EROFS: the file is not in the jail, the
 * jail is read only). Another errno (EINVAL from a call that reached the
 * kernel) proves nothing and fails the check. Every escape probe is
 * written to do no harm if it succeeds: fds are closed, signal 0, a
 * scheduling change reverted, zero-length transfers. */
#include "selfcheck.h"

#include "manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/keyctl.h>
#include <linux/perf_event.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
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

static int selfcheck_seccomp(unsigned caps)
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
	return bad;
}

/* ---- escapes ------------------------------------------------------------ */

static const struct selfcheck_targets *tg;
static pid_t victim; /* another process: our parent (the supervisor) */

/* A returned fd is closed at once: success is what counts. */
static int esc_fd(long fd)
{
	if (fd < 0)
		return -1;
	close((int)fd);
	return 0;
}

static int esc_open(const char *path, int flags) { return esc_fd(open(path, flags | O_CLOEXEC, 0644)); }

static int esc_proc_mem(void)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/mem", (int)victim);
	return esc_open(path, O_RDWR);
}

static int esc_proc1_mem(void) { return esc_open("/proc/1/mem", O_RDONLY); }

/* fcntl on a pipe of our own: the owner/signal would steer SIGIO. */
static int esc_fcntl(int cmd, long arg)
{
	int p[2], rc;

	if (pipe2(p, O_CLOEXEC) != 0) {
		errno = ENOTRECOVERABLE; /* no pipe: the probe proves nothing */
		return -1;
	}
	rc = fcntl(p[0], cmd, arg);
	close(p[0]);
	close(p[1]);
	return rc < 0 ? -1 : 0;
}

static int esc_setown(void) { return esc_fcntl(F_SETOWN, victim); }
static int esc_setsig(void) { return esc_fcntl(F_SETSIG, SIGKILL); }
static int esc_async(void) { return esc_fcntl(F_SETFL, O_ASYNC); }

static int esc_sched_fifo(void)
{
	struct sched_param sp = {.sched_priority = 1};
	struct sched_param none = {.sched_priority = 0};

	if (sched_setscheduler(0, SCHED_FIFO, &sp) != 0)
		return -1;
	sched_setscheduler(0, SCHED_OTHER, &none);
	return 0;
}

static int esc_setpriority(void) { return setpriority(PRIO_PROCESS, (id_t)victim, 0); }

static int esc_move_pages(void)
{
	return (int)syscall(SYS_move_pages, victim, 0UL, NULL, NULL, NULL, 0);
}

static int esc_migrate_pages(void)
{
	unsigned long mask = 1;
	return (int)syscall(SYS_migrate_pages, victim, 2UL, &mask, &mask) < 0 ? -1 : 0;
}

static int esc_vm_writev(void)
{
	return (int)syscall(SYS_process_vm_writev, victim, NULL, 0UL, NULL, 0UL, 0UL);
}

static int esc_vm_readv(void)
{
	return (int)syscall(SYS_process_vm_readv, victim, NULL, 0UL, NULL, 0UL, 0UL);
}

static int esc_io_uring(void)
{
	char params[120]; /* struct io_uring_params */
	memset(params, 0, sizeof params);
	return esc_fd(syscall(SYS_io_uring_setup, 1, params));
}

static int esc_userfaultfd(void) { return esc_fd(syscall(SYS_userfaultfd, O_CLOEXEC)); }

static int esc_keyctl(void)
{
	return syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0) < 0 ? -1 : 0;
}

static int esc_add_key(void)
{
	return syscall(SYS_add_key, "user", "vyoma-probe", "x", 1, KEY_SPEC_PROCESS_KEYRING) < 0
		       ? -1 : 0;
}

static int esc_open_by_handle(void)
{
	struct {
		unsigned int bytes;
		int type;
		unsigned char h[8];
	} fh = {8, 1, {0}};
	return esc_fd(syscall(SYS_open_by_handle_at, AT_FDCWD, &fh, O_RDONLY));
}

static int esc_perf(void)
{
	struct perf_event_attr a;

	memset(&a, 0, sizeof a);
	a.size = sizeof a;
	a.type = PERF_TYPE_SOFTWARE;
	a.config = PERF_COUNT_SW_CPU_CLOCK;
	return esc_fd(syscall(SYS_perf_event_open, &a, 0, -1, -1, 0));
}

static int esc_bpf(void)
{
	/* BPF_MAP_CREATE of a one-entry array: valid, so only a refusal fails. */
	unsigned int attr[12] = {2 /* BPF_MAP_TYPE_ARRAY */, 4, 4, 1};
	return esc_fd(syscall(SYS_bpf, 0 /* BPF_MAP_CREATE */, attr, sizeof attr));
}

static int esc_unshare_ns(void) { return unshare(CLONE_NEWNS); }
static int esc_unshare_pid(void) { return unshare(CLONE_NEWPID); }
static int esc_unshare_net(void) { return unshare(CLONE_NEWNET); }
static int esc_setns(void) { return setns(0, CLONE_NEWNET); }
static int esc_ptrace_attach(void)
{
	if (ptrace(PTRACE_ATTACH, victim, NULL, NULL) != 0)
		return -1;
	ptrace(PTRACE_DETACH, victim, NULL, NULL);
	return 0;
}
static int esc_kill(void) { return kill(victim, 0); }
static int esc_kill_init(void) { return kill(1, 0); }
static int esc_setuid0(void) { return setuid(0); }
static int esc_chroot(void) { return chroot(".."); }
static int esc_fb0(void) { return esc_open("/dev/fb0", O_RDWR); }
static int esc_input(void) { return esc_open("/dev/input/event0", O_RDONLY); }
static int esc_dri(void) { return esc_open("/dev/dri/card0", O_RDWR); }
static int esc_devmem(void) { return esc_open("/dev/mem", O_RDONLY); }
static int esc_sys(void) { return esc_open("/sys/kernel/notes", O_RDONLY); }
static int esc_apps(void) { return esc_open("/apps", O_RDONLY | O_DIRECTORY); }

static int esc_cache_plant(void)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/planted.cwasm", tg->cache_dir ? tg->cache_dir : "");
	return esc_open(path, O_WRONLY | O_CREAT | O_EXCL);
}

static int esc_cache_write(void) { return esc_open(tg->cache_file, O_WRONLY); }

static int esc_data_proc(void)
{
	/* Without filesystem there is no /data at all; with it, /data is
	 * there but the jail's root around it is not writable. */
	return esc_open("/planted", O_WRONLY | O_CREAT | O_EXCL);
}

#define PATHS (1 << 0) /* ENOENT / EROFS / ENOTDIR are refusals too */

static int esc_refusal(int e, unsigned kind)
{
	if (e == EPERM || e == EACCES)
		return 1;
	return (kind & PATHS) && (e == ENOENT || e == EROFS || e == ENOTDIR);
}

static int esc_report(const char *name, int rc, int e, unsigned kind)
{
	if (rc == 0) {
		printf("probe %s: ESCAPED\n", name);
		return 1;
	}
	if (!esc_refusal(e, kind)) {
		printf("probe %s: failed with %s, not a refusal: INCONCLUSIVE\n", name,
		       strerrorname_np(e) ? strerrorname_np(e) : "?");
		return 1;
	}
	printf("probe %s: blocked (%s)\n", name, strerrorname_np(e));
	return 0;
}

static int selfcheck_escapes(void)
{
	static const struct {
		const char *name;
		int (*fn)(void);
		unsigned kind;
	} probes[] = {
		{"proc-pid-mem", esc_proc_mem, PATHS}, {"proc-1-mem", esc_proc1_mem, PATHS},
		{"fcntl-setown", esc_setown, 0},       {"fcntl-setsig", esc_setsig, 0},
		{"fcntl-async", esc_async, 0},         {"sched-fifo", esc_sched_fifo, 0},
		{"setpriority-other", esc_setpriority, 0},
		{"move-pages", esc_move_pages, 0},     {"migrate-pages", esc_migrate_pages, 0},
		{"process-vm-writev", esc_vm_writev, 0}, {"process-vm-readv", esc_vm_readv, 0},
		{"io-uring-setup", esc_io_uring, 0},   {"userfaultfd", esc_userfaultfd, 0},
		{"keyctl", esc_keyctl, 0},             {"add-key", esc_add_key, 0},
		{"open-by-handle-at", esc_open_by_handle, 0},
		{"perf-event-open", esc_perf, 0},      {"bpf", esc_bpf, 0},
		{"unshare-mount", esc_unshare_ns, 0},  {"unshare-pid", esc_unshare_pid, 0},
		{"unshare-net", esc_unshare_net, 0},   {"setns", esc_setns, 0},
		{"ptrace-attach", esc_ptrace_attach, 0},
		{"kill-other", esc_kill, 0},           {"kill-init", esc_kill_init, 0},
		{"setuid-0", esc_setuid0, 0},          {"chroot", esc_chroot, 0},
		{"dev-fb0", esc_fb0, PATHS},           {"dev-input", esc_input, PATHS},
		{"dev-dri", esc_dri, PATHS},           {"dev-mem", esc_devmem, PATHS},
		{"sysfs", esc_sys, PATHS},             {"other-apps-dir", esc_apps, PATHS},
		{"cache-plant", esc_cache_plant, PATHS},
		{"cache-write", esc_cache_write, PATHS},
		{"root-write", esc_data_proc, PATHS},
	};
	char name[64];
	int bad = 0, rc;

	for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
		if (probes[i].fn == esc_cache_write && !tg->cache_file) {
			printf("probe %s: skipped (no artifact in the jail)\n", probes[i].name);
			continue;
		}
		errno = 0;
		rc = probes[i].fn();
		bad += esc_report(probes[i].name, rc, errno, probes[i].kind);
	}
	for (size_t i = 0; i < tg->nothers; i++) {
		snprintf(name, sizeof name, "other-app-file-%zu", i + 1);
		errno = 0;
		rc = esc_open(tg->others[i], O_RDONLY);
		bad += esc_report(name, rc, errno, PATHS);
	}
	return bad;
}

int selfcheck_run(unsigned caps, const struct selfcheck_targets *t)
{
	int bad;

	tg = t;
	victim = getppid();
	bad = selfcheck_seccomp(caps);
	bad += selfcheck_escapes();
	printf("sandbox check: %s\n", bad ? "FAILED" : "every probe as expected");
	fflush(stdout);
	return bad ? -1 : 0;
}

/* sbx: the runner's own sandbox. Wasmtime is the real boundary around an
 * app; this is the layer under it (the spec's "Layer 3", with lib/jail.c),
 * so that a bug in Wasmtime or in our host code still leaves a process
 * that cannot reach the kernel's riskiest interfaces, other processes, or
 * networks the app did not declare.
 *
 * Two seccomp filters, stacked (the kernel runs both and the stricter
 * answer wins; between two errnos, the later filter's):
 *  1. an allowlist, default EPERM: the system calls a runner was seen
 *     making once its sandbox is on (measured with strace over the whole
 *     integration suite, docs/audit.md), plus the few the WASI surface can
 *     reach that the suite did not. EPERM rather than a kill, so that a
 *     call the measurement missed is an error the app sees, not a dead app.
 *  2. a denylist with argument conditions, default ALLOW, loaded second so
 *     its errnos (EACCES for sockets, ENOSYS for clone3) are the ones the
 *     runner sees, and so every escape stays named and refused here even
 *     if the allowlist grows. Every rule is in the tables below with the
 *     reason for its group. */
#include "sbx.h"
#include "manifest.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <netinet/in.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

/* The socket rules below rely on this numbering to cover every other
 * address family with one "greater than AF_INET6" rule. */
_Static_assert(AF_UNSPEC == 0 && AF_UNIX == 1 && AF_INET == 2 && AF_INET6 == 10,
	       "address family numbering");

#define SBX_SELF_PID (~(scmp_datum_t)0) /* datum placeholder: our own pid */
#define SBX_MAX_CMP  2

struct sbx_rule {
	const char *syscall;
	int err; /* errno the call fails with */
	unsigned ncmp;
	struct scmp_arg_cmp cmp[SBX_MAX_CMP];
};

#define CMP(a, o, x, y) {.arg = (a), .op = (o), .datum_a = (x), .datum_b = (y)}
#define DENY(sc)                {(sc), EPERM, 0, {CMP(0, SCMP_CMP_EQ, 0, 0)}}
#define DENY_ERR(sc, e)         {(sc), (e), 0, {CMP(0, SCMP_CMP_EQ, 0, 0)}}
#define DENY_IF(sc, e, c)       {(sc), (e), 1, {c}}
#define DENY_IF2(sc, e, c, d)   {(sc), (e), 2, {c, d}}
/* (arg & mask) == value */
#define MASKED(a, mask, v)      CMP((a), SCMP_CMP_MASKED_EQ, (mask), (v))
/* int-typed arguments: compare only the low 32 bits, because the kernel
 * truncates and garbage in the upper half must not slip past an EQ. */
#define INT_EQ(a, v)            MASKED((a), 0xffffffffu, (v))
#define FLAG_SET(a, f)          MASKED((a), (f), (f))

static const struct sbx_rule sbx_always[] = {
	/* Reading or steering other processes: the runner only ever touches
	 * itself, and these are how a compromised one would reach the
	 * supervisor or another app's memory. */
	DENY("ptrace"),
	DENY("process_vm_readv"),
	DENY("process_vm_writev"),
	DENY("process_madvise"),
	DENY("kcmp"),
	DENY("pidfd_getfd"),
	DENY("pidfd_send_signal"),
	DENY("tkill"), /* thread ids of other processes; glibc uses tgkill */
	DENY_IF("kill", EPERM, CMP(0, SCMP_CMP_NE, SBX_SELF_PID, 0)),
	DENY_IF("tgkill", EPERM, CMP(0, SCMP_CMP_NE, SBX_SELF_PID, 0)),
	DENY_IF("rt_sigqueueinfo", EPERM, CMP(0, SCMP_CMP_NE, SBX_SELF_PID, 0)),
	DENY_IF("rt_tgsigqueueinfo", EPERM, CMP(0, SCMP_CMP_NE, SBX_SELF_PID, 0)),
	/* Signals by proxy: a pipe with O_ASYNC and an owner sends SIGIO (or
	 * any signal F_SETSIG names) to that owner, around "kill only
	 * ourselves". No owner, no chosen signal, no async I/O; leases and
	 * dnotify signal too. */
	DENY_IF("fcntl", EPERM, INT_EQ(1, F_SETOWN)),
	DENY_IF("fcntl", EPERM, INT_EQ(1, F_SETOWN_EX)),
	DENY_IF("fcntl", EPERM, INT_EQ(1, F_SETSIG)),
	DENY_IF("fcntl", EPERM, INT_EQ(1, F_SETLEASE)),
	DENY_IF("fcntl", EPERM, INT_EQ(1, F_NOTIFY)),
	DENY_IF2("fcntl", EPERM, INT_EQ(1, F_SETFL), FLAG_SET(2, O_ASYNC)),
	/* The scheduler and the memory placement of this or any process: a
	 * real-time runner starves the machine, and these take other pids. */
	DENY("sched_setscheduler"),
	DENY("sched_setparam"),
	DENY("sched_setattr"),
	DENY("setpriority"),
	DENY("ioprio_set"),
	DENY("move_pages"),
	DENY("migrate_pages"),
	DENY("mbind"),
	DENY("set_mempolicy"),
	DENY("set_mempolicy_home_node"),

	/* New processes and programs: the runner is one process running one
	 * component. Forking is only ever a fork bomb or an escape, exec only
	 * an escape. Threads stay allowed (CLONE_THREAD): Wasmtime and
	 * Cranelift use them. clone3 passes its flags in memory that seccomp
	 * cannot read, so it answers ENOSYS and glibc falls back to clone,
	 * whose flags we can check. */
	DENY_IF("clone", EPERM, MASKED(0, CLONE_THREAD, 0)),
	DENY_ERR("clone3", ENOSYS),
	DENY("fork"),
	DENY("vfork"),
	DENY("execve"),
	DENY("execveat"),

	/* Namespaces, mounts and the root: new user namespaces are the
	 * classic door to kernel bugs that need CAP_SYS_ADMIN, and nothing in
	 * a runner reshapes its view of the filesystem. Both mount APIs. */
	DENY_IF("clone", EPERM, FLAG_SET(0, CLONE_NEWUSER)),
	DENY_IF("clone", EPERM, FLAG_SET(0, CLONE_NEWNS)),
	DENY_IF("clone", EPERM, FLAG_SET(0, CLONE_NEWPID)),
	DENY_IF("clone", EPERM, FLAG_SET(0, CLONE_NEWNET)),
	DENY_IF("clone", EPERM, FLAG_SET(0, CLONE_NEWUTS)),
	DENY_IF("clone", EPERM, FLAG_SET(0, CLONE_NEWIPC)),
	DENY_IF("clone", EPERM, FLAG_SET(0, CLONE_NEWCGROUP)),
	DENY("unshare"),
	DENY("setns"),
	DENY("mount"),
	DENY("umount2"),
	DENY("pivot_root"),
	DENY("chroot"),
	DENY("fsopen"),
	DENY("fsconfig"),
	DENY("fsmount"),
	DENY("fspick"),
	DENY("move_mount"),
	DENY("open_tree"),
	DENY("mount_setattr"),

	/* Loading, replacing or stopping the kernel, and kernel-wide state:
	 * never the business of an app's process. */
	DENY("kexec_load"),
	DENY("kexec_file_load"),
	DENY("init_module"),
	DENY("finit_module"),
	DENY("delete_module"),
	DENY("reboot"),
	DENY("swapon"),
	DENY("swapoff"),
	DENY("acct"),
	DENY("quotactl"),
	DENY("quotactl_fd"),
	DENY("syslog"),
	DENY("sethostname"),
	DENY("setdomainname"),
	DENY("vhangup"),

	/* Large kernel attack surfaces the runner never uses: eBPF and perf
	 * (verifier and PMU bugs), userfaultfd (used to win kernel races),
	 * io_uring (its operations bypass seccomp entirely, including
	 * socket creation), keyrings, fanotify, and the obsolete or
	 * x86-specific calls below. */
	DENY("bpf"),
	DENY("perf_event_open"),
	DENY("userfaultfd"),
	DENY("io_uring_setup"),
	DENY("io_uring_enter"),
	DENY("io_uring_register"),
	DENY("add_key"),
	DENY("request_key"),
	DENY("keyctl"),
	DENY("fanotify_init"),
	DENY("lookup_dcookie"),
	DENY("uselib"),
	DENY("_sysctl"),
	DENY("sysfs"),
	DENY("ustat"),
	DENY("iopl"),
	DENY("ioperm"),
	DENY("modify_ldt"),
	/* READ_IMPLIES_EXEC and friends would undo W^X; a pure query
	 * (0xffffffff) stays allowed because runtimes ask. */
	DENY_IF("personality", EPERM, CMP(0, SCMP_CMP_NE, 0xffffffffu, 0)),

	/* File handles open any inode by number, around directory
	 * permissions (the "shocker" container escape). */
	DENY("open_by_handle_at"),
	DENY("name_to_handle_at"),

	/* The system clock belongs to the whole machine. */
	DENY("settimeofday"),
	DENY("clock_settime"),
	DENY("clock_adjtime"),
	DENY("adjtimex"),

	/* Device nodes: WASI has no mknod, and a device node is raw access
	 * to hardware or kernel memory. */
	DENY("mknod"),
	DENY("mknodat"),

	/* Identity and limits: the runner drops what it drops before
	 * sbx_apply; afterwards it may neither change who it is nor raise
	 * the limits set here (root could, with CAP_SYS_RESOURCE). Reading
	 * limits (prlimit64 with no new limit) stays allowed. */
	DENY("setuid"),
	DENY("setgid"),
	DENY("setreuid"),
	DENY("setregid"),
	DENY("setresuid"),
	DENY("setresgid"),
	DENY("setfsuid"),
	DENY("setfsgid"),
	DENY("setgroups"),
	DENY("capset"),
	/* What lib/jail.c set stays set: dumpable, ptracer, securebits,
	 * capabilities, the memory map's fields. */
	DENY_IF("prctl", EPERM, INT_EQ(0, PR_SET_DUMPABLE)),
	DENY_IF("prctl", EPERM, INT_EQ(0, PR_SET_PTRACER)),
	DENY_IF("prctl", EPERM, INT_EQ(0, PR_SET_SECUREBITS)),
	DENY_IF("prctl", EPERM, INT_EQ(0, PR_CAP_AMBIENT)),
	DENY_IF("prctl", EPERM, INT_EQ(0, PR_SET_MM)),
	/* Last: no filter after this one (the allowlist lets libseccomp load
	 * this one; nothing needs another). */
	DENY("seccomp"),
	DENY("setrlimit"),
	DENY_IF("prlimit64", EPERM, CMP(2, SCMP_CMP_NE, 0, 0)),

	/* Typing into a terminal the runner may have inherited would be
	 * typing into the supervisor's console. */
	DENY_IF("ioctl", EPERM, INT_EQ(1, TIOCSTI)),
	DENY_IF("ioctl", EPERM, INT_EQ(1, TIOCLINUX)),
};

/* Without the network capability: AF_UNIX only (glibc and Wasmtime may use
 * local sockets); every other family, IP, packet, netlink and the rest, is
 * EACCES so the app sees "permission denied", not a missing feature. */
static const struct sbx_rule sbx_no_network[] = {
	DENY_IF("socket", EACCES, CMP(0, SCMP_CMP_NE, AF_UNIX, 0)),
};

/* With it: `network` is TCP only. AF_UNIX, AF_INET and AF_INET6 remain;
 * on IP, every socket type but SOCK_STREAM and every protocol but TCP is
 * refused. The type is masked with 0xf (the kernel's SOCK_TYPE_MASK), so
 * SOCK_NONBLOCK, SOCK_CLOEXEC or stray bits cannot hide a SOCK_DGRAM.
 * libseccomp allows one comparison per argument, so ranges are spelled
 * out: 0, 3..9 and above 10 are the families other than 1, 2, 10. */
#define IP_TYPE(fam, t) DENY_IF2("socket", EACCES, CMP(0, SCMP_CMP_EQ, (fam), 0), MASKED(1, 0xf, (t)))
static const struct sbx_rule sbx_network[] = {
	DENY_IF("socket", EACCES, CMP(0, SCMP_CMP_GT, AF_INET6, 0)),
	DENY_IF("socket", EACCES, CMP(0, SCMP_CMP_EQ, AF_UNSPEC, 0)),
	DENY_IF("socket", EACCES, CMP(0, SCMP_CMP_EQ, AF_AX25, 0)),
	DENY_IF("socket", EACCES, CMP(0, SCMP_CMP_EQ, AF_IPX, 0)),
	DENY_IF("socket", EACCES, CMP(0, SCMP_CMP_EQ, AF_APPLETALK, 0)),
	DENY_IF("socket", EACCES, CMP(0, SCMP_CMP_EQ, AF_NETROM, 0)),
	DENY_IF("socket", EACCES, CMP(0, SCMP_CMP_EQ, AF_BRIDGE, 0)),
	DENY_IF("socket", EACCES, CMP(0, SCMP_CMP_EQ, AF_ATMPVC, 0)),
	DENY_IF("socket", EACCES, CMP(0, SCMP_CMP_EQ, AF_X25, 0)),
	IP_TYPE(AF_INET, SOCK_DGRAM),
	IP_TYPE(AF_INET, SOCK_RAW),
	IP_TYPE(AF_INET, SOCK_RDM),
	IP_TYPE(AF_INET, SOCK_SEQPACKET),
	IP_TYPE(AF_INET, SOCK_DCCP),
	IP_TYPE(AF_INET, SOCK_PACKET),
	IP_TYPE(AF_INET6, SOCK_DGRAM),
	IP_TYPE(AF_INET6, SOCK_RAW),
	IP_TYPE(AF_INET6, SOCK_RDM),
	IP_TYPE(AF_INET6, SOCK_SEQPACKET),
	IP_TYPE(AF_INET6, SOCK_DCCP),
	IP_TYPE(AF_INET6, SOCK_PACKET),
	/* SOCK_STREAM can also carry SCTP or MPTCP; 0 and IPPROTO_TCP stay. */
	DENY_IF2("socket", EACCES, CMP(0, SCMP_CMP_EQ, AF_INET, 0),
		 CMP(2, SCMP_CMP_GT, IPPROTO_TCP, 0)),
	DENY_IF2("socket", EACCES, CMP(0, SCMP_CMP_EQ, AF_INET6, 0),
		 CMP(2, SCMP_CMP_GT, IPPROTO_TCP, 0)),
};

/* The allowlist (filter 1). Measured: every system call made by a runner
 * after its sandbox was on, over every run of the integration suite
 * (docs/audit.md says how); then, marked, those the WASI surface or the C
 * library can reach that the suite did not exercise. Calls the denylist
 * answers with an errno of its own (socket, clone3, kill...) must be here,
 * or this filter's EPERM would be the answer. */
static const char *const sbx_allowed[] = {
	/* measured */
	"accept4", "access", "bind", "brk", "clone", "clone3", "close", "connect",
	"epoll_create1", "epoll_ctl", "epoll_wait", "eventfd2", "exit", "exit_group",
	"fcntl", "fdatasync", "futex", "getdents64", "getpid", "getrandom", "getsockname",
	"getsockopt", "ioctl", "listen", "lseek", "madvise", "mkdirat", "mmap", "mprotect",
	"munmap", "newfstatat", "openat", "openat2", "pread64", "pwrite64", "read",
	"recvfrom", "renameat", "rseq", "rt_sigaction", "rt_sigprocmask", "rt_sigreturn",
	"sched_getaffinity", "sched_yield", "sendto", "set_robust_list", "setsockopt",
	"sigaltstack", "socket", "statx", "uname", "unlinkat", "write",
	/* wasi:filesystem calls the suite did not make */
	"fstat", "ftruncate", "fallocate", "fsync", "fadvise64", "utimensat", "linkat",
	"symlinkat", "readlinkat", "renameat2", "faccessat", "faccessat2", "readv",
	"writev", "preadv", "pwritev", "dup", "dup3", "pipe", "pipe2", "socketpair",
	/* wasi:sockets (TCP) */
	"shutdown", "getpeername", "recvmsg", "sendmsg",
	/* wasi:clocks when the vDSO is missing, sleeps */
	"clock_gettime", "clock_getres", "gettimeofday", "clock_nanosleep", "nanosleep",
	/* the C library and Rust's runtime: threads, abort, memory */
	"gettid", "getppid", "getuid", "geteuid", "getgid", "getegid", "tgkill", "kill",
	"rt_sigqueueinfo", "rt_tgsigqueueinfo", "restart_syscall", "mremap",
	"memfd_create", "epoll_pwait", "getrlimit", "prlimit64", "personality",
	/* the static runner (Wasmtime 48): its Rust RNG finds no getrandom()
	 * symbol without a loader and waits on /dev/random with poll */
	"poll", "ppoll",
	/* the denylist's own loading (libseccomp) */
	"seccomp",
};

/* prctl is allowed for these options only (thread names, the sandbox's
 * own loading); the rest of prctl changes what the jail set. */
static const int sbx_prctl_allowed[] = {
	PR_SET_NAME, PR_GET_NAME, PR_SET_NO_NEW_PRIVS, PR_GET_NO_NEW_PRIVS,
	PR_GET_SECCOMP, PR_GET_DUMPABLE,
};

const char *sbx_allowed_syscall(size_t i)
{
	if (i < sizeof sbx_allowed / sizeof sbx_allowed[0])
		return sbx_allowed[i];
	return i == sizeof sbx_allowed / sizeof sbx_allowed[0] ? "prctl" : NULL;
}

static const struct sbx_table {
	const struct sbx_rule *rules;
	size_t n;
} sbx_tables[] = {
	{sbx_always, sizeof sbx_always / sizeof sbx_always[0]},
	{sbx_no_network, sizeof sbx_no_network / sizeof sbx_no_network[0]},
	{sbx_network, sizeof sbx_network / sizeof sbx_network[0]},
};

const char *sbx_rule_syscall(size_t i)
{
	for (size_t t = 0; t < sizeof sbx_tables / sizeof sbx_tables[0]; t++) {
		if (i < sbx_tables[t].n)
			return sbx_tables[t].rules[i].syscall;
		i -= sbx_tables[t].n;
	}
	return NULL;
}

/* Lower (never raise) a limit, soft and hard together: an unprivileged
 * runner cannot go above its hard limit, and lowering the hard limit is
 * what makes it stick. */
static int sbx_limit(int res, const char *name, rlim_t want, char *err, size_t errlen)
{
	struct rlimit rl;

	if (getrlimit(res, &rl) != 0)
		goto fail;
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < want)
		want = rl.rlim_max;
	rl.rlim_cur = want;
	rl.rlim_max = want;
	if (setrlimit(res, &rl) != 0)
		goto fail;
	return 0;
fail:
	snprintf(err, errlen, "setrlimit(%s): %s", name, strerror(errno));
	return -1;
}

static int sbx_limits(size_t memory_cap_bytes, char *err, size_t errlen)
{
	struct sigaction sa;
	rlim_t data;

	/* No core files: they would hold the app's memory and fill /data. */
	if (sbx_limit(RLIMIT_CORE, "RLIMIT_CORE", 0, err, errlen) != 0)
		return -1;
	/* Counted per user, and not enforced for root at all; a backstop
	 * for runners with their own uid, sized for Wasmtime's threads. */
	if (sbx_limit(RLIMIT_NPROC, "RLIMIT_NPROC", SBX_NPROC, err, errlen) != 0)
		return -1;
	if (sbx_limit(RLIMIT_NOFILE, "RLIMIT_NOFILE", SBX_NOFILE, err, errlen) != 0)
		return -1;
	if (sbx_limit(RLIMIT_FSIZE, "RLIMIT_FSIZE", SBX_FSIZE, err, errlen) != 0)
		return -1;
	/* Over the size limit a write should fail with EFBIG, which the app
	 * sees as an error, instead of SIGXFSZ killing the runner. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	if (sigaction(SIGXFSZ, &sa, NULL) != 0) {
		snprintf(err, errlen, "sigaction(SIGXFSZ): %s", strerror(errno));
		return -1;
	}
	/* Not RLIMIT_AS: Wasmtime reserves gigabytes of address space per
	 * linear memory (guard regions) and would fail at once. RLIMIT_DATA
	 * counts only writable private memory, which Wasmtime commits as
	 * linear memory grows, so it is a backstop for the cap the runner's
	 * memory creator enforces exactly. */
	if (memory_cap_bytes) {
		data = (rlim_t)memory_cap_bytes > RLIM_INFINITY - SBX_DATA_HEADROOM
			       ? RLIM_INFINITY
			       : (rlim_t)memory_cap_bytes + SBX_DATA_HEADROOM;
		if (sbx_limit(RLIMIT_DATA, "RLIMIT_DATA", data, err, errlen) != 0)
			return -1;
	}
	return 0;
}

static int sbx_add(scmp_filter_ctx ctx, const struct sbx_rule *r, char *err, size_t errlen)
{
	struct scmp_arg_cmp cmp[SBX_MAX_CMP];
	int nr = seccomp_syscall_resolve_name(r->syscall);
	int rc;

	/* Negative: not a syscall of this architecture (iopl on arm64, say),
	 * so there is nothing to deny. A misspelt name would also land here;
	 * test_sbx checks every name resolves on x86_64. */
	if (nr < 0)
		return 0;
	memcpy(cmp, r->cmp, sizeof cmp);
	for (unsigned i = 0; i < r->ncmp; i++)
		if (cmp[i].datum_a == SBX_SELF_PID)
			cmp[i].datum_a = (scmp_datum_t)getpid();
	rc = seccomp_rule_add_array(ctx, SCMP_ACT_ERRNO((uint32_t)r->err), nr, r->ncmp, cmp);
	if (rc < 0) {
		snprintf(err, errlen, "seccomp rule for %s: %s", r->syscall, strerror(-rc));
		return -1;
	}
	return 0;
}

/* A filter context with our attributes: TSYNC (the filter covers threads
 * that already exist) and foreign architectures (int 0x80, x32 numbers)
 * killing the whole process instead of running unfiltered. */
static scmp_filter_ctx sbx_ctx(uint32_t def, char *err, size_t errlen)
{
	scmp_filter_ctx ctx = seccomp_init(def);
	int e;

	if (!ctx) {
		snprintf(err, errlen, "seccomp_init failed");
		return NULL;
	}
	e = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	if (e == 0)
		e = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	if (e != 0) {
		snprintf(err, errlen, "seccomp attributes: %s", strerror(-e));
		seccomp_release(ctx);
		return NULL;
	}
	return ctx;
}

static int sbx_load(scmp_filter_ctx ctx, char *err, size_t errlen)
{
	int e = seccomp_load(ctx);

	seccomp_release(ctx);
	if (e != 0) {
		snprintf(err, errlen, "seccomp_load: %s", strerror(-e));
		return -1;
	}
	return 0;
}

static int sbx_allowlist(char *err, size_t errlen)
{
	scmp_filter_ctx ctx = sbx_ctx(SCMP_ACT_ERRNO(EPERM), err, errlen);
	int nr, rc;

	if (!ctx)
		return -1;
	for (size_t i = 0; i < sizeof sbx_allowed / sizeof sbx_allowed[0]; i++) {
		nr = seccomp_syscall_resolve_name(sbx_allowed[i]);
		if (nr < 0) /* not a call of this architecture */
			continue;
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
		if (rc < 0) {
			snprintf(err, errlen, "allow %s: %s", sbx_allowed[i], strerror(-rc));
			goto fail;
		}
	}
	for (size_t i = 0; i < sizeof sbx_prctl_allowed / sizeof sbx_prctl_allowed[0]; i++) {
		rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, SCMP_SYS(prctl), 1,
				      SCMP_A0(SCMP_CMP_MASKED_EQ, 0xffffffffu,
					      (scmp_datum_t)sbx_prctl_allowed[i]));
		if (rc < 0) {
			snprintf(err, errlen, "allow prctl: %s", strerror(-rc));
			goto fail;
		}
	}
	return sbx_load(ctx, err, errlen);
fail:
	seccomp_release(ctx);
	return -1;
}

int sbx_apply(unsigned caps, size_t memory_cap_bytes, char *err, size_t errlen)
{
	const struct sbx_table *net = &sbx_tables[(caps & CAP_NETWORK) ? 2 : 1];
	scmp_filter_ctx ctx;

	if (err && errlen)
		err[0] = '\0';
	if (sbx_limits(memory_cap_bytes, err, errlen) != 0)
		return -1;
	/* No setuid binary or file capability can give back what we drop. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		snprintf(err, errlen, "prctl(PR_SET_NO_NEW_PRIVS): %s", strerror(errno));
		return -1;
	}
	if (sbx_allowlist(err, errlen) != 0)
		return -1;
	ctx = sbx_ctx(SCMP_ACT_ALLOW, err, errlen);
	if (!ctx)
		return -1;
	for (size_t i = 0; i < sbx_tables[0].n; i++)
		if (sbx_add(ctx, &sbx_tables[0].rules[i], err, errlen) != 0)
			goto fail;
	for (size_t i = 0; i < net->n; i++)
		if (sbx_add(ctx, &net->rules[i], err, errlen) != 0)
			goto fail;
	return sbx_load(ctx, err, errlen);
fail:
	seccomp_release(ctx);
	return -1;
}

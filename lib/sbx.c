/* sbx: the runner's own sandbox. Wasmtime is the real boundary around an
 * app; this is the layer under it (the spec's "Layer 3"), so that a bug in
 * Wasmtime or in our host code still leaves a process that cannot reach
 * the kernel's riskiest interfaces, other processes, or networks the app
 * did not declare.
 *
 * The seccomp filter is a denylist (default ALLOW) because Wasmtime, glibc
 * and Cranelift use a wide and version-dependent set of ordinary syscalls
 * (mmap, mprotect, madvise, futex, membarrier, memfd_create, signals...)
 * that an allowlist would have to track release by release. What we deny
 * is what this process never needs once app code may run. Every rule is in
 * the tables below with the reason for its group. */
#include "sbx.h"
#include "manifest.h"

#include <errno.h>
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

int sbx_apply(unsigned caps, size_t memory_cap_bytes, char *err, size_t errlen)
{
	const struct sbx_table *net = &sbx_tables[(caps & CAP_NETWORK) ? 2 : 1];
	scmp_filter_ctx ctx = NULL;
	int rc = -1, e;

	if (err && errlen)
		err[0] = '\0';
	if (sbx_limits(memory_cap_bytes, err, errlen) != 0)
		goto out;
	/* No setuid binary or file capability can give back what we drop. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		snprintf(err, errlen, "prctl(PR_SET_NO_NEW_PRIVS): %s", strerror(errno));
		goto out;
	}
	ctx = seccomp_init(SCMP_ACT_ALLOW);
	if (!ctx) {
		snprintf(err, errlen, "seccomp_init failed");
		goto out;
	}
	/* TSYNC: the filter covers threads that already exist. Foreign
	 * architectures (int 0x80, x32 numbers) kill the whole process
	 * instead of running unfiltered. */
	e = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
	if (e == 0)
		e = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	if (e != 0) {
		snprintf(err, errlen, "seccomp attributes: %s", strerror(-e));
		goto out;
	}
	for (size_t i = 0; i < sbx_tables[0].n; i++)
		if (sbx_add(ctx, &sbx_tables[0].rules[i], err, errlen) != 0)
			goto out;
	for (size_t i = 0; i < net->n; i++)
		if (sbx_add(ctx, &net->rules[i], err, errlen) != 0)
			goto out;
	e = seccomp_load(ctx);
	if (e != 0) {
		snprintf(err, errlen, "seccomp_load: %s", strerror(-e));
		goto out;
	}
	rc = 0;
out:
	if (ctx)
		seccomp_release(ctx);
	return rc;
}

/* test_sbx: the runner sandbox, proven in forked children (it cannot be
 * undone): denied calls fail with the promised errno, ordinary work goes
 * on, the socket policy follows the network capability, limits are set.
 * Every denial probe is also run unsandboxed to show it would not fail
 * with that errno anyway, so no check passes by accident. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "manifest.h"
#include "sbx.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <linux/seccomp.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

/* In a child, a failed check prints and exits non-zero; cmocka's asserts
 * belong to the parent. */
#define CHECK(cond)                                                                    \
	do {                                                                           \
		if (!(cond)) {                                                         \
			dprintf(2, "%s:%d: check failed: %s (errno %d: %s)\n", __FILE__,  \
				__LINE__, #cond, errno, strerror(errno));              \
			_exit(1);                                                      \
		}                                                                      \
	} while (0)

/* Run body in a child, sandboxed (when sandbox != 0) with caps and memcap.
 * Returns the wait status. */
static int in_child(int sandbox, unsigned caps, size_t memcap, void (*body)(void))
{
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		char err[256];

		if (sandbox && sbx_apply(caps, memcap, err, sizeof err) != 0) {
			dprintf(2, "sbx_apply: %s\n", err);
			_exit(100);
		}
		body();
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void expect_clean_exit(int status)
{
	if (!WIFEXITED(status))
		fail_msg("child killed by signal %d", WTERMSIG(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* ---- denial probes: each returns the errno of the attempt, 0 on success ---- */

static int ret_errno(long r) { return r < 0 ? errno : 0; }

static int p_ptrace(void) { return ret_errno(ptrace(PTRACE_PEEKUSER, 0, NULL, NULL)); }

static int p_vm_readv(void)
{
	char a[8], b[8] = "x";
	struct iovec l = {a, sizeof a}, r = {b, sizeof b};
	return ret_errno(process_vm_readv(getpid(), &l, 1, &r, 1, 0));
}

static int p_mount(void)
{
	return ret_errno(mount("none", "/nonexistent-vyoma-test", "tmpfs", 0, NULL));
}

static int p_unshare_user(void) { return ret_errno(unshare(CLONE_NEWUSER)); }
static int p_unshare_bad(void) { return ret_errno(unshare(0x1)); }

static int p_bpf(void)
{
	union bpf_attr attr;
	memset(&attr, 0, sizeof attr);
	return ret_errno(syscall(SYS_bpf, 0x7fff, &attr, sizeof attr));
}

/* Would be a thread with a new user namespace; the kernel refuses that
 * combination with EINVAL, the filter with EPERM first. */
static int p_clone_newuser(void)
{
	return ret_errno(syscall(SYS_clone, CLONE_NEWUSER | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM,
				 NULL, NULL, NULL, NULL));
}

static int p_clone3(void) { return ret_errno(syscall(SYS_clone3, NULL, 0)); }

static int p_fork(void)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid > 0) {
		waitpid(pid, NULL, 0);
		return 0;
	}
	return errno;
}

static int p_execve(void)
{
	char *argv[] = {"x", NULL};
	return ret_errno(execve("/nonexistent-vyoma-test", argv, argv + 1));
}

static int p_kill_parent(void) { return ret_errno(kill(getppid(), 0)); }
static int p_setuid(void) { return ret_errno(setuid(getuid())); }
static int p_personality(void) { return ret_errno(personality(PER_LINUX | READ_IMPLIES_EXEC)); }
static int p_io_uring(void) { return ret_errno(syscall(SYS_io_uring_setup, 1, NULL)); }
static int p_open_by_handle(void) { return ret_errno(syscall(SYS_open_by_handle_at, -1, NULL, 0)); }

static int p_mknod(void)
{
	return ret_errno(mknodat(AT_FDCWD, "/nonexistent-vyoma-test/x", S_IFIFO | 0600, 0));
}

static int p_fcntl_pipe(int cmd, long arg)
{
	int p[2], e;
	if (pipe(p) != 0)
		return -1000; /* not the probe's errno: fails the check */
	e = ret_errno(fcntl(p[0], cmd, arg));
	close(p[0]);
	close(p[1]);
	return e;
}

static int p_setown(void) { return p_fcntl_pipe(F_SETOWN, getppid()); }
static int p_setsig(void) { return p_fcntl_pipe(F_SETSIG, SIGKILL); }
static int p_async(void) { return p_fcntl_pipe(F_SETFL, O_ASYNC); }

static int p_fifo(void)
{
	struct sched_param sp = {.sched_priority = 1};
	return ret_errno(sched_setscheduler(0, SCHED_FIFO, &sp));
}

static int p_setpriority(void) { return ret_errno(setpriority(PRIO_PROCESS, 0, 0)); }
static int p_move_pages(void)
{
	return ret_errno((int)syscall(SYS_move_pages, getppid(), 0UL, NULL, NULL, NULL, 0));
}
static int p_dumpable(void) { return ret_errno(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0)); }
static int p_seccomp(void)
{
	unsigned int act = SECCOMP_RET_KILL_PROCESS;
	return ret_errno((int)syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &act));
}
/* On no list: the allowlist's default answer. */
static int p_sysinfo(void)
{
	struct sysinfo si;
	return ret_errno(sysinfo(&si));
}

static int p_raise_nofile(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return errno;
	rl.rlim_cur = rl.rlim_max; /* raising soft up to hard is normally allowed */
	return ret_errno(setrlimit(RLIMIT_NOFILE, &rl));
}

static int p_socket(int fam, int type, int proto)
{
	int fd = socket(fam, type, proto);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	return errno;
}

static int p_tcp4(void) { return p_socket(AF_INET, SOCK_STREAM, 0); }
static int p_tcp6(void) { return p_socket(AF_INET6, SOCK_STREAM, 0); }
static int p_udp4(void) { return p_socket(AF_INET, SOCK_DGRAM, 0); }
static int p_udp4_flags(void) { return p_socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0); }
static int p_udp6(void) { return p_socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP); }
static int p_raw4(void) { return p_socket(AF_INET, SOCK_RAW, IPPROTO_ICMP); }
static int p_netlink(void) { return p_socket(AF_NETLINK, SOCK_RAW, 0); }
static int p_packet(void) { return p_socket(AF_PACKET, SOCK_RAW, 0); }

/* Garbage in the upper half of an int argument: the kernel truncates it
 * away, so the filter must not be fooled by it. */
static int p_udp4_highbits(void)
{
	long fd = syscall(SYS_socket, (1L << 32) | AF_INET, (1L << 32) | SOCK_DGRAM, 0);
	if (fd >= 0) {
		close((int)fd);
		return 0;
	}
	return errno;
}

static int p_udp4_typebits(void)
{
	long fd = syscall(SYS_socket, AF_INET, (1L << 32) | SOCK_DGRAM, 0);
	if (fd >= 0) {
		close((int)fd);
		return 0;
	}
	return errno;
}

struct probe {
	const char *what;
	int (*fn)(void);
	int want;  /* errno when sandboxed */
	int envdep; /* may fail this way unsandboxed too (unprivileged, sysctls) */
};

static const struct probe denied_always[] = {
	{"ptrace", p_ptrace, EPERM, 0},
	{"process_vm_readv", p_vm_readv, EPERM, 0},
	{"mount", p_mount, EPERM, 1},
	{"unshare(CLONE_NEWUSER)", p_unshare_user, EPERM, 1},
	{"unshare(bad flag)", p_unshare_bad, EPERM, 0},
	{"bpf", p_bpf, EPERM, 1},
	{"clone(CLONE_NEWUSER)", p_clone_newuser, EPERM, 0},
	{"clone3", p_clone3, ENOSYS, 0},
	{"fork", p_fork, EPERM, 0},
	{"execve", p_execve, EPERM, 0},
	{"kill(parent)", p_kill_parent, EPERM, 0},
	{"setuid", p_setuid, EPERM, 0},
	{"personality(READ_IMPLIES_EXEC)", p_personality, EPERM, 0},
	{"io_uring_setup", p_io_uring, EPERM, 1},
	{"open_by_handle_at", p_open_by_handle, EPERM, 1},
	{"mknodat", p_mknod, EPERM, 0},
	{"setrlimit", p_raise_nofile, EPERM, 0},
	{"fcntl(F_SETOWN)", p_setown, EPERM, 0},
	{"fcntl(F_SETSIG)", p_setsig, EPERM, 0},
	{"fcntl(F_SETFL, O_ASYNC)", p_async, EPERM, 0},
	{"sched_setscheduler(SCHED_FIFO)", p_fifo, EPERM, 1},
	{"setpriority", p_setpriority, EPERM, 0},
	{"move_pages(parent)", p_move_pages, EPERM, 1},
	{"prctl(PR_SET_DUMPABLE)", p_dumpable, EPERM, 0},
	{"seccomp (a further filter)", p_seccomp, EPERM, 0},
	{"sysinfo (not on the allowlist)", p_sysinfo, EPERM, 0},
};

static const struct probe denied_without_network[] = {
	{"socket(AF_INET, SOCK_STREAM)", p_tcp4, EACCES, 0},
	{"socket(AF_INET6, SOCK_STREAM)", p_tcp6, EACCES, 0},
	{"socket(AF_INET, SOCK_DGRAM)", p_udp4, EACCES, 0},
	{"socket(AF_NETLINK)", p_netlink, EACCES, 0},
	{"socket(AF_PACKET)", p_packet, EACCES, 1},
	{"socket(AF_INET|high bits, SOCK_DGRAM)", p_udp4_highbits, EACCES, 0},
};

static const struct probe denied_with_network[] = {
	{"socket(AF_INET, SOCK_DGRAM)", p_udp4, EACCES, 0},
	{"socket(AF_INET, SOCK_DGRAM|NONBLOCK|CLOEXEC)", p_udp4_flags, EACCES, 0},
	{"socket(AF_INET6, SOCK_DGRAM)", p_udp6, EACCES, 0},
	{"socket(AF_INET, SOCK_RAW)", p_raw4, EACCES, 1},
	{"socket(AF_NETLINK)", p_netlink, EACCES, 0},
	{"socket(AF_PACKET)", p_packet, EACCES, 1},
	{"socket(AF_INET|high bits, SOCK_DGRAM)", p_udp4_highbits, EACCES, 0},
	{"socket(AF_INET, SOCK_DGRAM|high bits)", p_udp4_typebits, EACCES, 0},
};

static const struct probe *cur_probes;
static size_t cur_n;

static void run_probes_sandboxed(void)
{
	for (size_t i = 0; i < cur_n; i++) {
		const struct probe *p = &cur_probes[i];
		int got = p->fn();

		if (got != p->want) {
			dprintf(2, "%s: errno %d (%s), want %d (%s)\n", p->what, got, strerror(got),
				p->want, strerror(p->want));
			_exit(1);
		}
	}
}

/* Unsandboxed, each probe gets a process of its own: some succeed and
 * change the process (a new user namespace, a personality). */
static void run_probes_bare(void)
{
	for (size_t i = 0; i < cur_n; i++) {
		const struct probe *p = &cur_probes[i];
		int st, got;
		pid_t pid = fork();

		CHECK(pid >= 0);
		if (pid == 0)
			_exit(p->fn() & 0xff);
		CHECK(waitpid(pid, &st, 0) == pid);
		CHECK(WIFEXITED(st));
		got = WEXITSTATUS(st);
		if (got != p->want)
			continue;
		if (p->envdep) {
			dprintf(2, "note: %s fails with %s even unsandboxed here; its sandboxed "
				"check is weaker\n", p->what, strerror(got));
			continue;
		}
		dprintf(2, "%s: fails with %s even unsandboxed: the probe proves nothing\n",
			p->what, strerror(got));
		_exit(2);
	}
}

static void check_probes(const struct probe *probes, size_t n, unsigned caps)
{
	cur_probes = probes;
	cur_n = n;
	expect_clean_exit(in_child(0, caps, 0, run_probes_bare));
	expect_clean_exit(in_child(1, caps, 0, run_probes_sandboxed));
}

#define PROBES(a) (a), sizeof(a) / sizeof((a)[0])

static void test_denied_always(void **state)
{
	(void)state;
	check_probes(PROBES(denied_always), 0);
	check_probes(PROBES(denied_always), CAP_NETWORK | CAP_FILESYSTEM | CAP_STDIO);
}

static void test_no_network(void **state)
{
	(void)state;
	check_probes(PROBES(denied_without_network), CAP_STDIO | CAP_FILESYSTEM);
}

static void test_network_is_tcp_only(void **state)
{
	(void)state;
	check_probes(PROBES(denied_with_network), CAP_NETWORK);
}

/* ---- what must keep working --------------------------------------------- */

static void *thread_fn(void *arg)
{
	*(int *)arg = 42;
	return NULL;
}

static void ordinary_work(void)
{
	int fds[2], sv[2], v = 0, fd;
	pthread_t th;
	char c = 'x';
	void *m;
	struct rlimit rl;

	CHECK(pipe(fds) == 0);
	CHECK(write(fds[1], &c, 1) == 1);
	CHECK(read(fds[0], &c, 1) == 1);
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	CHECK(fd >= 0);
	close(fd);
	m = mmap(NULL, 1 << 20, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK(m != MAP_FAILED);
	CHECK(mprotect(m, 4096, PROT_READ | PROT_WRITE) == 0);
	((char *)m)[0] = 1;
	/* what a JIT does */
	CHECK(mprotect(m, 4096, PROT_READ | PROT_EXEC) == 0);
	CHECK(munmap(m, 1 << 20) == 0);
	fd = memfd_create("vyoma-test", MFD_CLOEXEC); /* Wasmtime's memory images */
	CHECK(fd >= 0);
	close(fd);
	/* threads go through clone3 -> ENOSYS -> clone(CLONE_THREAD) */
	CHECK(pthread_create(&th, NULL, thread_fn, &v) == 0);
	CHECK(pthread_join(th, NULL) == 0);
	CHECK(v == 42);
	CHECK(kill(getpid(), 0) == 0);
	CHECK(personality(0xffffffff) >= 0);
	CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0);
	CHECK(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1);
}

static void test_ordinary_work_continues(void **state)
{
	(void)state;
	expect_clean_exit(in_child(1, 0, 0, ordinary_work));
	expect_clean_exit(in_child(1, CAP_NETWORK, 0, ordinary_work));
}

static void tcp_works(void)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t al = sizeof a;

	CHECK(fd >= 0);
	CHECK(bind(fd, (struct sockaddr *)&a, sizeof a) == 0);
	CHECK(listen(fd, 1) == 0);
	CHECK(getsockname(fd, (struct sockaddr *)&a, &al) == 0);
	close(fd);
	CHECK(p_socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) == 0);
	/* IPv6 may be missing from the kernel; it must not be the filter */
	fd = p_tcp6();
	CHECK(fd == 0 || fd == EAFNOSUPPORT);
}

static void test_network_allows_tcp(void **state)
{
	(void)state;
	expect_clean_exit(in_child(1, CAP_NETWORK, 0, tcp_works));
}

/* ---- limits -------------------------------------------------------------------- */

static struct rlimit as_before;

static void limits_set(void)
{
	struct rlimit rl;
	struct sigaction sa;

	CHECK(getrlimit(RLIMIT_CORE, &rl) == 0);
	CHECK(rl.rlim_cur == 0 && rl.rlim_max == 0);
	CHECK(getrlimit(RLIMIT_NOFILE, &rl) == 0);
	CHECK(rl.rlim_cur <= SBX_NOFILE && rl.rlim_max <= SBX_NOFILE);
	CHECK(getrlimit(RLIMIT_NPROC, &rl) == 0);
	CHECK(rl.rlim_max <= SBX_NPROC);
	CHECK(getrlimit(RLIMIT_FSIZE, &rl) == 0);
	CHECK(rl.rlim_max <= SBX_FSIZE);
	/* RLIMIT_AS untouched: Wasmtime reserves large address ranges */
	CHECK(getrlimit(RLIMIT_AS, &rl) == 0);
	CHECK(rl.rlim_cur == as_before.rlim_cur && rl.rlim_max == as_before.rlim_max);
	CHECK(sigaction(SIGXFSZ, NULL, &sa) == 0);
	CHECK(sa.sa_handler == SIG_IGN);
	CHECK(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1);
}

/* ASan maps terabytes of shadow memory that RLIMIT_DATA counts, so the
 * cap used here is larger than that; the arithmetic is what is tested. */
#define HUGE_CAP ((size_t)1 << 46)

static void data_limit_set(void)
{
	struct rlimit rl;

	CHECK(getrlimit(RLIMIT_DATA, &rl) == 0);
	CHECK(rl.rlim_max == (rlim_t)HUGE_CAP + SBX_DATA_HEADROOM);
	CHECK(rl.rlim_cur == rl.rlim_max);
}

static void data_limit_unset(void)
{
	struct rlimit rl;

	CHECK(getrlimit(RLIMIT_DATA, &rl) == 0);
	CHECK(rl.rlim_max == RLIM_INFINITY);
}

static void test_limits(void **state)
{
	struct rlimit rl;
	(void)state;

	assert_int_equal(getrlimit(RLIMIT_AS, &as_before), 0);
	expect_clean_exit(in_child(1, 0, 0, limits_set));
	assert_int_equal(getrlimit(RLIMIT_DATA, &rl), 0);
	if (rl.rlim_max != RLIM_INFINITY)
		skip();
	expect_clean_exit(in_child(1, 0, HUGE_CAP, data_limit_set));
	expect_clean_exit(in_child(1, 0, 0, data_limit_unset));
	expect_clean_exit(in_child(1, 0, SIZE_MAX, data_limit_unset)); /* overflow: no limit */
}

/* ---- threads, foreign syscall ABIs, the table itself -------------------------- */

static int tsync_pipe[2];

static void *late_thread(void *arg)
{
	char c;
	(void)arg;
	/* wait until the main thread has applied the sandbox */
	if (read(tsync_pipe[0], &c, 1) != 1)
		return (void *)1;
	return (void *)(intptr_t)p_ptrace();
}

/* A thread that existed before sbx_apply is covered too (TSYNC). */
static void tsync_body(void)
{
	pthread_t th;
	char err[256];
	void *ret;

	CHECK(pipe(tsync_pipe) == 0);
	CHECK(pthread_create(&th, NULL, late_thread, NULL) == 0);
	CHECK(sbx_apply(0, 0, err, sizeof err) == 0);
	CHECK(write(tsync_pipe[1], "x", 1) == 1);
	CHECK(pthread_join(th, &ret) == 0);
	CHECK((intptr_t)ret == EPERM);
}

static void test_existing_threads_covered(void **state)
{
	(void)state;
	expect_clean_exit(in_child(0, 0, 0, tsync_body));
}

#if defined(__x86_64__)
static void int80_getpid(void)
{
	long r = 20; /* getpid on i386 */
	__asm__ volatile("int $0x80" : "+a"(r) : : "memory", "r8", "r9", "r10", "r11");
	_exit(r > 0 ? 0 : 3);
}

/* The 32-bit syscall ABI has other numbers; unless the filter refuses the
 * foreign architecture outright, `int 0x80` would walk around it. */
static void test_foreign_abi_killed(void **state)
{
	int st;
	(void)state;

	st = in_child(0, 0, 0, int80_getpid);
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		skip(); /* no IA32 emulation in this kernel: nothing to bypass */
	st = in_child(1, 0, 0, int80_getpid);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGSYS);
}

/* A misspelt name would be skipped as "not on this architecture"; on
 * x86_64 every rule must name a real syscall. */
static void test_every_rule_resolves(void **state)
{
	const char *name;
	size_t i;
	(void)state;

	for (i = 0; (name = sbx_rule_syscall(i)); i++)
		if (seccomp_syscall_resolve_name(name) < 0)
			fail_msg("rule %zu: '%s' is not an x86_64 syscall", i, name);
	assert_true(i > 80);
	for (i = 0; (name = sbx_allowed_syscall(i)); i++)
		if (seccomp_syscall_resolve_name(name) < 0)
			fail_msg("allowlist %zu: '%s' is not an x86_64 syscall", i, name);
	assert_true(i > 50);
}
#endif

static void apply_without_err_buffer(void)
{
	CHECK(sbx_apply(0, 0, NULL, 0) == 0);
	CHECK(p_ptrace() == EPERM);
}

static void test_no_error_buffer(void **state)
{
	(void)state;
	expect_clean_exit(in_child(0, 0, 0, apply_without_err_buffer));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_denied_always),
		cmocka_unit_test(test_no_network),
		cmocka_unit_test(test_network_is_tcp_only),
		cmocka_unit_test(test_ordinary_work_continues),
		cmocka_unit_test(test_network_allows_tcp),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_existing_threads_covered),
#if defined(__x86_64__)
		cmocka_unit_test(test_foreign_abi_killed),
		cmocka_unit_test(test_every_rule_resolves),
#endif
		cmocka_unit_test(test_no_error_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

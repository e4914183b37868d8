/* test_jail: the runner's jail, entered in forked children (it cannot be
 * undone): the app uid is stable and in its range; hosted (a user
 * namespace) the child sees only its binds, a read-only root, no /proc,
 * and holds no capability; as root with a uid, it is that uid for good.
 * Each check is also made outside the jail, where it must come out the
 * other way, so none passes by accident. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "jail.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <grp.h>
#include <unistd.h>

#define CHECK(cond)                                                                    \
	do {                                                                           \
		if (!(cond)) {                                                         \
			dprintf(2, "%s:%d: check failed: %s (errno %d: %s)\n", __FILE__,  \
				__LINE__, #cond, errno, strerror(errno));              \
			_exit(1);                                                      \
		}                                                                      \
	} while (0)

#define SKIPPED 77

static char data_dir[64];

static int caps_empty(void)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d) != 0)
		return 0;
	return !(d[0].effective | d[1].effective | d[0].permitted | d[1].permitted |
		 d[0].inheritable | d[1].inheritable) &&
	       prctl(PR_CAPBSET_READ, 0 /* CAP_CHOWN */, 0, 0, 0) == 0;
}

/* What the jail must change, asserted one way or the other. */
static void views(int jailed, int nobody)
{
	char path[128];
	int fd;

	CHECK((access("/proc/self/status", F_OK) == 0) == !jailed);
	CHECK((access("/etc", F_OK) == 0) == !jailed);
	fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	CHECK(fd >= 0 && write(fd, "x", 1) == 1);
	close(fd);
	snprintf(path, sizeof path, "%s/made-inside", data_dir);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	CHECK(fd >= 0); /* the data dir stays writable */
	close(fd);
	unlink(path);
	fd = open("/vyoma-jail-test", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0) {
		close(fd);
		unlink("/vyoma-jail-test");
	}
	CHECK(jailed ? (fd < 0 && errno == EROFS) : (fd >= 0) == !nobody);
	CHECK(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == !jailed);
	if (jailed)
		CHECK(caps_empty());
}

#define NOBODY 65534

/* as_nobody: the child first becomes an unprivileged user, so the jail
 * takes its hosted path (a user namespace). */
static int in_child(uid_t uid, int jail, int as_nobody)
{
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		struct jail_spec js = {.uid = uid, .data_dir = data_dir};
		char note[256], err[256];

		if (as_nobody)
			CHECK(setgroups(0, NULL) == 0 && setresgid(NOBODY, NOBODY, NOBODY) == 0 &&
			      setresuid(NOBODY, NOBODY, NOBODY) == 0 &&
			      prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) == 0); /* as after an exec */
		if (jail) {
			CHECK(jail_enter(&js, note, sizeof note, err, sizeof err) == 0 || !dprintf(2, "%s\n", err));
			if (note[0]) {
				dprintf(2, "note: %s\n", note);
				_exit(SKIPPED);
			}
		}
		views(jail, as_nobody);
		if (uid) {
			CHECK(getuid() == uid && geteuid() == uid && getgid() == uid);
			CHECK(setuid(0) != 0 && errno == EPERM);
		}
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

static void expect(int status)
{
	if (!WIFEXITED(status))
		fail_msg("child killed by signal %d", WTERMSIG(status));
	if (WEXITSTATUS(status) == SKIPPED)
		skip();
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_app_uid(void **state)
{
	(void)state;
	assert_int_equal(jail_app_uid("calc"), jail_app_uid("calc"));
	assert_int_not_equal(jail_app_uid("calc"), jail_app_uid("clock"));
	assert_true(jail_app_uid("") >= JAIL_UID_BASE);
	assert_true(jail_app_uid("a-very-long-app-name-of-sixty-four-characters-that-goes-on-and-on") <
		    JAIL_UID_BASE + JAIL_UID_SPAN);
}

static void test_outside(void **state)
{
	(void)state;
	/* outside: /proc and /etc there, dumpable, / writable by root only */
	if (geteuid() != 0)
		skip();
	expect(in_child(0, 0, 0));
	expect(in_child(0, 0, 1));
}

/* Root without a uid: a mount namespace, uid 0 kept, no capability. */
static void test_root_jail(void **state)
{
	(void)state;
	if (geteuid() != 0)
		skip();
	expect(in_child(0, 1, 0));
}

/* Not root: a user namespace (skipped, with the runner's note, where the
 * kernel refuses one). */
static void test_hosted_jail(void **state)
{
	(void)state;
	expect(in_child(0, 1, geteuid() == 0));
}

static void test_own_uid(void **state)
{
	(void)state;
	if (geteuid() != 0)
		skip();
	expect(in_child(12345, 1, 0));
}

static int setup(void **state)
{
	(void)state;
	snprintf(data_dir, sizeof data_dir, "/tmp/vyoma-jail-XXXXXX");
	/* writable by the test's other uids, as PID 1 makes /data */
	return mkdtemp(data_dir) && chmod(data_dir, 01777) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	return rmdir(data_dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_app_uid),
		cmocka_unit_test(test_outside),
		cmocka_unit_test(test_root_jail),
		cmocka_unit_test(test_hosted_jail),
		cmocka_unit_test(test_own_uid),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

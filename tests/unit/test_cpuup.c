/* test_cpuup: bringing offline CPUs online (supervisor/svc/cpuup.c) against
 * a stand-in for /sys/devices/system/cpu in a temporary folder: "1" is
 * written to the online file of each CPU that says 0 (2 asked for, of 4), by
 * a child that PID 1 does not wait for; its exit is recognised as cpuup's
 * (and only its own); nothing offline asks for nothing; a failed write is
 * reported and a missing folder refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "cpuup.h"

static char dir[64];

static void put(const char *rel, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void mk(const char *rel)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

static void get(const char *rel, char *buf, size_t len)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	size_t n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

/* cpu0 (no online file, as the kernel has it), cpu1 and cpu3 offline,
 * cpu2 online, and names that are no CPU. */
static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/test_cpuup.XXXXXX");
	assert_non_null(mkdtemp(dir));
	mk("cpu0");
	mk("cpu1");
	mk("cpu2");
	mk("cpu3");
	mk("cpufreq");
	mk("cpu4x");
	put("cpu1/online", "0\n");
	put("cpu2/online", "1\n");
	put("cpu3/online", "0\n");
	put("cpu4x/online", "0\n");
	put("online", "0,2\n");
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static int wait_child(pid_t *pid)
{
	int st = 0;
	*pid = waitpid(-1, &st, 0);
	assert_true(*pid > 0);
	return st;
}

static void test_brings_up_the_offline_ones(void **state)
{
	char buf[16];
	pid_t pid;
	(void)state;

	assert_int_equal(cpuup_start(dir), 2);
	/* one request at a time: a second call while the child runs asks nothing */
	assert_int_equal(cpuup_start(dir), 0);
	int st = wait_child(&pid);
	assert_false(cpuup_reaped(pid + 1, st)); /* someone else's child */
	assert_true(cpuup_reaped(pid, st));
	assert_false(cpuup_reaped(pid, st)); /* once */
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	get("cpu1/online", buf, sizeof buf); /* "1" written over the "0" */
	assert_string_equal(buf, "1\n");
	get("cpu3/online", buf, sizeof buf);
	assert_string_equal(buf, "1\n");
	get("cpu4x/online", buf, sizeof buf);
	assert_string_equal(buf, "0\n");
	/* now none is offline: nothing to do, no child */
	assert_int_equal(cpuup_start(dir), 0);
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
}

static void test_failed_write_is_reported(void **state)
{
	char path[256];
	pid_t pid;
	(void)state;

	/* cpu1's online file a folder: the child cannot write it */
	snprintf(path, sizeof path, "%s/cpu1/online", dir);
	assert_int_equal(unlink(path), 0);
	mk("cpu1/online");
	put("cpu3/online", "1\n");
	put("cpu2/online", "0\n");
	assert_int_equal(cpuup_start(dir), 1); /* cpu2 only: cpu1's "online" reads as nothing */
	int st = wait_child(&pid);
	assert_true(cpuup_reaped(pid, st));
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);

	/* an online file that says 0 and refuses the write, even to root: a
	 * read-only sysfs attribute of the machine's own first CPU */
	const char *ro = "/sys/devices/system/cpu/cpu0/topology/core_id";
	FILE *f = fopen(ro, "r");
	if (!f || fgetc(f) != '0') {
		if (f)
			fclose(f);
		skip();
	}
	fclose(f);
	snprintf(path, sizeof path, "%s/cpu3/online", dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(symlink(ro, path), 0);
	assert_int_equal(cpuup_start(dir), 1);
	st = wait_child(&pid);
	assert_true(cpuup_reaped(pid, st));
	assert_true(WIFEXITED(st));
	assert_int_not_equal(WEXITSTATUS(st), 0);
}

static void test_missing_folder(void **state)
{
	(void)state;
	assert_int_equal(cpuup_start("/nonexistent/cpu"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_brings_up_the_offline_ones, setup, teardown),
		cmocka_unit_test_setup_teardown(test_failed_write_is_reported, setup, teardown),
		cmocka_unit_test(test_missing_folder),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

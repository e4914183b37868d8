/* Unit tests for lib/dpath: files named in a redirection open beneath the
 * data directory only: plain names, subfolders and "/data/..." open; "..",
 * absolute paths, symlinks that lead out, directories and FIFOs are
 * refused; > truncates, >> appends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dpath.h"

static char top[64], data[96];
static int dfd;

static int setup(void **state)
{
	char p[160];
	(void)state;
	snprintf(top, sizeof top, "/tmp/dpath.XXXXXX");
	assert_non_null(mkdtemp(top));
	snprintf(data, sizeof data, "%s/data", top);
	assert_int_equal(mkdir(data, 0755), 0);
	snprintf(p, sizeof p, "%s/secret", top);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs("secret\n", f);
	fclose(f);
	snprintf(p, sizeof p, "%s/sub", data);
	assert_int_equal(mkdir(p, 0755), 0);
	snprintf(p, sizeof p, "%s/out", data);
	assert_int_equal(symlink("../secret", p), 0);
	snprintf(p, sizeof p, "%s/abs", data);
	assert_int_equal(symlink("/etc/passwd", p), 0);
	snprintf(p, sizeof p, "%s/fifo", data);
	assert_int_equal(mkfifo(p, 0644), 0);
	dfd = open(data, O_PATH | O_DIRECTORY | O_CLOEXEC);
	assert_true(dfd >= 0);
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	close(dfd);
	snprintf(cmd, sizeof cmd, "rm -rf %s", top);
	return system(cmd);
}

static const char *refused(const char *path, enum dpath_how how)
{
	static char err[256];
	err[0] = '\0';
	assert_int_equal(dpath_open(dfd, path, how, err, sizeof err), -1);
	return err;
}

static void put(const char *path, const char *text, enum dpath_how how)
{
	char err[256];
	int fd = dpath_open(dfd, path, how, err, sizeof err);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static void test_confined(void **state)
{
	char err[256], buf[64];
	int fd;
	ssize_t n;
	(void)state;
	put("notes.txt", "milk\n", DPATH_WRITE);
	put("/data/notes.txt", "eggs\n", DPATH_APPEND);
	put("sub/x", "x\n", DPATH_WRITE);
	fd = dpath_open(dfd, "notes.txt", DPATH_READ, err, sizeof err);
	assert_true(fd >= 0);
	n = read(fd, buf, sizeof buf);
	close(fd);
	assert_int_equal(n, 10);
	assert_memory_equal(buf, "milk\neggs\n", 10);
	put("notes.txt", "tea\n", DPATH_WRITE); /* > truncates */
	fd = dpath_open(dfd, "sub/../notes.txt", DPATH_READ, err, sizeof err);
	assert_true(fd >= 0);
	assert_int_equal(read(fd, buf, sizeof buf), 4);
	close(fd);
	assert_non_null(strstr(refused("../secret", DPATH_READ), "outside /data"));
	assert_non_null(strstr(refused("sub/../../secret", DPATH_WRITE), "outside /data"));
	assert_non_null(strstr(refused("out", DPATH_READ), "outside /data"));
	assert_non_null(strstr(refused("abs", DPATH_APPEND), "outside /data"));
	assert_non_null(strstr(refused("/etc/passwd", DPATH_READ), "only files under /data"));
	assert_non_null(strstr(refused("", DPATH_READ), "only files under /data"));
	assert_non_null(strstr(refused("sub", DPATH_READ), "not a regular file"));
	assert_non_null(strstr(refused("fifo", DPATH_READ), "not a regular file"));
	assert_non_null(strstr(refused("missing", DPATH_READ), "No such file"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_confined, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

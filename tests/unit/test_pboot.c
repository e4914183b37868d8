/* Unit tests for lib/pboot (the boot list overlay) and lib/prepo
 * (repos.toml): parse and refusals with their words, set on/off, the
 * merge after the image's list (no name twice), write then read back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pboot.h"
#include "prepo.h"

static void test_overlay(void **state)
{
	static struct pboot b, back;
	static struct boot_config bc;
	char err[256], dir[] = "/tmp/test-pboot.XXXXXX", path[64];
	int changed;

	(void)state;
	assert_int_equal(pboot_parse("apps = [\"echo\", \"notes2\"]\n", 25, &b, err, sizeof err), 0);
	assert_int_equal(b.n, 2);
	assert_int_equal(pboot_parse("apps = [\"a\", \"a\"]\n", 18, &b, err, sizeof err), -1);
	assert_non_null(strstr(err, "listed twice"));
	assert_int_equal(pboot_parse("apps = [\"Bad\"]\n", 15, &b, err, sizeof err), -1);
	assert_non_null(strstr(err, "not an app name"));
	assert_int_equal(pboot_parse("apps = 1\nx = 2\n", 15, &b, err, sizeof err), -1);

	memset(&b, 0, sizeof b);
	assert_int_equal(pboot_set(&b, "echo", true), 1);
	assert_int_equal(pboot_set(&b, "echo", true), 0);
	assert_int_equal(pboot_set(&b, "clock", true), 1);
	assert_int_equal(pboot_set(&b, "nope", false), 0);
	bc.n = 1;
	snprintf(bc.apps[0].name, sizeof bc.apps[0].name, "clock");
	assert_int_equal(pboot_merge(&b, &bc), 1);
	assert_int_equal(bc.n, 2);
	assert_string_equal(bc.apps[1].name, "echo");

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/boot.toml", dir);
	assert_int_equal(pboot_read(path, &back, err, sizeof err), 0); /* none: empty */
	assert_int_equal(back.n, 0);
	assert_int_equal(pboot_change(path, "echo", true, &changed, err, sizeof err), 0);
	assert_int_equal(changed, 1);
	assert_int_equal(pboot_change(path, "snake", true, &changed, err, sizeof err), 0);
	assert_int_equal(pboot_change(path, "echo", false, &changed, err, sizeof err), 0);
	assert_int_equal(pboot_read(path, &back, err, sizeof err), 0);
	assert_int_equal(back.n, 1);
	assert_string_equal(back.names[0], "snake");
	unlink(path);
	rmdir(dir);
}

static void test_repos_toml(void **state)
{
	struct prepo_conf c;
	char err[256];
	const char *ok = "url = \"http://10.0.2.2:8000/repo\"\ntimeout = 5\n";

	(void)state;
	assert_int_equal(prepo_parse(ok, strlen(ok), &c, err, sizeof err), 0);
	assert_int_equal(c.timeout_s, 5);
	assert_int_equal(c.u.port, 8000);
	assert_string_equal(c.u.path, "/repo/");
	assert_int_equal(prepo_parse("url = \"http://1.2.3.4/\"\n", 24, &c, err, sizeof err), 0);
	assert_int_equal(c.timeout_s, PREPO_TIMEOUT_S);
	assert_int_equal(prepo_parse("timeout = 5\n", 12, &c, err, sizeof err), -1);
	assert_int_equal(prepo_parse("url = \"http://a.b/\"\n", 20, &c, err, sizeof err), -1);
	assert_non_null(strstr(err, "no DNS"));
	assert_int_equal(prepo_parse("url = \"http://1.2.3.4/\"\ntimeout = 601\n", 38, &c, err,
				     sizeof err), -1);
	assert_non_null(strstr(err, "1..600"));
	assert_int_equal(prepo_parse("url = \"http://1.2.3.4/\"\nmirror = 1\n", 35, &c, err,
				     sizeof err), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_overlay),
		cmocka_unit_test(test_repos_toml),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* fs-probe: a hostile app with the filesystem capability. It must be able to
 * use /data and nothing else: it tries to escape with "..", an absolute
 * path and symlinks planted by the test, and reports each result as a line
 * "probe <what> ok|denied <reason>" for the test to check. The first line
 * on stdin is the absolute host path of a secret file outside /data. */
#include <vyoma.h>

#include <string.h>

static void report(const char *what, int rc)
{
	vy_printf("probe %s %s %s\n", what, rc == 0 ? "ok" : "denied", rc == 0 ? "-" : vy_err_str(vy_fs_err()));
}

static int read_eq(const char *path, const char *want)
{
	char buf[256];
	size_t n = 0;
	if (vy_fs_read(path, buf, sizeof buf - 1, &n) != 0)
		return -1;
	buf[n] = '\0';
	return strcmp(buf, want) == 0 ? 0 : -1;
}

static int found;
static int saw_probe(const char *name, bool is_dir, void *ctx)
{
	(void)is_dir;
	(void)ctx;
	if (strcmp(name, "probe.txt") == 0)
		found = 1;
	return 0;
}

int main(void)
{
	struct vy_event ev;
	char secret[512] = "/nonexistent";
	size_t n;
	char buf[64];

	if (vy_ev_wait(&ev, 5000) == VY_EV_LINE)
		vy_str_copy(secret, ev.text, sizeof secret);
	report("write", vy_fs_write("probe.txt", "vyoma", 5));
	report("read", read_eq("/data/probe.txt", "vyoma"));
	report("save", vy_fs_save("saved.txt", "atomic", 6));
	report("readsaved", read_eq("saved.txt", "atomic"));
	found = 0;
	report("list", vy_fs_list("/data", saw_probe, NULL) == 0 && found ? 0 : -1);
	report("dotdot", vy_fs_read("../secret.txt", buf, sizeof buf, &n));
	report("deepdotdot", vy_fs_read("sub/../../secret.txt", buf, sizeof buf, &n));
	report("absolute", vy_fs_read(secret, buf, sizeof buf, &n));
	report("symlink", vy_fs_read("link-out", buf, sizeof buf, &n));
	report("symlinkdir", vy_fs_read("dir-out/secret.txt", buf, sizeof buf, &n));
	report("writeout", vy_fs_write("../planted.txt", "x", 1));
	vy_line("probe done");
	return 0;
}

/* A stand-in PID 1 for the QEMU boot smoke test (tests/qemu/boot_smoke.sh).
 * It checks what the real supervisor will rely on: the console, devtmpfs,
 * proc, sysfs, the 9P host folder, the DRM and fbdev nodes (it paints the
 * screen for the host to screendump), input devices, the network the kernel
 * configured, and Wasmtime through /bin/vyoma-run and a few apps when the
 * image has them. Then it powers the machine off. Every check prints one
 * "testinit: <check> ok|FAIL ..." line that the host script parses; the
 * first line is the well-known VYOMA_TESTINIT_BANNER. Linked statically
 * (glibc: musl-gcc lacks the kernel's <linux/fb.h>). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fb.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define VYOMA_TESTINIT_BANNER "VYOMA-TESTINIT: PID 1 is alive"
/* The colour painted on /dev/fb0; boot_smoke.sh looks for it in a QMP
 * screendump of the virtio-gpu device. */
#define VYOMA_TESTINIT_RGB 0x336699u

static int n_ok, n_fail;

static void check(int ok, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void check(int ok, const char *name, const char *fmt, ...)
{
	va_list ap;

	printf("testinit: %s %s ", name, ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	if (ok)
		n_ok++;
	else
		n_fail++;
}

/* Reads up to cap-1 bytes of a small file; returns the length or -1. */
static ssize_t read_small(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, cap - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	return n;
}

static void do_mount(const char *src, const char *dst, const char *type,
		     const char *opts)
{
	int rc;

	mkdir(dst, 0755);
	rc = mount(src, dst, type, MS_NOSUID, opts);
	check(rc == 0 || errno == EBUSY, "mount", "%s on %s: %s", type, dst,
	      rc == 0 ? "mounted" : strerror(errno));
}

static void check_node(const char *path, mode_t type)
{
	struct stat st;
	int rc = stat(path, &st);

	check(rc == 0 && (st.st_mode & S_IFMT) == type, "node", "%s %s", path,
	      rc == 0 ? "present" : strerror(errno));
}

/* Lists /dev/input with the device name sysfs gives each event node. */
static void list_input(void)
{
	DIR *d = opendir("/dev/input");
	struct dirent *e;
	int events = 0;

	if (!d) {
		check(0, "input", "/dev/input: %s", strerror(errno));
		return;
	}
	while ((e = readdir(d)) != NULL) {
		char path[300], name[128] = "?";

		if (strncmp(e->d_name, "event", 5) != 0)
			continue;
		snprintf(path, sizeof path, "/sys/class/input/%s/device/name",
			 e->d_name);
		if (read_small(path, name, sizeof name) > 0)
			name[strcspn(name, "\n")] = '\0';
		printf("testinit: input /dev/input/%s: %s\n", e->d_name, name);
		events++;
	}
	closedir(d);
	check(events > 0, "input", "%d event devices", events);
}

static void write_data_file(void)
{
	const char *token = getenv("VYOMA_SMOKE");
	char buf[256];
	int fd, len;

	if (!token)
		token = "no-token";
	len = snprintf(buf, sizeof buf, "vyoma-smoke %s\n", token);
	fd = open("/data/boot_smoke.txt", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		check(0, "data", "open /data/boot_smoke.txt: %s", strerror(errno));
		return;
	}
	check(write(fd, buf, (size_t)len) == len && fsync(fd) == 0 && close(fd) == 0,
	      "data", "wrote /data/boot_smoke.txt (%s)", token);
}

/* Paints /dev/fb0 one colour and waits (at most 20 s) for the host to take
 * its screendump: the host says so by creating /data/boot_smoke.shot. No
 * fbcon is bound, so nothing has set a mode yet: FB_ACTIVATE_FORCE makes the
 * DRM fbdev emulation do it. */
static void paint_fb(void)
{
	struct fb_var_screeninfo var;
	struct fb_fix_screeninfo fix;
	uint32_t *px;
	size_t len;
	int fd = open("/dev/fb0", O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		check(0, "fb", "open /dev/fb0: %s", strerror(errno));
		return;
	}
	if (ioctl(fd, FBIOGET_VSCREENINFO, &var) != 0 ||
	    ioctl(fd, FBIOGET_FSCREENINFO, &fix) != 0 || var.bits_per_pixel != 32) {
		check(0, "fb", "/dev/fb0 info: %s, %u bpp", strerror(errno), var.bits_per_pixel);
		goto out;
	}
	var.activate = FB_ACTIVATE_NOW | FB_ACTIVATE_FORCE;
	if (ioctl(fd, FBIOPUT_VSCREENINFO, &var) != 0) {
		check(0, "fb", "FBIOPUT_VSCREENINFO: %s", strerror(errno));
		goto out;
	}
	len = (size_t)fix.line_length * var.yres;
	px = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (px == MAP_FAILED) {
		check(0, "fb", "mmap /dev/fb0: %s", strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < len / 4; i++)
		px[i] = VYOMA_TESTINIT_RGB;
	msync(px, len, MS_SYNC);
	munmap(px, len);
	check(1, "fb", "painted %ux%u, 32 bpp, colour %06x", var.xres, var.yres,
	      VYOMA_TESTINIT_RGB);
	usleep(300 * 1000); /* the fbdev emulation flushes damage after ~50 ms */
	printf("VYOMA-TESTINIT: screen ready\n");
	fflush(stdout);
	for (int i = 0; i < 200 && access("/data/boot_smoke.shot", F_OK) != 0; i++)
		usleep(100 * 1000);
out:
	close(fd);
}

/* The kernel configures eth0 from ip= on the command line; /proc/net/route
 * then holds a default route (destination 00000000). */
static void check_network(void)
{
	char buf[2048];
	int ok = read_small("/proc/net/route", buf, sizeof buf) > 0 &&
		 strstr(buf, "eth0\t00000000") != NULL;

	check(ok, "network", "eth0 default route %s", ok ? "present" : "missing");
}

/* Runs the app runner in the guest when the image has it. These exercise
 * what Wasmtime needs from this kernel: the dynamic loader and libraries
 * (exit 127 when one is missing), JIT memory and the trap handler (the trap
 * app dies on a signal Wasmtime must catch), the memory creator's mmap, and
 * seccomp filters (--sandbox-check). Exit codes: docs/runner.md. */
struct runner_probe {
	const char *what;
	const char *needs; /* skipped when this file is absent */
	const char *argv[20];
	int want_exit;
};

static const struct runner_probe runner_probes[] = {
	{"sandbox", "/bin/vyoma-run",
	 {"/bin/vyoma-run", "--cap", "stdio", "--sandbox-check", NULL}, 0},
	/* Issue 11: the runner locked down as PID 1 locks it down (an app uid,
	 * the jail, seccomp) plays a compromised Wasmtime; every escape probe
	 * must print "blocked" (boot_testinit.py reads the lines). */
	{"escape", "/apps/trap/vyoma.toml",
	 {"/bin/vyoma-run", "--name", "hello", "--cap", "stdio,filesystem", "--data", "/data",
	  "--cache", "/var/cache/vyoma", "--uid", "10001", "--sandbox-check",
	  "/apps/hello/hello.wasm", "--", "/apps/trap/trap.wasm", "/apps/trap/vyoma.toml", NULL},
	 0},
	{"app-hello", "/apps/hello/vyoma.toml",
	 {"/bin/vyoma-run", "--app", "/apps/hello", NULL}, 0},
	{"app-trap", "/apps/trap/vyoma.toml",
	 {"/bin/vyoma-run", "--app", "/apps/trap", NULL}, 72},
	{"app-memhog", "/apps/memhog/vyoma.toml",
	 {"/bin/vyoma-run", "--app", "/apps/memhog", NULL}, 71},
};

static void run_probe(const struct runner_probe *p)
{
	int status;
	pid_t pid;

	if (access("/bin/vyoma-run", X_OK) != 0 || access(p->needs, F_OK) != 0) {
		printf("testinit: runner %s skipped (no %s)\n", p->what, p->needs);
		return;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execv(p->argv[0], (char *const *)p->argv);
		_exit(126);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid) {
		check(0, "runner", "%s: fork/wait: %s", p->what, strerror(errno));
		return;
	}
	check(WIFEXITED(status) && WEXITSTATUS(status) == p->want_exit, "runner",
	      "%s: exited %s %d (want exit %d)", p->what,
	      WIFEXITED(status) ? "with" : "on signal",
	      WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), p->want_exit);
}

int main(void)
{
	char buf[256];

	/* The kernel opened /dev/console (ttyS0) as fds 0-2 for us. */
	printf("%s\n", VYOMA_TESTINIT_BANNER);
	fflush(stdout);

	do_mount("devtmpfs", "/dev", "devtmpfs", NULL);
	do_mount("proc", "/proc", "proc", NULL);
	do_mount("sysfs", "/sys", "sysfs", NULL);
	do_mount("data", "/data", "9p", "trans=virtio,version=9p2000.L,msize=262144");

	if (read_small("/proc/uptime", buf, sizeof buf) > 0)
		printf("testinit: uptime %s", buf);
	check(read_small("/proc/meminfo", buf, sizeof buf) > 0 &&
	      strncmp(buf, "MemTotal:", 9) == 0, "proc", "/proc/meminfo readable");

	write_data_file();
	check_node("/dev/console", S_IFCHR);
	check_node("/dev/null", S_IFCHR);
	check_node("/dev/fb0", S_IFCHR);
	check_node("/dev/dri/card0", S_IFCHR);
	paint_fb();
	list_input();
	check_network();
	for (size_t i = 0; i < sizeof runner_probes / sizeof runner_probes[0]; i++)
		run_probe(&runner_probes[i]);

	printf("testinit: done %d ok %d failed\n", n_ok, n_fail);
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	/* Only reached if power-off failed; returning would panic the kernel. */
	printf("testinit: FAIL reboot(RB_POWER_OFF): %s\n", strerror(errno));
	for (;;)
		pause();
}

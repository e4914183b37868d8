/* jail: what the kernel keeps from a runner, whatever runs inside it. The
 * seccomp filter (sbx.c) limits which system calls reach the kernel; the
 * jail limits what the permitted ones can name: files (an empty root with a
 * few binds), processes (an own uid, no capabilities, not dumpable, no
 * /proc) and privilege (no way back to root).
 *
 * The pattern is "open everything, then lock down": the runner has read
 * its component and holds the cache index fd before it calls jail_enter,
 * and what it still opens by path afterwards (the cache artifact, /data)
 * is bound into the jail at the same path, so nothing after this call has
 * to know it is jailed.
 *
 * The new root is a tmpfs mounted over /proc of our own mount namespace
 * (a directory every system has and the runner no longer needs), filled
 * and entered with chroot: pivot_root is not possible when / is the
 * initramfs, and with every capability gone and chroot, mount and umount
 * denied by seccomp, a chroot cannot be left. */
#include "jail.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <grp.h>

#define JAIL_ROOT "/proc" /* where the new root is built, see the top */
#define JAIL_PATH_MAX 4096

uid_t jail_app_uid(const char *name)
{
	uint32_t h = 2166136261u; /* FNV-1a, 32 bits */

	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		h ^= *p;
		h *= 16777619u;
	}
	return (uid_t)(JAIL_UID_BASE + h % JAIL_UID_SPAN);
}

/* mkdir -p of `path` under the jail root (path is absolute). */
static int jail_mkdirs(const char *path, char *err, size_t errlen)
{
	char buf[JAIL_PATH_MAX];
	size_t off = strlen(JAIL_ROOT);

	if (snprintf(buf, sizeof buf, "%s%s", JAIL_ROOT, path) >= (int)sizeof buf) {
		snprintf(err, errlen, "path too long: %s", path);
		return -1;
	}
	for (char *p = buf + off + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST) {
			snprintf(err, errlen, "mkdir %s: %s", buf, strerror(errno));
			return -1;
		}
		*p = c;
		if (c == '\0')
			return 0;
	}
}

/* The flags a bind's remount must keep: in a user namespace the kernel
 * refuses to clear the ones the original mount has ("locked" flags). */
static unsigned long jail_locked_flags(const char *src)
{
	static const struct { unsigned long st, ms; } map[] = {
		{ST_NOSUID, MS_NOSUID},   {ST_NODEV, MS_NODEV},
		{ST_NOEXEC, MS_NOEXEC},   {ST_RDONLY, MS_RDONLY},
		{ST_NOATIME, MS_NOATIME}, {ST_NODIRATIME, MS_NODIRATIME},
		{ST_RELATIME, MS_RELATIME},
	};
	struct statvfs sv;
	unsigned long f = 0;

	if (statvfs(src, &sv) != 0)
		return 0;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (sv.f_flag & map[i].st)
			f |= map[i].ms;
	return f;
}

/* Bind src at the same path inside the jail root, with `flags` (MS_RDONLY,
 * MS_NODEV...) on top of those the source mount already has. */
static int jail_bind(const char *src, unsigned long flags, char *err, size_t errlen)
{
	char dst[JAIL_PATH_MAX];
	struct stat st;
	const char *slash;
	int fd;

	if (stat(src, &st) != 0) {
		snprintf(err, errlen, "%s: %s", src, strerror(errno));
		return -1;
	}
	if (snprintf(dst, sizeof dst, "%s%s", JAIL_ROOT, src) >= (int)sizeof dst) {
		snprintf(err, errlen, "path too long: %s", src);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (jail_mkdirs(src, err, errlen) != 0)
			return -1;
	} else {
		slash = strrchr(src, '/');
		if (slash && slash != src) {
			char parent[JAIL_PATH_MAX];
			snprintf(parent, sizeof parent, "%.*s", (int)(slash - src), src);
			if (jail_mkdirs(parent, err, errlen) != 0)
				return -1;
		}
		fd = open(dst, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
		if (fd < 0) {
			snprintf(err, errlen, "create %s: %s", dst, strerror(errno));
			return -1;
		}
		close(fd);
	}
	if (mount(src, dst, NULL, MS_BIND, NULL) != 0 ||
	    mount(NULL, dst, NULL, MS_REMOUNT | MS_BIND | MS_NOSUID | flags | jail_locked_flags(src),
		  NULL) != 0) {
		snprintf(err, errlen, "bind %s: %s", src, strerror(errno));
		return -1;
	}
	return 0;
}

/* The new root: an empty tmpfs with the binds, moved onto / and entered. */
static int jail_root(const struct jail_spec *s, char *err, size_t errlen)
{
	/* /dev/random too: the static runner's Rust RNG (the getrandom crate)
	 * cannot find glibc's getrandom() without a dynamic loader and falls
	 * back to polling /dev/random, then reading /dev/urandom. */
	static const char *const devs[] = {"/dev/null", "/dev/zero", "/dev/random", "/dev/urandom"};
	const unsigned long hard = MS_NOSUID | MS_NODEV | MS_NOEXEC;
	/* Nothing we mount propagates back to the parent namespace. Under a
	 * chroot / is no mount root (EINVAL); then the mount we build on must
	 * be one, and is made private itself. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 &&
	    mount(NULL, JAIL_ROOT, NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
		snprintf(err, errlen, "make %s private: %s", JAIL_ROOT, strerror(errno));
		return -1;
	}
	if (mount("jail", JAIL_ROOT, "tmpfs", hard, "size=64k,nr_inodes=256,mode=0755") != 0) {
		snprintf(err, errlen, "tmpfs: %s", strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < sizeof devs / sizeof devs[0]; i++)
		if (jail_bind(devs[i], MS_NOEXEC, err, errlen) != 0)
			return -1;
	if (s->data_dir && jail_bind(s->data_dir, hard, err, errlen) != 0)
		return -1;
	if (s->cache_dir && jail_mkdirs(s->cache_dir, err, errlen) != 0)
		return -1;
	/* A miss is no error: the runner compiles in memory. */
	if (s->cache_file && access(s->cache_file, F_OK) == 0 &&
	    jail_bind(s->cache_file, hard | MS_RDONLY, err, errlen) != 0)
		return -1;
	for (const char *const *f = s->ro_files; f && *f; f++)
		if (access(*f, F_OK) == 0 && jail_bind(*f, hard | MS_RDONLY, err, errlen) != 0)
			return -1;
	if (chdir(JAIL_ROOT) != 0 || chroot(".") != 0 || chdir("/") != 0) {
		snprintf(err, errlen, "enter the new root: %s", strerror(errno));
		return -1;
	}
	/* The root itself read only: no file of the runner's own making. */
	if (mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | hard, NULL) != 0) {
		snprintf(err, errlen, "read-only root: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static int jail_write(const char *path, const char *text, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n = -1;

	if (fd >= 0) {
		n = write(fd, text, strlen(text));
		close(fd);
	}
	if (n != (ssize_t)strlen(text)) {
		snprintf(err, errlen, "write %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Hosted: a user namespace mapping only who we already are. */
static int jail_userns(char *err, size_t errlen)
{
	char map[64];
	uid_t uid = geteuid();
	gid_t gid = getegid();

	if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return 1;
	}
	/* /proc/self's files are root's when we are not dumpable. */
	if (prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) != 0 ||
	    jail_write("/proc/self/setgroups", "deny", err, errlen) != 0)
		return -1;
	snprintf(map, sizeof map, "%u %u 1", (unsigned)uid, (unsigned)uid);
	if (jail_write("/proc/self/uid_map", map, err, errlen) != 0)
		return -1;
	snprintf(map, sizeof map, "%u %u 1", (unsigned)gid, (unsigned)gid);
	return jail_write("/proc/self/gid_map", map, err, errlen);
}

/* Every capability set empty, for good, but CAP_NET_BIND_SERVICE when
 * `bind` (network apps listen on ports below 1024, as they could when
 * every runner was root; the kernel has no sysctl to lower the limit).
 * Needs CAP_SETPCAP (root, or the owner of a fresh user namespace) until
 * the uid change at the end. */
static int jail_caps(uid_t uid, int bind, char *err, size_t errlen)
{
	struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct keep[2];
	const int carry = bind && uid; /* across the uid change */
	const unsigned long bits = SECBIT_NOROOT | SECBIT_NOROOT_LOCKED |
				   SECBIT_NO_SETUID_FIXUP_LOCKED |
				   (carry ? SECBIT_KEEP_CAPS : SECBIT_KEEP_CAPS_LOCKED) |
				   SECBIT_NO_CAP_AMBIENT_RAISE | SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;

	/* Root is no longer special to exec, and nothing can undo it. */
	if (prctl(PR_SET_SECUREBITS, bits, 0, 0, 0) != 0) {
		snprintf(err, errlen, "securebits: %s", strerror(errno));
		return -1;
	}
	for (int c = 0; c < 64; c++)
		if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) != 0) {
			if (errno == EINVAL) /* past the kernel's last capability */
				break;
			snprintf(err, errlen, "drop capability %d from the bounding set: %s", c,
				 strerror(errno));
			return -1;
		}
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0) {
		snprintf(err, errlen, "clear ambient capabilities: %s", strerror(errno));
		return -1;
	}
	if (uid && (setgroups(0, NULL) != 0 || setresgid(uid, uid, uid) != 0 ||
		    setresuid(uid, uid, uid) != 0)) {
		snprintf(err, errlen, "become uid %u: %s", (unsigned)uid, strerror(errno));
		return -1;
	}
	memset(keep, 0, sizeof keep);
	if (bind)
		keep[0].effective = keep[0].permitted = 1u << CAP_NET_BIND_SERVICE;
	if (syscall(SYS_capset, &hdr, keep) != 0) {
		snprintf(err, errlen, "capset: %s", strerror(errno));
		return -1;
	}
	if (carry && prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) != 0) {
		snprintf(err, errlen, "keepcaps off: %s", strerror(errno));
		return -1;
	}
	/* Proof rather than trust: going back must fail. */
	if (uid && setresuid(0, 0, 0) == 0) {
		snprintf(err, errlen, "uid 0 still reachable after the drop");
		return -1;
	}
	return 0;
}

int jail_enter(const struct jail_spec *s, char *note, size_t notelen, char *err, size_t errlen)
{
	char why[256];
	int rc;

	if (note && notelen)
		note[0] = '\0';
	if (err && errlen)
		err[0] = '\0';
	if (s->uid) {
		if (geteuid() != 0) {
			snprintf(err, errlen, "uid %u asked for, but the runner is not root",
				 (unsigned)s->uid);
			return -1;
		}
		if (unshare(CLONE_NEWNS) != 0) {
			snprintf(err, errlen, "mount namespace: %s", strerror(errno));
			return -1;
		}
	} else if (geteuid() == 0) {
		/* Root without a uid to become (a runner started by hand in
		 * the guest, or hosted as root): no user namespace needed, and
		 * the guest's kernel has none; uid 0 stays, powerless. */
		if (unshare(CLONE_NEWNS) != 0) {
			snprintf(err, errlen, "mount namespace: %s", strerror(errno));
			return -1;
		}
	} else {
		rc = jail_userns(why, sizeof why);
		if (rc > 0) {
			snprintf(note, notelen, "jail: no user namespace (%s): running with the "
						"caller's uid and files, seccomp only", why);
			return 0;
		}
		if (rc < 0) {
			snprintf(err, errlen, "user namespace: %s", why);
			return -1;
		}
	}
	if (jail_root(s, err, errlen) != 0 || jail_caps(s->uid, s->net_bind, err, errlen) != 0)
		return -1;
	/* Files of a shared /data stay usable by the next app's uid. */
	if (s->uid && s->data_dir)
		umask(0);
	/* No core, no ptrace attach by the same uid, /proc entries root's. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
		snprintf(err, errlen, "not dumpable: %s", strerror(errno));
		return -1;
	}
	return 0;
}

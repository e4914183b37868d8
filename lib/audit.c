/* audit: the capability check on a component's imports. The supervisor and
 * the runner both call it on the bytes wcomp reads, before Wasmtime loads
 * anything, so a refused app never executes a single instruction and the
 * user reads which import needs which capability instead of a link error.
 *
 * Deny by default: an import is allowed only if it is a WASI interface
 * named in the rule table below, at a WASI 0.2 version we provide, and the
 * manifest declares the capability the rule asks for.
 *
 * This audit is the barrier for undeclared interfaces: the runner's linker
 * has all of WASI 0.2 in it (wasmtime_component_linker_add_wasip2 in
 * runner/wt.c), so an import that got past here would be linked. Behind
 * it, in order:
 *  - the WASI context the runner builds grants only the declared
 *    capabilities (no preopen without filesystem, no network permission
 *    without network, stdin/stdout unconnected without stdio);
 *  - the jail (lib/jail.c), if Wasmtime itself were compromised: an empty
 *    read-only root with /data only for filesystem and the resolver's
 *    files only for network, its own uid as PID 1's child, no
 *    capabilities, not dumpable, no /proc;
 *  - seccomp (lib/sbx.c): a measured allowlist, and a denylist that
 *    refuses IP sockets without network, UDP always, other processes,
 *    namespaces, mounts and the kernel's riskiest interfaces.
 * docs/audit.md, "What stops an undeclared interface". */
#include "audit.h"
#include "manifest.h"
#include "wcomp.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* "pkg/iface" matches that one interface, "pkg/ *" every interface of the
 * package. Order does not matter: patterns never overlap. */
static const struct audit_rule {
	const char *pattern;
	unsigned cap;         /* CAP_* bit needed; 0 for the baseline */
	const char *cap_name; /* the key in [capabilities] */
} audit_rules[] = {
	/* Baseline: streams, time and randomness carry no authority. */
	{"wasi:io/*", 0, NULL},
	{"wasi:clocks/*", 0, NULL},
	{"wasi:random/*", 0, NULL},
	/* The process's own stdio, exit code, environment and terminal. The
	 * runner connects stdin/stdout only with `stdio`; without it these
	 * interfaces exist but read nothing and write nowhere. */
	{"wasi:cli/stdin", 0, NULL},
	{"wasi:cli/stdout", 0, NULL},
	{"wasi:cli/stderr", 0, NULL},
	{"wasi:cli/exit", 0, NULL},
	{"wasi:cli/environment", 0, NULL},
	{"wasi:cli/terminal-input", 0, NULL},
	{"wasi:cli/terminal-output", 0, NULL},
	{"wasi:cli/terminal-stdin", 0, NULL},
	{"wasi:cli/terminal-stdout", 0, NULL},
	{"wasi:cli/terminal-stderr", 0, NULL},
	/* Files: only what /data holds, and only when declared. */
	{"wasi:filesystem/*", CAP_FILESYSTEM, "filesystem"},
	/* Sockets: the network capability is TCP only. wasi-libc imports the
	 * UDP interfaces next to the TCP ones, so they are allowed here and
	 * UDP sockets are refused at run time by the sandbox (lib/sbx.c). */
	{"wasi:sockets/*", CAP_NETWORK, "network"},
};

#define AUDIT_NRULES (sizeof audit_rules / sizeof audit_rules[0])

/* An interface name "ns:pkg/iface@version", split. */
struct iface_name {
	const char *pkg, *iface, *ver;
	size_t pkg_n, iface_n, ver_n;
	bool has_ver;
};

static bool is_label_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-';
}

static bool all_chars(const char *s, size_t n, bool colon_ok)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_label_char(s[i]) && !(colon_ok && s[i] == ':'))
			return false;
	return true;
}

/* Only the shape the rules need: a package with a namespace, one interface
 * label (so "pkg/ *" can never match "pkg/a/b"), and an optional version.
 * Anything else is not an interface import and so not grantable. */
static bool split_iface(const char *s, size_t n, struct iface_name *out)
{
	const char *slash = memchr(s, '/', n), *at;

	if (!slash || !memchr(s, ':', (size_t)(slash - s)) ||
	    !all_chars(s, (size_t)(slash - s), true))
		return false;
	out->pkg = s;
	out->pkg_n = (size_t)(slash - s);
	out->iface = slash + 1;
	at = memchr(out->iface, '@', n - out->pkg_n - 1);
	out->has_ver = at != NULL;
	out->iface_n = at ? (size_t)(at - out->iface) : n - out->pkg_n - 1;
	out->ver = at ? at + 1 : NULL;
	out->ver_n = at ? n - (size_t)(out->ver - s) : 0;
	return all_chars(out->iface, out->iface_n, false);
}

static const struct audit_rule *find_rule(const struct iface_name *in)
{
	for (size_t i = 0; i < AUDIT_NRULES; i++) {
		const char *p = audit_rules[i].pattern, *slash = strchr(p, '/');
		size_t pkg_n = (size_t)(slash - p);

		if (pkg_n != in->pkg_n || memcmp(p, in->pkg, pkg_n) != 0)
			continue;
		if (strcmp(slash + 1, "*") == 0)
			return &audit_rules[i];
		if (strlen(slash + 1) == in->iface_n && memcmp(slash + 1, in->iface, in->iface_n) == 0)
			return &audit_rules[i];
	}
	return NULL;
}

/* Exactly "0.2.N" with N in 0..99, no leading zero, no pre-release or build
 * tag: the WASI 0.2 line Wasmtime's WASI implementation links (it is
 * semver-compatible within 0.2), and nothing we have not tested. */
static bool version_ok(const char *v, size_t n)
{
	if (n < 5 || n > 6 || memcmp(v, "0.2.", 4) != 0)
		return false;
	for (size_t i = 4; i < n; i++)
		if (v[i] < '0' || v[i] > '9')
			return false;
	return !(n == 6 && v[4] == '0');
}

enum audit_verdict audit_import(const char *name, size_t len, unsigned caps, char *msg,
				size_t msglen)
{
	const struct audit_rule *rule;
	struct iface_name in;
	int n = (int)(len > WCOMP_NAME_MAX ? WCOMP_NAME_MAX : len);

	if (msg && msglen)
		msg[0] = '\0';
	if (!split_iface(name, len, &in)) {
		snprintf(msg, msglen, "import '%.*s' is not grantable: it is not a WASI "
			 "interface, and VyomaOS provides nothing else", n, name);
		return AUDIT_NOT_GRANTABLE;
	}
	rule = find_rule(&in);
	if (!rule) {
		snprintf(msg, msglen, "import '%.*s' is not grantable: VyomaOS does not provide "
			 "'%.*s/%.*s'", n, name, (int)in.pkg_n, in.pkg, (int)in.iface_n, in.iface);
		return AUDIT_NOT_GRANTABLE;
	}
	if (!in.has_ver || !version_ok(in.ver, in.ver_n)) {
		snprintf(msg, msglen, "import '%.*s' is not grantable: VyomaOS provides WASI "
			 "0.2.0 to 0.2.99, and this import %s", n, name,
			 in.has_ver ? "asks for another version" : "names no version");
		return AUDIT_BAD_VERSION;
	}
	if (rule->cap && !(caps & rule->cap)) {
		snprintf(msg, msglen, "import '%.*s' needs capability '%s', which vyoma.toml "
			 "does not declare", n, name, rule->cap_name);
		return AUDIT_NEEDS_CAP;
	}
	return AUDIT_OK;
}

/* Collects refusals into the caller's buffer, whole messages only, keeping
 * room for a tail that counts what did not fit. */
struct audit_acc {
	unsigned caps;
	char *out;
	size_t outlen, used, refused, omitted;
};

enum { ACC_TAIL = 40 };

static void acc_refuse(const char *msg, struct audit_acc *a)
{
	size_t n, sep;

	a->refused++;
	n = strlen(msg);
	sep = a->used ? 2 : 0;
	if (a->omitted || !a->out || a->outlen < ACC_TAIL ||
	    n + sep > a->outlen - ACC_TAIL - a->used) {
		a->omitted++;
		return;
	}
	memcpy(a->out + a->used, "; ", sep);
	memcpy(a->out + a->used + sep, msg, n);
	a->used += sep + n;
	a->out[a->used] = '\0';
}

static void acc_judge(const char *name, size_t len, void *ctx)
{
	char msg[2 * WCOMP_NAME_MAX + 256]; /* the name, and maybe its package again */

	if (audit_import(name, len, ((struct audit_acc *)ctx)->caps, msg, sizeof msg) != AUDIT_OK)
		acc_refuse(msg, ctx);
}

static int acc_finish(struct audit_acc *a)
{
	if (!a->refused)
		return 0;
	if (a->omitted && a->out && a->outlen)
		snprintf(a->out + a->used, a->outlen - a->used, "%s(%zu more refused)",
			 a->used ? "; " : "", a->omitted);
	return -1;
}

int audit_names(const char *const *names, size_t n, unsigned caps, char *err, size_t errlen)
{
	struct audit_acc a = {caps, err, errlen, 0, 0, 0};

	if (err && errlen)
		err[0] = '\0';
	for (size_t i = 0; i < n; i++)
		acc_judge(names[i], strlen(names[i]), &a);
	return acc_finish(&a);
}

/* The SDK's marks (docs/audit.md, "SDK marks"): the build records which
 * protocol features the linked SDK code uses in a "vyoma-marks" custom
 * section, comma-separated. A mark the reader does not know is skipped;
 * a component without the section (built by hand) has nothing to judge. */
static const struct audit_mark {
	const char *mark, *does;
	unsigned cap;
	const char *cap_name;
} audit_marks[] = {
	{"draw", "draws", CAP_DISPLAY, "display"},
	{"clip", "copies to the clipboard", CAP_DISPLAY, "display"},
	{"mouse", "handles the mouse", CAP_MOUSE, "mouse"},
	{"shell", "sends supervisor commands", CAP_SHELL, "shell"},
};

static void acc_marks(const uint8_t *p, size_t n, struct audit_acc *a)
{
	while (n > 0) {
		const uint8_t *comma = memchr(p, ',', n);
		size_t w = comma ? (size_t)(comma - p) : n;

		for (size_t i = 0; i < sizeof audit_marks / sizeof audit_marks[0]; i++) {
			const struct audit_mark *m = &audit_marks[i];
			char msg[160];
			if (strlen(m->mark) != w || memcmp(m->mark, p, w) != 0 || (a->caps & m->cap))
				continue;
			snprintf(msg, sizeof msg, "the component %s (SDK mark '%s'), which needs "
				 "capability '%s', which vyoma.toml does not declare", m->does, m->mark,
				 m->cap_name);
			acc_refuse(msg, a);
		}
		p += w + (comma != NULL);
		n -= w + (comma != NULL);
	}
}

int audit_component(const uint8_t *buf, size_t len, unsigned caps, char *err, size_t errlen)
{
	struct audit_acc a = {caps, err, errlen, 0, 0, 0};
	const uint8_t *marks;
	size_t marks_n;

	/* On a parse error wcomp overwrites whatever refusals were collected:
	 * verdicts on half a binary mean nothing. */
	if (wcomp_imports(buf, len, acc_judge, &a, err, errlen) != 0)
		return -1;
	if (wcomp_custom(buf, len, "vyoma-marks", &marks, &marks_n, NULL, 0) == 1)
		acc_marks(marks, marks_n, &a);
	return acc_finish(&a);
}

struct join {
	char *out;
	size_t outlen, used, fit, total;
	bool full;
};

enum { JOIN_TAIL = 4 }; /* ",..." minus the NUL we always keep room for */

static void join_add(const char *name, size_t len, void *ctx)
{
	struct join *j = ctx;
	size_t sep = j->total ? 1 : 0;

	j->total++;
	if (j->full || j->outlen < JOIN_TAIL + 2 ||
	    sep + len > j->outlen - 1 - JOIN_TAIL - j->used) {
		j->full = true;
		return;
	}
	memcpy(j->out + j->used, ",", sep);
	memcpy(j->out + j->used + sep, name, len);
	j->used += sep + len;
	j->out[j->used] = '\0';
	j->fit++;
}

static void join_finish(struct join *j)
{
	if (!j->out || !j->outlen)
		return;
	if (j->total == 0)
		snprintf(j->out, j->outlen, "none");
	else if (j->full)
		snprintf(j->out + j->used, j->outlen - j->used, "%s...", j->used ? "," : "");
}

size_t audit_join(const char *const *names, size_t n, char *out, size_t outlen)
{
	struct join j = {out, outlen, 0, 0, 0, false};

	if (out && outlen)
		out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		join_add(names[i], strlen(names[i]), &j);
	join_finish(&j);
	return j.fit;
}

int audit_imports_list(const uint8_t *buf, size_t len, char *out, size_t outlen, char *err,
		       size_t errlen)
{
	struct join j = {out, outlen, 0, 0, 0, false};

	if (out && outlen)
		out[0] = '\0';
	if (wcomp_imports(buf, len, join_add, &j, err, errlen) != 0) {
		if (out && outlen)
			out[0] = '\0';
		return -1;
	}
	join_finish(&j);
	return 0;
}

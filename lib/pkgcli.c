/* pkgcli: the `vyoma pkg` verbs a developer runs on the host: make a key
 * pair, build a signed bundle from an app and its built component, verify
 * or inspect a bundle, and write the signed index of a folder of bundles.
 * Verbs dispatch through a table; every file written is written atomically
 * (lib/file.c). The formats and checks live in lib/vpk.c, lib/pidx.c. */
#include "pkgcli.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "audit.h"
#include "file.h"
#include "hex.h"
#include "pidx.h"
#include "vpk.h"
#include "wcomp.h"

#define CLI_PATH 4096
#define ERR_LEN  4096

struct cli_opts {
	const char *key, *keys, *out, *component, *min_os, *index, *extract, *system;
	uint64_t seq, installed_seq;
	struct pkey_revoked revoke;
	int npos;
	char **pos;
};

static void cli_say(const char *verb, const char *fmt, va_list ap)
{
	fprintf(stderr, "vyoma pkg %s: ", verb);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* One line on stderr; returns the exit code 1. */
static int cli_err(const char *verb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int cli_err(const char *verb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_say(verb, fmt, ap);
	va_end(ap);
	return 1;
}

/* The same for helpers that return 0 / -1. */
static int cli_fail(const char *verb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int cli_fail(const char *verb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_say(verb, fmt, ap);
	va_end(ap);
	return -1;
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	if (!s[0] || s[0] == '-')
		return -1;
	*out = strtoull(s, &end, 10);
	return errno || *end || *out > VPK_SEQ_MAX ? -1 : 0;
}

/* One getopt_long pass shared by all verbs; each verb then checks that it
 * got what it needs. */
static int cli_parse(const char *verb, int argc, char **argv, struct cli_opts *o)
{
	static const struct option opts[] = {
		{ "key", required_argument, NULL, 'k' },      { "keys", required_argument, NULL, 'K' },
		{ "out", required_argument, NULL, 'o' },      { "seq", required_argument, NULL, 's' },
		{ "component", required_argument, NULL, 'c' }, { "min-os", required_argument, NULL, 'm' },
		{ "index", required_argument, NULL, 'i' },    { "extract", required_argument, NULL, 'x' },
		{ "installed-seq", required_argument, NULL, 'I' },
		{ "system", required_argument, NULL, 'S' },  { "revoke", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof *o);
	o->seq = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'k': o->key = optarg; break;
		case 'K': o->keys = optarg; break;
		case 'o': o->out = optarg; break;
		case 'c': o->component = optarg; break;
		case 'm': o->min_os = optarg; break;
		case 'i': o->index = optarg; break;
		case 'x': o->extract = optarg; break;
		case 'S': o->system = optarg; break;
		case 's':
		case 'I':
			if (parse_u64(optarg, c == 's' ? &o->seq : &o->installed_seq) < 0 ||
			    (c == 's' && o->seq == 0))
				return cli_fail(verb, "--%s wants a positive integer",
						c == 's' ? "seq" : "installed-seq");
			break;
		case 'r':
			if (!pkey_valid_id(optarg, strlen(optarg)) || o->revoke.n == PKEY_RING_MAX)
				return cli_fail(verb, "--revoke wants a 16-hex-digit key id");
			snprintf(o->revoke.ids[o->revoke.n++], PKEY_ID_LEN + 1, "%s", optarg);
			break;
		default: return -1;
		}
	}
	o->pos = argv + optind;
	o->npos = argc - optind;
	return 0;
}

static int read_all(const char *verb, const char *path, size_t max, uint8_t **buf, size_t *len)
{
	char why[512];

	if (file_read(path, max, buf, len, why, sizeof why) < 0) {
		cli_err(verb, "%s: %s", path, why);
		return -1;
	}
	return 0;
}

/* ---- keygen ------------------------------------------------------------------ */
static int v_keygen(struct cli_opts *o)
{
	char err[ERR_LEN], pub[CLI_PATH];
	struct pkey_secret k;
	int rc;

	if (!o->out || o->npos)
		return cli_err("keygen", "usage: vyoma pkg keygen --out KEYFILE") + 1;
	snprintf(pub, sizeof pub, "%s.pub", o->out);
	if (access(o->out, F_OK) == 0 || access(pub, F_OK) == 0)
		return cli_err("keygen", "%s or %s already exists; a key is never overwritten",
			       o->out, pub);
	if (pkey_generate(&k, err, sizeof err) < 0)
		return cli_err("keygen", "%s", err);
	rc = pkey_write_pair(o->out, &k, err, sizeof err);
	if (rc == 0)
		printf("pkg: wrote %s (secret) and %s (public, key id %s)\n", o->out, pub, k.id);
	memset(&k, 0, sizeof k);
	return rc < 0 ? cli_err("keygen", "%s", err) : 0;
}

/* ---- build --------------------------------------------------------------------- */
static int v_build(struct cli_opts *o)
{
	char path[CLI_PATH], err[ERR_LEN], hex[65];
	uint8_t *toml = NULL, *comp = NULL, *icon = NULL, *out = NULL, h[32];
	size_t toml_len, comp_len, icon_len = 0, out_len;
	struct vpk_input in = { 0 };
	struct pkey_secret k;
	struct manifest app;
	struct man_error me;
	const char *dir, *base;
	int rc = 1;

	if (!o->key || o->npos != 1)
		return cli_err("build", "usage: vyoma pkg build APPDIR --key KEYFILE [--seq N] "
			       "[--out DIR] [--component FILE] [--min-os VERSION]") + 1;
	dir = o->pos[0];
	if (pkey_load_secret(o->key, &k, err, sizeof err) < 0)
		return cli_err("build", "%s", err);
	snprintf(path, sizeof path, "%s/vyoma.toml", dir);
	if (man_load_app(path, &app, &me) < 0) {
		man_error_format(&me, err, sizeof err);
		cli_err("build", "%s", err);
		goto out;
	}
	if (read_all("build", path, VPK_MANIFEST_MAX, &toml, &toml_len) < 0)
		goto out;
	if (o->component)
		snprintf(path, sizeof path, "%s", o->component);
	else
		snprintf(path, sizeof path, "build/apps/%s/%s", app.name, app.component);
	if (read_all("build", path, WCOMP_FILE_MAX, &comp, &comp_len) < 0)
		goto out;
	snprintf(path, sizeof path, "%s/icon.png", dir);
	if (access(path, F_OK) == 0 && read_all("build", path, VPK_ICON_MAX, &icon, &icon_len) < 0)
		goto out;
	in = (struct vpk_input){ toml, comp, icon, toml_len, comp_len, icon_len, o->seq, o->min_os };
	if (vpk_build(&in, &k, &out, &out_len, err, sizeof err) < 0) {
		cli_err("build", "%s: %s", dir, err);
		goto out;
	}
	base = o->out ? o->out : "build/packages";
	if (mkdir(base, 0755) != 0 && errno != EEXIST) {
		cli_err("build", "cannot create %s: %s", base, strerror(errno));
		goto out;
	}
	snprintf(path, sizeof path, "%s/%s.vpk", base, app.name);
	if (file_write_atomic(path, out, out_len, 0644, err, sizeof err) < 0) {
		cli_err("build", "%s: %s", path, err);
		goto out;
	}
	pkey_sha256(out, out_len, h);
	hex_encode(h, 32, hex);
	printf("pkg: wrote %s (%zu bytes, %s %s seq %" PRIu64 ", key %s, sha256 %s)\n", path,
	       out_len, app.name, app.version, o->seq, k.id, hex);
	rc = 0;
out:
	memset(&k, 0, sizeof k);
	free(toml);
	free(comp);
	free(icon);
	free(out);
	return rc;
}

/* ---- verify ------------------------------------------------------------------------ */

/* The trust a verify needs: the ring from --keys, the revocations of a
 * signed index (--index DIR), the installed seq and system names. */
static int load_policy(const char *verb, struct cli_opts *o, struct pkey_ring *ring,
		       struct pkey_revoked *rev, const char **sys, size_t *nsys, char *sysbuf,
		       size_t syslen, struct vpk_policy *pol)
{
	char err[ERR_LEN];
	struct pidx idx;

	*nsys = 0;
	if (pkey_load_ring(o->keys, ring, err, sizeof err) < 0)
		return cli_fail(verb, "%s", err);
	*rev = o->revoke;
	if (o->index) {
		if (pidx_load(o->index, ring, &idx, err, sizeof err) < 0)
			return cli_fail(verb, "%s", err);
		for (size_t i = 0; i < idx.revoked.n && rev->n < PKEY_RING_MAX; i++)
			memcpy(rev->ids[rev->n++], idx.revoked.ids[i], PKEY_ID_LEN + 1);
		pidx_free(&idx);
	}
	if (o->system) {
		snprintf(sysbuf, syslen, "%s", o->system);
		for (char *save = NULL, *t = strtok_r(sysbuf, ",", &save); t && *nsys < 64;
		     t = strtok_r(NULL, ",", &save))
			sys[(*nsys)++] = t;
	}
	*pol = (struct vpk_policy){ .ring = ring, .revoked = rev, .installed_seq = o->installed_seq,
				    .system_apps = sys, .nsystem = *nsys };
	return 0;
}

static int v_verify(struct cli_opts *o)
{
	static struct pkey_ring ring;
	static struct pkey_revoked rev;
	static struct vpk_bundle b;
	const char *sys[64];
	char sysbuf[1024], err[ERR_LEN], caps[96];
	struct vpk_policy pol;
	uint8_t *buf = NULL;
	size_t len, nsys;
	int rc = 1;

	if (!o->keys || o->npos != 1)
		return cli_err("verify", "usage: vyoma pkg verify FILE --keys DIR [--index DIR] "
			       "[--installed-seq N] [--system a,b] [--revoke ID] [--extract DIR]") + 1;
	if (load_policy("verify", o, &ring, &rev, sys, &nsys, sysbuf, sizeof sysbuf, &pol) < 0)
		return 1;
	if (read_all("verify", o->pos[0], VPK_MAX_BYTES, &buf, &len) < 0)
		return 1;
	if ((o->extract ? vpk_unpack(buf, len, &pol, o->extract, &b, err, sizeof err)
			: vpk_verify(buf, len, &pol, &b, err, sizeof err)) < 0) {
		cli_err("verify", "%s: refused: %s", o->pos[0], err);
		goto out;
	}
	cap_format(b.man.caps, caps, sizeof caps);
	printf("%s: OK: %s %s seq %" PRIu64 ", signed by key %s, capabilities %s%s%s\n",
	       o->pos[0], b.man.name, b.man.version, b.man.seq, b.man.key_id, caps,
	       o->extract ? ", unpacked into " : "", o->extract ? o->extract : "");
	rc = 0;
out:
	free(buf);
	return rc;
}

/* ---- info: what a bundle says, signature not required ------------------------------- */
static int v_info(struct cli_opts *o)
{
	static struct ustar_entry e[USTAR_MAX_ENTRIES];
	static char imports[16384];
	struct vpk_manifest m = { 0 };
	struct manifest app = { 0 };
	struct man_error me;
	char err[ERR_LEN], caps[96], hex[65];
	uint8_t *buf = NULL;
	size_t len, n;
	int rc = 1;

	if (o->npos != 1)
		return cli_err("info", "usage: vyoma pkg info FILE") + 1;
	if (read_all("info", o->pos[0], VPK_MAX_BYTES, &buf, &len) < 0)
		return 1;
	if (ustar_read(buf, len, WCOMP_FILE_MAX, e, USTAR_MAX_ENTRIES, &n, err, sizeof err) < 0) {
		cli_err("info", "%s: %s", o->pos[0], err);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].name, "MANIFEST") == 0 &&
		    vpk_manifest_parse((const char *)e[i].data, e[i].size, &m, err, sizeof err) < 0) {
			cli_err("info", "%s: MANIFEST: %s", o->pos[0], err);
			goto out;
		}
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].name, "vyoma.toml") == 0 &&
		    man_parse_app((const char *)e[i].data, e[i].size, "vyoma.toml", &app, &me) < 0) {
			man_error_format(&me, err, sizeof err);
			cli_err("info", "%s: %s", o->pos[0], err);
			goto out;
		}
	if (!m.name[0] || !app.name[0]) {
		cli_err("info", "%s: no MANIFEST or vyoma.toml", o->pos[0]);
		goto out;
	}
	cap_format(m.caps, caps, sizeof caps);
	printf("file:         %s (%zu bytes; signature not checked here, see pkg verify)\n"
	       "name:         %s\nversion:      %s\nseq:          %" PRIu64 "\n"
	       "min_os:       %s\nkey id:       %s\ncapabilities: %s\ndescription:  %s\n",
	       o->pos[0], len, m.name, m.version, m.seq, m.min_os, m.key_id, caps, app.description);
	for (size_t i = 0; i < m.nfiles; i++) {
		hex_encode(m.files[i].sha256, 32, hex);
		printf("file entry:   %-20s %10" PRIu64 " bytes  sha256 %s\n", m.files[i].path,
		       m.files[i].size, hex);
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].name, app.component) == 0) {
			if (audit_imports_list(e[i].data, e[i].size, imports, sizeof imports, err,
					       sizeof err) < 0)
				snprintf(imports, sizeof imports, "unreadable: %s", err);
			printf("imports:      %s\n", imports);
		}
	rc = 0;
out:
	free(buf);
	return rc;
}

/* ---- index ----------------------------------------------------------------------------- */
static int vpk_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Verify every DIR/<x>.vpk against the signing key and describe it. */
static int index_scan(const char *dir, const struct pkey_secret *k, struct pidx *idx)
{
	static struct vpk_bundle b;
	char *names[PIDX_MAX_PACKAGES], path[CLI_PATH], err[ERR_LEN];
	struct pkey_ring ring = { 0 };
	struct vpk_policy pol = { .ring = &ring };
	struct pkey_pub pub;
	struct dirent *de;
	size_t n = 0, len;
	uint8_t *buf;
	DIR *d = opendir(dir);
	int rc = -1;

	if (!d)
		return cli_fail("index", "cannot open %s: %s", dir, strerror(errno));
	memcpy(pub.id, k->id, sizeof pub.id);
	memcpy(pub.pk, k->pk, sizeof pub.pk);
	pkey_ring_add(&ring, &pub, err, sizeof err);
	while ((de = readdir(d)) && n < PIDX_MAX_PACKAGES) {
		size_t l = strlen(de->d_name);

		if (l > 4 && de->d_name[0] != '.' && strcmp(de->d_name + l - 4, ".vpk") == 0 &&
		    !(names[n++] = strdup(de->d_name))) {
			n--;
			cli_err("index", "out of memory");
			goto out;
		}
	}
	qsort(names, n, sizeof names[0], vpk_name_cmp);
	idx->pkgs = calloc(n ? n : 1, sizeof *idx->pkgs);
	if (!idx->pkgs) {
		cli_err("index", "out of memory");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct pidx_pkg *p = &idx->pkgs[i];

		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if (read_all("index", path, VPK_MAX_BYTES, &buf, &len) < 0)
			goto out;
		if (vpk_verify(buf, len, &pol, &b, err, sizeof err) < 0) {
			free(buf);
			cli_err("index", "%s: refused: %s", path, err);
			goto out;
		}
		if (pidx_find(idx, b.man.name)) {
			free(buf);
			cli_err("index", "%s: a second bundle of '%s'", path, b.man.name);
			goto out;
		}
		snprintf(p->name, sizeof p->name, "%s", b.man.name);
		snprintf(p->version, sizeof p->version, "%s", b.man.version);
		snprintf(p->file, sizeof p->file, "%s", names[i]);
		snprintf(p->description, sizeof p->description, "%s", b.app.description);
		p->seq = b.man.seq;
		p->caps = b.man.caps;
		p->size = len;
		pkey_sha256(buf, len, p->sha256);
		idx->n = i + 1;
		free(buf);
	}
	rc = 0;
out:
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	closedir(d);
	return rc;
}

static int v_index(struct cli_opts *o)
{
	char path[CLI_PATH], err[ERR_LEN], sigtext[512];
	struct pidx idx = { 0 };
	struct pkey_secret k;
	struct pkey_sig sig;
	char *text = NULL;
	size_t len;
	int rc = 1;

	if (!o->key || o->npos != 1)
		return cli_err("index", "usage: vyoma pkg index DIR --key KEYFILE [--revoke ID]...") + 1;
	if (pkey_load_secret(o->key, &k, err, sizeof err) < 0)
		return cli_err("index", "%s", err);
	if (pkey_is_revoked(&o->revoke, k.id)) {
		cli_err("index", "the signing key %s cannot revoke itself", k.id);
		goto out;
	}
	if (index_scan(o->pos[0], &k, &idx) < 0)
		goto out;
	memcpy(idx.key_id, k.id, sizeof idx.key_id);
	idx.revoked = o->revoke;
	if (pidx_format(&idx, &text, &len, err, sizeof err) < 0) {
		cli_err("index", "%s", err);
		goto out;
	}
	pkey_sign(&k, text, len, &sig);
	pkey_format_sig(&sig, sigtext, sizeof sigtext);
	snprintf(path, sizeof path, "%s/INDEX", o->pos[0]);
	if (file_write_atomic(path, text, len, 0644, err, sizeof err) < 0) {
		cli_err("index", "%s: %s", path, err);
		goto out;
	}
	snprintf(path, sizeof path, "%s/INDEX.sig", o->pos[0]);
	if (file_write_atomic(path, sigtext, strlen(sigtext), 0644, err, sizeof err) < 0) {
		cli_err("index", "%s: %s", path, err);
		goto out;
	}
	printf("pkg: wrote %s/INDEX (%zu packages, %zu revoked keys, signed by %s)\n", o->pos[0],
	       idx.n, idx.revoked.n, k.id);
	rc = 0;
out:
	memset(&k, 0, sizeof k);
	free(text);
	pidx_free(&idx);
	return rc;
}

static const struct {
	const char *verb;
	int (*fn)(struct cli_opts *o);
	const char *usage;
} verbs[] = {
	{ "keygen", v_keygen, "keygen --out KEYFILE" },
	{ "build", v_build, "build APPDIR --key KEYFILE [--seq N] [--out DIR] [--component FILE]" },
	{ "verify", v_verify, "verify FILE --keys DIR [--index DIR] [--installed-seq N] [--extract DIR]" },
	{ "info", v_info, "info FILE" },
	{ "index", v_index, "index DIR --key KEYFILE [--revoke KEYID]..." },
};

int pkgcli_main(int argc, char **argv)
{
	static struct cli_opts o;

	for (size_t i = 0; argc >= 2 && i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(argv[1], verbs[i].verb) == 0) {
			if (cli_parse(verbs[i].verb, argc - 1, argv + 1, &o) < 0)
				return 2;
			return verbs[i].fn(&o);
		}
	fputs("usage:\n", stderr);
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		fprintf(stderr, "  vyoma pkg %s\n", verbs[i].usage);
	return 2;
}

/* pkg_ctx: what the package manager's two files share (supervisor/svc
 * pkg.c: the command's machine, the repository and installs; pkg_verbs.c:
 * the verbs). Private to them. */
#ifndef VYOMA_PKG_CTX_H
#define VYOMA_PKG_CTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app.h"
#include "pidx.h"
#include "prepo.h"

struct httpc;

#define PKG_SYSTEM_MAX 256
#define PKG_ARGS       8

enum pkg_phase { PH_INDEX, PH_SIG, PH_VERB, PH_QUEUE, PH_BUNDLE };
/* What a verb needs of the repository's index over HTTP: nothing, a try
 * (list: an unreachable repository only loses the upgrade marks), or the
 * index itself (its revocations guard even the install of a file). */
enum pkg_need { NEED_NONE, NEED_TRY, NEED_INDEX };

struct pkg_ctx;
typedef int (*pkg_verb_fn)(struct pkg_ctx *x, int argc, char **argv);

struct pkg_ctx {
	struct app *c;          /* the caller, looked up again after each wait */
	uint64_t caller;
	pkg_verb_fn fn;
	int need;               /* enum pkg_need */
	int argc;
	char *argv[PKG_ARGS];
	enum pkg_phase phase;
	struct pkey_ring ring;
	struct pidx idx;
	bool have_idx;
	char dir[APP_DIR_MAX];  /* installed packages */
	char repo[APP_DIR_MAX];
	bool http;              /* repo is conf.url, not the folder */
	struct prepo_conf conf;
	struct httpc *req;      /* the fetch in flight */
	uint8_t *text;          /* INDEX over HTTP, until its signature is here */
	size_t tlen;
	uint8_t *got;           /* a bundle over HTTP */
	size_t glen;
	const char *queue[PIDX_MAX_PACKAGES]; /* to install, in order: argv's or idx's */
	size_t nq, qi;
	unsigned accepted, ndone;
	const char *qverb;      /* "installed" or "upgraded" */
	char *system[PKG_SYSTEM_MAX];
	size_t nsystem;
	char err[512];
};

/* The verbs (pkg_verbs.c): 0, or -1 with x->err. install and upgrade only
 * queue what to install (pkg_step installs it). */
int pkg_list(struct pkg_ctx *x, int argc, char **argv);
int pkg_search(struct pkg_ctx *x, int argc, char **argv);
int pkg_install(struct pkg_ctx *x, int argc, char **argv);
int pkg_upgrade(struct pkg_ctx *x, int argc, char **argv);
int pkg_remove(struct pkg_ctx *x, int argc, char **argv);
int pkg_rollback(struct pkg_ctx *x, int argc, char **argv);
int pkg_info(struct pkg_ctx *x, int argc, char **argv);
int pkg_boot(struct pkg_ctx *x, int argc, char **argv);

/* Print "pkg <what>: <x->err>" to the caller; -1. */
int pkg_fail(struct pkg_ctx *x, const char *what);

#endif

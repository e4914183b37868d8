/* child: posix_spawn of the runner (clone+vfork in glibc: cheap enough for
 * 200 apps). The child gets its own process group, so one kill(-pgid)
 * reaches whatever the runner leaves behind; an empty signal mask and
 * default dispositions (the supervisor blocks signals for its signalfd and
 * ignores SIGPIPE; both would otherwise be inherited); and exactly three
 * fds (four with the cache index, read-only and sealed, at CIDX_FD): every
 * supervisor fd is close-on-exec. The runner confines itself (its jail and
 * seccomp, lib/jail.c and lib/sbx.c: it must first read what it runs); as
 * PID 1 it is told the uid to become with --uid. */
#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cidx.h"
#include "jail.h"

extern char **environ;

int child_argv(const struct child_req *req, char *mem_buf, size_t mem_len, const char **argv,
	       size_t max)
{
	size_t n = 0;

	static char index_fd[12], uid[12];

	if (max < CHILD_ARGV(req))
		return -1;
	snprintf(mem_buf, mem_len, "%u", req->memory_mb);
	argv[n++] = req->runner;
	argv[n++] = "--name";
	argv[n++] = req->name;
	argv[n++] = "--cap";
	argv[n++] = req->caps;
	argv[n++] = "--memory-mb";
	argv[n++] = mem_buf;
	if (req->data_dir) {
		argv[n++] = "--data";
		argv[n++] = req->data_dir;
	}
	if (req->cache_dir) {
		argv[n++] = "--cache";
		argv[n++] = req->cache_dir;
	}
	if (req->cache_dir && req->cache_index >= 0) {
		snprintf(index_fd, sizeof index_fd, "%d", CIDX_FD);
		argv[n++] = "--cache-index";
		argv[n++] = index_fd;
	}
	/* As PID 1 each app runs as a uid of its own (lib/jail.h); hosted,
	 * the runner keeps the caller's uid in a user namespace. */
	if (req->clean_env) {
		snprintf(uid, sizeof uid, "%u", (unsigned)jail_app_uid(req->name));
		argv[n++] = "--uid";
		argv[n++] = uid;
	}
	argv[n++] = req->component;
	if (req->nargs) {
		argv[n++] = "--";
		for (unsigned i = 0; i < req->nargs; i++)
			argv[n++] = req->args[i];
	}
	argv[n] = NULL;
	return (int)n;
}

static int child_pipe(int fds[2], int parent_end)
{
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	return fcntl(fds[parent_end], F_SETFL, O_NONBLOCK);
}

int child_spawn(const struct child_req *req, struct child_res *res, char *err, size_t errlen)
{
	static char *const clean_env[] = { "PATH=/bin:/usr/bin", "HOME=/", NULL };
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, errp[2] = { -1, -1 };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, all;
	const char **argv = calloc(CHILD_ARGV(req), sizeof *argv);
	char mem[16];
	int rc = -1, e;
	pid_t pid;

	memset(res, 0, sizeof *res);
	res->in_fd = res->out_fd = res->err_fd = -1;
	if (!argv || child_argv(req, mem, sizeof mem, argv, CHILD_ARGV(req)) < 0) {
		snprintf(err, errlen, "out of memory");
		free(argv);
		return -1;
	}
	if ((!req->given_stdio && (child_pipe(in, 1) < 0 || child_pipe(out, 0) < 0)) ||
	    child_pipe(errp, 0) < 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		goto out_pipes;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&at);
	posix_spawn_file_actions_adddup2(&fa, req->given_stdio ? req->stdin_fd : in[0], 0);
	posix_spawn_file_actions_adddup2(&fa, req->given_stdio ? req->stdout_fd : out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
	if (req->cache_dir && req->cache_index >= 0)
		posix_spawn_file_actions_adddup2(&fa, req->cache_index, CIDX_FD);
	sigemptyset(&none);
	sigfillset(&all);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &all);
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
					      POSIX_SPAWN_SETSIGDEF);
	e = posix_spawn(&pid, req->runner, &fa, &at, (char *const *)argv,
			req->clean_env ? clean_env : environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	if (e) {
		snprintf(err, errlen, "cannot run %s: %s", req->runner, strerror(e));
		goto out_pipes;
	}
	res->pid = pid;
	res->in_fd = in[1];
	res->out_fd = out[0];
	res->err_fd = errp[0];
	in[1] = out[0] = errp[0] = -1;
	rc = 0;
out_pipes:
	free(argv);
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (out[i] >= 0)
			close(out[i]);
		if (errp[i] >= 0)
			close(errp[i]);
	}
	return rc;
}

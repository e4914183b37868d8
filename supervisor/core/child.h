/* child: start one runner child with its three pipes. */
#ifndef VYOMA_CHILD_H
#define VYOMA_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct child_req {
	const char *runner;    /* path of vyoma-run */
	const char *name;
	const char *caps;      /* cap_format() output */
	unsigned memory_mb;
	const char *data_dir;  /* --data, or NULL */
	const char *cache_dir; /* --cache, or NULL */
	int cache_index;       /* the sealed cache index (lib/cidx.h), the child's fd CIDX_FD; -1: none */
	const char *component;
	bool clean_env;        /* PID 1: a fixed minimal environment, and --uid
				* jail_app_uid(name) (an own uid per app) */
	/* Commands (svc/job.c): argv for the app after "--" (args[0] is its
	 * name), and stdin/stdout given instead of new pipes. */
	const char *const *args;
	unsigned nargs;
	bool given_stdio;
	int stdin_fd, stdout_fd;
};

struct child_res {
	pid_t pid;
	int in_fd;  /* write end of the child's stdin (O_NONBLOCK); -1 with given_stdio */
	int out_fd; /* read end of its stdout (O_NONBLOCK); -1 with given_stdio */
	int err_fd; /* read end of its stderr (O_NONBLOCK) */
};

/* 0, or -1 with a reason in err. All fds are close-on-exec. */
int child_spawn(const struct child_req *req, struct child_res *res, char *err, size_t errlen);
/* The argv the runner gets (for logs and tests): at most CHILD_ARGV(req)
 * entries with the NULL (--uid included). */
#define CHILD_ARGV(req) (20u + ((req)->nargs ? 1u + (req)->nargs : 0u))
int child_argv(const struct child_req *req, char *mem_buf, size_t mem_len, const char **argv,
	       size_t max);

#endif

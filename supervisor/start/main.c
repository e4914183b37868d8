/* main: the vyoma binary's entry point. It only parses the command line
 * and hands over to sup_run() (boot the system) or check_root() (validate
 * a root). As PID 1 the kernel passes no useful arguments: the mode is
 * decided by getpid(). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "ctlcli.h"
#include "fb.h"
#include "log.h"
#include "pid1.h"
#include "pkgcli.h"
#include "sup.h"

static void usage(FILE *f)
{
	fputs("usage: vyoma --hosted --root DIR [--runner PATH] [--control SOCK] [--cache DIR]\n"
	      "             [--echo-apps] [--debug] [--size WxH] [--evdev] [--fb-file PATH]\n"
	      "       vyoma --pid1 [--root DIR] [--runner PATH] ...   (tests: PID 1 behaviour)\n"
	      "       vyoma check DIR                                 (validate, do not boot)\n"
	      "       vyoma ctl SOCK LINE...                          (send lines, print answers)\n"
	      "       vyoma pkg keygen|build|verify|info|index ...    (packages, docs/packages.md)\n",
	      f);
}

static int main_check(int argc, char **argv)
{
	if (argc != 2) {
		usage(stderr);
		return 2;
	}
	return check_root(argv[1]);
}

static int main_ctl(int argc, char **argv)
{
	return ctlcli_main(argc - 1, argv + 1);
}

/* The tools the binary also is: `vyoma <tool> ARGS...`; each gets argv
 * from its own name on, as a main would. */
static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
} main_tools[] = {
	{ "check", main_check },
	{ "ctl", main_ctl },
	{ "pkg", pkgcli_main },
};

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "hosted", no_argument, NULL, 'H' },
		{ "pid1", no_argument, NULL, 'P' },
		{ "root", required_argument, NULL, 'r' },
		{ "runner", required_argument, NULL, 'R' },
		{ "control", required_argument, NULL, 'c' },
		{ "cache", required_argument, NULL, 'C' },
		{ "echo-apps", no_argument, NULL, 'e' },
		{ "debug", no_argument, NULL, 'd' },
		{ "size", required_argument, NULL, 's' }, /* display: off-screen size */
		{ "evdev", no_argument, NULL, 'v' },      /* display: hosted evdev input */
		{ "fb-file", required_argument, NULL, 'f' }, /* display: frame for a viewer */
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sup_opts o = { .mode = SUP_HOSTED };
	bool hosted = false, pid1 = false;
	int c;

	o.real_pid1 = getpid() == 1;
	log_init("vyoma", 2);
	if (o.real_pid1) {
		/* The kernel hands init whatever the command line did not use:
		 * take the options we know (--control, --cache, --debug), ignore
		 * the rest. --cache (helper-5, issue 5): scripts/qemu.sh passes
		 * "-- --cache /var/cache/vyoma", the image's precompiled components. */
		pid1_std_fds();
		o.mode = SUP_PID1;
		o.echo_apps = true;
		opterr = 0;
		while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
			if (c == 'c')
				o.control = optarg;
			else if (c == 'C')
				o.cache = optarg;
			else if (c == 'd')
				log_set_level(LOG_DEBUG);
		}
		o.root = "/";
		return sup_run(&o); /* never returns as PID 1 */
	}
	if (argc >= 2)
		for (size_t i = 0; i < sizeof main_tools / sizeof main_tools[0]; i++)
			if (strcmp(argv[1], main_tools[i].name) == 0)
				return main_tools[i].fn(argc - 1, argv + 1);
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'H': hosted = true; break;
		case 'P': pid1 = true; break;
		case 'r': o.root = optarg; break;
		case 'R': o.runner = optarg; break;
		case 'c': o.control = optarg; break;
		case 'C': o.cache = optarg; break;
		case 'e': o.echo_apps = true; break;
		case 'd': o.debug = true; break;
		case 's':
			if (fb_parse_size(optarg, &o.screen_w, &o.screen_h) < 0) {
				fprintf(stderr, "vyoma: --size wants WxH, e.g. 1024x768\n");
				return 2;
			}
			break;
		case 'v': o.evdev = true; break;
		case 'f': o.fb_file = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc || hosted == pid1 || (hosted && !o.root)) {
		usage(stderr);
		return 2;
	}
	if (pid1) {
		o.mode = SUP_PID1;
		if (!o.root)
			o.root = "/";
	}
	if (o.debug)
		log_set_level(LOG_DEBUG);
	return sup_run(&o);
}

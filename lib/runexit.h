/* runexit: the runner's exit codes beyond an app's own 0 and 1, for the
 * runner that exits with them and the supervisor that reads them
 * (docs/runner.md, docs/protocol.md). The one place they are defined. */
#ifndef VYOMA_RUNEXIT_H
#define VYOMA_RUNEXIT_H

/* An app's own status is 0..RUN_EXIT_APP_MAX (exit-with-code, WASI 0.2.12);
 * a status of 128+N means a signal N killed the runner (docs/commands.md). */
#define RUN_EXIT_APP_MAX 63

enum run_exit {
	RUN_EXIT_REFUSED = 70, /* bad arguments, or the import audit refused the app */
	RUN_EXIT_MEMCAP  = 71, /* the app grew past its memory cap */
	RUN_EXIT_TRAP    = 72, /* the app trapped */
	RUN_EXIT_SETUP   = 73, /* the runtime could not be set up */
};

#endif

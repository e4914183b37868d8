/* pkg: `@supervisor: pkg <verb> ...`, the package manager (docs/packages.md). */
#ifndef VYOMA_PKG_H
#define VYOMA_PKG_H

#include <stddef.h>

struct app;

/* argv[0] is the verb (list, search, info, install, upgrade, remove,
 * rollback). Lines of the answer go to c; 0, or -1 after an error line. */
int pkg_command(struct app *c, int argc, char **argv);
/* Where installed packages live under the root. */
void pkg_dirs(char *dir, size_t len);

#endif

/* pkg: `@supervisor: pkg <verb> ...`, the package manager (docs/packages.md). */
#ifndef VYOMA_PKG_H
#define VYOMA_PKG_H

struct app;

/* argv[0] is the verb (list, search, info, install, upgrade, remove,
 * rollback). Lines of the answer go to c; 0, or -1 after an error line. */
int pkg_command(struct app *c, int argc, char **argv);

#endif

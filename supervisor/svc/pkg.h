/* pkg: `@supervisor: pkg <verb> ...`, the package manager (docs/packages.md). */
#ifndef VYOMA_PKG_H
#define VYOMA_PKG_H

struct app;

/* argv[0] is the verb (list, search, info, install, upgrade, remove,
 * rollback). Lines of the answer go to c and end with "ok pkg <verb>" or
 * the error line, at once or, when the repository is HTTP, from the event
 * loop later (c is found again by its id; one command at a time). 1 when
 * started (answered or pending), -1 after an error line. */
int pkg_command(struct app *c, int argc, char **argv);

#endif

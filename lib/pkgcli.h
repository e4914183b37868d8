/* pkgcli: `vyoma pkg ...`, the host tooling for packages (keygen, build,
 * verify, info, index; docs/packages.md). */
#ifndef VYOMA_PKGCLI_H
#define VYOMA_PKGCLI_H

/* argv[0] is "pkg". Returns the process exit code: 0 ok, 1 refused or
 * failed, 2 usage. */
int pkgcli_main(int argc, char **argv);

#endif

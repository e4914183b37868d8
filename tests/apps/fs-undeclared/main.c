/* fs-undeclared: the fs-probe code with a manifest that does not declare
 * filesystem. The import audit must refuse it before it runs. */
#include "../fs-probe/main.c"

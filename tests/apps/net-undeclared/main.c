/* net-undeclared: the net-probe code with a manifest that does not declare
 * network. The import audit must refuse it before it runs. */
#include "../net-probe/main.c"

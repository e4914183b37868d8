/* err: the names of enum vy_err. The WASI names live with their areas
 * (sdk/fs.c, sdk/net.c), each table ending with the SDK's own codes of that
 * area, and are reached here through weak references, so an app that
 * prints errors links only the names of the areas it uses. */
#include "sdkcore.h"

const char *vy_err_str(enum vy_err e)
{
	bool fs = e < VY_E_NET_UNKNOWN;
	const char *names = fs ? sdk_fs_errnames : sdk_net_errnames;

	if (e == VY_OK)
		return "ok";
	return names ? sdk_name_at(names, e - (fs ? VY_E_ACCESS : VY_E_NET_UNKNOWN)) : "unknown";
}

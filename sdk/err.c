/* err: the names of enum vy_err. The WASI names live with their areas
 * (sdk/fs.c, sdk/net.c) and are reached here through weak references, so an
 * app that prints errors links only the names of the areas it uses. */
#include "sdkcore.h"

static const char err_own[] =
	"no /data (is the filesystem capability declared?)\0timeout\0bad address\0"
	"no IPv4 address\0not open\0stream failed\0too many watched sockets\0";

const char *vy_err_str(enum vy_err e)
{
	if (e == VY_OK)
		return "ok";
	if (e < VY_E_NET_UNKNOWN)
		return sdk_fs_errnames ? sdk_name_at(sdk_fs_errnames, e - VY_E_ACCESS) : "unknown";
	if (e < VY_E_NO_DATA_DIR)
		return sdk_net_errnames ? sdk_name_at(sdk_net_errnames, e - VY_E_NET_UNKNOWN) : "unknown";
	return sdk_name_at(err_own, e - VY_E_NO_DATA_DIR);
}

/* dns: host names to IPv4 addresses through wasi:sockets/ip-name-lookup,
 * in its own file so only apps that resolve names import the interface.
 * A dotted quad is returned as it is, without a lookup. */
#include "sdk.h"

#include <string.h>

static bool dns_is_quad(const char *s)
{
	int dots = 0, digits = 0;
	for (; *s; s++) {
		if (*s == '.') {
			if (!digits)
				return false;
			dots++;
			digits = 0;
		} else if (*s >= '0' && *s <= '9' && digits < 3) {
			digits++;
		} else {
			return false;
		}
	}
	return dots == 3 && digits;
}

int vy_net_resolve(const char *host, char *ip, int64_t timeout_ms)
{
	app_string_t name = {(uint8_t *)host, strlen(host)};
	wasi_sockets_ip_name_lookup_own_resolve_address_stream_t st;
	wasi_sockets_ip_name_lookup_option_ip_address_t a;
	wasi_sockets_network_error_code_t err;
	int rc = -1;

	if (dns_is_quad(host)) {
		vy_str_copy(ip, host, 16);
		return 0;
	}
	if (!wasi_sockets_ip_name_lookup_resolve_addresses(sdk_net_network(), &name, &st, &err))
		return sdk_net_fail(err);
	for (;;) {
		wasi_sockets_ip_name_lookup_borrow_resolve_address_stream_t b =
			wasi_sockets_ip_name_lookup_borrow_resolve_address_stream(st);
		if (!wasi_sockets_ip_name_lookup_method_resolve_address_stream_resolve_next_address(b, &a, &err)) {
			if (err != WASI_SOCKETS_NETWORK_ERROR_CODE_WOULD_BLOCK) {
				rc = sdk_net_fail(err);
				break;
			}
			if (!sdk_net_block(wasi_sockets_ip_name_lookup_method_resolve_address_stream_subscribe(b), timeout_ms)) {
				rc = sdk_net_set_error(VY_E_TIMEOUT);
				break;
			}
			continue;
		}
		if (!a.is_some) {
			rc = sdk_net_set_error(VY_E_NO_IPV4);
			break;
		}
		if (a.val.tag == WASI_SOCKETS_NETWORK_IP_ADDRESS_IPV4) {
			wasi_sockets_network_ipv4_address_t *q = &a.val.val.ipv4;
			vy_snprintf(ip, 16, "%u.%u.%u.%u", q->f0, q->f1, q->f2, q->f3);
			rc = 0;
			break;
		}
	}
	wasi_sockets_ip_name_lookup_resolve_address_stream_drop_own(st);
	return rc;
}

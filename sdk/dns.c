/* dns: host names to IPv4 addresses through wasi:sockets/ip-name-lookup,
 * in its own file so only apps that resolve names import the interface.
 * sdk_net_resolve4 gives the address as wasi:sockets holds it (vy_cmd_http
 * connects with it as it is): a dotted quad is parsed by the resolver
 * itself, with no lookup (wasi:sockets says so of an IP address string),
 * so it links no parser of its own. vy_net_resolve writes the address as
 * a dotted quad; one given as such is copied as it is. vy_net_dial
 * resolves and connects with the address as wasi:sockets holds it. */
#include "sdk.h"

#include <string.h>

int vy_net_resolve(const char *host, char *ip, int64_t timeout_ms)
{
	wasi_sockets_network_ipv4_address_t q;

	/* a dotted quad is copied as it is, one with a part over 255 too (connect
	 * says it is a bad address); the formatter is in every app that talks
	 * TCP anyway (errors, requests) */
	if (sdk_net_quad(host, &q) < 0) {
		if (sdk_net_resolve4(host, &q, timeout_ms) != 0)
			return -1;
		vy_snprintf(ip, 16, "%u.%u.%u.%u", q.f0, q.f1, q.f2, q.f3);
	} else {
		vy_str_copy(ip, host, 16);
	}
	return 0;
}

int vy_net_dial(const char *host, uint16_t port, vy_tcp_t *c, int64_t timeout_ms, const char **step)
{
	wasi_sockets_network_ipv4_address_t q;
	const char *failed = "resolve";
	int rc = -1;

	memset(c, 0, sizeof *c);
	if (sdk_net_resolve4(host, &q, timeout_ms) == 0) {
		failed = "connect";
		rc = sdk_net_connect4(&q, port, c, timeout_ms);
	}
	if (step)
		*step = failed;
	return rc;
}

/* resolve-next-address, called straight through its import (declared as
 * app.c declares it), so an IPv6 answer is skipped by its tag without
 * being decoded. Its return area, in the canonical ABI: [0] 1 if an
 * error, [2] the error-code, or 1 if an address follows, [4] its tag
 * (0: IPv4), [6..9] an IPv4 address's bytes. */
__attribute__((__import_module__("wasi:sockets/ip-name-lookup@0.2.12"),
	       __import_name__("[method]resolve-address-stream.resolve-next-address")))
extern void __wasm_import_wasi_sockets_ip_name_lookup_method_resolve_address_stream_resolve_next_address(int32_t,
												       uint8_t *);

int sdk_net_resolve4(const char *host, wasi_sockets_network_ipv4_address_t *ip, int64_t timeout_ms)
{
	static uint8_t ret[22] __attribute__((aligned(2)));
	app_string_t name = {(uint8_t *)host, strlen(host)};
	wasi_sockets_ip_name_lookup_own_resolve_address_stream_t st;
	wasi_sockets_network_error_code_t err;
	int rc;

	if (!wasi_sockets_ip_name_lookup_resolve_addresses(sdk_net_network(), &name, &st, &err))
		/* a name the resolver cannot parse ("1.2.3.256") is refused here,
		 * at once: invalid-argument, told as a bad address */
		return err == WASI_SOCKETS_NETWORK_ERROR_CODE_INVALID_ARGUMENT ? sdk_net_set_error(VY_E_BAD_ADDRESS)
										: sdk_net_fail(err);
	for (;;) {
		__wasm_import_wasi_sockets_ip_name_lookup_method_resolve_address_stream_resolve_next_address(st.__handle, ret);
		if (ret[0] && ret[2] == WASI_SOCKETS_NETWORK_ERROR_CODE_WOULD_BLOCK) {
			if (sdk_net_block(wasi_sockets_ip_name_lookup_method_resolve_address_stream_subscribe(
						  wasi_sockets_ip_name_lookup_borrow_resolve_address_stream(st)),
					  timeout_ms))
				continue;
			rc = sdk_net_set_error(VY_E_TIMEOUT);
		} else if (ret[0]) {
			rc = sdk_net_fail(ret[2]);
		} else if (!ret[2]) {
			rc = sdk_net_set_error(VY_E_NO_IPV4); /* the end of the list */
		} else if (ret[4] != WASI_SOCKETS_NETWORK_IP_ADDRESS_IPV4) {
			continue; /* an IPv6 address */
		} else {
			memcpy(ip, ret + 6, 4);
			rc = 0;
		}
		break;
	}
	wasi_sockets_ip_name_lookup_resolve_address_stream_drop_own(st);
	return rc;
}

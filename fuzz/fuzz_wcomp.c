/* fuzz_wcomp: libFuzzer target for the component import reader and the
 * audit built on it: both run on bytes an app author controls, before any
 * sandbox exists. Beyond "no crash, no sanitizer report" it checks what the
 * reader and the audit promise: names are bounded, NUL-terminated text
 * without control characters; every refusal comes with a message; a
 * binary the reader refuses is never allowed; capabilities only ever turn
 * a refusal into an allowance, never the reverse. */
#include "fuzz.h"
#include "audit.h"
#include "manifest.h"
#include "wcomp.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ALL_CAPS ((1u << CAP_COUNT) - 1)


struct seen {
	size_t n;
};

static void check_verdicts(const char *name, size_t len)
{
	char msg[2 * WCOMP_NAME_MAX + 256];
	enum audit_verdict none = audit_import(name, len, 0, msg, sizeof msg);
	enum audit_verdict all = audit_import(name, len, ALL_CAPS, msg, sizeof msg);

	if (!memchr(msg, '\0', sizeof msg))
		abort();
	if (all != AUDIT_OK && msg[0] == '\0')
		abort(); /* a refusal without a reason */
	if (all == AUDIT_OK && msg[0] != '\0')
		abort();
	if (none == AUDIT_OK && all != AUDIT_OK)
		abort(); /* more capabilities refused more */
	if (none == AUDIT_NEEDS_CAP && all != AUDIT_OK)
		abort(); /* the capability did not help */
	if ((none == AUDIT_NOT_GRANTABLE || none == AUDIT_BAD_VERSION) && all != none)
		abort(); /* these never depend on capabilities */
}

static void on_import(const char *name, size_t len, void *ctx)
{
	struct seen *s = ctx;

	if (len == 0 || len > WCOMP_NAME_MAX || strlen(name) != len)
		abort();
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c < 0x20 || c == 0x7f)
			abort();
	}
	if (++s->n > WCOMP_MAX_IMPORTS)
		abort();
	check_verdicts(name, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256], list[96];
	struct seen s = {0};
	unsigned caps = size ? data[size - 1] & ALL_CAPS : 0;
	int rc, arc, lrc;

	memset(err, 'X', sizeof err);
	rc = wcomp_imports(data, size, on_import, &s, err, sizeof err);
	if (!memchr(err, '\0', sizeof err) || (rc != 0) != (err[0] != '\0'))
		abort();

	memset(err, 'X', sizeof err);
	arc = audit_component(data, size, caps, err, sizeof err);
	if (!memchr(err, '\0', sizeof err) || (arc != 0) != (err[0] != '\0'))
		abort();
	if (rc != 0 && arc == 0)
		abort(); /* an unreadable binary was allowed */

	memset(list, 'X', sizeof list);
	lrc = audit_imports_list(data, size, list, sizeof list, err, sizeof err);
	if (lrc != rc || !memchr(list, '\0', sizeof list))
		abort();
	if (lrc == 0 && list[0] == '\0')
		abort();

	/* The raw bytes as one import name, too. */
	check_verdicts((const char *)data, size);
	return 0;
}

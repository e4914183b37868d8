#!/usr/bin/env bash
# app-size.sh NAME WASM: the size guard of an app of apps/, called by its
# build (mk/apps.mk); fails, saying why, when the component is over its
# limit. The spec's apps are 1-10 KB: the limit is APP_SIZE_MAX (10 KB =
# 10,240 bytes), plus APP_SIZE_IO (7 KB) for each of wasi:filesystem and
# wasi:sockets the component imports, because those WASI interfaces cost
# that much in any component that uses them, however small its own code
# (docs/sdk.md, "Size"). The imports are read from the component itself
# (their names are strings in it), not from vyoma.toml: an app that imports
# more than it declares is the import audit's to refuse, with a clearer
# message than a size. Test apps (tests/apps) are not checked.
# An app whose source says why it needs more, in a line of its header
#    * Size: up to N KB, because REASON
# gets N KB (at most 20) in place of the 10: issue 13 allows a command
# over 10 KB "if its header says why", and this keeps the why beside it.
set -euo pipefail
name=$1 wasm=$2
max=${APP_SIZE_MAX:-10240} io=${APP_SIZE_IO:-7168}
n=0
for iface in wasi:filesystem/ wasi:sockets/; do
	if grep -qaF "$iface" "$wasm"; then n=$((n + 1)); fi
done
limit=$((max + n * io))
why=$(grep -hoE '^ \* Size: up to [0-9]+ KB, because .*' "apps/$name"/*.c 2>/dev/null | head -1 || true)
if [ -n "$why" ]; then
	kb=$(echo "$why" | sed -E 's/.*up to ([0-9]+) KB.*/\1/')
	[ "$kb" -le 20 ] || { echo "$name: 'Size: up to $kb KB' is over the 20 KB an app may claim" >&2; exit 1; }
	limit=$((kb * 1024 + n * io))
fi
size=$(stat -c %s "$wasm")
if [ "$size" -gt "$limit" ]; then
	echo "$name: $size bytes, over its limit of $limit (10 KB, + 7 KB for each of wasi:filesystem" \
		"and wasi:sockets it imports; APP_SIZE_MAX, APP_SIZE_IO in mk/apps.mk; docs/sdk.md \"Size\")" >&2
	exit 1
fi

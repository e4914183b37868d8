#!/usr/bin/env bash
# make packages: a signed bundle of every app in build/packages/<name>.vpk,
# the signed INDEX over them, and the public key an image will trust in
# build/packages/keys/. The development signing key is made once and kept
# outside the tree (KEY, by default $VYOMA_CACHE/keys/dev): the same inputs
# and key give the same bundle bytes. Usage: packages.sh VYOMA OUTDIR KEY SEQ APP...
set -euo pipefail
cd "$(dirname "$0")/.."
vyoma=$1 out=$2 key=$3 seq=$4
shift 4
mkdir -p "$(dirname "$key")" "$out/keys"
if [ ! -f "$key" ]; then
	"$vyoma" pkg keygen --out "$key"
	chmod 700 "$(dirname "$key")"
fi
# Bundles of apps that no longer exist must not stay in the index.
rm -f "$out"/*.vpk
for app in "$@"; do
	"$vyoma" pkg build "apps/$app" --key "$key" --seq "$seq" --out "$out" >/dev/null
done
"$vyoma" pkg index "$out" --key "$key"
rm -f "$out"/keys/*.pub
cp "$key.pub" "$out/keys/"
echo "packages: $# bundles in $out, trusted key in $out/keys/$(basename "$key").pub"

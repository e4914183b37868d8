#!/usr/bin/env bash
# zlib.sh TARBALL OUTDIR AR CC CFLAGS...: builds Debian's zlib source for
# wasm32-wasi into OUTDIR/libz.a (+ OUTDIR/include/zlib.h, zconf.h), for the
# commands that link it (gzip, gunzip, zcat; mk/zlib.mk). Only the stream
# code is built (deflate, inflate and what they use), not zlib's gz* file
# layer: the commands write the gzip framing through deflate's and
# inflate's own gzip mode and do their own I/O. OUTDIR is in the cache,
# named by the zlib version and the hash of the flags and of this script
# (mk/zlib.mk), so it is built once per machine and shared by worktrees;
# the build goes to a temporary folder renamed into place, under a lock.
set -euo pipefail
tarball=$1 out=$2 ar=$3 cc=$4
shift 4
[ -f "$out/libz.a" ] && exit 0
mkdir -p "$(dirname "$out")"
exec 9>"$out.lock"
flock 9
[ -f "$out/libz.a" ] && exit 0
tmp=$(mktemp -d "$out.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tar -xjf "$tarball" -C "$tmp" --strip-components=1
mkdir -p "$tmp/obj" "$tmp/out/include"
# Z_SOLO would drop zcalloc; we keep it (it calls the SDK's malloc/free).
# NO_GZIP is not set: deflate and inflate write and read gzip headers.
for f in adler32 crc32 deflate inflate inftrees inffast trees zutil; do
	# The temporary folder's name must not reach the output (-ffile-prefix-map).
	(cd "$tmp" && "$cc" "$@" -ffile-prefix-map="$tmp"=zlib -w -c "$f.c" -o "obj/$f.o")
done
"$ar" rcsD "$tmp/out/libz.a" "$tmp"/obj/*.o
cp "$tmp/zlib.h" "$tmp/zconf.h" "$tmp/out/include/"
rm -rf "$out"
mv "$tmp/out" "$out"

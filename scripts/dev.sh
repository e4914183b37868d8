#!/usr/bin/env bash
# dev.sh NAME: the app developer's loop (`make dev APP=NAME`).
#
# Runs a hosted supervisor with the one app NAME (apps/NAME or
# tests/apps/NAME) from build/dev/NAME/, its log lines live in this
# terminal, and its screen in a viewer window when there is a desktop
# ($DISPLAY). Then it watches the app's sources, its vyoma.toml and the SDK:
# on a change it rebuilds the app (a failed build says why and keeps the
# running version) and restarts it, or reloads when vyoma.toml changed, and
# says so in one line. Ctrl-C ends it all.
#
# From another terminal, or a script (the control socket's path is printed
# at the start):
#   build/vyoma ctl build/dev/NAME/ctl.sock '@supervisor: log NAME'
#   build/vyoma ctl build/dev/NAME/ctl.sock 'VYOMA_TEST:screenshot /tmp/s.png'
#   build/vyoma ctl build/dev/NAME/ctl.sock 'VYOMA_TEST:key Enter'
#
# Environment: HEADLESS=1 (no viewer even with $DISPLAY), DEV_SIZE=WxH
# (screen, default 800x600), DEV_POLL=seconds between looks (default 0.3).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

die() { printf 'dev: error: %s\n' "$*" >&2; exit 1; }
say() { printf 'dev: %s\n' "$*" >&2; }

NAME=${1:-}
[ -n "$NAME" ] || die "usage: make dev APP=<name> (an app of apps/ or tests/apps/)"
if [ -f "apps/$NAME/vyoma.toml" ]; then SRC=apps/$NAME
elif [ -f "tests/apps/$NAME/vyoma.toml" ]; then SRC=tests/apps/$NAME
else die "no app '$NAME' (apps/$NAME/vyoma.toml or tests/apps/$NAME/vyoma.toml)"; fi
B=${B:-build}
D=$B/dev/$NAME
VYOMA=$B/vyoma
WASM=$B/apps/$NAME/$NAME.wasm
POLL=${DEV_POLL:-0.3}

build() { make --no-print-directory -s "$WASM" 2>&1; }

mkdir -p "$D/root/apps" "$D/root/etc/vyoma" "$D/root/data" # data: /data for filesystem apps
rm -rf "${D:?}/root/apps/$NAME"
ln -sfn "$ROOT/$B/apps/$NAME" "$D/root/apps/$NAME"
printf '[[app]]\nname = "%s"\nx = 16\ny = 16\n' "$NAME" >"$D/root/etc/vyoma/boot.toml"
out=$(build) || { printf '%s\n' "$out" >&2; die "the first build of $NAME failed (above)"; }
[ -z "$out" ] || printf '%s\n' "$out" >&2
rm -f "$D/ctl.sock"

pids=()
cleanup() {
	[ ${#pids[@]} -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true
	wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 0' INT TERM

"$VYOMA" --hosted --root "$D/root" --control "$D/ctl.sock" --echo-apps \
	--size "${DEV_SIZE:-800x600}" --fb-file "$D/frame" --cache "$D/cache" &
pids+=($!)
for _ in $(seq 100); do [ -S "$D/ctl.sock" ] && break; sleep 0.05; done
[ -S "$D/ctl.sock" ] || die "the supervisor did not start (above)"
"$VYOMA" ctl "$D/ctl.sock" 'VYOMA_TEST:wait-ready' >/dev/null || true
if [ -n "${DISPLAY:-}" ] && [ "${HEADLESS:-0}" != 1 ] && [ -x "$B/vyoma-view" ]; then
	"$B/vyoma-view" --fb "$D/frame" --control "$D/ctl.sock" &
	pids+=($!)
	how="its window is on your desktop"
else
	how="headless: VYOMA_TEST:screenshot PATH shows the screen"
fi
# What is watched, as "mtime size path" lines: a change is any line that
# differs from the last poll's. (A stamp file and `find -newer` missed an
# edit made in the same timestamp tick as the stamp's touch.)
sources() {
	find "$SRC" sdk -type f \( -name '*.c' -o -name '*.h' -o -name '*.wit' -o -name vyoma.toml \) \
		-printf '%T@ %s %p\n' 2>/dev/null | LC_ALL=C sort
}
seen=$(sources)
say "ready: $NAME runs; $how; control socket $D/ctl.sock; watching $SRC and sdk/ (Ctrl-C ends)"

while kill -0 "${pids[0]}" 2>/dev/null; do
	sleep "$POLL"
	now=$(sources)
	[ "$now" != "$seen" ] || continue
	changed=$(LC_ALL=C comm -13 <(printf '%s\n' "$seen") <(printf '%s\n' "$now") | cut -d' ' -f3- | head -5)
	seen=$now
	t0=$EPOCHREALTIME
	if ! out=$(build); then
		printf '%s\n' "$out" >&2
		say "build failed: $NAME keeps running its last good build"
		continue
	fi
	[ -z "$out" ] || printf '%s\n' "$out" >&2
	if printf '%s\n' "$changed" | grep -q 'vyoma.toml$'; then verb=reload; else verb="restart $NAME"; fi
	if answer=$("$VYOMA" ctl "$D/ctl.sock" "@supervisor: $verb" 2>&1); then
		say "rebuilt $NAME in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.2f", b - a}') s; $(printf '%s\n' "$answer" | tail -1)"
	else
		printf '%s\n' "$answer" >&2
		say "rebuilt $NAME, but ${verb%% *} failed (above)"
	fi
done
say "the supervisor has gone"

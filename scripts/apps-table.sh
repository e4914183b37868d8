#!/usr/bin/env bash
# Prints the table of built apps: name, component bytes, capabilities,
# imports; then, for each app whose imports its vyoma.toml does not grant,
# the import audit's explanation (the same one the runner gives at boot,
# where the app would be refused, naming the source vyoma.toml); the apps
# of apps/ first, then the test apps of tests/apps (some refused on
# purpose); then the sizes of the apps of apps/ (median, hello, largest)
# against the spec's 1-10 KB. Exit status 1 when an app of apps/ would be
# refused at boot (its imports exceed its manifest, or its manifest is
# broken), so `make apps` fails; any app larger than APP_SIZE_MAX bytes is
# marked "OVER 10 KB" (the build itself fails for an app of apps/ over its
# limit: mk/apps.mk).
#   apps-table.sh NAME...          the table
#   apps-table.sh --sizes NAME...  only each app's bytes and the summary (make bench)
set -euo pipefail
cd "$(dirname "$0")/.."
MAX=${APP_SIZE_MAX:-10240}

bytes() { stat -c %s "build/apps/$1/$1.wasm" 2>/dev/null; }

# A command app: one whose vyoma.toml says `command = true` (docs/manifest.md).
is_command() { grep -qE '^command[[:space:]]*=[[:space:]]*true' "apps/$1/vyoma.toml" 2>/dev/null; }

# The apps of apps/ among the names: their sizes, the median, hello, the
# largest, and which are over MAX (an app whose header claims more, "Size:
# up to N KB, because ...", is held to that by its build: app-size.sh).
summary() {
	local label=apps/ name b sizes=() over=() big=0 bigname= n med
	if [ "${1:-}" = --label ]; then label=$2; shift 2; fi
	for name in "$@"; do
		[ -d "apps/$name" ] && b=$(bytes "$name") || continue
		sizes+=("$b")
		[ "$b" -gt "$MAX" ] && over+=("$name")
		[ "$b" -gt "$big" ] && big=$b bigname=$name
	done
	n=${#sizes[@]}
	[ "$n" -gt 0 ] || return 0
	med=$(printf '%s\n' "${sizes[@]}" | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : int((v[NR/2]+v[NR/2+1])/2)}')
	printf '%s: %d apps, median %d bytes, hello %s bytes, largest %s %d bytes (spec: 1-10 KB each)\n' \
		"$label" "$n" "$med" "$(bytes hello || echo '?')" "$bigname" "$big"
	if [ ${#over[@]} -gt 0 ]; then
		printf 'over 10 KB (%d bytes): %s\n' "$MAX" "${over[*]}"
	else
		printf 'every app of apps/ is under 10 KB (%d bytes)\n' "$MAX"
	fi
}

if [ "${1:-}" = --sizes ]; then
	shift
	for name in "$@"; do
		b=$(bytes "$name") || continue
		printf '  %-14s %8d bytes%s\n' "$name" "$b" "$([ "$b" -gt "$MAX" ] && echo '  OVER 10 KB')"
	done
	summary "$@" | sed 's/^/  /'
	exit 0
fi

# One section of the table; sets PROBLEMS (apps of apps/ that are refused
# or broken: `make apps` fails on them) and prints the audit's words for
# each app that would be refused, with the path of the source manifest.
PROBLEMS=()
# Why an app is over MAX bytes and still built (mk/apps.mk, app-size.sh):
# the WASI filesystem/sockets interfaces it imports, for an app named in
# APP_SIZE_IO_APPS, or its header's "Size: up to N KB, because ..." line;
# empty when neither.
over_why() { # NAME IMPORTS
	local why=()
	case " ${APP_SIZE_IO_APPS:-} " in
	*" $1 "*)
		case $2 in *wasi:filesystem/*) why+=("+7 KB filesystem") ;; esac
		case $2 in *wasi:sockets/*) why+=("+7 KB sockets") ;; esac
		;;
	esac
	grep -qhoE '^ \* Size: up to [0-9]+ KB' "apps/$1"/*.c 2>/dev/null &&
		why+=("$(grep -hoE '^ \* Size: up to [0-9]+ KB' "apps/$1"/*.c | head -1 | sed 's/^ \* //')")
	local IFS=,
	echo "${why[*]}"
}

# The runner's answers for every app (audit, capabilities, imports), asked
# in parallel: three Wasmtime starts per app add up with 100+ apps.
PROBE=$(mktemp -d)
trap 'rm -rf "$PROBE"' EXIT
probe() {
	local d=$PROBE/$1
	mkdir -p "$d"
	if build/vyoma-run --app "build/apps/$1" --audit >"$d/why" 2>&1; then echo 0 >"$d/rc"; else echo 1 >"$d/rc"; fi
	build/vyoma-run --app "build/apps/$1" --list-caps >"$d/caps" 2>/dev/null || echo '?' >"$d/caps"
	build/vyoma-run --app "build/apps/$1" --list-imports >"$d/imps" 2>/dev/null || echo '?' >"$d/imps"
}
probe_all() {
	local name jobs=$(( $(nproc) * 2 ))
	for name in "$@"; do
		[ -f "build/apps/$name/$name.wasm" ] || continue
		probe "$name" &
		while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n; done
	done
	wait
}

# One section of the table; sets PROBLEMS (apps of apps/ that are refused
# or broken: `make apps` fails on them) and prints the audit's words for
# each app that would be refused, with the path of the source manifest.
PROBLEMS=()
section() { # TITLE NAME...
	local title=$1 name w src caps imps mark why notes=() ow
	shift
	[ $# -gt 0 ] || return 0
	echo "$title"
	printf '  %-14s %8s  %-34s %s\n' app bytes capabilities imports
	for name in "$@"; do
		w=build/apps/$name/$name.wasm
		[ -f "$w" ] || continue
		src=apps/$name
		[ -d "$src" ] || src=tests/apps/$name
		mark=
		if [ "$(cat "$PROBE/$name/rc")" != 0 ]; then
			why=$(cat "$PROBE/$name/why")
			why=${why//build\/apps\/$name\/vyoma.toml/$src\/vyoma.toml}
			why=${why#vyoma-run: }
			why=${why#$name: }
			[ "$src" = "apps/$name" ] && { mark=" REFUSED"; PROBLEMS+=("$name"); }
			notes+=("$name: $why")
		fi
		caps=$(cat "$PROBE/$name/caps")
		imps=$(cat "$PROBE/$name/imps")
		if [ "$(bytes "$name")" -gt "$MAX" ]; then
			ow=
			if [ -d "apps/$name" ]; then ow=$(over_why "$name" "$imps"); fi
			mark+=" OVER 10 KB${ow:+ ($ow)}"
		fi
		printf '  %-14s %8s  %-34s %s%s\n' "$name" "$(bytes "$name")" "$caps" "$imps" "$mark"
	done
	if [ ${#notes[@]} -gt 0 ]; then
		echo "  refused at boot, as the import audit and the manifest check say:"
		printf '    %s\n' "${notes[@]}"
	fi
	echo
}

probe_all "$@"
apps=() cmds=() tests=()
for name in "$@"; do
	if [ -d "apps/$name" ]; then
		if is_command "$name"; then cmds+=("$name"); else apps+=("$name"); fi
	else
		tests+=("$name")
	fi
done
section "apps/" "${apps[@]}"
section "commands (apps/ with command = true: run with arguments, stdin and stdout are byte streams)" "${cmds[@]}"
section "tests/apps/ (test apps; some are refused on purpose, for the hostile tests)" "${tests[@]}"
summary "${apps[@]}"
[ ${#cmds[@]} -eq 0 ] || summary --label "commands" "${cmds[@]}"
if [ ${#PROBLEMS[@]} -gt 0 ]; then
	printf 'make apps: %d app(s) of apps/ would be refused at boot: %s (see above)\n' \
		"${#PROBLEMS[@]}" "${PROBLEMS[*]}" >&2
	exit 1
fi

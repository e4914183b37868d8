#!/usr/bin/env bash
# A 10-stage pipeline moving 100 MB through the cat command app, beside the
# same pipeline of the host's busybox cat on the same data, as a ratio
# (issue 13), twice: each stage a `vyoma-run --app build/apps/cat -- cat`
# joined by host pipes (the runners alone), and the same pipeline run by a
# hosted supervisor from a `run` line on its control socket, as the shell
# runs it (bench/pipeline_sup.py: into a file, and back to the caller as
# job lines). No process is pinned: the kernel places every stage (and the
# supervisor) on the machine's CPUs, the same for busybox's chain.
# Also the image cost of the commands: the precompiled .cwasm of a typical
# command, and of all of them (the initramfs holds one per app).
set -euo pipefail
cd "$(dirname "$0")/.."
B=${B:-build}
MB=${PIPE_MB:-100}
STAGES=10
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/data" "$T/cache"
head -c $((MB * 1000000)) < <(busybox seq 1 100000000) > "$T/in"

chain() { # PREFIX...: a pipeline of STAGES copies of the command
	local line="" i
	for ((i = 0; i < STAGES; i++)); do line+="${line:+ | }$*"; done
	echo "$line"
}
run() { # seconds (3 decimals) for a pipeline line, output checked
	local t0 t1
	t0=$(date +%s%N)
	bash -c "$1 < '$T/in' > '$T/out'"
	t1=$(date +%s%N)
	cmp -s "$T/in" "$T/out" || { echo "pipeline: output differs from the input" >&2; exit 1; }
	echo $(( (t1 - t0) / 1000000 ))
}
ours=$(run "$(chain "$B/vyoma-run --app $B/apps/cat --data $T/data -- cat")")
host=$(run "$(chain busybox cat)")
printf '  %d-stage pipeline, %d MB, %d CPUs, nothing pinned (runners joined by host pipes, no supervisor):\n' "$STAGES" "$MB" "$(nproc)"
printf '    vyoma cat x%d     %6d ms  %6.1f MB/s\n' "$STAGES" "$ours" "$(echo "$MB * 1000 / $ours" | bc -l)"
printf '    busybox cat x%d   %6d ms  %6.1f MB/s\n' "$STAGES" "$host" "$(echo "$MB * 1000 / $host" | bc -l)"
printf '    ratio            %6.2f x busybox\n' "$(echo "$ours / $host" | bc -l)"
python3 bench/pipeline_sup.py "$T/in" "$host" "$STAGES"

# The image cost: one .cwasm per app in the initramfs (scripts/rootfs.sh).
total=0 n=0
for d in $B/apps/*/; do
	grep -qE '^command[[:space:]]*=[[:space:]]*true' "$d/vyoma.toml" 2>/dev/null || continue
	a=$($B/vyoma-run --app "${d%/}" --precompile --cache "$T/cache" 2>/dev/null) || continue
	total=$((total + $(stat -c %s "$a"))) n=$((n + 1))
done
wc_art=$($B/vyoma-run --app $B/apps/wc --precompile --cache "$T/cache")
printf '  image: .cwasm of wc %d bytes (component %d); all %d commands: %d KB of .cwasm\n' \
	"$(stat -c %s "$wc_art")" "$(stat -c %s $B/apps/wc/wc.wasm)" "$n" $((total / 1024))

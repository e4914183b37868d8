#!/usr/bin/env bash
# step.sh LABEL COMMAND...: runs COMMAND and then prints one line with its
# wall time, so a first run (minutes of builds) says where the time goes.
# The command's exit status is kept. Sourced (scripts/test.sh), it only
# defines `step`, which times a shell function the same way.
step() {
	local label=$1 t0=$EPOCHREALTIME rc
	shift
	"$@"
	rc=$?
	awk -v l="$label" -v a="$t0" -v b="$EPOCHREALTIME" -v rc="$rc" 'BEGIN {
		d = b - a
		if (d >= 60) t = sprintf("%d min %02d s", d / 60, d % 60); else t = sprintf("%.1f s", d)
		printf "step: %s: %s%s\n", l, t, (rc ? " (failed)" : "")
	}' >&2
	return "$rc"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	step "$@"
	exit $?
fi

#!/usr/bin/env bash
# make new-app NAME=foo: scaffold apps/foo with a main.c and a vyoma.toml
# that declares only stdio. Declare more in vyoma.toml as the app needs it;
# `make apps` tells you (through the audit) when an import is not declared.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:-}
if ! [[ $name =~ ^[a-z][a-z0-9-]{0,30}$ ]]; then
	echo "usage: make new-app NAME=foo   (lowercase letters, digits, '-'; starts with a letter; at most 31)" >&2
	exit 2
fi
case $name in supervisor|broadcast|reply|all|system|console)
	echo "new-app: '$name' is a reserved name" >&2; exit 2 ;;
esac
dir=apps/$name
if [ -e "$dir" ]; then
	echo "new-app: $dir already exists" >&2
	exit 1
fi
mkdir -p "$dir"
cat > "$dir/main.c" <<C
/* $name: a VyomaOS app. Say what it does and why here.
 * docs/tutorial.md walks through growing it; docs/sdk.md lists every call. */
#include <vyoma.h>

int main(void)
{
	struct vy_event ev;

	vy_line("$name is running"); /* a log line: see it with 'log $name' */
	vy_sys_ready();
	/* Answer every message until the supervisor closes stdin. */
	while (vy_ev_wait(&ev, -1) != VY_EV_EOF) {
		if (ev.type == VY_EV_MESSAGE)
			vy_msg_answer("$name got: %s", ev.text);
	}
	return 0;
}
C
cat > "$dir/vyoma.toml" <<T
name = "$name"
description = "A new VyomaOS app"

# Nothing but the stdio channel to the supervisor. Add what the app needs:
# display (a window), filesystem (/data), network (TCP), shell (supervisor
# commands), mouse. Declare only what it uses: see docs/manifest.md.
[capabilities]
stdio = true

[restart]
policy = "on-failure"

# With display = true, the window's content size in pixels:
# [window]
# width = 320
# height = 200
T
echo "new-app: created $dir (main.c, vyoma.toml)"
echo "next: 'make dev APP=$name' builds and runs it, and rebuilds it when you save (docs/tutorial.md)"

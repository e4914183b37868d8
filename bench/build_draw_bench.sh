#!/bin/bash
# Build and run bench/draw_bench.c: the display building blocks (canvas,
# font, draw) compiled with the release flags of the Makefile. Needs only
# gcc; writes build/bench/draw_bench. Called by `make bench`
# (scripts/bench.sh) or by hand from the repository root.
set -euo pipefail
cd "$(dirname "$0")/.."
out=build/bench
mkdir -p "$out"
gcc -std=c17 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla \
    -D_GNU_SOURCE -Ilib -Isupervisor -O2 -g \
    -o "$out/draw_bench" bench/draw_bench.c \
    supervisor/canvas.c supervisor/font.c supervisor/draw.c
exec "$out/draw_bench"

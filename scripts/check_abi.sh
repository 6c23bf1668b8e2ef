#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Compares the ABI of BUILD_DIR/libmip.so.0 with the committed baseline
# abi/libmip.abi, and fails when a program built against the baseline could
# break: a function removed, or an existing function's parameters or return
# type changed. Added functions and enumerators are compatible: they are
# listed for information and pass.
#
# Usage: scripts/check_abi.sh BUILD_DIR
#        scripts/check_abi.sh --update BUILD_DIR   (rewrites the baseline)
# BUILD_DIR must be built with debug information (the default
# RelWithDebInfo), which is where abidw reads the types from.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/deps.sh
source scripts/deps.sh
need_packages abigail-tools

update=0
if [ "${1:-}" = "--update" ]; then
  update=1
  shift
fi
[ $# -eq 1 ] || { echo "usage: $0 [--update] BUILD_DIR" >&2; exit 2; }
lib="$1/libmip.so.0"
baseline=abi/libmip.abi
[ -f "$lib" ] || { echo "no $lib: build first" >&2; exit 2; }
if ! grep -q '\.debug_info' <<< "$(readelf -S "$lib")"; then
  echo "$lib has no debug information: build with -DCMAKE_BUILD_TYPE=RelWithDebInfo" >&2
  exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Only the exported functions and the types of the public header count: the
# handles are opaque there, so their layout inside the library is free to
# change. No paths, source locations or DT_NEEDED list, so that the baseline
# depends on the ABI alone, not on where, with which compiler or from which
# line numbers it was built (sed keeps only the repository-relative part of
# the translation unit's path).
abidw --headers-dir include --drop-private-types --exported-interfaces-only \
  --no-corpus-path --no-comp-dir-path --no-show-locs --no-elf-needed --type-id-style hash "$lib" |
  sed -E "s|(<abi-instr [^>]*path=')[^']*/(src/[^']*')|\1\2|" > "$work/current.abi"

if [ $update -eq 1 ]; then
  mkdir -p abi
  cp "$work/current.abi" "$baseline"
  echo "baseline rewritten: $baseline"
  exit 0
fi
[ -f "$baseline" ] || { echo "no baseline $baseline: run $0 --update BUILD_DIR" >&2; exit 2; }

status=0
abidiff "$baseline" "$work/current.abi" > "$work/report.txt" || status=$?
# abidiff's exit status is a bit field: 1 error, 2 usage error, 4 some ABI
# change, 8 an incompatible change.
if (( status & 3 )); then
  cat "$work/report.txt"
  echo "abidiff failed (exit status $status)" >&2
  exit 2
fi
# abidiff sets the incompatible bit only for removed symbols; a changed
# parameter or return type of an existing function is "some ABI change".
# Its default filter already drops harmless changes (such as enumerators
# added at the end of an enum), so any change it still lists for an
# existing function or variable breaks callers too.
changed=$(awk '/(Functions|Variables) changes summary:/ {
    for (i = 2; i <= NF; i++) if ($i ~ /^Changed/) sum += $(i - 1)
  } END { print sum + 0 }' "$work/report.txt")
if (( status & 8 )) || [ "$changed" -gt 0 ]; then
  cat "$work/report.txt"
  echo "FAIL: incompatible ABI change against $baseline" >&2
  exit 1
fi
if (( status & 4 )); then
  echo "info: compatible ABI additions against $baseline:"
  cat "$work/report.txt"
else
  echo "ok: the ABI matches $baseline"
fi

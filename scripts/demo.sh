#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds mip, starts a local mip-emulator and shows an import's lifecycle on
# it (about fifteen seconds): three imports started with `mip import`, one
# of them two-phase, listed, watched together until the two-phase one waits
# at Uncommitted (exit 3), then committed and watched to Completed.
#
# Usage: scripts/demo.sh   (from any directory)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/deps.sh"
need_packages "${MIP_BUILD_PACKAGES[@]}"

BUILD=$ROOT/build
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DMIP_BUILD_TOOLS=ON -DMIP_BUILD_TESTS=OFF \
  -DMIP_BUILD_BENCH=OFF >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target mip-cli mip-emulator

EMULATOR_OUT=$(mktemp)
EMULATOR_PID=
stop_emulator() {
  if [[ -n $EMULATOR_PID ]]; then
    kill "$EMULATOR_PID" 2>/dev/null || true
    wait "$EMULATOR_PID" 2>/dev/null || true
  fi
  rm -f "$EMULATOR_OUT"
}
trap stop_emulator EXIT

# A job takes 10 simulated seconds by default, and simulated time runs at
# wall-clock speed unless --speed says otherwise.
"$BUILD/tools/emulator/mip-emulator" --port 0 --duration 10 --speed 1 >"$EMULATOR_OUT" &
EMULATOR_PID=$!
for ((tries = 0; tries < 100; tries++)); do
  [[ -s $EMULATOR_OUT ]] && break
  sleep 0.1
done
PORT=$(head -n 1 "$EMULATOR_OUT")
if ! [[ $PORT =~ ^[0-9]+$ ]]; then
  echo "demo: mip-emulator did not start" >&2
  exit 1
fi
# Every mip command reads its connection from the environment.
export MIP_ENDPOINT=http://127.0.0.1:$PORT

# Prints the command as typed, then runs it.
mip() {
  printf '\n$ mip %s\n' "$*" >&2
  "$BUILD/tools/cli/mip" "$@"
}

echo "mip-emulator listens on $MIP_ENDPOINT"
# The emulator gives each file a row count derived from its name.
CHUNKS=$(mip import --collection demo --files chunk-1.parquet --files chunk-2.parquet --files chunk-large.parquet)
echo "$CHUNKS"
VECTORS=$(mip import --collection demo --files vectors/id.npy,vectors/embedding.npy)
echo "$VECTORS"
STAGED=$(mip import --collection demo --files staged.parquet --no-auto-commit)
echo "$STAGED"
mip list --collection demo

# Two jobs complete; the two-phase one stops at Uncommitted, which exits 3.
RC=0
mip watch "$CHUNKS" "$VECTORS" "$STAGED" --interval-ms 250 || RC=$?
if [[ $RC -ne 3 ]]; then
  echo "demo: mip watch exited $RC, expected 3 (a job uncommitted)" >&2
  exit 1
fi
echo "(exit 3: $STAGED waits for a commit)" >&2

mip commit "$STAGED"
mip watch "$STAGED" --interval-ms 250

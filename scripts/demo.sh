#!/usr/bin/env bash
# Builds mip, starts a local mip-emulator, creates a four-file import job on
# it and watches the job's bars reach 100 % (about ten seconds).
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
ENDPOINT=http://127.0.0.1:$PORT

# The emulator gives each file a row count derived from its name; with these
# names chunk-large.parquet holds the most rows.
JOB_ID=$(curl -sS --max-time 10 -X POST "$ENDPOINT/v2/vectordb/jobs/import/create" \
  -H 'Content-Type: application/json' \
  -d '{"collectionName":"demo","files":[["chunk-1.parquet"],["chunk-2.parquet"],["chunk-3.parquet"],["chunk-large.parquet"]]}' |
  sed -n 's/.*"jobId":"\([^"]*\)".*/\1/p')
if [[ -z $JOB_ID ]]; then
  echo "demo: the emulator did not create the job" >&2
  exit 1
fi

echo "Watching import job $JOB_ID on $ENDPOINT"
"$BUILD/tools/cli/mip" watch "$JOB_ID" --endpoint "$ENDPOINT" --interval-ms 250

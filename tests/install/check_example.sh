#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The C examples, built like a user would (pkg-config, strict C99) against
# an installed tree: one polls a job on mip-emulator to the end, the other
# imports files in two phases (create, wait for Uncommitted, commit, wait
# for Completed).
set -euo pipefail
build=$1
emulator=$2
work=$3
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
libdir=$(find "$work/prefix" -name 'libmip.so.0' -printf '%h\n' -quit)
export PKG_CONFIG_PATH="$libdir/pkgconfig"
for example in poll_job two_phase_import; do
  # shellcheck disable=SC2046
  cc -std=c99 -Wall -Wextra -pedantic -Werror "$here/../../examples/$example.c" -o "$work/$example" \
    $(pkg-config --cflags --libs mip) -Wl,-rpath,"$libdir"
done

# The port arrives on the emulator's first line, read through a FIFO with a
# time limit (kept open so the emulator never writes into a closed pipe).
mkfifo "$work/stdout"
"$emulator" --port 0 --speed 1000 --scenario "$here/../emulator/scenario.json" > "$work/stdout" &
emulator_pid=$!
trap 'kill $emulator_pid 2>/dev/null || true; wait $emulator_pid 2>/dev/null || true' EXIT
exec 3< "$work/stdout"
port=
read -r -t 10 port <&3 || true
[[ $port =~ ^[0-9]+$ ]] || { echo "mip-emulator printed no port"; exit 1; }

status=0
MIP_TOKEN=k "$work/poll_job" "http://127.0.0.1:$port" 448761313698322999 > "$work/out.txt" || status=$?
cat "$work/out.txt"
[ "$status" -eq 0 ] || { echo "poll_job exited $status, expected 0 (completed)"; exit 1; }
grep -q '^Completed   100%' "$work/out.txt" || { echo "no final Completed line"; exit 1; }
status=0
"$work/poll_job" "http://127.0.0.1:$port" 448761313698323000 > "$work/failed.txt" || status=$?
[ "$status" -eq 1 ] || { echo "poll_job exited $status on a failed job, expected 1"; exit 1; }
grep -q 'reason: the data file is corrupted' "$work/failed.txt"

status=0
"$work/two_phase_import" "http://127.0.0.1:$port" books a.parquet b.parquet > "$work/two_phase.txt" || status=$?
cat "$work/two_phase.txt"
[ "$status" -eq 0 ] || { echo "two_phase_import exited $status, expected 0 (completed)"; exit 1; }
expected='^job [0-9]+ created
job [0-9]+: Uncommitted at 99%
job [0-9]+ committed
job [0-9]+: Completed at 100%$'
[[ $(cat "$work/two_phase.txt") =~ $expected ]] || { echo "two_phase_import did not go through both phases"; exit 1; }
status=0
"$work/two_phase_import" "http://127.0.0.1:$port" books fail.parquet > "$work/two_phase_failed.txt" || status=$?
[ "$status" -eq 1 ] || { echo "two_phase_import exited $status on a failing file, expected 1"; exit 1; }
echo "ok: examples polled to Completed and to Failed, and imported in two phases"

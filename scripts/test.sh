#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what is missing (apt-get as root; otherwise prints the line to
# run), checks the C/C++ formatting, builds everything, and runs every test
# of every language: the C/C++ suites, the command line, the emulator, the
# Go, Rust and C# bindings, the ABI check against the committed baseline,
# and the whole suite again under AddressSanitizer +
# UndefinedBehaviorSanitizer and under ThreadSanitizer.
#
# Usage: scripts/test.sh [--busy N]
#
#   --busy N  also runs N busy loops beside the whole run, to check that the
#             suite holds on a loaded machine: each is a CPU spinner that
#             ends by itself after MIP_BUSY_SECONDS (10800, three hours, by
#             default) and is killed when this script exits, however it
#             exits. N = nproc makes the machine twice oversubscribed.
#
# MIP_TEST_BUILD_DIR names the build directory (default build-test); the
# sanitizer builds go to that name with -sanitize appended.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: scripts/test.sh [--busy N]"; }
busy=0
while (($# > 0)); do
  case $1 in
    --busy)
      [[ ${2:-} =~ ^[0-9]+$ ]] || { usage >&2; echo "--busy needs a number of loops" >&2; exit 2; }
      busy=$2
      shift 2
      ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

busy_seconds=${MIP_BUSY_SECONDS:-10800}
busy_pids=()
stop_busy_loops() {
  local pid
  for pid in "${busy_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${busy_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
if ((busy > 0)); then
  [[ $busy_seconds =~ ^[1-9][0-9]*$ ]] || { echo "MIP_BUSY_SECONDS must be a number of seconds" >&2; exit 2; }
  # bash runs the EXIT trap on every way out: a failed step (set -e), the
  # end, SIGTERM, and Ctrl-C (which ends the step running, then the script).
  trap stop_busy_loops EXIT
  for ((i = 0; i < busy; i++)); do
    # timeout(1) passes the kill on to the spinner, and ends it anyway once
    # the bound is reached (should this script be killed with SIGKILL). No
    # output: a spinner must not hold a pipe this script writes into open.
    timeout "$busy_seconds" sh -c 'while :; do :; done' </dev/null >/dev/null 2>&1 &
    busy_pids+=($!)
  done
  echo "test.sh: $busy busy loops beside the run (each ends after $busy_seconds s at most)"
fi

# shellcheck source=scripts/deps.sh
source scripts/deps.sh
bindings=(golang-go)  # the .NET SDK (dotnet) comes with our machines
# Rust comes with rustup on some machines; Debian's cargo only where there is none.
command -v cargo > /dev/null || bindings+=(cargo)
# node and npm run the official Node SDK against the emulator (tests/emulator);
# NodeSource's nodejs carries its own npm, Debian's npm only where there is none.
node_packages=(nodejs)
command -v npm > /dev/null || node_packages+=(npm)
need_packages "${MIP_BUILD_PACKAGES[@]}" "${MIP_DEB_PACKAGES[@]}" lintian patchelf tmux zsh python3 "${bindings[@]}" "${node_packages[@]}" abigail-tools \
  clang-14 libclang-rt-14-dev clang-format

scripts/check_format.sh

build=${MIP_TEST_BUILD_DIR:-build-test}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIP_REQUIRE_BINDINGS=ON -DMIP_REQUIRE_MAN_PAGES=ON
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" --timeout 900
scripts/check_abi.sh "$build"
scripts/check_sanitizers.sh "$build-sanitize"

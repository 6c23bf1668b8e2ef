#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The one way the test suites outside C++ start mip-emulator (the C++ suites
# use tests/integration/emulator_process.hpp). Source it, then:
#
#   start_emulator VAR [FLAGS...]
#
# starts $MIP_EMULATOR on a free loopback port with FLAGS, waits (at most
# MIP_EMULATOR_START_SECONDS, 10 by default) for the port it prints, and
# exports VAR as its URL, "http://127.0.0.1:PORT". Every emulator started is
# stopped when the sourcing shell exits.
#
#   start_binding_emulators
#
# starts the pair every binding suite tests against, each serving the
# shared scenario tests/emulator/scenario.json, in which a job created by a
# test reaches 100 % in 0.2 s:
#   MIP_EMULATOR_URL       no auth
#   MIP_EMULATOR_AUTH_URL  requires the token exported as MIP_EMULATOR_TOKEN
# and exports MIP_EMULATOR_SCENARIO, the scenario's path.

MIP_TEST_SUPPORT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MIP_EMULATOR_PIDS=()
MIP_EMULATOR_LOGS=$(mktemp -d "${TMPDIR:-/tmp}/mip-emulators.XXXXXX")

stop_emulators() {
  local pid
  for pid in "${MIP_EMULATOR_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${MIP_EMULATOR_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  MIP_EMULATOR_PIDS=()
  rm -rf "$MIP_EMULATOR_LOGS"
}
trap stop_emulators EXIT

start_emulator() {
  local var=$1
  shift
  [[ -x ${MIP_EMULATOR:-} ]] || { echo "start_emulator: MIP_EMULATOR is not an executable: '${MIP_EMULATOR:-}'" >&2; return 1; }
  local out="$MIP_EMULATOR_LOGS/$var.out" err="$MIP_EMULATOR_LOGS/$var.err"
  "$MIP_EMULATOR" --port 0 "$@" > "$out" 2> "$err" &
  MIP_EMULATOR_PIDS+=($!)
  local tries=$((${MIP_EMULATOR_START_SECONDS:-10} * 20)) port=""
  while ((tries-- > 0)); do
    port=$(head -n 1 "$out" 2> /dev/null || true)
    [[ $port =~ ^[0-9]+$ ]] && break
    port=""
    sleep 0.05
  done
  if [[ -z $port ]]; then
    echo "start_emulator: $var: no port within ${MIP_EMULATOR_START_SECONDS:-10} s: $(cat "$err")" >&2
    return 1
  fi
  export "$var=http://127.0.0.1:$port"
}

start_binding_emulators() {
  export MIP_EMULATOR_SCENARIO="$MIP_TEST_SUPPORT_DIR/../emulator/scenario.json"
  export MIP_EMULATOR_TOKEN=sk-binding-7f3a9c1e55d04b2e
  start_emulator MIP_EMULATOR_URL --scenario "$MIP_EMULATOR_SCENARIO" --duration 0.2
  start_emulator MIP_EMULATOR_AUTH_URL --scenario "$MIP_EMULATOR_SCENARIO" --duration 0.2 --token "$MIP_EMULATOR_TOKEN"
}

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs the Rust binding's tests (unit, integration against the shared
# emulators, doc tests) and builds the benchmark example, offline.
#
#   bindings/rust/run_tests.sh BUILD_DIR
#
# BUILD_DIR is a CMake build of the project with its tools (mip-emulator).
# bindings/build_tree.sh installs it into a private prefix and exports
# MIP_LIB_DIR, which build.rs links against; start_binding_emulators
# starts the emulators the tests read from MIP_EMULATOR_URL,
# MIP_EMULATOR_AUTH_URL and MIP_EMULATOR_TOKEN; one more, started here with
# --legacy (no describe, commit or abort route), is MIP_EMULATOR_LEGACY_URL.
#
# Cargo's target directory is a fresh one under $MIP_TMP unless
# MIP_RUST_TARGET_DIR names one to keep between runs. MIP_RUN_BENCH=1 also
# runs the benchmark.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bindings/build_tree.sh
source "$here/../build_tree.sh" "$1"
start_binding_emulators
start_emulator MIP_EMULATOR_LEGACY_URL --legacy --scenario "$MIP_EMULATOR_SCENARIO" --duration 0.2

export CARGO_TARGET_DIR=${MIP_RUST_TARGET_DIR:-$MIP_TMP/cargo-target}
export CARGO_NET_OFFLINE=true

cd "$here"
cargo test --offline
cargo build --offline --release --example bench
if [[ ${MIP_RUN_BENCH:-0} == 1 ]]; then
  "$CARGO_TARGET_DIR/release/examples/bench"
fi

#!/usr/bin/env bash
# Runs the Rust binding's tests (unit, integration against mip-emulator, doc
# tests) and builds the benchmark example, offline.
#
#   bindings/rust/run_tests.sh BUILD_DIR
#
# BUILD_DIR is a CMake build of the project: it holds libmip.so and
# tools/emulator/mip-emulator. Cargo's target dir is BUILD_DIR/rust-target
# unless MIP_RUST_TARGET_DIR names another. MIP_RUN_BENCH=1 also runs the
# benchmark.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "$1" && pwd)

if [[ ! -e $build/libmip.so ]]; then
  echo "$0: no libmip.so in $build (build the project first)" >&2
  exit 1
fi
emulator=$build/tools/emulator/mip-emulator
if [[ ! -x $emulator ]]; then
  echo "$0: no mip-emulator at $emulator (configure with MIP_BUILD_TOOLS=ON)" >&2
  exit 1
fi

export MIP_LIB_DIR=$build
export MIP_EMULATOR=$emulator
export CARGO_TARGET_DIR=${MIP_RUST_TARGET_DIR:-$build/rust-target}
export CARGO_NET_OFFLINE=true

cd "$here"
cargo test --offline
cargo build --offline --release --example bench
if [[ ${MIP_RUN_BENCH:-0} == 1 ]]; then
  "$CARGO_TARGET_DIR/release/examples/bench"
fi

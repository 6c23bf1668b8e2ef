#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Converting a job of some 60,000 details (mip-emulator's fault-big job,
# fetched once, no HTTP in the times) in C and in each binding, one after
# the other in one run, so the figures share a machine and a moment:
#   C      build/bench/bench_details (accessors, and mip_job_details_read)
#   Go     BenchmarkConvertBigJob (go test -bench)
#   Rust   examples/bench.rs, its conversion part
#   C#     BenchmarkDotNet's Details benchmarks
#
#   bench/bench_bindings.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: bench/bench_bindings.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bindings/build_tree.sh
source "$root/bindings/build_tree.sh" "$build"
start_binding_emulators

echo "== C"
"$build/bench/bench_details"

echo "== Go"
(
  cd "$root/bindings/go"
  export GOPATH="$MIP_TMP/gopath" GOCACHE="$MIP_TMP/gocache" GOENV=off GOPROXY=off GO111MODULE=on GOTOOLCHAIN=local
  go test -tags mip_testhooks -run '^$' -bench 'ConvertBigJob' -benchtime 3s -benchmem .
)

echo "== Rust"
(
  cd "$root/bindings/rust"
  export CARGO_TARGET_DIR="$MIP_TMP/cargo-target" CARGO_NET_OFFLINE=true
  cargo run --offline --release --quiet --example bench -- 20 50 25
)

echo "== C#"
MIP_CSHARP_BENCH_OUT="$MIP_TMP/csharp-bench" "$root/bindings/csharp/bench.sh" "$build" --filter '*Details*'

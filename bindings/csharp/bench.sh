#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs the C# binding's BenchmarkDotNet benchmarks (Bench/Program.cs) against a loopback
# mip-emulator serving the shared scenario, with BUILD_DIR's libmip installed into a private
# prefix (bindings/build_tree.sh), as the tests do.
#   bindings/csharp/bench.sh BUILD_DIR [BenchmarkDotNet arguments]     (default: --filter '*')
# BenchmarkDotNet's reports go to $MIP_CSHARP_BENCH_OUT (default: BenchmarkDotNet.Artifacts in the
# current directory).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${1:?usage: bench.sh BUILD_DIR [BenchmarkDotNet arguments]}"
shift
# shellcheck source=bindings/build_tree.sh
source "$here/../build_tree.sh" "$build"
export MIP_CSHARP_ARTIFACTS="$MIP_TMP/csharp/artifacts" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
start_binding_emulators
[[ $# -gt 0 ]] || set -- --filter '*'
out="${MIP_CSHARP_BENCH_OUT:-$PWD/BenchmarkDotNet.Artifacts}"
dotnet run -c Release --project "$here/Bench/Bench.csproj" -- --artifacts "$out" "$@"

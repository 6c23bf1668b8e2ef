#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the C# binding and runs its NUnit tests with `dotnet test` against the shared
# mip-emulators, twice: against Mip's net8.0 build
# (NativeLoader) and against its netstandard2.0 build, both loaded by the net10.0 test host.
#   bindings/csharp/run_tests.sh BUILD_DIR
# BUILD_DIR is a CMake build of this repository with tools/emulator/mip-emulator; the tests load
# its libmip as installed into a private prefix (bindings/build_tree.sh).
# MIP_CSHARP_TARGETS overrides the builds tested ("net8.0 netstandard2.0").
# MIP_CSHARP_BENCH=1 also runs the BenchmarkDotNet benchmark (bindings/csharp/bench.sh) after the tests.
# Ends with one line: "csharp: N passed, N failed, N skipped".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bindings/build_tree.sh
source "$here/../build_tree.sh" "${1:-}"
command -v dotnet >/dev/null || { echo "run_tests.sh: dotnet not found (the .NET SDK, 8.0 or later)" >&2; exit 2; }

out="$MIP_TMP/csharp"
mkdir -p "$out"
# Build output under the private temporary directory, not in the source tree.
export MIP_CSHARP_ARTIFACTS="$out/artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

start_binding_emulators
# The tests check the defaults the binding writes down against the header's MIP_DEFAULT_*.
export MIP_HEADER="$here/../../include/mip.h"

dotnet restore "$here/Mip.Tests/Mip.Tests.csproj" > "$out/restore.log" 2>&1 ||
  { cat "$out/restore.log"; echo "run_tests.sh: dotnet restore failed" >&2; exit 1; }

status=0
passed=0 failed=0 skipped=0
for target in ${MIP_CSHARP_TARGETS:-net8.0 netstandard2.0}; do
  echo "== Mip ($target) under $(dotnet --version) / net10.0 test host"
  props=()
  [[ $target == net8.0 ]] || props=("-p:MipTestTarget=$target")
  trx="$out/$target.trx"
  run=0
  dotnet test "$here/Mip.Tests/Mip.Tests.csproj" -c Release "${props[@]}" \
      --logger "trx;LogFileName=$trx" --logger "console;verbosity=normal" -- NUnit.NumberOfTestWorkers=2 || run=$?
  [[ $run -eq 0 ]] || status=$run
  if [[ -f $trx ]]; then
    read -r p f s < <(python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
c = ET.parse(sys.argv[1]).getroot().find('.//{*}ResultSummary/{*}Counters')
total = int(c.get('total')); p = int(c.get('passed')); f = int(c.get('failed')) + int(c.get('error')) + int(c.get('timeout')) + int(c.get('aborted'))
print(p, f, total - p - f)
PY
)
    echo "csharp ($target): $p passed, $f failed, $s skipped"
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  else
    echo "run_tests.sh: no test results for $target" >&2
    [[ $status -ne 0 ]] || status=1
  fi
done
echo "csharp: $passed passed, $failed failed, $skipped skipped"
if [[ $status -ne 0 ]]; then
  echo "run_tests.sh: dotnet test exited $status" >&2
  exit "$status"
fi

if [[ "${MIP_CSHARP_BENCH:-0}" != "0" ]]; then
  "$here/bench.sh" "$1"
fi

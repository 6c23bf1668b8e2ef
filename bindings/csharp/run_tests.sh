#!/usr/bin/env bash
# Builds the C# binding and its NUnit 2.6 tests with Mono's mcs, and runs them against the
# shared mip-emulators.
#   bindings/csharp/run_tests.sh BUILD_DIR
# BUILD_DIR is a CMake build of this repository with tools/emulator/mip-emulator; the tests load
# its libmip as installed into a private prefix (bindings/build_tree.sh).
# MIP_CSHARP_BENCH=1 also builds and runs Bench/Bench.cs after the tests
# (MIP_CSHARP_BENCH_ITERATIONS sets its iterations per side).
# NUNIT_FRAMEWORK overrides the nunit.framework.dll path; NUNIT_CONSOLE the runner.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bindings/build_tree.sh
source "$here/../build_tree.sh" "${1:-}"
nunit="${NUNIT_FRAMEWORK:-/usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll}"
runner="${NUNIT_CONSOLE:-nunit-console}"

[[ -e "$nunit" ]] || { echo "run_tests.sh: missing $nunit (apt-get install libnunit-cil-dev)" >&2; exit 2; }
command -v mcs >/dev/null || { echo "run_tests.sh: mcs not found (apt-get install mono-mcs)" >&2; exit 2; }
command -v "$runner" >/dev/null || { echo "run_tests.sh: $runner not found (apt-get install nunit-console)" >&2; exit 2; }

out="$MIP_TMP/csharp"
"$here/build.sh" "$out"
mcs -nologo -target:library -langversion:7 -warn:4 -warnaserror -debug \
    -out:"$out/Mip.Tests.dll" -r:"$out/Mip.dll" -r:"$nunit" -r:System.dll -r:System.Core.dll \
    "$here"/Mip.Tests/*.cs
cp "$nunit" "$out/"

start_binding_emulators
# The tests check the defaults the binding writes down against the header's MIP_DEFAULT_*.
export MIP_HEADER="$here/../../include/mip.h"

status=0
(cd "$out" && "$runner" -nologo -labels -xml="$out/TestResult.xml" "$out/Mip.Tests.dll") || status=$?
if [[ -f "$out/TestResult.xml" ]]; then
    # One plain closing line: "csharp: N passed, N failed".
    python3 - "$out/TestResult.xml" <<'PY' || true
import sys, xml.etree.ElementTree as ET
cases = ET.parse(sys.argv[1]).getroot().iter("test-case")
passed = failed = skipped = 0
for c in cases:
    if c.get("executed") != "True": skipped += 1
    elif c.get("success") == "True": passed += 1
    else: failed += 1
print("csharp: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
PY
fi
if [[ $status -ne 0 ]]; then
    echo "run_tests.sh: nunit-console exited $status" >&2
    exit "$status"
fi

if [[ "${MIP_CSHARP_BENCH:-0}" != "0" ]]; then
    mcs -nologo -target:exe -langversion:7 -optimize+ -unsafe -warn:4 -warnaserror \
        -out:"$out/Bench.exe" -r:"$out/Mip.dll" -r:System.dll -r:System.Core.dll "$here"/Bench/*.cs
    cp "$out/Mip.dll.config" "$out/Bench.exe.config"
    mono "$out/Bench.exe" ${MIP_CSHARP_BENCH_ITERATIONS:-}
fi

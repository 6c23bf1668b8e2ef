#!/usr/bin/env bash
# Builds the C# binding and its NUnit 2.6 tests with Mono's mcs, and runs them against
# mip-emulator.
#   bindings/csharp/run_tests.sh BUILD_DIR
# BUILD_DIR holds libmip.so(.0) and tools/emulator/mip-emulator (a CMake build of this repo).
# MIP_CSHARP_BENCH=1 also builds and runs Bench/Bench.cs after the tests.
# NUNIT_FRAMEWORK overrides the nunit.framework.dll path; NUNIT_CONSOLE the runner.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$(cd "${1:?usage: run_tests.sh BUILD_DIR}" && pwd)"
nunit="${NUNIT_FRAMEWORK:-/usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll}"
runner="${NUNIT_CONSOLE:-nunit-console}"

for f in "$build/libmip.so.0" "$build/tools/emulator/mip-emulator" "$nunit"; do
    [[ -e "$f" ]] || { echo "run_tests.sh: missing $f" >&2; exit 2; }
done
command -v mcs >/dev/null || { echo "run_tests.sh: mcs not found (apt-get install mono-mcs)" >&2; exit 2; }
command -v "$runner" >/dev/null || { echo "run_tests.sh: $runner not found (apt-get install nunit-console)" >&2; exit 2; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/mip-csharp.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

"$here/build.sh" "$tmp"
mcs -nologo -target:library -langversion:7 -warn:4 -warnaserror -debug \
    -out:"$tmp/Mip.Tests.dll" -r:"$tmp/Mip.dll" -r:"$nunit" -r:System.dll -r:System.Core.dll \
    "$here"/Mip.Tests/*.cs
cp "$nunit" "$tmp/"

export LD_LIBRARY_PATH="$build${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export MIP_EMULATOR="$build/tools/emulator/mip-emulator"
export MIP_CSHARP_TMP="$tmp"

status=0
(cd "$tmp" && "$runner" -nologo -labels -xml="$tmp/TestResult.xml" "$tmp/Mip.Tests.dll") || status=$?
if [[ -f "$tmp/TestResult.xml" ]]; then
    # One plain closing line: "csharp: N passed, N failed".
    python3 - "$tmp/TestResult.xml" <<'PY' || true
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
        -out:"$tmp/Bench.exe" -r:"$tmp/Mip.dll" -r:System.dll -r:System.Core.dll "$here"/Bench/*.cs
    cp "$tmp/Mip.dll.config" "$tmp/Bench.exe.config"
    mono "$tmp/Bench.exe" ${MIP_CSHARP_BENCH_ITERATIONS:-}
fi

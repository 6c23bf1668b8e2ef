#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The NuGet package as a C# user gets it: bindings/csharp/pack.sh packs BUILD_DIR's libmip
# into WORKDIR/Mip.<version>.nupkg; a fresh console app (dotnet new console) takes it with
# `dotnet add package Mip --version <version>` from WORKDIR, reads a completed job from a
# mip-emulator started here, and prints it, run with no LD_LIBRARY_PATH: the libmip it loads
# must be the package's runtimes/linux-x64/native/libmip.so.
#   tests/package/check_nupkg.sh BUILD_DIR EMULATOR WORKDIR
# WORKDIR is emptied first. Restores use WORKDIR/packages as the global packages folder, so
# the user's NuGet cache never holds this build's Mip package (which would shadow the next).
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: check_nupkg.sh BUILD_DIR EMULATOR WORKDIR" >&2; exit 2; }
src="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(cd "$1" && pwd)"
export MIP_EMULATOR="$2"
work="$3"
fail() { echo "check_nupkg: FAIL: $*" >&2; exit 1; }
command -v dotnet > /dev/null || fail "dotnet not found"

rm -rf "$work"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
export NUGET_PACKAGES="$work/packages"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

pkg="$(bash "$src/bindings/csharp/pack.sh" "$work" "$build")" || fail "pack.sh failed"
[[ -f $pkg ]] || fail "pack.sh printed '$pkg', not a file"
name="$(basename "$pkg")"
version="${name#Mip.}"
version="${version%.nupkg}"
header_version="$(sed -n 's/^#define MIP_VERSION_\(MAJOR\|MINOR\|PATCH\) \([0-9]*\).*/\2/p' "$src/include/mip.h" | paste -sd.)"
[[ $version == "$header_version" ]] || fail "package version $version, mip.h says $header_version"
entries="$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$pkg")"
for entry in lib/netstandard2.0/Mip.dll lib/netstandard2.0/Mip.dll.config lib/net8.0/Mip.dll runtimes/linux-x64/native/libmip.so; do
  grep -qx "$entry" <<< "$entries" || fail "$name has no $entry: $entries"
done
echo "check_nupkg: $name: $(grep -c . <<< "$entries") entries, the native one $(unzip -l "$pkg" runtimes/linux-x64/native/libmip.so | awk 'NR==4 {print $1}') bytes"

# shellcheck source=tests/support/emulator.sh
source "$src/tests/support/emulator.sh"
start_emulator MIP_NUPKG_URL --scenario "$src/tests/emulator/scenario.json"

app="$work/app"
dotnet new console -o "$app" -n MipNupkgCheck > "$work/new.log" 2>&1 || { cat "$work/new.log"; fail "dotnet new console"; }
# The local folder beside the machine's usual sources (no <clear/>: those stay).
cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="mip-check-nupkg" value="$work" />
  </packageSources>
</configuration>
XML
(cd "$app" && dotnet add package Mip --version "$version" --source "$work") > "$work/add.log" 2>&1 ||
  { cat "$work/add.log"; fail "dotnet add package Mip --version $version"; }
cat > "$app/Program.cs" <<'CS'
using System;
using System.IO;
using System.Linq;
using Mip;

using var client = new MipClient(new MipOptions { Endpoint = args[0], Api = MipApi.Milvus });
ImportJob job = client.GetImportProgress(args[1]);
Console.WriteLine($"job {job.JobId} {job.CollectionName} {job.State} {job.Progress}% {job.ImportedRows}/{job.TotalRows} rows, {job.Details.Count} details");
foreach (ImportDetail d in job.Details)
    Console.WriteLine($"detail {d.FileName} {d.State} {d.Progress}% {d.TotalRows} rows");
Console.WriteLine($"libmip {MipClient.NativeVersion}");
// Which file the process mapped as libmip.
string? mapped = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    .Where(f => f.Length >= 6 && Path.GetFileName(f[5]).StartsWith("libmip.so")).Select(f => f[5]).FirstOrDefault();
Console.WriteLine($"loaded {mapped}");
CS
(cd "$app" && dotnet build -c Release -o "$app/out") > "$work/build.log" 2>&1 || { cat "$work/build.log"; fail "dotnet build"; }

job=448761313698323001
output="$(env -u LD_LIBRARY_PATH dotnet "$app/out/MipNupkgCheck.dll" "$MIP_NUPKG_URL" "$job" 2>&1)" ||
  { echo "$output"; fail "the app failed"; }
echo "$output"
expect() { grep -qxF "$1" <<< "$output" || fail "no line '$1' in the output above"; }
expect "job $job quick_setup Completed 100% 150000/150000 rows, 2 details"
expect "detail [1.parquet] Completed 100% 100000 rows"
expect "detail [a.npy b.npy] Completed 100% 50000 rows"
expect "libmip $version"
expect "loaded $app/out/runtimes/linux-x64/native/libmip.so"
passed=1

# Without the package's file: a runtime-only install (libmip.so.0, no libmip.so) is found by
# its SONAME, and with no libmip at all the error names every name and place tried.
rm "$app/out/runtimes/linux-x64/native/libmip.so"
mkdir "$work/soname"
cp "$(readlink -f "$build/libmip.so.0")" "$work/soname/libmip.so.0"
output="$(LD_LIBRARY_PATH="$work/soname" dotnet "$app/out/MipNupkgCheck.dll" "$MIP_NUPKG_URL" "$job" 2>&1)" ||
  { echo "$output"; fail "the app failed with only libmip.so.0"; }
expect "loaded $work/soname/libmip.so.0"
echo "check_nupkg: only libmip.so.0 on LD_LIBRARY_PATH: loaded it"
passed=$((passed + 1))
if grep -q 'libmip\.so' <<< "$(ldconfig -p 2> /dev/null)"; then
  echo "check_nupkg: a system libmip is installed: the no-libmip case is left out"
else
  output="$(env -u LD_LIBRARY_PATH dotnet "$app/out/MipNupkgCheck.dll" "$MIP_NUPKG_URL" "$job" 2>&1)" &&
    { echo "$output"; fail "the app ran with no libmip anywhere"; }
  for want in "DllNotFoundException" "libmip could not be loaded" "\"mip\" by the runtime's probing" \
              "$app/out/runtimes/linux-x64/native" "\"libmip.so.0\" through the system loader" \
              "\"libmip.so\" through the system loader" "LD_LIBRARY_PATH=(unset)"; do
    grep -qF "$want" <<< "$output" || { echo "$output"; fail "the error does not say '$want'"; }
  done
  echo "check_nupkg: no libmip: $(grep -m1 -o 'DllNotFoundException: libmip could not be loaded[^;]*' <<< "$output")..."
  passed=$((passed + 1))
fi
echo "check_nupkg: $passed passed, 0 failed"

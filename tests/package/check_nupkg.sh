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
# Also: a second pack is byte-identical; the nuspec has the license expression, readme and
# repository; each Mip.dll embeds its PDB with a SourceLink to GitHub and no temporary path; the
# native libraries need only glibc, libstdc++, libgcc_s, libcurl and what the package carries
# (readelf -d), and the highest GLIBC_ version they reference is printed; dlopen of the package's
# libmip.so and the app run with the system's libsimdjson hidden (a mount namespace: unshare,
# as root), and without the carried libsimdjson the DllNotFoundException names it.
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
passed=0

# Reproducible: a second pack (another temporary directory) gives the same bytes.
mkdir "$work/again"
again="$(bash "$src/bindings/csharp/pack.sh" "$work/again" "$build")" || fail "the second pack.sh failed"
cmp "$pkg" "$again" || fail "two packs differ: $pkg $again"
echo "check_nupkg: two packs are byte-identical ($(sha256sum < "$pkg" | cut -c1-16))"
passed=$((passed + 1))

# The nuspec: license expression, readme, repository.
unpacked="$work/unpacked"
mkdir "$unpacked"
(cd "$unpacked" && unzip -q "$pkg")
nuspec="$(cat "$unpacked/Mip.nuspec")"
for want in '<license type="expression">Apache-2.0</license>' '<readme>README.md</readme>' \
            '<repository type="git" url="https://github.com/mip-project/mip" commit="'; do
  grep -qF "$want" <<< "$nuspec" || { echo "$nuspec"; fail "the nuspec has no $want"; }
done
[[ -f $unpacked/README.md ]] || fail "$name has no README.md"
echo "check_nupkg: nuspec: license Apache-2.0, readme, $(grep -o '<repository [^>]*>' <<< "$nuspec")"
passed=$((passed + 1))

# Each Mip.dll embeds its portable PDB, whose SourceLink maps /_/ to GitHub; no temporary path.
for dll in "$unpacked"/lib/*/Mip.dll; do
  pdb="$(python3 - "$dll" <<'PY'
import re, struct, sys, zlib
d = open(sys.argv[1], 'rb').read()
pe = struct.unpack_from('<I', d, 0x3c)[0]
nsec, = struct.unpack_from('<H', d, pe + 6)
optsize, = struct.unpack_from('<H', d, pe + 20)
opt = pe + 24
magic, = struct.unpack_from('<H', d, opt)
rva, size = struct.unpack_from('<II', d, opt + (96 if magic == 0x10b else 112) + 6 * 8)
def offset(r):
    for i in range(nsec):
        vsize, va, rawsize, raw = struct.unpack_from('<IIII', d, opt + optsize + i * 40 + 8)
        if va <= r < va + max(vsize, rawsize):
            return r - va + raw
o = offset(rva)
for i in range(size // 28):
    _, _, _, _, kind, length, _, ptr = struct.unpack_from('<IIHHIIII', d, o + i * 28)
    if kind == 17:  # IMAGE_DEBUG_TYPE_EMBEDDED_PORTABLE_PDB: "MPDB", size, deflate
        pdb = zlib.decompress(d[ptr + 8:ptr + length], -15)
        link = re.search(rb'\{"documents":\{[^}]*\}\}', pdb)
        print('sourcelink', link.group().decode() if link else 'none')
        print('temporary', len(re.findall(rb'mip-pack\.|/tmp/', pdb + d)))
PY
)"
  grep -qE '^sourcelink \{"documents":\{"/_/\*":"https://raw\.githubusercontent\.com/mip-project/mip/[0-9a-f]{40}/\*"\}\}$' <<< "$pdb" ||
    fail "${dll#"$unpacked/"}: no embedded PDB with a SourceLink to github.com/mip-project/mip: $pdb"
  grep -qx 'temporary 0' <<< "$pdb" || fail "${dll#"$unpacked/"} or its PDB holds a temporary path: $pdb"
done
echo "check_nupkg: lib/*/Mip.dll embed their PDB: $(sed -n 's/^sourcelink //p' <<< "$pdb")"
passed=$((passed + 1))

# The native libraries need nothing but glibc, the C++ runtime, libcurl4 and what is beside them.
native="$unpacked/runtimes/linux-x64/native"
echo "check_nupkg: readelf -d runtimes/linux-x64/native/libmip.so:"
readelf -d "$native/libmip.so" | grep -E '\((NEEDED|RUNPATH|RPATH|SONAME)\)'
grep -qF 'Library runpath: [$ORIGIN]' <<< "$(readelf -d "$native/libmip.so")" || fail "libmip.so's RUNPATH is not \$ORIGIN"
for so in "$native"/*; do
  for dep in $(readelf -d "$so" | sed -n 's/.*(NEEDED).*Shared library: \[\(.*\)\]/\1/p'); do
    case $dep in
      libc.so.6 | libm.so.6 | ld-linux-x86-64.so.2 | libstdc++.so.6 | libgcc_s.so.1 | libcurl.so.4) ;;
      *) [[ -f $native/$dep ]] || fail "$(basename "$so") needs $dep, neither a system library nor in the package" ;;
    esac
  done
done
[[ -f $native/libsimdjson.so.14 ]] || ls "$native"/libsimdjson.so.* > /dev/null 2>&1 || fail "no libsimdjson in $native"
versions="$(for so in "$native"/*; do readelf -V -W "$so"; done)"
glibc="$(grep -o 'Name: GLIBC_[0-9.]*' <<< "$versions" | sed 's/Name: //' | sort -uV | tail -n 1)"
glibcxx="$(grep -o 'Name: GLIBCXX_[0-9.]*' <<< "$versions" | sed 's/Name: //' | sort -uV | tail -n 1)"
curl="$(grep -o 'Name: CURL_[A-Z0-9_]*' <<< "$versions" | sed 's/Name: //' | sort -u | paste -sd' ')"
echo "check_nupkg: the native libraries ($(cd "$native" && ls | paste -sd' ')) need $glibc, $glibcxx, libcurl.so.4 ($curl)"
passed=$((passed + 1))

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
string? simdjson = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    .Where(f => f.Length >= 6 && Path.GetFileName(f[5]).StartsWith("libsimdjson.so")).Select(f => f[5]).FirstOrDefault();
Console.WriteLine($"simdjson {simdjson}");
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
expect "simdjson $app/out/runtimes/linux-x64/native/libsimdjson.so.14"
passed=$((passed + 1))

# With the system's libsimdjson hidden: an empty file bind-mounted over it in a private mount
# namespace (unshare, as root), so that only the package's copy can serve.
system_simdjson="$(readlink -f "$(awk '$1 ~ /^libsimdjson\.so/ && $2 == "=>" {print $3}' <<< "$(ldd "$(readlink -f "$build/libmip.so.0")")")")"
: > "$work/empty"
hidden() { unshare --mount -- bash -c 'mount --bind "$1" "$2" && shift 2 && exec "$@"' hidden "$work/empty" "$system_simdjson" "$@"; }
if [[ -f $system_simdjson ]] && hidden true 2> /dev/null; then
  hidden python3 -c 'import ctypes; ctypes.CDLL("libsimdjson.so.14")' 2> /dev/null &&
    fail "the system's libsimdjson still loads with $system_simdjson hidden"
  # dlopen of the package's libmip.so resolves libsimdjson from the same folder.
  maps="$(hidden python3 -c 'import ctypes, sys; ctypes.CDLL(sys.argv[1]); print(open("/proc/self/maps").read())' \
          "$native/libmip.so")" || fail "dlopen of the package's libmip.so with $system_simdjson hidden"
  grep -qF "$native/libsimdjson.so.14" <<< "$maps" || fail "dlopen of libmip.so did not map $native/libsimdjson.so.14"
  output="$(hidden env -u LD_LIBRARY_PATH dotnet "$app/out/MipNupkgCheck.dll" "$MIP_NUPKG_URL" "$job" 2>&1)" ||
    { echo "$output"; fail "the app failed with $system_simdjson hidden"; }
  expect "job $job quick_setup Completed 100% 150000/150000 rows, 2 details"
  expect "simdjson $app/out/runtimes/linux-x64/native/libsimdjson.so.14"
  echo "check_nupkg: with $system_simdjson hidden: dlopen and the app use the package's libsimdjson.so.14"
  passed=$((passed + 1))

  # Without the carried libsimdjson: the error names it, not "libmip not found".
  mv "$app/out/runtimes/linux-x64/native/libsimdjson.so.14" "$work/libsimdjson.so.14.away"
  output="$(hidden env -u LD_LIBRARY_PATH dotnet "$app/out/MipNupkgCheck.dll" "$MIP_NUPKG_URL" "$job" 2>&1)" &&
    { echo "$output"; fail "the app ran with no libsimdjson anywhere"; }
  mv "$work/libsimdjson.so.14.away" "$app/out/runtimes/linux-x64/native/libsimdjson.so.14"
  for want in "DllNotFoundException: libmip could not be loaded. $app/out/runtimes/linux-x64/native/libmip.so is there, but the dynamic loader refused it: " \
              "libsimdjson.so.14"; do
    grep -qF "$want" <<< "$output" || { echo "$output"; fail "the error does not say '$want'"; }
  done
  echo "check_nupkg: no libsimdjson: $(grep -m1 -o 'is there, but the dynamic loader refused it: [^(]*' <<< "$output")"
  passed=$((passed + 1))
else
  echo "check_nupkg: no private mount namespace here (unshare --mount needs root): the hidden-libsimdjson cases are left out"
fi

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

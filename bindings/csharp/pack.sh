#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Packs the C# binding with libmip itself into OUTDIR/Mip.<version>.nupkg:
#   lib/netstandard2.0/Mip.dll (+ Mip.xml, Mip.dll.config)   Mono, .NET Framework, older .NET
#   lib/net8.0/Mip.dll (+ Mip.xml)                           .NET 8 and later
#   runtimes/linux-x64/native/libmip.so                      BUILD_DIR's libmip.so.<version>, the real
#                                                            file, its RUNPATH set to $ORIGIN
#   runtimes/linux-x64/native/libsimdjson.so.<n>             what libmip needs beyond glibc, libstdc++,
#                                                            libgcc_s and libcurl: the very file libmip
#                                                            was linked against (ldd), under its SONAME
#   licenses/<soname>.copyright                              the carried libraries' copyright files
#   README.md                                                this folder's README (PackageReadmeFile)
# Each Mip.dll embeds its PDB (SourceLinked to https://github.com/mip-project/mip at the commit).
# <version> is libmip's (mip.h's MIP_VERSION_*).
#   bindings/csharp/pack.sh OUTDIR BUILD_DIR
# Prints the package's path. Leaves nothing in the source tree.
# The package is reproducible: the same sources, libraries and SOURCE_DATE_EPOCH give the same
# bytes. The zip entries' time is SOURCE_DATE_EPOCH if set, else the commit's time (git), else
# 2000-01-01. Needs patchelf (Debian's package; installed here as root, like scripts/deps.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ $# -eq 2 ]] || { echo "usage: pack.sh OUTDIR BUILD_DIR" >&2; exit 2; }
command -v dotnet > /dev/null || { echo "pack.sh: dotnet not found (the .NET SDK, 8.0 or later)" >&2; exit 2; }
if ! command -v patchelf > /dev/null; then
  # shellcheck source=scripts/deps.sh
  source "$here/../../scripts/deps.sh"
  need_packages patchelf > /dev/null
fi
mkdir -p "$1"
outdir="$(cd "$1" && pwd)"
build="$(cd "$2" && pwd)"

header="$here/../../include/mip.h"
v() { sed -n "s/^#define MIP_VERSION_$1 \([0-9][0-9]*\).*/\1/p" "$header"; }
version="$(v MAJOR).$(v MINOR).$(v PATCH)"
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "pack.sh: no version in $header" >&2; exit 1; }

lib="$build/libmip.so.$version"
[[ -f $lib && ! -L $lib ]] || lib="$(readlink -f "$build/libmip.so.0" 2> /dev/null || true)"
[[ -f $lib ]] || { echo "pack.sh: no libmip.so.$version in $build (build the shared library first)" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/mip-pack.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export MIP_CSHARP_ARTIFACTS="$work/artifacts" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# NuGet stamps every zip entry with DeterministicTimestamp (from SOURCE_DATE_EPOCH), written in
# local time: UTC, so that the bytes do not depend on the machine's zone.
export TZ=UTC
if [[ -z ${SOURCE_DATE_EPOCH:-} ]]; then
  SOURCE_DATE_EPOCH="$(git -C "$here" log -1 --format=%ct 2> /dev/null || true)"
  [[ $SOURCE_DATE_EPOCH =~ ^[0-9]+$ ]] || SOURCE_DATE_EPOCH=946684800
fi
export SOURCE_DATE_EPOCH

# The libraries a Linux x64 system has anyway (glibc's, the C++ runtime's, libcurl4's); any other
# NEEDED library of libmip's goes into the package beside it.
system_library() {
  case $1 in
    libc.so.6 | libm.so.6 | libpthread.so.0 | libdl.so.2 | librt.so.1 | ld-linux-x86-64.so.2) return 0 ;;
    libstdc++.so.6 | libgcc_s.so.1 | libcurl.so.4) return 0 ;;
  esac
  return 1
}
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*Shared library: \[\(.*\)\]/\1/p'; }
soname() { readelf -d "$1" | sed -n 's/.*(SONAME).*Library soname: \[\(.*\)\]/\1/p'; }

native="$work/native"
notices="$work/notices"
mkdir "$native" "$notices"
resolved="$(ldd "$lib")" || { echo "pack.sh: ldd $lib failed" >&2; exit 1; }
carried=()
for dep in $(needed "$lib"); do
  system_library "$dep" && continue
  path="$(awk -v n="$dep" '$1 == n && $2 == "=>" {print $3}' <<< "$resolved")"
  [[ -n $path && -f $path ]] || { echo "pack.sh: libmip needs $dep, which ldd does not find: $resolved" >&2; exit 1; }
  [[ $(soname "$path") == "$dep" ]] || { echo "pack.sh: $path's SONAME is not $dep" >&2; exit 1; }
  cp "$(readlink -f "$path")" "$native/$dep"
  carried+=("$dep")
  # The carried library's copyright file (Debian's), when a Debian package owns it.
  owner="$(dpkg-query -S "$(readlink -f "$path")" 2> /dev/null || dpkg-query -S "$path" 2> /dev/null || true)"
  owner="${owner%%:*}"
  if [[ -n $owner && -f /usr/share/doc/$owner/copyright ]]; then
    cp "/usr/share/doc/$owner/copyright" "$notices/$dep.copyright"
  fi
done
for dep in "${carried[@]}"; do
  for sub in $(needed "$native/$dep"); do
    system_library "$sub" || [[ -f $native/$sub ]] ||
      { echo "pack.sh: $dep needs $sub, neither a system library nor carried" >&2; exit 1; }
  done
done
# The real file (not a link), under the name .NET probes for; $ORIGIN so that the dynamic
# loader finds the carried libraries in the same folder (the package's runtimes/linux-x64/native/,
# or the application's directory after a RID-specific publish).
cp "$lib" "$native/libmip.so"
patchelf --set-rpath '$ORIGIN' "$native/libmip.so"
notices_prop=()
[[ -z $(ls -A "$notices") ]] || notices_prop=("-p:MipNoticesDirectory=$notices")

dotnet pack "$here/Mip/Mip.csproj" -c Release -o "$work/out" -nologo -v:quiet \
  -p:Version="$version" -p:MipNativeDirectory="$native" "${notices_prop[@]}" \
  -p:ContinuousIntegrationBuild=true -p:Deterministic=true > "$work/pack.log" 2>&1 ||
  { cat "$work/pack.log" >&2; echo "pack.sh: dotnet pack failed" >&2; exit 1; }
pkg="$work/out/Mip.$version.nupkg"
[[ -f $pkg ]] || { cat "$work/pack.log" >&2; echo "pack.sh: dotnet pack wrote no $(basename "$pkg")" >&2; exit 1; }
cp "$pkg" "$outdir/"
echo "$outdir/Mip.$version.nupkg"

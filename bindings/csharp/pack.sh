#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Packs the C# binding with libmip itself into OUTDIR/Mip.<version>.nupkg:
#   lib/netstandard2.0/Mip.dll (+ Mip.xml, Mip.dll.config)   Mono, .NET Framework, older .NET
#   lib/net8.0/Mip.dll (+ Mip.xml)                           .NET 8 and later
#   runtimes/linux-x64/native/libmip.so                      BUILD_DIR's libmip.so.<version>, the real file
# <version> is libmip's (mip.h's MIP_VERSION_*).
#   bindings/csharp/pack.sh OUTDIR BUILD_DIR
# Prints the package's path. Leaves nothing in the source tree.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[[ $# -eq 2 ]] || { echo "usage: pack.sh OUTDIR BUILD_DIR" >&2; exit 2; }
command -v dotnet > /dev/null || { echo "pack.sh: dotnet not found (the .NET SDK, 8.0 or later)" >&2; exit 2; }
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
mkdir "$work/native"
cp "$lib" "$work/native/libmip.so"   # the real file (not a link), under the name .NET probes for
dotnet pack "$here/Mip/Mip.csproj" -c Release -o "$work/out" -nologo -v:quiet \
  -p:Version="$version" -p:MipNativeLibrary="$work/native/libmip.so" > "$work/pack.log" 2>&1 ||
  { cat "$work/pack.log" >&2; echo "pack.sh: dotnet pack failed" >&2; exit 1; }
pkg="$work/out/Mip.$version.nupkg"
[[ -f $pkg ]] || { cat "$work/pack.log" >&2; echo "pack.sh: dotnet pack wrote no $(basename "$pkg")" >&2; exit 1; }
cp "$pkg" "$outdir/"
echo "$outdir/Mip.$version.nupkg"

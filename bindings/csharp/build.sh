#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the C# binding with the .NET SDK: OUT_DIR/netstandard2.0/ (Mip.dll, Mip.xml,
# Mip.dll.config: Mono and .NET Framework) and OUT_DIR/net8.0/ (Mip.dll, Mip.xml).
#   bindings/csharp/build.sh OUT_DIR
# Warnings are errors, missing XML docs on the public API included.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: build.sh OUT_DIR}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/mip-csharp-build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export MIP_CSHARP_ARTIFACTS="$work/artifacts"   # intermediate files: neither in OUT_DIR nor in the source tree
for tfm in netstandard2.0 net8.0; do
  dotnet build "$here/Mip/Mip.csproj" -c Release -f "$tfm" -o "$out/$tfm" -nologo -v:quiet
done

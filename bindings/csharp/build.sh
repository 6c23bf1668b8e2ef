#!/usr/bin/env bash
# Builds the C# binding with Mono's mcs: OUT_DIR/Mip.dll (+ Mip.xml docs, Mip.dll.config).
#   bindings/csharp/build.sh OUT_DIR
# Warnings are errors, missing XML docs on the public API included.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: build.sh OUT_DIR}"
mkdir -p "$out"
MCS="${MCS:-mcs}"
"$MCS" -nologo -target:library -langversion:7 -optimize+ -unsafe -warn:4 -warnaserror \
    -debug:portable -doc:"$out/Mip.xml" -out:"$out/Mip.dll" \
    -r:System.dll -r:System.Core.dll \
    "$here"/Mip/*.cs
cp "$here/Mip/Mip.dll.config" "$out/Mip.dll.config"

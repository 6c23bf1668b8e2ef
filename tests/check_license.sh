#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every source file of the tree says its license in its first three lines
# (an SPDX identifier), the root has the license's text, and the Go module,
# which is fetched alone, carries the same text. The Debian changelog's
# template is left out: its format allows no comment.
#
#   tests/check_license.sh SOURCE_DIR
set -euo pipefail
src=$1
cd "$src"
tag='SPDX-License-Identifier: Apache-2.0'
grep -q 'Apache License' LICENSE || { echo "LICENSE is not the Apache License 2.0"; exit 1; }
grep -q 'Version 2.0, January 2004' LICENSE || { echo "LICENSE is not the Apache License 2.0"; exit 1; }
cmp -s LICENSE bindings/go/LICENSE || { echo "bindings/go/LICENSE differs from LICENSE"; exit 1; }
missing=0
checked=0
while IFS= read -r -d '' file; do
  checked=$((checked + 1))
  if ! grep -qF "$tag" <<< "$(head -n 3 "$file")"; then
    echo "$file: no '$tag' in its first three lines"
    missing=1
  fi
done < <(git ls-files -z -- '*.c' '*.h' '*.cpp' '*.hpp' '*.go' '*.rs' '*.cs' '*.js' '*.py' '*.sh' '*.cmake' \
           '*.in' '*.map' '*.csproj' '*.props' '*.toml' 'CMakeLists.txt' '*/CMakeLists.txt' '.ci/run' |
         grep -zv -e '/Cargo.lock$' -e '^packaging/debian/changelog.in$')
((checked > 0)) || { echo "no source files found (not a git checkout?)"; exit 2; }
[[ $missing == 0 ]] || exit 1
echo "ok: $checked source files name their license"

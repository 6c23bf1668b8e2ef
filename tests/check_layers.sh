#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The library's sources are its pipeline (README.md, "Layout"): caller ->
# api -> core -> wire -> net, with model and util beneath them all.
# Every #include of the library's own headers names its layer and points
# down (or stays in its layer); no source lies outside a layer.
#
#   tests/check_layers.sh SOURCE_DIR
set -euo pipefail
cd "$1/src"
layers=(util model net wire core api)  # lowest first
rank() {
  local i
  for i in "${!layers[@]}"; do [[ ${layers[$i]} == "$1" ]] && { echo "$i"; return; }; done
  echo -1
}
bad=0
checked=0
while IFS= read -r file; do
  checked=$((checked + 1))
  layer=${file%%/*}
  if [[ $file != */* || $(rank "$layer") -lt 0 ]]; then
    echo "src/$file: in no layer (${layers[*]})"
    bad=1
    continue
  fi
  while IFS= read -r included; do
    target=${included%%/*}
    if [[ $included != */* || $(rank "$target") -lt 0 ]]; then
      echo "src/$file: includes \"$included\", which names no layer"
      bad=1
    elif (($(rank "$target") > $(rank "$layer"))); then
      echo "src/$file: includes \"$included\": $layer may not include $target, which is above it"
      bad=1
    fi
  done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$file" | grep -v '^mip\.h$' || true)
done < <(git ls-files -- '*.cpp' '*.hpp' '*.h' '*.c')
((checked > 0)) || { echo "no sources found (not a git checkout?)"; exit 2; }
# The command line links only the C API; of the library's sources it uses
# the header-only JSON writer alone.
while IFS= read -r line; do
  echo "$line: the command line may include only wire/json_writer.hpp of src/"
  bad=1
done < <(cd .. && git grep -n -E '#include "(api|core|wire|net|model|util)/' -- tools/cli | grep -v '"wire/json_writer.hpp"' || true)
[[ $bad == 0 ]] || exit 1
echo "ok: the $checked sources of src/ include only their own layer and those below; tools/cli only the JSON writer"

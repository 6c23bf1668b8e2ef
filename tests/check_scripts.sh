#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The tree's shell scripts run under `set -o pipefail`, where a reader that
# stops early fails the pipeline: `producer | grep -q`, `| grep -m` and
# `| head` exit at their first line, the producer's next write gets
# SIGPIPE, and the pipeline fails (status 141) depending on timing. Read
# the output whole instead (`grep -q PATTERN <<< "$(producer)"`,
# `find ... -quit`).
#
#   tests/check_scripts.sh SOURCE_DIR
set -euo pipefail
src=$1
self=tests/check_scripts.sh
found=0
while IFS= read -r -d '' script; do
  rel=${script#"$src"/}
  [[ $rel == "$self" ]] && continue
  # A pipe, then head or a grep with -q / -m among its first options.
  if hits=$(grep -nE '[|][[:space:]]*(head\b|grep([[:space:]]+-[A-Za-z]+)*[[:space:]]+-[A-Za-z]*[qm])' "$script" |
            grep -vE '^[0-9]+:[[:space:]]*#'); then
    echo "$rel: a reader that may leave the pipe early:"
    echo "$hits"
    found=1
  fi
done < <(find "$src/.ci" "$src/scripts" "$src/tests" "$src/bindings" "$src/tools" "$src/bench" "$src/examples" \
           -type f \( -name '*.sh' -o -path "$src/.ci/run" \) -print0)
[[ $found == 0 ]] || exit 1
echo "ok: no pipeline ends in a reader that leaves early"

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# No file of the repository cites a document that is not in it: each
# Markdown file a tracked file names exists, relative to the repository's
# root or to the naming file's own folder. Web addresses, and paths a
# script builds from its variables, are not checked.
#
#   tests/check_docs.sh SOURCE_DIR
set -euo pipefail
cd "$1"
missing=0
cited=0
while IFS= read -r hit; do
  file=${hit%%:*}
  rest=${hit#*:}
  line=${rest%%:*}
  doc=${rest#*:}
  [[ $doc == http* ]] && continue
  [[ $doc == *'$'* ]] && continue  # a path a script builds at run time, not a citation
  cited=$((cited + 1))
  dir=$(dirname "$file")
  [[ -f ${doc#/} || -f $dir/$doc ]] && continue
  echo "$file:$line cites $doc, which is not in the repository"
  missing=1
done < <(git grep -n -o -I -E '(https?://[^ )>"`]*|[A-Za-z0-9_./${}-]*[A-Za-z0-9_-]+\.md\b)')
((cited > 0)) || { echo "no document cited at all (not a git checkout?)"; exit 2; }
[[ $missing == 0 ]] || exit 1
echo "ok: $cited citations of documents, each in the repository"

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The public header declares only mip_ / MIP_ names: every macro, type,
# tag, enumerator and function it adds to a translation unit is checked.
set -euo pipefail
cc=$1
header=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Macros: those the header defines beyond what stddef.h and stdint.h bring.
printf '#include <stddef.h>\n#include <stdint.h>\n' > "$tmp/base.c"
printf '#include <stddef.h>\n#include <stdint.h>\n#include "%s"\n' "$header" > "$tmp/with.c"
"$cc" -std=c99 -E -dM "$tmp/base.c" | awk '{print $2}' | sed 's/(.*//' | sort -u > "$tmp/base.macros"
"$cc" -std=c99 -E -dM "$tmp/with.c" | awk '{print $2}' | sed 's/(.*//' | sort -u > "$tmp/with.macros"
macros=$(comm -13 "$tmp/base.macros" "$tmp/with.macros")
# Declarations: the header preprocessed without its system includes, then
# the names that are declared (not parameters): functions (name followed by
# "("), function pointer types ("(*name)"), enumerators ("NAME =" or "NAME," inside enums), struct/enum tags and
# typedef names ("} NAME;" or "struct X NAME;").
grep -v '^#include' "$header" > "$tmp/header.h"
"$cc" -std=c99 -E -P "$tmp/header.h" | tr '\n' ' ' > "$tmp/pre.c"
declared=$( {
  grep -o -E '[A-Za-z_][A-Za-z0-9_]*[[:space:]]*\(' "$tmp/pre.c" | sed 's/[[:space:](]*$//' |
    grep -v -x -E 'int|void|char|const|size_t|int64_t'   # "int (*name)(...)": a return type, not a name
  grep -o -E '\(\*[[:space:]]*[A-Za-z_][A-Za-z0-9_]*[[:space:]]*\)' "$tmp/pre.c" | tr -d '(*) '  # function pointer types
  grep -o -E '[A-Za-z_][A-Za-z0-9_]*[[:space:]]*=' "$tmp/pre.c" | sed 's/[[:space:]=]*$//'
  grep -o -E '(struct|enum)[[:space:]]+[A-Za-z_][A-Za-z0-9_]*' "$tmp/pre.c" | awk '{print $2}'
  grep -o -E '}[[:space:]]*[A-Za-z_][A-Za-z0-9_]*[[:space:]]*;' "$tmp/pre.c" | sed -E 's/[};[:space:]]//g'
  grep -o -E 'typedef[[:space:]]+struct[[:space:]]+[A-Za-z_][A-Za-z0-9_]*[[:space:]]+[A-Za-z_][A-Za-z0-9_]*' "$tmp/pre.c" | awk '{print $4}'
} | sort -u)
bad=$(printf '%s\n%s\n' "$macros" "$declared" | grep -v -E '^(MIP_.*|mip_.*|__attribute__|visibility)?$' || true)
if [ -n "$bad" ]; then
  echo "names outside mip_/MIP_ in the public header:" $bad
  exit 1
fi
echo "ok: $(echo "$declared" | wc -l) declared names and $(echo "$macros" | wc -l) macros, all mip_/MIP_"

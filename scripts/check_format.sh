#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fails when a C or C++ file of the tree is not formatted as .clang-format
# says. Fix with: clang-format -i $(git ls-files '*.c' '*.h' '*.cpp' '*.hpp')
#
# Usage: scripts/check_format.sh
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/deps.sh
source scripts/deps.sh
need_packages clang-format
mapfile -t files < <(git ls-files '*.c' '*.h' '*.cpp' '*.hpp')
[[ ${#files[@]} -gt 0 ]] || { echo "no C or C++ files found (not a git checkout?)" >&2; exit 2; }
if ! clang-format --dry-run --Werror "${files[@]}"; then
  echo "unformatted files above: run clang-format -i on them" >&2
  exit 1
fi
echo "ok: ${#files[@]} C and C++ files formatted as .clang-format says"

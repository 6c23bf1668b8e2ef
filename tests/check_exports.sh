#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Only mip_* leaves the shared library (the version node MIP_0 aside), and
# every function of the header is there.
set -euo pipefail
lib=$1
symbols=$(nm -D --defined-only "$lib" | awk '$2 != "A" {print $3}')
bad=$(echo "$symbols" | grep -v '^mip_' || true)
if [ -n "$bad" ]; then
  echo "exported symbols outside mip_*:"; echo "$bad"; exit 1
fi
count=$(echo "$symbols" | grep -c '^mip_')
[ "$count" -ge 56 ] || { echo "only $count mip_ symbols exported"; exit 1; }
soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
[ "$soname" = "libmip.so.0" ] || { echo "SONAME is $soname"; exit 1; }
echo "ok: $count symbols, all mip_*, SONAME $soname"

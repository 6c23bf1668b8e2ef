#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The one way a binding's run_tests.sh finds libmip: as a user has it,
# installed. Source it with the build directory:
#
#   source bindings/build_tree.sh BUILD_DIR
#
# installs the CMake build BUILD_DIR into a private prefix under a new
# temporary directory ($MIP_TMP, removed when the sourcing shell exits
# unless MIP_KEEP_TMP=1) and exports what every toolchain reads:
#   PKG_CONFIG_PATH  the prefix's pkgconfig directory (Go's cgo, Rust's build.rs)
#   MIP_LIB_DIR      the directory holding libmip.so.0 (Rust's build.rs)
#   LD_LIBRARY_PATH  that directory first (tests load this libmip, not a system one)
#   MIP_EMULATOR     BUILD_DIR/tools/emulator/mip-emulator
# and sources tests/support/emulator.sh (start_binding_emulators).

mip_build_tree_usage() {
  echo "usage: source bindings/build_tree.sh BUILD_DIR" >&2
  return 2
}
[[ $# -eq 1 && -d $1 ]] || mip_build_tree_usage || exit 2
MIP_BUILD_DIR=$(cd "$1" && pwd)
MIP_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export MIP_EMULATOR="$MIP_BUILD_DIR/tools/emulator/mip-emulator"
[[ -x $MIP_EMULATOR ]] || { echo "no mip-emulator in $MIP_BUILD_DIR (build with MIP_BUILD_TOOLS=ON)" >&2; exit 2; }
command -v pkg-config > /dev/null || { echo "pkg-config is not installed" >&2; exit 2; }

# shellcheck source=tests/support/emulator.sh
source "$MIP_SOURCE_DIR/tests/support/emulator.sh"
MIP_TMP=$(mktemp -d "${TMPDIR:-/tmp}/mip-binding.XXXXXX")
mip_build_tree_cleanup() {
  stop_emulators
  if [[ ${MIP_KEEP_TMP:-} == 1 ]]; then
    echo "kept $MIP_TMP"
  else
    chmod -R u+w "$MIP_TMP" 2> /dev/null || true  # Go's module cache is read-only
    rm -rf "$MIP_TMP"
  fi
}
trap mip_build_tree_cleanup EXIT

cmake --install "$MIP_BUILD_DIR" --prefix "$MIP_TMP/prefix" > "$MIP_TMP/install.log"
mip_pc=$(find "$MIP_TMP/prefix" -name mip.pc -path '*pkgconfig*' -print -quit)
[[ -n $mip_pc ]] || { echo "the install has no mip.pc" >&2; exit 1; }
export PKG_CONFIG_PATH="$(dirname "$mip_pc")${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
MIP_LIB_DIR=$(cd "$(pkg-config --variable=libdir mip)" && pwd)
export MIP_LIB_DIR
export LD_LIBRARY_PATH="$MIP_LIB_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
echo "libmip $(pkg-config --modversion mip) from $MIP_LIB_DIR"

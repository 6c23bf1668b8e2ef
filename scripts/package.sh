#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Makes everything mip ships, into OUTDIR, from a fresh Release build
# (prefix /usr, without the tests and benchmarks) in OUTDIR/build:
#
#   libmip0_V_ARCH.deb     the shared library            (cpack, component runtime)
#   libmip-dev_V_ARCH.deb  header, static library, .pc, CMake package (component dev)
#   mip-tools_V_ARCH.deb   mip and mip-emulator          (component tools)
#   Mip.V.nupkg            the C# binding                (bindings/csharp/pack.sh OUTDIR BUILD_DIR)
#   mip-V.crate            the Rust binding              (cargo package --offline)
#
# where V is the library's version (include/mip.h). Any piece that cannot be
# made fails the script, except (for now) the .nupkg when
# bindings/csharp/pack.sh does not exist yet: that is said and skipped.
#
#   scripts/package.sh [--debs-only] OUTDIR
#
# --debs-only makes only the three .debs. MIP_PACKAGE_BUILD_DIR puts the
# build elsewhere; MIP_PACKAGE_JOBS sets the build's parallelism (nproc).
# Installs what is missing like the other scripts (scripts/deps.sh).
set -euo pipefail
usage() { echo "usage: scripts/package.sh [--debs-only] OUTDIR" >&2; exit 2; }
debs_only=0
if [[ ${1:-} == --debs-only ]]; then
  debs_only=1
  shift
fi
[[ $# -eq 1 && -n $1 && $1 != -* ]] || usage
src=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
build=${MIP_PACKAGE_BUILD_DIR:-$out/build}
jobs=${MIP_PACKAGE_JOBS:-$(nproc)}
fail() { echo "package.sh: $*" >&2; exit 1; }

# shellcheck source=scripts/deps.sh
source "$src/scripts/deps.sh"
# cpack's DEB generator runs dpkg-shlibdeps (dpkg-dev) and file.
need_packages "${MIP_BUILD_PACKAGES[@]}" dpkg-dev file

# --- the build: fresh, Release, prefix /usr (the multiarch libdir) --------------
[[ -n $build && $build != / && $build != "$src" && $build != "$out" ]] || fail "refusing build directory '$build'"
rm -rf "$build"
mkdir -p "$build"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DMIP_BUILD_TOOLS=ON -DMIP_BUILD_TESTS=OFF -DMIP_BUILD_BENCH=OFF > "$build/configure.log" 2>&1 ||
  { cat "$build/configure.log" >&2; fail "configure failed"; }
cmake --build "$build" -j"$jobs" > "$build/build.log" 2>&1 ||
  { tail -50 "$build/build.log" >&2; fail "build failed (whole log: $build/build.log)"; }
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "no version in $build/CMakeCache.txt"
major=${version%%.*}

# --- the .debs ------------------------------------------------------------------------
arch=$(dpkg --print-architecture)
(cd "$build" && cpack -G DEB -B "$build/cpack" > "$build/cpack.log" 2>&1) ||
  { cat "$build/cpack.log" >&2; fail "cpack failed"; }
made=()
for pkg in "libmip$major" libmip-dev mip-tools; do
  deb="${pkg}_${version}_$arch.deb"
  [[ -f $build/cpack/$deb ]] || { cat "$build/cpack.log" >&2; fail "cpack made no $deb"; }
  cp "$build/cpack/$deb" "$out/"
  made+=("$deb")
done
if [[ $debs_only == 1 ]]; then
  echo "made in $out: ${made[*]}"
  exit 0
fi

# --- the C# package -------------------------------------------------------------------
command -v dotnet > /dev/null || fail "dotnet is not on PATH: cannot make Mip.$version.nupkg (the .NET SDK)"
bash "$src/bindings/csharp/pack.sh" "$out" "$build" || fail "bindings/csharp/pack.sh failed"
[[ -f $out/Mip.$version.nupkg ]] || fail "bindings/csharp/pack.sh made no Mip.$version.nupkg in $out"
made+=("Mip.$version.nupkg")

# --- the Rust crate -------------------------------------------------------------------
command -v cargo > /dev/null || fail "cargo is not on PATH: cannot make mip-$version.crate (scripts/test.sh installs it)"
# cargo verifies the crate by building it: against this build's libmip. Its
# target directory is in the build, so the source tree stays clean.
(cd "$src/bindings/rust" && CARGO_TARGET_DIR="$build/cargo" MIP_LIB_DIR="$build" \
  cargo package --offline > "$build/cargo-package.log" 2>&1) ||
  { cat "$build/cargo-package.log" >&2; fail "cargo package --offline failed in bindings/rust"; }
crate="$build/cargo/package/mip-$version.crate"
[[ -f $crate ]] || fail "cargo package made no mip-$version.crate (is bindings/rust/Cargo.toml at version $version?)"
cp "$crate" "$out/"
made+=("mip-$version.crate")

echo "made in $out: ${made[*]}"

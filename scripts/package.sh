#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Makes what mip ships, into OUTDIR. Each kind is made alone, with only its
# own toolchain:
#
#   --debs OUTDIR    libmip0_V-1_ARCH.deb, libmip-dev_V-1_ARCH.deb,
#                    mip-tools_V-1_ARCH.deb, mip-emulator_V-1_ARCH.deb
#                    (cpack -G DEB from a fresh Release build, prefix /usr,
#                    dpkg-buildflags' hardening flags; needs dpkg-dev, file
#                    and help2man, which writes the man pages)
#   --nupkg OUTDIR   Mip.V.nupkg: builds the library (no tools), then
#                    bindings/csharp/pack.sh OUTDIR BUILD_DIR (needs dotnet)
#   --crate OUTDIR   mip-V.crate: cargo package --offline in bindings/rust
#                    (needs only cargo; its build script falls back to -lmip)
#   --all OUTDIR, or OUTDIR alone: all three, from one build.
#
# V is the library's version (include/mip.h). Anything that cannot be made
# fails the script. Each step's wall time is printed ("time: STEP Ns").
# MIP_PACKAGE_BUILD_DIR puts the build elsewhere than OUTDIR/build;
# MIP_PACKAGE_JOBS sets the build's parallelism (nproc). Installs what is
# missing like the other scripts (scripts/deps.sh).
set -euo pipefail
usage() { echo "usage: scripts/package.sh [--debs|--nupkg|--crate|--all] OUTDIR" >&2; exit 2; }
what=all
case ${1:-} in
  --debs | --nupkg | --crate | --all) what=${1#--}; shift ;;
esac
[[ $# -eq 1 && -n $1 && $1 != -* ]] || usage
src=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
build=${MIP_PACKAGE_BUILD_DIR:-$out/build}
jobs=${MIP_PACKAGE_JOBS:-$(nproc)}
fail() { echo "package.sh: $*" >&2; exit 1; }
want() { [[ $what == all || $what == "$1" ]]; }
# step NAME COMMAND...: runs COMMAND and prints how long it took.
step() {
  local name=$1 start=$SECONDS
  shift
  "$@"
  echo "time: $name $((SECONDS - start))s"
}
made=()
version_part() { sed -n "s/^#define MIP_VERSION_$1 \([0-9]*\).*/\1/p" "$src/include/mip.h"; }
version="$(version_part MAJOR).$(version_part MINOR).$(version_part PATCH)"
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "no version in include/mip.h"
major=${version%%.*}

# shellcheck source=scripts/deps.sh
source "$src/scripts/deps.sh"

# --- the build: fresh, Release, prefix /usr (the multiarch libdir) --------------
build_library() { # TOOLS(ON|OFF) TARGET...
  local tools=$1
  shift
  [[ -n $build && $build != / && $build != "$src" && $build != "$out" ]] || fail "refusing build directory '$build'"
  rm -rf "$build"
  mkdir -p "$build"
  # Debian's hardening flags (dpkg-dev's dpkg-buildflags); CMake reads
  # CFLAGS, CXXFLAGS and LDFLAGS at the first configure, not CPPFLAGS.
  # hardening=+all: also bindnow (-Wl,-z,now).
  local cppflags
  export DEB_BUILD_MAINT_OPTIONS=hardening=+all
  cppflags=$(dpkg-buildflags --get CPPFLAGS)
  (cd "$src" &&
    CFLAGS="$(dpkg-buildflags --get CFLAGS) $cppflags" \
    CXXFLAGS="$(dpkg-buildflags --get CXXFLAGS) $cppflags" \
    LDFLAGS="$(dpkg-buildflags --get LDFLAGS)" \
    cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
      -DMIP_BUILD_TOOLS="$tools" -DMIP_REQUIRE_MAN_PAGES="$tools" -DMIP_BUILD_TESTS=OFF -DMIP_BUILD_BENCH=OFF) \
    > "$build/configure.log" 2>&1 ||
    { cat "$build/configure.log" >&2; fail "configure failed"; }
  local targets=()
  local t
  for t in "$@"; do targets+=(--target "$t"); done
  cmake --build "$build" -j"$jobs" "${targets[@]}" > "$build/build.log" 2>&1 ||
    { tail -50 "$build/build.log" >&2; fail "build failed (whole log: $build/build.log)"; }
  [[ $(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt") == "$version" ]] ||
    fail "the build's version is not $version"
}

# repack DEB MULTIARCH(0|1) DROP_LDCONFIG(0|1): what CPack cannot say.
repack() {
  local deb=$1 dir="$build/repack/${1##*/}"
  rm -rf "$dir"
  mkdir -p "${dir%/*}"
  dpkg-deb -R "$deb" "$dir"
  if [[ $2 == 1 ]]; then
    sed -i '/^Architecture:/a Multi-Arch: same' "$dir/DEBIAN/control"
  fi
  if [[ $3 == 1 ]]; then
    rm -f "$dir/DEBIAN/postinst" "$dir/DEBIAN/postrm"
  fi
  # Same time stamps for every build of the same source.
  SOURCE_DATE_EPOCH=$(git -C "$src" log -1 --format=%ct 2> /dev/null || echo 0) \
    dpkg-deb --root-owner-group -Zxz -b "$dir" "$deb" > /dev/null
}

make_debs() {
  local arch deb pkg
  arch=$(dpkg --print-architecture)
  (cd "$build" && cpack -G DEB -B "$build/cpack" > "$build/cpack.log" 2>&1) ||
    { cat "$build/cpack.log" >&2; fail "cpack failed"; }
  for pkg in "libmip$major" libmip-dev mip-tools mip-emulator; do
    deb="${pkg}_${version}-1_$arch.deb"
    [[ -f $build/cpack/$deb ]] || { cat "$build/cpack.log" >&2; fail "cpack made no $deb"; }
    case $pkg in
      "libmip$major") repack "$build/cpack/$deb" 1 1 ;;
      libmip-dev) repack "$build/cpack/$deb" 1 0 ;;
    esac
    cp "$build/cpack/$deb" "$out/"
    made+=("$deb")
  done
}

make_nupkg() {
  bash "$src/bindings/csharp/pack.sh" "$out" "$build" || fail "bindings/csharp/pack.sh failed"
  [[ -f $out/Mip.$version.nupkg ]] || fail "bindings/csharp/pack.sh made no Mip.$version.nupkg in $out"
  made+=("Mip.$version.nupkg")
}

make_crate() {
  # cargo verifies the crate by building it (an rlib: libmip is not linked).
  # Its target directory is under OUTDIR, so the source tree stays clean.
  local target="$out/cargo-target"
  [[ $what == all ]] && target="$build/cargo"
  (cd "$src/bindings/rust" && CARGO_TARGET_DIR="$target" cargo package --offline > "$out/cargo-package.log" 2>&1) ||
    { cat "$out/cargo-package.log" >&2; fail "cargo package --offline failed in bindings/rust"; }
  local crate="$target/package/mip-$version.crate"
  [[ -f $crate ]] || fail "cargo package made no mip-$version.crate (is bindings/rust/Cargo.toml at version $version?)"
  cp "$crate" "$out/"
  made+=("mip-$version.crate")
}

if want debs || want nupkg; then
  packages=("${MIP_BUILD_PACKAGES[@]}" dpkg-dev)
  want debs && packages+=("${MIP_DEB_PACKAGES[@]}")
  need_packages "${packages[@]}"
fi
want nupkg && { command -v dotnet > /dev/null || fail "dotnet is not on PATH: cannot make Mip.$version.nupkg (the .NET SDK)"; }
want crate && { command -v cargo > /dev/null || fail "cargo is not on PATH: cannot make mip-$version.crate (scripts/test.sh installs it)"; }

if want debs; then
  step "build (library and tools)" build_library ON mip mip_static mip-cli mip-emulator mip-completions mip-man \
    mip-emulator-man
  step "debs (cpack -G DEB)" make_debs
elif want nupkg; then
  step "build (library)" build_library OFF mip
fi
if want nupkg; then step "nupkg (bindings/csharp/pack.sh)" make_nupkg; fi
if want crate; then step "crate (cargo package)" make_crate; fi

echo "made in $out: ${made[*]}"

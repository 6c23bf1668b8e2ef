#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Debian packages, checked without installing anything system-wide:
# scripts/package.sh --debs-only makes libmip0, libmip-dev and mip-tools from
# a fresh Release build in WORK_DIR; then each one's control fields
# (Depends from dpkg-shlibdeps plus the exact libmip0 version) and its file
# list (exactly what it should hold, nothing else: no test or benchmark
# binaries) are checked; then the three are unpacked with `dpkg-deb -x` into
# one root, where a C program is built through `pkg-config mip` and through
# find_package(mip), and runs against the mip-emulator and `mip` of that root.
# Last, everything the full build BUILD_DIR installs (tests and benchmarks
# included) must be in exactly these packages.
#
#   tests/package/check_debs.sh SOURCE_DIR BUILD_DIR WORK_DIR
#
# MIP_CHECK_DEBS_FROM=DIR checks the .debs in DIR instead of making them.
set -euo pipefail
[[ $# -eq 3 ]] || { echo "usage: check_debs.sh SOURCE_DIR BUILD_DIR WORK_DIR" >&2; exit 2; }
src=$(cd "$1" && pwd)
full_build=$(cd "$2" && pwd)
work=$3
fail() { echo "package_debs: $*" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
work=$(cd "$work" && pwd)

version_part() { sed -n "s/^#define MIP_VERSION_$1 \([0-9]*\).*/\1/p" "$src/include/mip.h"; }
major=$(version_part MAJOR)
version="$major.$(version_part MINOR).$(version_part PATCH)"
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "no version in include/mip.h"

# --- make them (or, with MIP_CHECK_DEBS_FROM=DIR, check the .debs already in DIR) ----------
if [[ -n ${MIP_CHECK_DEBS_FROM:-} ]]; then
  mkdir -p "$work/debs"
  cp "$MIP_CHECK_DEBS_FROM"/*.deb "$work/debs/"
else
  MIP_PACKAGE_BUILD_DIR="$work/build" MIP_PACKAGE_JOBS=${MIP_PACKAGE_JOBS:-2} \
    bash "$src/scripts/package.sh" --debs-only "$work/debs" > "$work/package.log" 2>&1 ||
    { cat "$work/package.log"; fail "scripts/package.sh --debs-only failed"; }
fi
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
lib="usr/lib/$multiarch"
runtime_deb="$work/debs/libmip${major}_${version}_$arch.deb"
dev_deb="$work/debs/libmip-dev_${version}_$arch.deb"
tools_deb="$work/debs/mip-tools_${version}_$arch.deb"
for deb in "$runtime_deb" "$dev_deb" "$tools_deb"; do
  [[ -f $deb ]] || fail "no ${deb##*/}"
done
extra=$(find "$work/debs" -mindepth 1 -maxdepth 1 -name '*.deb' \
  ! -name "${runtime_deb##*/}" ! -name "${dev_deb##*/}" ! -name "${tools_deb##*/}")
[[ -z $extra ]] || fail "unexpected packages: $extra"

# --- control fields -------------------------------------------------------------------
field() { dpkg-deb -f "$1" "$2"; }
# has_dep DEPENDS NAME [VERSION-CONSTRAINT]: NAME is one of DEPENDS's entries.
has_dep() {
  local entry
  IFS=, read -ra entries <<< "$1"
  for entry in "${entries[@]}"; do
    entry=${entry# }
    if [[ $# -eq 3 ]]; then
      [[ $entry == "$2 ($3)" ]] && return 0
    else
      [[ $entry == "$2" || $entry == "$2 ("* ]] && return 0
    fi
  done
  return 1
}
check_control() { # DEB PACKAGE SECTION
  local deb=$1
  [[ $(field "$deb" Package) == "$2" ]] || fail "${deb##*/}: Package is '$(field "$deb" Package)', not $2"
  [[ $(field "$deb" Version) == "$version" ]] || fail "$2: Version is '$(field "$deb" Version)', not $version"
  [[ $(field "$deb" Architecture) == "$arch" ]] || fail "$2: Architecture is not $arch"
  [[ $(field "$deb" Section) == "$3" ]] || fail "$2: Section is '$(field "$deb" Section)', not $3"
  [[ $(field "$deb" Maintainer) == "mip developers" ]] || fail "$2: Maintainer is '$(field "$deb" Maintainer)'"
  local description
  description=$(field "$deb" Description)
  [[ ${description%%$'\n'*} == *[a-z]* && ${#description} -gt 80 ]] || fail "$2: no real Description"
  [[ -z $(field "$deb" Homepage) ]] || fail "$2: a Homepage was invented"
  if has_dep "$(field "$deb" Depends)" "$2"; then fail "$2 depends on itself"; fi
}
check_control "$runtime_deb" "libmip$major" libs
check_control "$dev_deb" libmip-dev libdevel
check_control "$tools_deb" mip-tools utils

runtime_depends=$(field "$runtime_deb" Depends)
has_dep "$runtime_depends" libcurl4 || fail "libmip$major does not depend on libcurl4: $runtime_depends"
has_dep "$runtime_depends" libc6 || fail "libmip$major does not depend on libc6 (dpkg-shlibdeps?): $runtime_depends"
if has_dep "$runtime_depends" "libmip$major"; then fail "libmip$major depends on itself"; fi
dev_depends=$(field "$dev_deb" Depends)
has_dep "$dev_depends" "libmip$major" "= $version" || fail "libmip-dev does not depend on libmip$major (= $version): $dev_depends"
tools_depends=$(field "$tools_deb" Depends)
dpkg-deb -e "$runtime_deb" "$work/control-runtime"
[[ $(cat "$work/control-runtime/shlibs") == "libmip $major libmip$major (>= $version)" ]] ||
  fail "libmip$major's shlibs file: $(cat "$work/control-runtime/shlibs")"

# --- file lists: exactly these, and only the directories that hold them ---------------
check_files() { # DEB EXPECTED...
  local deb=$1
  shift
  local listing expected got
  listing=$(dpkg-deb -c "$deb")
  # mode owner size date time path [-> target]
  got=$(awk '$1 !~ /^d/ { sub(/^\.\//, "", $6); print $6 ($7 == "->" ? " -> " $8 : "") }' <<< "$listing" | sort)
  expected=$(printf '%s\n' "$@" | sort)
  [[ $got == "$expected" ]] || fail "${deb##*/} holds
$got
instead of
$expected"
  local dir
  while read -r dir; do
    [[ $'\n'$got == *$'\n'"$dir"* ]] || fail "${deb##*/}: an empty directory $dir"
  done < <(awk '$1 ~ /^d/ { sub(/^\.\//, "", $6); if ($6 != "") print $6 }' <<< "$listing")
}
check_files "$runtime_deb" "$lib/libmip.so.$major -> libmip.so.$version" "$lib/libmip.so.$version"
check_files "$dev_deb" usr/include/mip.h "$lib/libmip.a" "$lib/libmip.so -> libmip.so.$major" \
  "$lib/pkgconfig/mip.pc" "$lib/cmake/mip/mipConfig.cmake" "$lib/cmake/mip/mipConfigVersion.cmake" \
  "$lib/cmake/mip/mipTargets.cmake" "$lib/cmake/mip/mipTargets-release.cmake"
check_files "$tools_deb" usr/bin/mip usr/bin/mip-emulator

# --- unpacked into one root -----------------------------------------------------------
root="$work/root"
for deb in "$runtime_deb" "$dev_deb" "$tools_deb"; do
  dpkg-deb -x "$deb" "$root"
done
# The packaged (stripped) library still exports every mip_* and only those.
bash "$src/tests/check_exports.sh" "$root/$lib/libmip.so.$major" > "$work/exports.txt" 2>&1 ||
  { cat "$work/exports.txt"; fail "the packaged libmip's exports"; }
# A tool that links libmip must bring libmip0 at exactly this version.
for tool in "$root/usr/bin/mip" "$root/usr/bin/mip-emulator"; do
  if grep -qF "libmip.so.$major" <<< "$(readelf -d "$tool")"; then
    has_dep "$tools_depends" "libmip$major" "= $version" ||
      fail "${tool##*/} links libmip but mip-tools does not depend on libmip$major (= $version): $tools_depends"
  fi
done
has_dep "$tools_depends" libmip$major "= $version" || fail "mip-tools does not depend on libmip$major (= $version)"

# pkg-config: mip.pc finds its prefix from where it lies, so PKG_CONFIG_PATH
# alone points it at the root.
export PKG_CONFIG_PATH="$root/$lib/pkgconfig"
flags=$(pkg-config --cflags --libs mip)
include_found=0
lib_found=0
for flag in $flags; do
  case $flag in
    -I*) [[ $(realpath -m "${flag#-I}") == "$root/usr/include" ]] && include_found=1 ;;
    -L*) [[ $(realpath -m "${flag#-L}") == "$root/$lib" ]] && lib_found=1 ;;
  esac
done
[[ $include_found == 1 && $lib_found == 1 ]] || fail "pkg-config mip does not point into the unpacked root: $flags"
[[ $(pkg-config --modversion mip) == "$version" ]] || fail "pkg-config mip --modversion is not $version"
for program in tests/install/consumer.c examples/poll_job.c; do
  name=${program##*/}
  # shellcheck disable=SC2086
  cc -std=c99 -Wall -Wextra -pedantic -Werror "$src/$program" -o "$work/${name%.c}" $flags \
    -Wl,-rpath,"$root/$lib"
  grep -qF "$root/$lib/libmip.so.$major" <<< "$(ldd "$work/${name%.c}")" ||
    fail "${name%.c} is not linked to the unpacked libmip"
done
"$work/consumer" > "$work/consumer.txt" || fail "consumer (pkg-config) failed"

# find_package(mip), shared and static.
cmake -S "$src/tests/install/cmake_consumer" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$root/usr" \
  > "$work/cmake.log" 2>&1 || { cat "$work/cmake.log"; fail "find_package(mip) in the unpacked root failed"; }
grep -qF "$root/$lib/cmake/mip" <<< "$(grep '^mip_DIR' "$work/cmake/CMakeCache.txt")" ||
  fail "find_package(mip) did not find the unpacked package"
cmake --build "$work/cmake" > "$work/cmake-build.log" 2>&1 || { cat "$work/cmake-build.log"; fail "cmake consumer build failed"; }
"$work/cmake/consumer" > /dev/null || fail "consumer (find_package, shared) failed"
"$work/cmake/consumer_static" > /dev/null || fail "consumer (find_package, static) failed"

# The unpacked mip-emulator (it does not link libmip) on 127.0.0.1, its port
# on its first line, read through a FIFO with a time limit.
if grep -qF libmip <<< "$(readelf -d "$root/usr/bin/mip-emulator")"; then
  fail "mip-emulator links libmip: give it LD_LIBRARY_PATH here"
fi
mkfifo "$work/emulator.out"
"$root/usr/bin/mip-emulator" --port 0 --speed 1000 --scenario "$src/tests/emulator/scenario.json" \
  > "$work/emulator.out" &
emulator_pid=$!
trap 'kill $emulator_pid 2>/dev/null || true; wait $emulator_pid 2>/dev/null || true' EXIT
exec 3< "$work/emulator.out"
port=
read -r -t 10 port <&3 || true
[[ $port =~ ^[0-9]+$ ]] || fail "the unpacked mip-emulator printed no port"

status=0
MIP_TOKEN=k timeout 60 "$work/poll_job" "http://127.0.0.1:$port" 448761313698322999 > "$work/poll.txt" || status=$?
[[ $status -eq 0 ]] || { cat "$work/poll.txt"; fail "poll_job exited $status, expected 0 (completed)"; }
grep -q '^Completed   100%' "$work/poll.txt" || { cat "$work/poll.txt"; fail "poll_job: no final Completed line"; }

# The unpacked `mip` has no rpath: it finds the unpacked libmip through
# LD_LIBRARY_PATH, as it would find /usr/lib's once installed.
mip=("env" "LD_LIBRARY_PATH=$root/$lib" "$root/usr/bin/mip")
grep -qF "$root/$lib/libmip.so.$major" <<< "$(LD_LIBRARY_PATH="$root/$lib" ldd "$root/usr/bin/mip")" ||
  fail "the unpacked mip does not load the unpacked libmip"
grep -qF "mip $version" <<< "$("${mip[@]}" version)" || fail "mip version does not say $version"
status=0
timeout 60 "${mip[@]}" get 448761313698322999 --endpoint "http://127.0.0.1:$port" > "$work/get.txt" || status=$?
[[ $status -eq 0 ]] || { cat "$work/get.txt"; fail "mip get exited $status"; }
grep -Eq '^Job +448761313698322999$' "$work/get.txt" || { cat "$work/get.txt"; fail "mip get: no job line"; }

# --- nothing the full build installs is left out, nothing else is in ---------------------
# (Its prefix and libdir may differ: compare paths relative to them.)
full_libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$full_build/CMakeCache.txt")
[[ -n $full_libdir ]] || fail "no CMAKE_INSTALL_LIBDIR in $full_build/CMakeCache.txt"
cmake --install "$full_build" --prefix "$work/full" > "$work/full-install.log" 2>&1 ||
  { cat "$work/full-install.log"; fail "cmake --install $full_build failed"; }
normalize() { # ROOT LIBDIR
  (cd "$1" && find . ! -type d) | sed -e 's|^\./||' -e "s|^$2/|LIBDIR/|" \
    -e 's|/mipTargets-[a-z]*\.cmake$|/mipTargets-CONFIG.cmake|' | sort
}
from_full=$(normalize "$work/full" "$full_libdir")
from_debs=$(normalize "$root/usr" "lib/$multiarch")
[[ $from_full == "$from_debs" ]] || fail "the full build installs
$from_full
but the packages hold
$from_debs"

echo "ok: libmip$major, libmip-dev and mip-tools $version hold what they should; Depends:"
echo "  libmip$major: $runtime_depends"
echo "  libmip-dev: $dev_depends"
echo "  mip-tools: $tools_depends"

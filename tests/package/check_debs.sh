#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The Debian packages, checked without installing anything system-wide:
# scripts/package.sh --debs makes libmip0, libmip-dev, mip-tools and mip-emulator from
# a fresh Release build in WORK_DIR; then each one's control fields
# (Depends from dpkg-shlibdeps plus the exact libmip0 version) and its file
# list (exactly what it should hold, nothing else: no test or benchmark
# binaries) are checked; then the three are unpacked with `dpkg-deb -x` into
# one root, where a C program is built through `pkg-config mip` and through
# find_package(mip), and runs against the mip-emulator and `mip` of that root;
# the man pages render, and the shell completions are what that `mip` makes.
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
command -v lintian > /dev/null || fail "no lintian (scripts/test.sh installs it)"
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
    bash "$src/scripts/package.sh" --debs "$work/debs" > "$work/package.log" 2>&1 ||
    { cat "$work/package.log"; fail "scripts/package.sh --debs failed"; }
  cat "$work/package.log"
fi
arch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
lib="usr/lib/$multiarch"
debversion="$version-1"
runtime_deb="$work/debs/libmip${major}_${debversion}_$arch.deb"
dev_deb="$work/debs/libmip-dev_${debversion}_$arch.deb"
tools_deb="$work/debs/mip-tools_${debversion}_$arch.deb"
emulator_deb="$work/debs/mip-emulator_${debversion}_$arch.deb"
all_debs=("$runtime_deb" "$dev_deb" "$tools_deb" "$emulator_deb")
for deb in "${all_debs[@]}"; do
  [[ -f $deb ]] || fail "no ${deb##*/}"
done
extra=$(find "$work/debs" -mindepth 1 -maxdepth 1 -name '*.deb' \
  ! -name "${runtime_deb##*/}" ! -name "${dev_deb##*/}" ! -name "${tools_deb##*/}" ! -name "${emulator_deb##*/}")
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
  [[ $(field "$deb" Version) == "$debversion" ]] || fail "$2: Version is '$(field "$deb" Version)', not $debversion"
  [[ $(field "$deb" Architecture) == "$arch" ]] || fail "$2: Architecture is not $arch"
  [[ $(field "$deb" Section) == "$3" ]] || fail "$2: Section is '$(field "$deb" Section)', not $3"
  [[ $(field "$deb" Maintainer) == "mip developers <mip-developers@lists.mip-project.org>" ]] ||
    fail "$2: Maintainer is '$(field "$deb" Maintainer)'"
  local description
  description=$(field "$deb" Description)
  [[ ${description%%$'\n'*} == *[a-z]* && ${#description} -gt 80 ]] || fail "$2: no real Description"
  [[ $(field "$deb" Homepage) == https://github.com/mip-project/mip ]] || fail "$2: Homepage is '$(field "$deb" Homepage)'"
  if has_dep "$(field "$deb" Depends)" "$2"; then fail "$2 depends on itself"; fi
}
check_control "$runtime_deb" "libmip$major" libs
check_control "$dev_deb" libmip-dev libdevel
check_control "$tools_deb" mip-tools utils
check_control "$emulator_deb" mip-emulator devel
for deb in "$runtime_deb" "$dev_deb"; do
  [[ $(field "$deb" Multi-Arch) == same ]] || fail "${deb##*/}: Multi-Arch is '$(field "$deb" Multi-Arch)', not same"
done

runtime_depends=$(field "$runtime_deb" Depends)
has_dep "$runtime_depends" libcurl4 || fail "libmip$major does not depend on libcurl4: $runtime_depends"
has_dep "$runtime_depends" libc6 || fail "libmip$major does not depend on libc6 (dpkg-shlibdeps?): $runtime_depends"
if has_dep "$runtime_depends" "libmip$major"; then fail "libmip$major depends on itself"; fi
dev_depends=$(field "$dev_deb" Depends)
has_dep "$dev_depends" "libmip$major" "= $debversion" || fail "libmip-dev does not depend on libmip$major (= $version): $dev_depends"
tools_depends=$(field "$tools_deb" Depends)
dpkg-deb -e "$runtime_deb" "$work/control-runtime"
[[ $(cat "$work/control-runtime/shlibs") == "libmip $major libmip$major (>= $debversion)" ]] ||
  fail "libmip$major's shlibs file: $(cat "$work/control-runtime/shlibs")"
# ldconfig through the trigger, no maintainer scripts.
[[ $(cat "$work/control-runtime/triggers") == "activate-noawait ldconfig" ]] ||
  fail "libmip$major's triggers file: $(cat "$work/control-runtime/triggers" 2>&1)"
for script in preinst postinst prerm postrm; do
  [[ ! -e $work/control-runtime/$script ]] || fail "libmip$major has a $script"
done
# mip-tools needs neither the emulator nor cpp-httplib.
for dep in mip-emulator '*httplib*'; do
  IFS=, read -ra entries <<< "$tools_depends"
  for entry in "${entries[@]}"; do
    # shellcheck disable=SC2053
    [[ ${entry# } != $dep* ]] || fail "mip-tools depends on ${entry# }"
  done
done

# --- lintian --pedantic: no error, no warning -------------------------------------------
for deb in "${all_debs[@]}"; do
  report=$(lintian --pedantic --display-info "$deb" 2>&1) || true
  echo "lintian --pedantic --display-info ${deb##*/}:"
  echo "${report:-  (nothing)}"
  if grep -Eq '^[EW]: ' <<< "$report"; then fail "lintian: errors or warnings on ${deb##*/}"; fi
done

# --- copyright and changelog in each ----------------------------------------------------
for deb in "${all_debs[@]}"; do
  pkg=$(field "$deb" Package)
  dpkg-deb -x "$deb" "$work/doc-$pkg"
  doc="$work/doc-$pkg/usr/share/doc/$pkg"
  grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' "$doc/copyright" ||
    fail "$pkg: no DEP-5 copyright"
  grep -qx 'License: Apache-2.0' "$doc/copyright" || fail "$pkg: copyright names no Apache-2.0"
  grep -qF /usr/share/common-licenses/Apache-2.0 "$doc/copyright" || fail "$pkg: copyright does not point to common-licenses"
  [[ $(gzip -dc "$doc/changelog.Debian.gz" | sed -n 1p) == "mip ($debversion) "* ]] || fail "$pkg: changelog.Debian.gz is not for $debversion"
  # gzip -n: no name or time stamp in the header (bytes 4-9: flags and mtime).
  [[ $(od -An -tx1 -j3 -N5 "$doc/changelog.Debian.gz" | tr -d ' \n') == 0000000000 ]] ||
    fail "$pkg: changelog.Debian.gz has a name or time stamp (not gzip -n)"
done

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
docs() { echo "usr/share/doc/$1/copyright" "usr/share/doc/$1/changelog.Debian.gz" "usr/share/lintian/overrides/$1"; }
# shellcheck disable=SC2046
check_files "$runtime_deb" "$lib/libmip.so.$major -> libmip.so.$version" "$lib/libmip.so.$version" $(docs "libmip$major")
# shellcheck disable=SC2046
check_files "$dev_deb" $(docs libmip-dev) usr/include/mip.h "$lib/libmip.a" "$lib/libmip.so -> libmip.so.$major" \
  "$lib/pkgconfig/mip.pc" "$lib/cmake/mip/mipConfig.cmake" "$lib/cmake/mip/mipConfigVersion.cmake" \
  "$lib/cmake/mip/mipTargets.cmake" "$lib/cmake/mip/mipTargets-release.cmake"
# shellcheck disable=SC2046
check_files "$tools_deb" usr/bin/mip $(docs mip-tools) usr/share/man/man1/mip.1.gz \
  usr/share/bash-completion/completions/mip usr/share/zsh/vendor-completions/_mip
# shellcheck disable=SC2046
check_files "$emulator_deb" usr/bin/mip-emulator $(docs mip-emulator) usr/share/man/man1/mip-emulator.1.gz

# --- unpacked into one root -----------------------------------------------------------
root="$work/root"
for deb in "${all_debs[@]}"; do
  dpkg-deb -x "$deb" "$root"
done
# The symbols file lists exactly the exported mip_* symbols, since $version.
dpkg-deb -e "$runtime_deb" "$work/control-symbols"
symbols=$(sed -n 's/^ \(mip_[A-Za-z0-9_]*\)@MIP_0 '"$version"'$/\1/p' "$work/control-symbols/symbols" | sort)
exported=$(nm -D --defined-only "$root/$lib/libmip.so.$version" | awk '$3 ~ /^mip_/ { sub(/@.*/, "", $3); print $3 }' | sort -u)
[[ -n $symbols && $symbols == "$exported" ]] || fail "the symbols file lists
$symbols
but libmip exports
$exported"
[[ $(sed -n 1p "$work/control-symbols/symbols") == "libmip.so.$major libmip$major #MINVER#" ]] ||
  fail "symbols file header: $(sed -n 1p "$work/control-symbols/symbols")"
# The packaged (stripped) library still exports every mip_* and only those.
bash "$src/tests/check_exports.sh" "$root/$lib/libmip.so.$major" > "$work/exports.txt" 2>&1 ||
  { cat "$work/exports.txt"; fail "the packaged libmip's exports"; }
# A tool that links libmip must bring libmip0 at exactly this version.
for tool in "$root/usr/bin/mip" "$root/usr/bin/mip-emulator"; do
  if grep -qF "libmip.so.$major" <<< "$(readelf -d "$tool")"; then
    has_dep "$tools_depends" "libmip$major" "= $debversion" ||
      fail "${tool##*/} links libmip but mip-tools does not depend on libmip$major (= $debversion): $tools_depends"
  fi
done
has_dep "$tools_depends" libmip$major "= $debversion" || fail "mip-tools does not depend on libmip$major (= $debversion)"

# mip.pc says prefix=/usr (pkg-config then drops the system paths);
# --define-variable=prefix points it at the root. C users get no simdjson flags.
grep -qx 'prefix=/usr' "$root/$lib/pkgconfig/mip.pc" || fail "mip.pc does not say prefix=/usr"
export PKG_CONFIG_PATH="$root/$lib/pkgconfig"
if grep -qi simdjson <<< "$(pkg-config --define-variable=prefix="$root/usr" --cflags mip)"; then
  fail "pkg-config --cflags mip carries simdjson's flags: $(pkg-config --define-variable=prefix="$root/usr" --cflags mip)"
fi
grep -qw -- -lsimdjson <<< "$(pkg-config --define-variable=prefix="$root/usr" --libs --static mip)" ||
  fail "pkg-config --libs --static mip does not link simdjson: $(pkg-config --define-variable=prefix="$root/usr" --libs --static mip)"
flags=$(pkg-config --define-variable=prefix="$root/usr" --cflags --libs mip)
include_found=0
lib_found=0
for flag in $flags; do
  case $flag in
    -I*) [[ $(realpath -m "${flag#-I}") == "$root/usr/include" ]] && include_found=1 ;;
    -L*) [[ $(realpath -m "${flag#-L}") == "$root/$lib" ]] && lib_found=1 ;;
  esac
done
[[ $include_found == 1 && $lib_found == 1 ]] || fail "pkg-config mip does not point into the unpacked root: $flags"
[[ $(pkg-config --define-variable=prefix="$root/usr" --modversion mip) == "$version" ]] || fail "pkg-config mip --modversion is not $version"
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
# mip::mip_static from a C-only project.
cmake -S "$src/tests/install/c_consumer" -B "$work/c-cmake" -DCMAKE_PREFIX_PATH="$root/usr" \
  > "$work/c-cmake.log" 2>&1 || { cat "$work/c-cmake.log"; fail "C-only find_package(mip) failed"; }
cmake --build "$work/c-cmake" > "$work/c-cmake-build.log" 2>&1 || { cat "$work/c-cmake-build.log"; fail "C-only static consumer build failed"; }
"$work/c-cmake/consumer_static" > /dev/null || fail "consumer (C-only project, static) failed"

# The unpacked mip-emulator (it does not link libmip) on 127.0.0.1, its port
# on its first line, read through a FIFO with a time limit.
if grep -qF libmip <<< "$(readelf -d "$root/usr/bin/mip-emulator")"; then
  fail "mip-emulator links libmip: give it LD_LIBRARY_PATH here"
fi
# Its version is the release's, compiled in.
[[ $("$root/usr/bin/mip-emulator" --version) == "mip-emulator $version" ]] ||
  fail "mip-emulator --version does not say mip-emulator $version: $("$root/usr/bin/mip-emulator" --version)"
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

# --- man pages and shell completions ---------------------------------------------------
# Each man page: gzip -9n (no name or time stamp), a whatis entry (lexgrog,
# as mandb reads it), rendered by man with its NAME section, and dated from
# SOURCE_DATE_EPOCH or the last commit, never the day of the build. mip's
# has a COMMANDS section with every command `mip --help` lists.
man_epoch=${SOURCE_DATE_EPOCH:-$(git -C "$src" log -1 --format=%ct 2> /dev/null || echo 946684800)}
man_date=$(LC_ALL=C date -u -d "@$man_epoch" '+%B %Y')
for page in mip mip-emulator; do
  gz="$root/usr/share/man/man1/$page.1.gz"
  gzip -t "$gz" || fail "$page.1.gz is not gzipped"
  [[ $(od -An -tx1 -j3 -N5 "$gz" | tr -d ' \n') == 0000000000 ]] ||
    fail "$page.1.gz has a name or time stamp (not gzip -n)"
  [[ $(lexgrog "$gz") == "$gz: \"$page - "* ]] || fail "$page.1.gz: no whatis entry: $(lexgrog "$gz")"
  MANWIDTH=80 man -l "$gz" > "$work/$page.man.txt" || fail "man -l $page.1.gz failed"
  grep -qx NAME "$work/$page.man.txt" || { cat "$work/$page.man.txt"; fail "$page.1.gz: no NAME section"; }
  [[ $(gzip -dc "$gz" | sed -n 's/^\.TH [^ ]* "1" "\([^"]*\)".*/\1/p') == "$man_date" ]] ||
    fail "$page.1.gz is not dated $man_date: $(gzip -dc "$gz" | grep '^\.TH ')"
done
grep -qx COMMANDS "$work/mip.man.txt" || fail "mip.1.gz: no COMMANDS section"
commands=$(awk '/^Subcommands:$/ { listed = 1; next } listed && /^  [^ ]/ { print $1; next } listed { exit }' \
  <<< "$(COLUMNS=1000 "${mip[@]}" --help)")
[[ -n $commands ]] || fail "no commands in the unpacked mip's --help"
for command in $commands; do
  grep -Eq "^ +mip $command\$" "$work/mip.man.txt" || fail "mip.1.gz: no COMMANDS entry for mip $command"
done
# The completions are what the packaged mip itself makes.
[[ $(cat "$root/usr/share/bash-completion/completions/mip") == "$("${mip[@]}" completion bash)" ]] ||
  fail "the packaged bash completion is not what mip completion bash prints"
bash -n "$root/usr/share/bash-completion/completions/mip" || fail "the packaged bash completion is not valid bash"
[[ $(cat "$root/usr/share/zsh/vendor-completions/_mip") == "$("${mip[@]}" completion zsh)" ]] ||
  fail "the packaged zsh completion is not what mip completion zsh prints"

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

echo "ok: libmip$major, libmip-dev, mip-tools and mip-emulator $debversion hold what they should; Depends:"
echo "  libmip$major: $runtime_depends"
echo "  libmip-dev: $dev_depends"
echo "  mip-tools: $tools_depends"
echo "  mip-emulator: $(field "$emulator_deb" Depends)"

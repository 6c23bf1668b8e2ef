#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the build tree into a scratch prefix, then builds a C program
# against it twice: with `pkg-config mip`, and as a CMake project with
# find_package(mip) (shared and static). Each program must run.
set -euo pipefail
build=$1
work=$2
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work"
mkdir -p "$work"
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" > "$work/install.log"
libdir=$(find "$prefix" -name 'libmip.so.0' -printf '%h\n' -quit)
for f in include/mip.h "${libdir#$prefix/}/libmip.so" "${libdir#$prefix/}/libmip.a" \
         "${libdir#$prefix/}/pkgconfig/mip.pc" "${libdir#$prefix/}/cmake/mip/mipConfig.cmake"; do
  [ -e "$prefix/$f" ] || { echo "not installed: $f"; exit 1; }
done

# pkg-config, the way a plain C project builds
export PKG_CONFIG_PATH="$libdir/pkgconfig"
# shellcheck disable=SC2046
cc -std=c99 -Wall -Wextra -pedantic -Werror "$here/consumer.c" -o "$work/consumer-pc" \
  $(pkg-config --cflags --libs mip) -Wl,-rpath,"$libdir"
"$work/consumer-pc"
# Not `ldd | grep -q`: under pipefail, grep leaving early fails ldd with SIGPIPE.
grep -qF "$libdir/libmip.so.0" <<< "$(ldd "$work/consumer-pc")" || { echo "not linked to the installed library"; exit 1; }
# The static library with its dependencies (Requires.private) linked shared,
# as Debian ships them.
# shellcheck disable=SC2046
cc "$here/consumer.c" -o "$work/consumer-pc-static" $(pkg-config --cflags mip) "$libdir/libmip.a" \
  $(pkg-config --libs libcurl simdjson) -lstdc++ -lm -pthread
"$work/consumer-pc-static"

# find_package(mip)
cmake -S "$here/cmake_consumer" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" > "$work/cmake.log"
cmake --build "$work/cmake" > "$work/cmake-build.log"
"$work/cmake/consumer"
"$work/cmake/consumer_static"
# mip::mip_static from a C-only project (no CXX enabled).
cmake -S "$here/c_consumer" -B "$work/c-cmake" -DCMAKE_PREFIX_PATH="$prefix" > "$work/c-cmake.log"
cmake --build "$work/c-cmake" > "$work/c-cmake-build.log"
"$work/c-cmake/consumer_static"

# The installed tools run from P/bin without LD_LIBRARY_PATH (a relative
# rpath to the installed libmip), when the build has them.
if [[ -x $prefix/bin/mip ]]; then
  loaded=$(env -u LD_LIBRARY_PATH ldd "$prefix/bin/mip" | sed -n 's/^[[:space:]]*libmip\.so\.0 => \(.*\) (0x.*/\1/p')
  [[ -n $loaded && $(realpath "$loaded") == $(realpath "$libdir/libmip.so.0") ]] ||
    { echo "the installed mip does not load the installed libmip: ${loaded:-none}"; exit 1; }
  env -u LD_LIBRARY_PATH "$prefix/bin/mip" version > "$work/mip-version.txt"
fi
if [[ -x $prefix/bin/mip-emulator ]]; then
  env -u LD_LIBRARY_PATH "$prefix/bin/mip-emulator" --help > "$work/emulator-help.txt"
fi
echo "ok: installed tree usable through pkg-config and find_package; installed tools run"

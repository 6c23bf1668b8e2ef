#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the whole project with clang-14 twice and runs the whole test suite
# in each build: under AddressSanitizer + UndefinedBehaviorSanitizer (leak
# detection on), then under ThreadSanitizer. Any sanitizer report, from a
# test or from a process a test started (mip-emulator, the mip command line),
# fails the run.
#
# Usage: scripts/check_sanitizers.sh [BUILD_ROOT]   (default build-sanitize)
# The builds go to BUILD_ROOT/asan-ubsan and BUILD_ROOT/tsan.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/deps.sh
source scripts/deps.sh
need_packages "${MIP_BUILD_PACKAGES[@]}" clang-14 libclang-rt-14-dev tmux python3

root=${1:-build-sanitize}
source_dir=$(pwd)
jobs=$(nproc)

# Tests that cannot run under a sanitizer:
# - install, c_example: build C programs with the system compiler, without
#   sanitizer flags, against the installed libmip.so and libmip.a; such a
#   program has no sanitizer runtime for the instrumented library to call
#   into, so it cannot link or load. They check packaging; the same library
#   code runs instrumented in every other test.
# - the Go, Rust and C# bindings' suites (not configured: MIP_TEST_BINDINGS
#   off): their test programs come from their own toolchains, without
#   sanitizers, and load libmip.so; same reason.
excluded='^(install|c_example)$'
no_bindings=-DMIP_TEST_BINDINGS=OFF

# pass NAME COMPILE_FLAGS EXE_LINK_FLAGS SHARED_LINK_FLAGS [CMAKE_ARG...]
pass() {
  local name=$1 flags=$2 exe_link=$3 shared_link=$4
  shift 4
  local build="$root/$name"
  mkdir -p "$build"
  local reports
  reports="$(cd "$build" && pwd)/sanitizer-reports"
  rm -rf "$reports"
  mkdir -p "$reports"
  local started=$SECONDS
  echo "=== $name: configure and build in $build"
  cmake -S "$source_dir" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="$flags $exe_link" \
    -DCMAKE_SHARED_LINKER_FLAGS="$flags $shared_link" \
    "$@" > "$build/configure.log"
  cmake --build "$build" -j"$jobs" > "$build/build.log" 2>&1 || { tail -n 50 "$build/build.log"; return 1; }
  echo "=== $name: built in $((SECONDS - started)) s; testing"
  # Reports also go to files: a report from a child process whose exit code
  # a test ignores must still fail the run.
  local status=0
  # tsan.supp: races inside uninstrumented libraries only, each explained.
  ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:exitcode=23:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1:log_path=$reports/report" \
  UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=24:log_path=$reports/report" \
  TSAN_OPTIONS="halt_on_error=1:exitcode=66:second_deadlock_stack=1:suppressions=$source_dir/tests/alloc/tsan.supp:log_path=$reports/report" \
    ctest --test-dir "$build" --output-on-failure -j"$jobs" --timeout 900 -E "$excluded" || status=$?
  if compgen -G "$reports/*" > /dev/null; then
    echo "=== $name: sanitizer reports:"
    cat "$reports"/*
    status=1
  fi
  echo "=== $name: $([ $status -eq 0 ] && echo passed || echo FAILED) in $((SECONDS - started)) s"
  return $status
}

overall=0

# The shared runtime (-shared-libsan): libmip.so, linked with
# -Wl,--no-undefined, then names the runtime it needs; C test programs get
# UBSan's C++ part through it; and the allocation-failure test's own
# operator new replaces the runtime's, as it must. The rpath finds it.
runtime_dir=$(clang-14 -print-runtime-dir)
shared_runtime="-shared-libsan -Wl,-rpath,$runtime_dir"
pass asan-ubsan "-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
  "$shared_runtime" "$shared_runtime" "$no_bindings" || overall=1

# clang-14's shared ThreadSanitizer runtime crashes at start-up, so here each
# program links the runtime statically and exports it to libmip.so, which
# keeps the runtime's symbols undefined: -z undefs, placed after the
# library's own -Wl,--no-undefined, allows that. Left out of this build:
# - the libFuzzer target: it needs AddressSanitizer, which cannot be
#   combined with ThreadSanitizer;
# - the allocation-failure test: it replaces operator new, which the static
#   runtime defines too; it is single-threaded, so TSan has nothing to check
#   in it (the ASan pass runs it).
pass tsan "-fsanitize=thread -fno-omit-frame-pointer" "" "-Wl,-z,undefs" \
  "$no_bindings" -DMIP_BUILD_FUZZER=OFF -DMIP_BUILD_ALLOC_FAILURE_TEST=OFF || overall=1
exit $overall

#!/usr/bin/env bash
# Installs what is missing (apt-get as root; otherwise prints the line to
# run), checks the C/C++ formatting, builds everything, and runs every test
# of every language: the C/C++ suites, the command line, the emulator, the
# Go, Rust and C# bindings, the ABI check against the committed baseline,
# and the whole suite again under AddressSanitizer +
# UndefinedBehaviorSanitizer and under ThreadSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/deps.sh
source scripts/deps.sh
bindings=(golang-go)  # the .NET SDK (dotnet) comes with our machines
# Rust comes with rustup on some machines; Debian's cargo only where there is none.
command -v cargo > /dev/null || bindings+=(cargo)
# node and npm run the official Node SDK against the emulator (tests/emulator);
# NodeSource's nodejs carries its own npm, Debian's npm only where there is none.
node_packages=(nodejs)
command -v npm > /dev/null || node_packages+=(npm)
need_packages "${MIP_BUILD_PACKAGES[@]}" dpkg-dev file tmux python3 "${bindings[@]}" "${node_packages[@]}" abigail-tools \
  clang-14 libclang-rt-14-dev clang-format

scripts/check_format.sh

build=${MIP_TEST_BUILD_DIR:-build-test}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIP_REQUIRE_BINDINGS=ON
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" --timeout 900
scripts/check_abi.sh "$build"
scripts/check_sanitizers.sh "$build-sanitize"

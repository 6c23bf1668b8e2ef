#!/usr/bin/env bash
# Installs what is missing (apt-get as root; otherwise prints the line to
# run), builds everything, and runs every test of every language.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/deps.sh
source scripts/deps.sh
need_packages "${MIP_BUILD_PACKAGES[@]}" tmux python3

build=${MIP_TEST_BUILD_DIR:-build-test}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" --timeout 300

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Tests the Go binding against a libmip build tree.
#
#   bindings/go/run_tests.sh BUILD_DIR
#
# BUILD_DIR is a configured and built CMake tree of this repository, with the
# tools. bindings/build_tree.sh installs it into a temporary prefix and
# points pkg-config and the loader there; the two emulators every binding
# suite uses are started (tests/support/emulator.sh), and one with --legacy
# (MIP_EMULATOR_LEGACY_URL); then go vet, go test
# -race and go test run. The tests and benchmarks are built with -tags
# mip_testhooks (the list counters and raw C calls they use; a shipped build
# has neither), and go vet checks both builds. Nothing is written to the
# source tree or to $HOME.
#
# Environment:
#   MIP_GO_BENCH=1        also run the benchmarks (go test -tags mip_testhooks -run '^$' -bench .)
#   MIP_GO_BENCHTIME=2s   their -benchtime
#   MIP_GO_BENCH_FILTER=. their -bench pattern
#   MIP_KEEP_TMP=1        keep the temporary directory
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
command -v go > /dev/null || { echo "go is not installed" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=bindings/build_tree.sh
source "$here/../build_tree.sh" "$1"
start_binding_emulators
# A server without two-phase import (Milvus 2.x): commit and abort answer 404.
start_emulator MIP_EMULATOR_LEGACY_URL --legacy --scenario "$MIP_EMULATOR_SCENARIO" --duration 0.2
# glibc scribbles over freed memory: a Go value still borrowing a C string
# of a freed job or list would read garbage and fail its test.
export MALLOC_PERTURB_=165

# Go's state in the temporary directory; no network (standard library only).
export GOPATH="$MIP_TMP/gopath" GOCACHE="$MIP_TMP/gocache" GOENV=off GOPROXY=off GOFLAGS=-count=1
export GO111MODULE=on GOTOOLCHAIN=local CGO_ENABLED=1

cd "$here"
go version
echo "== go vet"
go vet ./...
go vet -tags mip_testhooks ./...
echo "== go test -race"
go test -tags mip_testhooks -race -timeout 600s ./...
echo "== go test"
go test -tags mip_testhooks -timeout 600s -v ./... 2>&1 | grep -Ev '^=== (RUN|PAUSE|CONT)'
if [[ "${MIP_GO_BENCH:-}" == 1 ]]; then
  echo "== go test -bench"
  env -u MALLOC_PERTURB_ go test -tags mip_testhooks -run '^$' -bench "${MIP_GO_BENCH_FILTER:-.}" -benchtime "${MIP_GO_BENCHTIME:-2s}" -timeout 1800s ./...
fi
echo "all Go binding tests passed"

#!/usr/bin/env bash
# Tests the Go binding against a libmip build tree.
#
#   bindings/go/run_tests.sh BUILD_DIR
#
# BUILD_DIR is a configured and built CMake tree of this repository, with the
# tools (BUILD_DIR/tools/emulator/mip-emulator). The script installs it into
# a temporary prefix, points pkg-config there, and runs go vet, go test -race
# and go test. Nothing is written to the source tree or to $HOME.
#
# Environment:
#   MIP_GO_BENCH=1        also run the benchmarks (go test -run '^$' -bench .)
#   MIP_GO_BENCHTIME=2s   their -benchtime
#   MIP_GO_BENCH_FILTER=. their -bench pattern
#   MIP_GO_KEEP=1         keep the temporary directory
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
emulator="$build/tools/emulator/mip-emulator"
[[ -x "$emulator" ]] || { echo "no mip-emulator in $build/tools/emulator (build with MIP_BUILD_TOOLS=ON)" >&2; exit 2; }
command -v go >/dev/null || { echo "go is not installed" >&2; exit 2; }
command -v pkg-config >/dev/null || { echo "pkg-config is not installed" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mip-go.XXXXXX")
cleanup() {
  if [[ "${MIP_GO_KEEP:-}" == 1 ]]; then
    echo "kept $tmp"
  else
    chmod -R u+w "$tmp" 2>/dev/null || true # the module cache is read-only
    rm -rf "$tmp"
  fi
}
trap cleanup EXIT

# Install into a private prefix: its lib/pkgconfig/mip.pc finds its prefix
# through ${pcfiledir}, so the tree works wherever it lies.
cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log"
pcdir=$(dirname "$(find "$tmp/prefix" -name mip.pc -path '*pkgconfig*' -print -quit)")
export PKG_CONFIG_PATH="$pcdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
libdir=$(cd "$(pkg-config --variable=libdir mip)" && pwd)
echo "libmip $(pkg-config --modversion mip) from $libdir"

# Go's state in the temporary directory; no network (standard library only).
export GOPATH="$tmp/gopath" GOCACHE="$tmp/gocache" GOENV=off GOPROXY=off GOFLAGS=-count=1
export GO111MODULE=on GOTOOLCHAIN=local CGO_ENABLED=1
# The tests load the library just installed, not a system copy.
export CGO_LDFLAGS="-Wl,-rpath,$libdir${CGO_LDFLAGS:+ $CGO_LDFLAGS}"
export LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export MIP_EMULATOR="$emulator"

cd "$here"
go version
echo "== go vet"
go vet ./...
echo "== go test -race"
go test -race -timeout 600s ./...
echo "== go test"
go test -timeout 600s -v ./... 2>&1 | grep -Ev '^=== (RUN|PAUSE|CONT)' 
if [[ "${MIP_GO_BENCH:-}" == 1 ]]; then
  echo "== go test -bench"
  go test -run '^$' -bench "${MIP_GO_BENCH_FILTER:-.}" -benchtime "${MIP_GO_BENCHTIME:-2s}" -timeout 1800s ./...
fi
echo "all Go binding tests passed"

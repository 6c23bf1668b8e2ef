#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# README's plain `cmake -S . -B build` on a machine without the bindings'
# toolchains or help2man: configure with go, cargo, dotnet, node, npm and
# help2man hidden from PATH. It must succeed, say in one line which binding
# suites it left out (and in others that the Node SDK test and the man
# pages are), and still give the library, the tools (with their shell
# completions) and the C/C++ tests.
#
#   tests/install/check_plain_configure.sh SOURCE_DIR WORK_DIR
set -euo pipefail
src=$1
work=$2
fail() { echo "plain configure: $*" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work/bin"

# A PATH of its own: everything on the real one but the hidden tools (the
# first of a name wins, as for the shell).
hidden=" go cargo rustc dotnet node npm help2man "
IFS=: read -ra dirs <<< "$PATH"
for dir in "${dirs[@]}"; do
  [[ -d $dir ]] || continue
  for tool in "$dir"/*; do
    name=${tool##*/}
    [[ -f $tool && -x $tool && ! -e $work/bin/$name && $hidden != *" $name "* ]] || continue
    ln -s "$tool" "$work/bin/$name"
  done
done

PATH="$work/bin" cmake -S "$src" -B "$work/build" > "$work/configure.log" 2>&1 ||
  { cat "$work/configure.log"; fail "configure failed"; }
left_out=$(grep -c 'binding tests left out' "$work/configure.log" || true)
[[ $left_out == 1 ]] || { cat "$work/configure.log"; fail "expected one 'left out' line, saw $left_out"; }
line=$(grep 'binding tests left out' "$work/configure.log")
for binding in "go (no go)" "rust (no cargo)" "csharp (no dotnet)"; do
  [[ $line == *"$binding"* ]] || fail "the line does not name $binding: $line"
done

targets=$(PATH="$work/bin" cmake --build "$work/build" --target help)
for target in mip mip_static mip-cli mip-emulator mip-completions mip_unit_tests mip_client_tests \
              mip_integration_tests mip_header_c99 mip_fuzz_replay mip_alloc_failure_test; do
  grep -qE "^\.\.\. $target( |$)" <<< "$targets" || fail "no target $target"
done
tests=$(ctest --test-dir "$work/build" -N)
for test in header_c99 exports install c_example cli; do
  grep -qE "Test +#[0-9]+: $test\$" <<< "$tests" || fail "no test $test"
done
if grep -q 'binding_' <<< "$tests"; then fail "a binding suite was added without its toolchain"; fi
grep -q 'Node SDK test left out: no node, npm' "$work/configure.log" ||
  { cat "$work/configure.log"; fail "no line saying the Node SDK test was left out"; }
if grep -q 'emulator_node_sdk' <<< "$tests"; then fail "the Node SDK test was added without node"; fi
[[ $(grep -c 'man pages left out: no help2man' "$work/configure.log" || true) == 1 ]] ||
  { cat "$work/configure.log"; fail "not one line saying the man pages were left out"; }
for target in mip-man mip-emulator-man; do
  if grep -qE "^\.\.\. $target( |\$)" <<< "$targets"; then fail "a man page target ($target) without help2man"; fi
done
echo "ok: $line"

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# End-to-end checks of the mip command line against mip-emulator: import,
# list, get (text and JSON), watch of one job and of several to each final
# state, JSON lines, commit and abort, errors, the idempotency key shown
# after a failed create, configuration from the environment, a secret key
# never shown, and interruption; the help wrapped to $COLUMNS, and the bash
# and zsh completion scripts `mip completion` makes.
#
# No check infers a job's state from elapsed time: a job read before its end
# is one that cannot end while the suite runs (the STILL emulator, the
# scenarios' slow jobs), and a job read at its end has been watched there.
# Every wait is bounded by the clock and by a count, with the slack of a
# machine three times oversubscribed running a ThreadSanitizer build; a
# check that passes ends as soon as it does, so the slack costs nothing.
#
# Usage: cli_test.sh PATH/TO/mip PATH/TO/mip-emulator
set -euo pipefail

MIP=$1
export MIP_EMULATOR=$2
TOKEN=cli-test-token
WRONG_TOKEN=wrong-token-4f9c2e
SECRET_KEY=cli-secret-5d2f8a7e91c4  # object storage key: must appear in no output
SCENARIO=$(cd "$(dirname "$0")/../emulator" && pwd)/scenario.json
# The shared scenario's jobs: one completed, one failed, one that never finishes.
COMPLETED_JOB=448761313698323001
FAILED_JOB=448761313698323000
SLOW_JOB=448761313698322100
SCENARIO_CLUSTER=in01-scenario  # the failed job's cluster; the others belong to every cluster
# This suite's own scenario, served by the STILL emulator: a job half-way
# through its import, which stays there, and a failed one whose reason and
# file name hold DEL, C1 and C0 controls.
CLI_SCENARIO=$(cd "$(dirname "$0")" && pwd)/scenario.json
HALFWAY_JOB=448761313698324001
CONTROLS_JOB=448761313698324002
# shellcheck source=tests/support/emulator.sh
source "$(dirname "$0")/../support/emulator.sh"

CALL_SECONDS=120  # one run of mip, a watch to a job's end included
WAIT_SECONDS=60   # a server to start; a watch to print its first line, or to end once signalled
export MIP_EMULATOR_START_SECONDS=${MIP_EMULATOR_START_SECONDS:-$WAIT_SECONDS}

WORK=$(mktemp -d)
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  stop_emulators
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  for f in out err bg.out bg.err; do [[ -f $WORK/$f ]] && sed "s/^/  $f: /" "$WORK/$f" >&2; done
  exit 1
}
pass() { echo "ok - $*"; }

# wait_until SECONDS COMMAND...: runs COMMAND every 50 ms until it succeeds;
# fails after SECONDS by the clock or SECONDS * 20 tries, whichever is first.
wait_until() {
  local tries=$(($1 * 20)) deadline=$((SECONDS + $1))
  shift
  while ((tries-- > 0 && SECONDS <= deadline)); do
    "$@" && return 0
    sleep 0.05
  done
  return 1
}

# Polls (at most `seconds`) until `file` is not empty.
wait_for_output() { wait_until "$2" test -s "$1"; }

# Polls (at most `seconds`) until `file` has a line matching `regex`.
wait_for_line() { wait_until "$3" grep -Eq "$2" "$1"; }

# Polls (at most `seconds`) until process `pid` has ended.
has_ended() { ! kill -0 "$1" 2>/dev/null; }
wait_for_exit() { wait_until "$2" has_ended "$1"; }

# Starts tests/cli/answering_server.py in MODE (echo, http500, stall) with
# PORT_FILE [KEYS_FILE], and waits for the port it writes to PORT_FILE.
start_answering_server() {
  python3 "$(dirname "$0")/answering_server.py" "$@" &
  PIDS+=($!)
  wait_for_output "$2" "$WAIT_SECONDS" || fail "the $1 server did not start within $WAIT_SECONDS s"
}

# create_job PORT TOKEN FILE...: creates a Milvus import job, prints its id.
create_job() {
  local port=$1 token=$2 files="" f
  shift 2
  for f in "$@"; do files+="${files:+,}[\"$f\"]"; done
  local auth=()
  [[ -n $token ]] && auth=(-H "Authorization: Bearer $token")
  curl -sS --max-time "$WAIT_SECONDS" -X POST "http://127.0.0.1:$port/v2/vectordb/jobs/import/create" \
    -H 'Content-Type: application/json' "${auth[@]}" \
    -d "{\"collectionName\":\"cli_test\",\"files\":[$files]}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["jobId"])'
}

# Runs mip with a time limit; stdout, stderr and status go to out, err, RC,
# and both outputs to the transcript searched for the secret key at the end.
run() {
  RC=0
  timeout "$CALL_SECONDS" "$MIP" "$@" >"$WORK/out" 2>"$WORK/err" || RC=$?
  cat "$WORK/out" "$WORK/err" >>"$WORK/transcript"
}

# start_background ARGS...: runs mip ARGS in the background, outputs in
# $WORK/bg.out and bg.err, its pid in BG; not under timeout(1), so that a
# signal reaches mip itself (the trap ends it in any case).
start_background() {
  : >"$WORK/bg.out"
  : >"$WORK/bg.err"
  "$MIP" "$@" >"$WORK/bg.out" 2>"$WORK/bg.err" &
  BG=$!
  PIDS+=("$BG")
}

# stop_background SIGNAL WHAT: sends SIGNAL to $BG and expects it to end
# within WAIT_SECONDS with 130, saying it was interrupted.
stop_background() {
  kill -s "$1" "$BG"
  wait_for_exit "$BG" "$WAIT_SECONDS" || fail "$2: still running $WAIT_SECONDS s after SIG$1"
  RC=0
  wait "$BG" || RC=$?
  cat "$WORK/bg.out" "$WORK/bg.err" >>"$WORK/transcript"
  [[ $RC -eq 130 ]] || fail "$2: exit status $RC after SIG$1, expected 130"
  grep -qx 'mip: interrupted' "$WORK/bg.err" || fail "$2: no 'mip: interrupted' on stderr"
}

expect_rc() {
  [[ $RC -ne 124 || $1 -eq 124 ]] || fail "$2: mip did not end within $CALL_SECONDS s (timeout(1) ended it)"
  [[ $RC -eq $1 ]] || fail "$2: exit status $RC, expected $1"
}

# The line mip import adds after a failed create that may have reached the
# server, and retry_key: the key it names on mip's stderr, or nothing.
RETRY_LINE='^mip: to retry safely \(Milvus >= 2\.6\.24 / 3\.0\.2\), repeat the import with --idempotency-key '
retry_key() { sed -En "s|$RETRY_LINE(.*)\$|\1|p" "$WORK/err"; }

# Runs a Python snippet on mip's stdout (as `text`); it asserts.
check_output() {
  python3 -c "import json,sys; text=open(sys.argv[1]).read(); $1" "$WORK/out" || fail "$2"
}

# --- one emulator for most checks, one requiring a token whose jobs stop Uncommitted
# Cloud lists come in pages of 3 at most, so that mip list has pages to join.
start_emulator FAST --speed 5 --scenario "$SCENARIO" --max-page-size 3 || fail "the emulator did not start"
FAST_PORT=${FAST##*:}
start_emulator LOCKED --speed 5 --uncommitted --token "$TOKEN" || fail "the emulator did not start"
LOCKED_PORT=${LOCKED##*:}
# Where nothing finishes while the suite runs (a job takes 10^9 simulated
# seconds, at one a second): what a job looks like before its end is read
# here, never on FAST, where a job's end is a matter of milliseconds.
start_emulator STILL --duration 1000000000 --scenario "$CLI_SCENARIO" || fail "the emulator did not start"
STILL_PORT=${STILL##*:}

# --- version, help, usage errors
for args in version --version; do
  run $args
  expect_rc 0 "mip $args"
  grep -Eqx 'mip [0-9]+\.[0-9]+\.[0-9]+' "$WORK/out" || fail "mip $args: not the library's version alone"
done
pass "version and --version print the library's version"

run help
expect_rc 0 "mip help"
grep -q '^Subcommands:' "$WORK/out" || fail "mip help: no list of commands"
run help watch
expect_rc 0 "mip help watch"
grep -q -- '--interval-ms' "$WORK/out" || fail "mip help watch: not watch's help"
run
expect_rc 2 "mip with no command"
grep -q '^Subcommands:' "$WORK/err" || fail "mip with no command: no help on stderr"
[[ ! -s $WORK/out ]] || fail "mip with no command printed on stdout"
pass "help exits 0, no command prints the help and exits 2"

run imprt --collection c
expect_rc 2 "a mistyped command"
grep -qx 'mip: unknown command "imprt"; did you mean "import"?' "$WORK/err" || fail "a mistyped command: no suggestion"
run wach 1
grep -q 'did you mean "watch"?' "$WORK/err" || fail "wach: no suggestion of watch"
run help lsit
expect_rc 2 "help of a mistyped command"
grep -q 'did you mean "list"?' "$WORK/err" || fail "help lsit: no suggestion of list"
pass "an unknown command exits 2 and suggests the closest"

run --help
expect_rc 0 "mip --help"
for status in 0 1 2 3 130; do grep -Eq "^ +$status " "$WORK/out" || fail "--help does not explain exit status $status"; done
for command in import list get watch commit abort version; do
  grep -Eq "^  $command +[A-Z]" "$WORK/out" || fail "--help does not list $command"
done
pass "help lists every command and documents the exit statuses"

# help_names WHAT ARGS...: what the help `mip ARGS` prints lists, one a
# line, sorted: with WHAT=commands its commands, with WHAT=options every name
# of every option (-h and --help both).
help_names() {
  COLUMNS=100000 timeout "$CALL_SECONDS" "$MIP" "${@:2}" >"$WORK/help" || fail "mip ${*:2} failed"
  python3 - "$1" "$WORK/help" <<'PY'
import sys
what, group, names = sys.argv[1], None, []
for line in open(sys.argv[2]).read().splitlines():
    if line and not line.startswith(' '):
        group = line
    elif line.startswith('  ') and not line.startswith('   '):
        head = line[2:].split('  ')[0].split(' ')[0]
        if what == 'commands' and group == 'Subcommands:':
            names.append(head)
        elif what == 'options' and group == 'Options:':
            names += head.split(',')
print('\n'.join(sorted(names)))
PY
}
COMMANDS=$(help_names commands --help)
grep -qx watch <<< "$COMMANDS" || fail "no commands read from mip --help: $COMMANDS"

# --- the help wrapped to the width: $COLUMNS, as into a pipe (a terminal's
# own width: tty_test.sh). Narrow or at the default 80 columns, no line is
# wider, and the words are those of the unwrapped help, in the same order:
# nothing left out, no word split. Wide enough, nothing is wrapped.
python3 - "$MIP" "$CALL_SECONDS" $COMMANDS <<'PY' || fail "the help is not wrapped to the width"
import os, subprocess, sys
mip, seconds, commands = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def helps(columns, args, status=0):
    env = dict(os.environ)
    env.pop('COLUMNS', None)
    if columns:
        env['COLUMNS'] = str(columns)
    done = subprocess.run([mip] + args, env=env, capture_output=True, text=True, timeout=seconds)
    assert done.returncode == status, (args, done.returncode, done.stderr)
    return done.stdout if status == 0 else done.stderr
runs = [(['--help'], 0), ([], 2)] + [(['help', c], 0) for c in commands] + [([c, '--help'], 0) for c in commands]
for args, status in runs:
    whole = helps(100000, args, status)
    for width in (40, None):
        text = helps(width, args, status)
        wider = [line for line in text.splitlines() if len(line) > (width or 80)]
        assert not wider, (args, width, wider)
        assert text.split() == whole.split(), (args, width, 'not the same words')
    assert helps(1000, args, status) == whole, (args, 'wrapped at 1000 columns')
assert helps(None, ['help', 'import']) != helps(100000, ['help', 'import']), 'not wrapped at 80 columns'
lines = helps(1000, ['help', 'import']).splitlines()
assert any('Key that makes a repeated import' in l and 'retry with on stderr' in l for l in lines), lines
PY
pass "help, help CMD and CMD --help wrap to \$COLUMNS (80 into a pipe) without losing or splitting a word"

# --- completion: scripts made from mip's own definition
run completion bash
expect_rc 0 "mip completion bash"
cp "$WORK/out" "$WORK/mip.bash"
bash -n "$WORK/mip.bash" || fail "mip completion bash: not valid bash"
# completions WORD...: what the bash completion offers for the last word
# (COMP_WORDS, COMP_CWORD set as bash sets them), sorted, one a line.
completions() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mip; printf "%s\n" "${COMPREPLY[@]}"' \
    completions "$WORK/mip.bash" "$@" | sort
}
[[ $(completions mip im) == import ]] || fail "bash: mip im<TAB> does not give import: $(completions mip im)"
[[ $(completions mip watch --int) == --interval-ms ]] || fail "bash: mip watch --int<TAB> does not give --interval-ms"
[[ $(completions mip watch 1 --api cl) == $'cloud\ncloud-v1' ]] || fail "bash: --api cl<TAB> is not cloud, cloud-v1"
[[ $(completions mip help wa) == watch ]] || fail "bash: mip help wa<TAB> does not give watch"
[[ $(completions mip "") == "$COMMANDS" ]] || fail "bash: mip <TAB> is not the commands: $(completions mip "")"
[[ $(completions mip -) == "$(help_names options --help)" ]] || fail "bash: mip -<TAB> is not mip's options"
for command in $COMMANDS; do
  [[ $(completions mip "$command" -) == "$(help_names options help "$command")" ]] ||
    fail "bash: mip $command -<TAB> is not its options: $(completions mip "$command" -)"
done
pass "the bash completion completes commands, each command's options, and --api's flavors"

run completion zsh
expect_rc 0 "mip completion zsh"
cp "$WORK/out" "$WORK/_mip"
[[ $(head -n 1 "$WORK/_mip") == '#compdef mip' ]] || fail "mip completion zsh: no #compdef mip line first"
if command -v zsh >/dev/null; then zsh -n "$WORK/_mip" || fail "mip completion zsh: not valid zsh"; fi
# A zsh function per command (_mip_CMD), and _mip for mip itself; each
# names every option of its command in an _arguments spec.
zsh_function() { sed -n "/^$1() {\$/,/^}\$/p" "$WORK/_mip"; }
has_options() {
  local body=$1 option
  shift
  for option in "$@"; do
    grep -Eq -- "[{,'*]$option[]=+,}[]" <<< "$body" || return 1
  done
}
body=$(zsh_function _mip)
for command in $COMMANDS; do
  grep -q "^ *'$command:" <<< "$body" || fail "zsh: _mip does not offer $command"
  # shellcheck disable=SC2046
  has_options "$(zsh_function "_mip_$command")" $(help_names options help "$command") ||
    fail "zsh: _mip_$command lacks an option of mip $command"
done
# shellcheck disable=SC2046
has_options "$body" $(help_names options --help) || fail "zsh: _mip lacks an option of mip"
grep -qF "'--api=[Server flavor; auto chooses by the endpoint'\''s host]:api:(auto milvus cloud cloud-v1)'" \
  "$WORK/_mip" || fail "zsh: --api does not offer the flavors"
pass "the zsh completion has every command and every option of each"

run get
expect_rc 2 "get without a job id"
run watch 1 --endpoint "$FAST" --interval-ms 0
expect_rc 2 "watch with an out-of-range interval"
pass "usage errors exit 2"

# --- get: text and JSON, of jobs that cannot end meanwhile
JOB=$(create_job "$STILL_PORT" "" a.parquet b.parquet c.parquet big-file.parquet)
run get "$JOB" --endpoint "$STILL"
expect_rc 0 "get"
grep -Eq "^Job +$JOB\$" "$WORK/out" || fail "get: no job id line"
grep -Eq '^State +(Pending|Importing)' "$WORK/out" || fail "get: no state line"
grep -Eq '^Files +4$' "$WORK/out" || fail "get: no file count"
for f in a.parquet b.parquet c.parquet big-file.parquet; do
  grep -Fq "  [$f]" "$WORK/out" || fail "get: no line for $f"
done
pass "get prints a summary"

run get "$JOB" --endpoint "$STILL" --json
expect_rc 0 "get --json"
check_output "
job = json.loads(text)
assert text.count('\n') == 1, 'one line'
fields = ['jobId','collectionName','fileName','state','stateText','progress','importedRows','totalRows',
          'fileSize','createTime','completeTime','reason','details']
assert list(job) == fields, list(job)
assert job['jobId'] == '$JOB' and job['collectionName'] == 'cli_test', job
assert job['state'] in ('Pending', 'Importing'), job['state']
assert isinstance(job['fileSize'], int) and job['fileSize'] > 0
assert len(job['details']) == 4
for d in job['details']:
    assert list(d) == ['fileName','state','stateText','progress','importedRows','totalRows','fileSize',
                       'completeTime','reason'], list(d)
assert job['details'][0]['fileName'] == '[a.parquet]'
" "get --json: wrong object"
pass "get --json prints the whole job"

run get "$HALFWAY_JOB" --endpoint "$STILL"
expect_rc 0 "get of a job half-way"
grep -Eq '^State +Importing$' "$WORK/out" || fail "get of a job half-way: not Importing"
grep -Eq '^Progress +[1-8][0-9]%$' "$WORK/out" || fail "get of a job half-way: no progress between 10 and 89 %"
grep -Eq '^Rows +[1-9][0-9,]*/200,000$' "$WORK/out" || fail "get of a job half-way: no rows imported yet"
grep -Eq '^  \[first\.parquet\] +Importing \(InProgress\) ' "$WORK/out" || fail "get of a job half-way: no file in progress"
pass "get of a job half-way shows its progress and rows"

# Names are the server's text: JSON escapes them, the terminal never gets their control characters.
ODD_JOB=$(curl -sS --max-time "$WAIT_SECONDS" -X POST "$STILL/v2/vectordb/jobs/import/create" -H 'Content-Type: application/json' \
  -d '{"collectionName":"cli_test","files":[["q\"uote\\back\u001b[31mred-\u00fc.parquet"]]}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["jobId"])')
run get "$ODD_JOB" --endpoint "$STILL" --json
expect_rc 0 "get --json of odd names"
check_output "assert json.loads(text)['details'][0]['fileName'] == '[q\"uote\\\\back\\x1b[31mred-\\u00fc.parquet]'" \
  "get --json: odd name not escaped right"
run get "$ODD_JOB" --endpoint "$STILL"
expect_rc 0 "get of odd names"
if grep -q $'\x1b' "$WORK/out"; then fail "get passed a control character to the terminal"; fi
grep -Fq '[q"uote\back?[31mred-ü.parquet]' "$WORK/out" || fail "get: odd name not shown"
pass "names are escaped in JSON and made printable in text"

# Wide characters take two columns: the file table of a job whose names are
# CJK and emoji stays aligned, counted as a terminal counts (Python's East
# Asian Width: W and F are two columns).
WIDE_JOB=$(create_job "$STILL_PORT" "" "数据-一.parquet" "😀😀.parquet" "plain-name.parquet")
run get "$WIDE_JOB" --endpoint "$STILL"
expect_rc 0 "get of CJK and emoji file names"
python3 - "$WORK/out" <<'PY' || fail "get: the file table of wide names is not aligned"
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
lines = [l for l in open(sys.argv[1], encoding='utf-8').read().splitlines() if l.startswith('  [')]
assert len(lines) == 3, lines
# Where the state column starts: the name's width and the spaces after it.
starts = {width(l[:l.index(']') + 1]) + len(l[l.index(']') + 1:]) - len(l[l.index(']') + 1:].lstrip(' ')) for l in lines}
assert len(starts) == 1, (starts, lines)
PY
pass "CJK and emoji file names keep the table aligned"

# DEL and the C1 controls (CSI, U+009B, is ESC [ to terminals that read C1)
# as well as C0: escaped by --json, checked on the raw bytes of each output.
# check_controls_escaped WHAT: mip's stdout holds no raw control character,
# and its reasons and file names are the scenario's once decoded.
check_controls_escaped() {
  python3 - "$WORK/out" "$CLI_SCENARIO" "$1" "$CONTROLS_JOB" <<'PY' || fail "$1: a control character left raw, or text changed"
import json, re, sys
raw = open(sys.argv[1], 'rb').read()
job = [j for j in json.load(open(sys.argv[2]))['jobs'] if j['jobId'] == sys.argv[4]][0]
controls = re.compile(rb'[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]')  # the newline ends a line
assert not controls.search(raw), (sys.argv[3], controls.search(raw))
for escape in (rb'\u007f', rb'\u0085', rb'\u009b', rb'\u001b'):
    assert escape in raw, (sys.argv[3], escape)
reasons, names = set(), set()
def collect(j):
    reasons.add(j['reason'])
    for d in j.get('details', []):
        reasons.add(d['reason'])
        names.add(d['fileName'])
for line in raw.decode('utf-8').splitlines():
    value = json.loads(line)
    for j in (value if isinstance(value, list) else [value]):
        collect(j)
assert job['reason'] in reasons, reasons
assert all(n == '[' + job['files'][0] + ']' for n in names), names
PY
}
run get "$CONTROLS_JOB" --endpoint "$STILL" --json
expect_rc 0 "get --json of a job with control characters"
check_controls_escaped "get --json"
run list --collection cli_controls --endpoint "$STILL" --json
expect_rc 0 "list --json of a job with control characters"
check_controls_escaped "list --json"
run watch "$CONTROLS_JOB" --endpoint "$STILL" --json --interval-ms 100
expect_rc 1 "watch --json of a failed job with control characters"
check_controls_escaped "watch --json"
run get "$CONTROLS_JOB" --endpoint "$STILL"
expect_rc 0 "get of a job with control characters"
python3 -c '
import re, sys
raw = open(sys.argv[1], "rb").read()
assert not re.search(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", raw), raw
assert b"del? nel? csi?31m esc?[0m \xc3\xbc" in raw, raw
' "$WORK/out" || fail "get: a control character reached the terminal"
pass "--json escapes DEL, C1 and C0 controls; text shows them as ?"

# --- watch into a pipe: a line per change, to each final state. How many
# lines come before the end depends on how fast the machine is, so only
# their order is checked here; a line before the end is checked on jobs that
# cannot end (the interruption checks below).
JOB=$(create_job "$FAST_PORT" "" a.parquet b.parquet c.parquet big-file.parquet)
run watch "$JOB" --endpoint "$FAST" --interval-ms 100
expect_rc 0 "watch to Completed"
grep -Eq '^[0-9:]+ Completed 100% [0-9,]+/[0-9,]+ rows, 4/4 files done$' <<< "$(tail -n 1 "$WORK/out")" ||
  fail "watch: last line is not the completed job"
[[ $(cut -d' ' -f2- "$WORK/out" | uniq -d | wc -l) -eq 0 ]] || fail "watch repeated an unchanged line"
if grep -q ' Completed ' <<< "$(head -n -1 "$WORK/out")"; then fail "watch: a line before the last says Completed"; fi
pass "watch to Completed exits 0, one line per change"

run get "$JOB" --endpoint "$FAST" --json
check_output "
job = json.loads(text)
assert job['state'] == 'Completed' and job['progress'] == 100 and job['completeTime'], job
assert job['importedRows'] == job['totalRows'] > 0
assert all(d['state'] == 'Completed' and d['progress'] == 100 for d in job['details'])
" "get --json after completion"
pass "get after completion"

JOB=$(create_job "$FAST_PORT" "" good.parquet fail-me.parquet)
run watch "$JOB" --endpoint "$FAST" --interval-ms 100
expect_rc 1 "watch to Failed"
grep -q ' Failed .*fail-me.parquet' <<< "$(tail -n 1 "$WORK/out")" || fail "watch: no failure with its reason"
pass "watch to Failed exits 1"

JOB=$(create_job "$FAST_PORT" "" x.parquet y.parquet)
run watch "$JOB" --endpoint "$FAST" --interval-ms 100 --json
expect_rc 0 "watch --json"
check_output "
jobs = [json.loads(line) for line in text.splitlines()]
assert len(jobs) >= 1, len(jobs)
assert all(j['jobId'] == '$JOB' and len(j['details']) == 2 for j in jobs)
progress = [j['progress'] for j in jobs]
assert progress == sorted(progress), progress
assert jobs[-1]['state'] == 'Completed' and all(j['state'] != 'Completed' for j in jobs[:-1])
assert all(a != b for a, b in zip(jobs, jobs[1:])), 'an unchanged job printed again'
" "watch --json: wrong JSON lines"
pass "watch --json prints one object per change"

JOB=$(create_job "$LOCKED_PORT" "$TOKEN" staged.parquet)
run watch "$JOB" --endpoint "$LOCKED" --token "$TOKEN" --interval-ms 100
expect_rc 3 "watch to Uncommitted"
grep -q ' Uncommitted 99% ' <<< "$(tail -n 1 "$WORK/out")" || fail "watch: last line is not Uncommitted"
pass "watch to Uncommitted exits 3"

# --quiet: nothing but the final state, for one job and for several.
QUIET_JOB=$(create_job "$FAST_PORT" "" a.parquet b.parquet)
run watch "$QUIET_JOB" --endpoint "$FAST" --interval-ms 100 --quiet
expect_rc 0 "watch --quiet"
[[ $(wc -l <"$WORK/out") -eq 1 ]] && grep -Eq '^Completed 100% ' "$WORK/out" || fail "watch --quiet: not the final state alone"
run watch "$COMPLETED_JOB" "$FAILED_JOB" --endpoint "$FAST" --interval-ms 100 --quiet
expect_rc 1 "watch --quiet of two jobs"
[[ $(wc -l <"$WORK/out") -eq 2 ]] && grep -q "^$FAILED_JOB Failed " "$WORK/out" || fail "watch --quiet of two: not one final line each"
run import --collection cli_quiet --files q.parquet --watch --quiet --interval-ms 100 --endpoint "$FAST"
expect_rc 0 "import --watch --quiet"
[[ $(wc -l <"$WORK/out") -eq 2 ]] && grep -Eq '^Completed 100% ' <<< "$(tail -n 1 "$WORK/out")" ||
  fail "import --watch --quiet: not the id and the final state alone"
pass "--quiet prints only the final state"

# --- watch of several jobs, on each flavor: the exit status says how the worst one ended
# flavor_flags FLAVOR: sets FLAGS to the connection flags of that flavor on the FAST emulator.
flavor_flags() {
  case $1 in
    milvus) FLAGS=(--endpoint "$FAST") ;;
    cloud) FLAGS=(--endpoint "$FAST" --api cloud --cluster-id "$SCENARIO_CLUSTER" --token "$TOKEN") ;;
  esac
}

for flavor in milvus cloud; do
  flavor_flags "$flavor"
  run watch "$COMPLETED_JOB" "$FAILED_JOB" "${FLAGS[@]}" --interval-ms 100
  expect_rc 1 "$flavor: watch of a completed and a failed job"
  grep -Eq "^[0-9:]+ $COMPLETED_JOB Completed 100% " "$WORK/out" || fail "$flavor: no line for the completed job"
  grep -Eq "^[0-9:]+ $FAILED_JOB Failed .*: the data file is corrupted\$" "$WORK/out" ||
    fail "$flavor: no line with the failed job's reason"
  [[ $(wc -l <"$WORK/out") -eq 2 ]] || fail "$flavor: finished jobs were polled again"
  pass "$flavor: watch of several jobs exits 1 when one failed"

  run watch "$COMPLETED_JOB" "$FAILED_JOB" "${FLAGS[@]}" --interval-ms 100 --json
  expect_rc 1 "$flavor: watch --json of two jobs"
  check_output "
jobs = [json.loads(line) for line in text.splitlines()]
assert sorted(j['jobId'] for j in jobs) == sorted(['$COMPLETED_JOB', '$FAILED_JOB']), jobs
assert {j['jobId']: j['state'] for j in jobs} == {'$COMPLETED_JOB': 'Completed', '$FAILED_JOB': 'Failed'}
" "$flavor: watch --json of two jobs: wrong JSON lines"
  pass "$flavor: watch --json of several jobs names the job on each line"

  run watch "$COMPLETED_JOB" "$SLOW_JOB" "${FLAGS[@]}" --interval-ms 100 --max-wait 500
  expect_rc 2 "$flavor: watch of an unending job with --max-wait"
  grep -q '^mip: MIP_ERR_TIMEOUT: 1 of 2 jobs not finished' "$WORK/err" || fail "$flavor: no MIP_ERR_TIMEOUT message"
  pass "$flavor: --max-wait ends a watch of several jobs with 2"

  run watch "$COMPLETED_JOB" 123456789 "${FLAGS[@]}" --interval-ms 100
  expect_rc 2 "$flavor: watch of an unknown job among several"
  grep -q '^mip: MIP_ERR_NOT_FOUND: job 123456789: ' "$WORK/err" || fail "$flavor: the error does not name the job"
  pass "$flavor: an unknown job among several exits 2, naming it"
done

NEW_JOB=$(create_job "$FAST_PORT" "" a.parquet b.parquet)
run watch "$COMPLETED_JOB" "$NEW_JOB" --endpoint "$FAST" --interval-ms 100
expect_rc 0 "watch of two jobs that complete"
grep -Eq "^[0-9:]+ $NEW_JOB Completed 100% " <<< "$(tail -n 1 "$WORK/out")" ||
  fail "watch of two: the new job did not end last"
[[ $(grep -c "^[0-9:]* $COMPLETED_JOB " "$WORK/out") -eq 1 ]] || fail "watch of two: the completed job was polled again"
pass "watch of several jobs exits 0 when all completed"

STAGED=$(create_job "$LOCKED_PORT" "$TOKEN" staged.parquet)
STAGED_TOO=$(create_job "$LOCKED_PORT" "$TOKEN" staged-too.parquet)
FAILING=$(create_job "$LOCKED_PORT" "$TOKEN" fail-me.parquet)
run watch "$STAGED" "$STAGED_TOO" --endpoint "$LOCKED" --token "$TOKEN" --interval-ms 100
expect_rc 3 "watch of two uncommitted jobs"
run watch "$STAGED" "$FAILING" --endpoint "$LOCKED" --token "$TOKEN" --interval-ms 100
expect_rc 1 "watch of an uncommitted and a failed job"
pass "watch of several jobs exits 3 when one is uncommitted and none failed"

# --- commit and abort of two-phase imports
run commit "$STAGED" --endpoint "$LOCKED" --token "$TOKEN"
expect_rc 0 "commit of an uncommitted job"
[[ ! -s $WORK/out && ! -s $WORK/err ]] || fail "commit printed something"
run watch "$STAGED" --endpoint "$LOCKED" --token "$TOKEN" --interval-ms 100
expect_rc 0 "watch of a committed job"
run commit "$STAGED" --endpoint "$LOCKED" --token "$TOKEN"
expect_rc 2 "commit of a completed job"
grep -q "^mip: MIP_ERR_SERVER: .*cannot commit import job $STAGED" "$WORK/err" || fail "no message of the refused commit"
pass "commit exits 0, and 2 when the server refuses it"

run abort "$STAGED_TOO" --endpoint "$LOCKED" --token "$TOKEN"
expect_rc 0 "abort of an uncommitted job"
run abort "$STAGED_TOO" --endpoint "$LOCKED" --token "$TOKEN"
expect_rc 0 "abort of an aborted job"
run watch "$STAGED_TOO" --endpoint "$LOCKED" --token "$TOKEN" --interval-ms 100
expect_rc 1 "watch of an aborted job"
grep -q ' Failed .*aborted' "$WORK/out" || fail "the aborted job does not say so"
pass "abort exits 0, again for an aborted job, and the job ends Failed"

for command in commit abort; do
  run "$command" 123456789 --endpoint "$FAST"
  expect_rc 2 "$command of an unknown job"
  grep -q '^mip: MIP_ERR_NOT_FOUND: ' "$WORK/err" || fail "$command of an unknown job: no MIP_ERR_NOT_FOUND message"
  run "$command" 1 --endpoint "$FAST" --api cloud-v1 --cluster-id c1 --token "$TOKEN"
  expect_rc 2 "$command on cloud-v1"
  grep -q '^mip: MIP_ERR_UNSUPPORTED: ' "$WORK/err" || fail "$command on cloud-v1: no MIP_ERR_UNSUPPORTED message"
  run "$command" --endpoint "$FAST"
  expect_rc 2 "$command without a job id"
done
pass "commit and abort exit 2 on an unknown job, an unsupported flavor and a missing id"

# --- import and list, on each flavor
for flavor in milvus cloud; do
  flavor_flags "$flavor"
  collection=cli_import_$flavor
  run import --collection "$collection" --files a.parquet --files b.npy,c.npy "${FLAGS[@]}"
  expect_rc 0 "$flavor: import"
  grep -Eqx '[0-9A-Za-z_-]+' "$WORK/out" && [[ $(wc -l <"$WORK/out") -eq 1 ]] || fail "$flavor: import did not print an id alone"
  [[ ! -s $WORK/err ]] || fail "$flavor: a successful import printed on stderr"
  FIRST=$(cat "$WORK/out")
  run get "$FIRST" "${FLAGS[@]}" --json
  expect_rc 0 "$flavor: get of the imported job"
  check_output "
job = json.loads(text)
assert job['collectionName'] == '$collection', job
assert len(job['details']) == 2, job['details']
" "$flavor: the imported job has not two groups of files"
  pass "$flavor: import prints the new job's id, one group per --files"

  run import --collection "$collection" --files d.parquet --partition p1 --option timeout=300s --option 'sep=;' \
    --idempotency-key "cli-$flavor-key" --json "${FLAGS[@]}"
  expect_rc 0 "$flavor: import --json"
  check_output "
answer = json.loads(text)
assert list(answer) == ['jobId'] and answer['jobId'] and text.count('\n') == 1, text
" "$flavor: import --json is not {\"jobId\":...}"
  SECOND=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["jobId"])' <"$WORK/out")
  run import --collection "$collection" --files d.parquet --idempotency-key "cli-$flavor-key" "${FLAGS[@]}"
  expect_rc 0 "$flavor: import repeated with its idempotency key"
  [[ $(cat "$WORK/out") == "$SECOND" ]] || fail "$flavor: the repeated import made a new job"
  pass "$flavor: import --json, with --partition, --option and --idempotency-key"

  run import --collection "$collection" --files e.parquet --watch --interval-ms 100 "${FLAGS[@]}"
  expect_rc 0 "$flavor: import --watch"
  THIRD=$(head -n 1 "$WORK/out")
  grep -Eq '^[0-9:]+ Completed 100% ' <<< "$(tail -n 1 "$WORK/out")" || fail "$flavor: import --watch did not end Completed"
  run import --collection "$collection" --files f.parquet --watch --json --interval-ms 100 "${FLAGS[@]}"
  expect_rc 0 "$flavor: import --watch --json"
  check_output "
lines = [json.loads(line) for line in text.splitlines()]
assert list(lines[0]) == ['jobId'], lines[0]
assert all(j['jobId'] == lines[0]['jobId'] for j in lines[1:]) and lines[-1]['state'] == 'Completed', lines
" "$flavor: import --watch --json: wrong JSON lines"
  pass "$flavor: import --watch follows the new job to its end"

  run import --collection "$collection" --files staged.parquet --no-auto-commit --watch --interval-ms 100 "${FLAGS[@]}"
  expect_rc 3 "$flavor: import --no-auto-commit --watch"
  STAGED=$(head -n 1 "$WORK/out")
  run watch "$COMPLETED_JOB" "$STAGED" "${FLAGS[@]}" --interval-ms 100
  expect_rc 3 "$flavor: watch of a completed and an uncommitted job"
  run commit "$STAGED" "${FLAGS[@]}"
  expect_rc 0 "$flavor: commit"
  run watch "$STAGED" "${FLAGS[@]}" --interval-ms 100
  expect_rc 0 "$flavor: watch of the committed job"
  pass "$flavor: import --no-auto-commit stops at Uncommitted (exit 3) until a commit"

  run list --collection "$collection" "${FLAGS[@]}"
  expect_rc 0 "$flavor: list"
  grep -Eq '^JOB ID +COLLECTION +STATE +PROGRESS +REASON$' <<< "$(head -n 1 "$WORK/out")" || fail "$flavor: list: no header"
  [[ $(wc -l <"$WORK/out") -eq 6 ]] || fail "$flavor: list: not a line for each of the 5 jobs"
  for job in "$FIRST" "$SECOND" "$THIRD" "$STAGED"; do
    grep -Eq "^$job +$collection +[A-Z][a-z]+ +([0-9]+%|-)" "$WORK/out" || fail "$flavor: list: no line for $job"
  done
  grep -Eq "^$THIRD +$collection +Completed +100%$" "$WORK/out" || fail "$flavor: list: the watched job is not Completed"
  run list --collection "$collection" --json "${FLAGS[@]}"
  expect_rc 0 "$flavor: list --json"
  check_output "
jobs = json.loads(text)
fields = ['jobId','collectionName','fileName','state','stateText','progress','importedRows','totalRows',
          'fileSize','createTime','completeTime','reason','details']
assert text.count('\n') == 1 and isinstance(jobs, list) and len(jobs) == 5, jobs
assert all(list(j) == fields and j['collectionName'] == '$collection' for j in jobs), jobs
assert {'$FIRST', '$SECOND', '$THIRD', '$STAGED'} <= {j['jobId'] for j in jobs}
assert [j['state'] for j in jobs if j['jobId'] == '$THIRD'] == ['Completed']
" "$flavor: list --json: wrong array"
  run list --json "${FLAGS[@]}"
  expect_rc 0 "$flavor: list of every collection"
  check_output "
ids = [j['jobId'] for j in json.loads(text)]
assert len(ids) == len(set(ids)) and {'$COMPLETED_JOB', '$FAILED_JOB', '$FIRST'} <= set(ids), ids
" "$flavor: list of every collection: jobs missing or repeated"
  pass "$flavor: list prints a table and a JSON array of the jobs"
done

run import --collection c --files a.parquet --option no-equals-sign --endpoint "$FAST"
expect_rc 2 "import with an --option without ="
grep -q '^--option: expected KEY=VALUE' "$WORK/err" || fail "--option without =: no usage message"
run import --collection c --files a.parquet --option =value --endpoint "$FAST"
expect_rc 2 "import with an --option with an empty key"
run import --files a.parquet --endpoint "$FAST"
expect_rc 2 "import without --collection"
run import --collection c --endpoint "$FAST"
expect_rc 2 "import without --files"
run import --collection c --files a.parquet --idempotency-key "" --endpoint "$FAST"
expect_rc 2 "import with an empty idempotency key"
run list --collection --endpoint "$FAST"
expect_rc 2 "list --collection without a name"
pass "import and list exit 2 on bad flags"

# The secret key: accepted by the cloud, refused with Milvus (no keys there),
# and in no output whatever happens (checked on the transcript at the end).
flavor_flags cloud
run import --collection c --files s3://bucket/a.parquet --access-key AKIA-cli --secret-key "$SECRET_KEY" "${FLAGS[@]}"
expect_rc 0 "cloud: import with object storage keys"
run import --collection c --files a.parquet --access-key AKIA-cli --secret-key "$SECRET_KEY" --endpoint "$FAST"
expect_rc 2 "milvus: import with object storage keys"
grep -q '^mip: MIP_ERR_INVALID_ARGUMENT: ' "$WORK/err" || fail "milvus with keys: no MIP_ERR_INVALID_ARGUMENT message"
# Refused before anything was sent: no job can exist, no key to retry with.
if grep -q 'idempotency-key' "$WORK/err"; then fail "a create refused before sending showed a key to retry with"; fi
MIP_ACCESS_KEY=AKIA-cli MIP_SECRET_KEY=$SECRET_KEY run import --collection c --files a.parquet --endpoint "$FAST"
expect_rc 2 "milvus: import with object storage keys from the environment"
run import --collection c --files a.parquet --secret-key "$SECRET_KEY" --endpoint "$FAST"
expect_rc 2 "import with a secret key and no access key"
run import --collection c --files a.parquet --access-key AKIA-cli --secret-keyx "$SECRET_KEY" --endpoint "$FAST"
expect_rc 2 "import with a mistyped --secret-key"
MIP_SECRET_KEY=$SECRET_KEY MIP_ACCESS_KEY=AKIA-cli run import --help
expect_rc 0 "import --help with the keys in the environment"
pass "object storage keys are checked by flavor"

# A server that quotes the request back in its refusal, secret key and all.
start_answering_server echo "$WORK/echo.port"
run import --collection c --files s3://bucket/a.parquet --access-key AKIA-cli --secret-key "$SECRET_KEY" \
  --endpoint "http://127.0.0.1:$(cat "$WORK/echo.port")" --api cloud --cluster-id c1 --token "$TOKEN"
expect_rc 2 "import refused by a server that echoes the request"
grep -q '^mip: MIP_ERR_SERVER: .*invalid request' "$WORK/err" || fail "echoing server: no MIP_ERR_SERVER message"
[[ $(retry_key) =~ ^mip-[0-9a-f]{32}$ ]] || fail "a create the server refused: no key to retry with"
pass "a refusal that quotes the request is reported (the secret key masked)"

# --- errors
no_token_shown() {
  if grep -qF "$WRONG_TOKEN" "$WORK/out" "$WORK/err"; then fail "$1: the token was printed"; fi
}
run get "$JOB" --endpoint "$LOCKED" --token "$WRONG_TOKEN"
expect_rc 2 "get with a wrong token"
grep -q '^mip: MIP_ERR_AUTH: ' "$WORK/err" || fail "wrong token: no MIP_ERR_AUTH message"
no_token_shown "get"
run watch "$JOB" --endpoint "$LOCKED" --token "$WRONG_TOKEN" --interval-ms 100
expect_rc 2 "watch with a wrong token"
grep -q '^mip: MIP_ERR_AUTH: ' "$WORK/err" || fail "watch, wrong token: no MIP_ERR_AUTH message"
no_token_shown "watch"
RC=0
MIP_TOKEN=$WRONG_TOKEN timeout "$CALL_SECONDS" "$MIP" watch --help >"$WORK/out" 2>"$WORK/err" || RC=$?
expect_rc 0 "watch --help"
no_token_shown "watch --help"
pass "a wrong token exits 2 without showing the token"

# An HTTP 500 is no transient failure for the library, so none for mip watch.
start_answering_server http500 "$WORK/http500.port"
run watch 1 --endpoint "http://127.0.0.1:$(cat "$WORK/http500.port")" --interval-ms 100
expect_rc 2 "watch through an HTTP 500"
grep -q '^mip: MIP_ERR_HTTP: .*HTTP 500' "$WORK/err" || fail "HTTP 500: no MIP_ERR_HTTP message"
[[ $(grep -c 'HTTP 500' "$WORK/err") == 1 ]] || fail "watch went on polling through an HTTP 500"
pass "an HTTP 500 ends mip watch, as it ends the library's wait"

# A list that ends short of the server's count is shown, and said to be partial.
start_answering_server repeat "$WORK/repeat.port"
for format in table json; do
  args=(list --endpoint "http://127.0.0.1:$(cat "$WORK/repeat.port")" --api cloud --cluster-id c1 --token list-token-1234)
  [[ $format == json ]] && args+=(--json)
  run "${args[@]}"
  expect_rc 0 "list ($format) of a server that repeats its page"
  grep -q 'job-1' "$WORK/out" || fail "list ($format) short of its count: the job it did list is missing"
  grep -q 'may be partial' "$WORK/err" || fail "list ($format) short of its count: not said to be partial"
done
pass "a list short of the server's count is shown and said to be partial"

# --- the idempotency key after a create that may have reached the server.
# mip picks the key itself (unless given one) and shows it, so the user can
# retry without a second job whatever the library's message says.
: >"$WORK/http500.keys"
start_answering_server http500 "$WORK/create500.port" "$WORK/http500.keys"
CREATE500="http://127.0.0.1:$(cat "$WORK/create500.port")"
run import --collection c --files a.parquet --endpoint "$CREATE500"
expect_rc 2 "import answered with HTTP 500"
grep -q '^mip: MIP_ERR_HTTP: .*HTTP 500' "$WORK/err" || fail "import through an HTTP 500: no MIP_ERR_HTTP message"
KEY=$(retry_key)
[[ $KEY =~ ^mip-[0-9a-f]{32}$ ]] || fail "import through an HTTP 500: no retry line with a key like mip-<32 hex digits>"
[[ ! -s $WORK/out ]] || fail "import through an HTTP 500 printed something on stdout"
# Exactly one create reached the server (one that may have acted is not
# retried), and it carried the key shown.
[[ $(cat "$WORK/http500.keys") == "$KEY" ]] || fail "the key shown ($KEY) is not the one sent: $(cat "$WORK/http500.keys")"
run import --collection c --files a.parquet --endpoint "$CREATE500" --json
expect_rc 2 "import --json answered with HTTP 500"
SECOND_KEY=$(retry_key)
[[ $SECOND_KEY =~ ^mip-[0-9a-f]{32}$ && $SECOND_KEY != "$KEY" ]] ||
  fail "a second import did not get a new key: '$SECOND_KEY' after '$KEY'"
[[ $(tail -n 1 "$WORK/http500.keys") == "$SECOND_KEY" ]] || fail "the second key shown is not the one sent"
run import --collection c --files a.parquet --endpoint "$CREATE500" --idempotency-key my-import-7 \
  --api cloud --cluster-id c1 --token "$TOKEN" --access-key AKIA-cli --secret-key "$SECRET_KEY"
expect_rc 2 "cloud: import with a key of one's own answered with HTTP 500"
[[ $(retry_key) == my-import-7 && $(tail -n 1 "$WORK/http500.keys") == my-import-7 ]] ||
  fail "the retry line does not name the key given"
[[ $(wc -l <"$WORK/http500.keys") -eq 3 ]] || fail "a create answered with HTTP 500 was sent again"
pass "a create answered with HTTP 500 shows the key sent (a new random one per run, or the one given)"

# A create the server received and never answered, interrupted: the job may
# exist, so the key is shown here too.
: >"$WORK/stall.keys"
start_answering_server stall "$WORK/stall.port" "$WORK/stall.keys"
# The call's own time limit (--timeout) far beyond the wait for the signal.
start_background import --collection c --files a.parquet --endpoint "http://127.0.0.1:$(cat "$WORK/stall.port")" \
  --timeout 3600000
wait_for_line "$WORK/stall.keys" '^mip-[0-9a-f]{32}$' "$WAIT_SECONDS" ||
  fail "the create did not reach the stalling server within $WAIT_SECONDS s"
stop_background INT "import interrupted while the server holds its create"
grep -qx "mip: to retry safely (Milvus >= 2.6.24 / 3.0.2), repeat the import with --idempotency-key $(cat "$WORK/stall.keys")" \
  "$WORK/bg.err" || fail "interrupted import: no retry line with the key sent"
[[ ! -s $WORK/bg.out ]] || fail "interrupted import printed something on stdout"
pass "an import interrupted after its create reached the server shows the key sent"

# A mistyped flag leaves its value unexpected: the message must not quote it.
run get "$JOB" --endpoint "$LOCKED" --tokenx "$WRONG_TOKEN"
expect_rc 2 "get with a mistyped --token"
grep -q '^mip: unexpected arguments: --tokenx and 1 value' "$WORK/err" || fail "mistyped flag: no usage message"
no_token_shown "a mistyped --token"
pass "a mistyped flag exits 2 without showing its value"

run get 123456789 --endpoint "$FAST"
expect_rc 2 "get of an unknown job"
grep -q '^mip: MIP_ERR_NOT_FOUND: ' "$WORK/err" || fail "unknown job: no MIP_ERR_NOT_FOUND message"
run watch 123456789 --endpoint "$FAST" --interval-ms 100
expect_rc 2 "watch of an unknown job"
pass "an unknown job exits 2"

run get 1 --endpoint "http://127.0.0.1:$FAST_PORT/nothing-here" --api cloud-v1 --cluster-id c1
expect_rc 2 "cloud-v1 without a token"
grep -q '^mip: MIP_ERR_INVALID_ARGUMENT: ' "$WORK/err" || fail "no MIP_ERR_INVALID_ARGUMENT message"
pass "an incomplete configuration exits 2"

# --- configuration from the environment
RC=0
MIP_ENDPOINT=$LOCKED MIP_TOKEN=$TOKEN MIP_API=milvus MIP_DB=default MIP_TIMEOUT_MS=60000 \
  timeout "$CALL_SECONDS" "$MIP" get "$JOB" --json >"$WORK/out" 2>"$WORK/err" || RC=$?
expect_rc 0 "get configured by the environment"
check_output "assert json.loads(text)['state'] == 'Uncommitted'" "get from the environment: wrong job"
RC=0
MIP_ENDPOINT=$LOCKED MIP_TOKEN=$TOKEN MIP_TIMEOUT_MS=0 timeout "$CALL_SECONDS" "$MIP" get "$JOB" >"$WORK/out" 2>"$WORK/err" || RC=$?
expect_rc 2 "MIP_TIMEOUT_MS=0 is refused"
pass "configuration from the environment"

# --- flags beat the environment: for every option that has a variable, on
# every subcommand, the variable says one thing and the flag another, and
# what reached the server (the echoing server quotes the body back in its
# refusal, and records the Authorization header) is the flag's.
# free_port: a port nothing listens on (bound by the system, then closed).
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
REFUSED="http://127.0.0.1:$(free_port)"
: >"$WORK/flags.auth"
RECORD_HEADER=Authorization start_answering_server echo "$WORK/flags.port" "$WORK/flags.auth"
ECHO="http://127.0.0.1:$(cat "$WORK/flags.port")"
# Milvus takes the database from the DB-Name header, not from the body.
: >"$WORK/flags.db"
RECORD_HEADER=DB-Name start_answering_server echo "$WORK/flags-db.port" "$WORK/flags.db"
DB_ECHO="http://127.0.0.1:$(cat "$WORK/flags-db.port")"
start_answering_server stall "$WORK/flags-stall.port"
STALL="http://127.0.0.1:$(cat "$WORK/flags-stall.port")"
# run_env VAR=VALUE... -- ARGS...: run, with those variables set.
run_env() {
  local vars=()
  while [[ $1 != -- ]]; do vars+=("$1"); shift; done
  shift
  RC=0
  env "${vars[@]}" timeout "$CALL_SECONDS" "$MIP" "$@" >"$WORK/out" 2>"$WORK/err" || RC=$?
  cat "$WORK/out" "$WORK/err" >>"$WORK/transcript"
}
# sent WHAT TEXT...: each TEXT is in the request the echoing server quoted.
sent() {
  local what=$1 text
  shift
  grep -q '^mip: MIP_ERR_SERVER: .*invalid request' "$WORK/err" || fail "$what: the echoing server was not reached"
  for text in "$@"; do grep -qF -- "$text" "$WORK/err" || fail "$what: '$text' not sent"; done
}
not_sent() { if grep -qF -- "$2" "$WORK/err"; then fail "$1: the variable's '$2' was sent"; fi; }
declare -A COMMAND_ARGS=(
  [import]="import --collection c --files s3://bucket/a.parquet"
  [list]="list"
  [get]="get 1"
  [watch]="watch 1 --interval-ms 100"
  [commit]="commit 1"
  [abort]="abort 1"
)
EXISTING_FILE=$CLI_SCENARIO  # any file that exists: an http endpoint reads no CA file
for command in import list get watch commit abort; do
  read -ra args <<< "${COMMAND_ARGS[$command]}"
  run_env MIP_ENDPOINT="$REFUSED" -- "${args[@]}" --endpoint "$ECHO"
  expect_rc 2 "$command: MIP_ENDPOINT against --endpoint"
  sent "$command: --endpoint"
  run_env MIP_ENDPOINT="$ECHO" MIP_TOKEN="$TOKEN" MIP_API=milvus -- "${args[@]}" --api cloud --cluster-id flag-cluster
  expect_rc 2 "$command: MIP_API against --api"
  sent "$command: --api" flag-cluster
  run_env MIP_ENDPOINT="$ECHO" MIP_TOKEN="$TOKEN" MIP_API=cloud MIP_CLUSTER_ID=env-cluster -- "${args[@]}" --cluster-id flag-cluster
  expect_rc 2 "$command: MIP_CLUSTER_ID against --cluster-id"
  sent "$command: --cluster-id" flag-cluster
  not_sent "$command: --cluster-id" env-cluster
  run_env MIP_ENDPOINT="$ECHO" MIP_TOKEN="$TOKEN" MIP_API=cloud MIP_PROJECT_ID=env-project MIP_REGION_ID=env-region -- \
    "${args[@]}" --project-id flag-project --region-id flag-region
  expect_rc 2 "$command: MIP_PROJECT_ID and MIP_REGION_ID against their flags"
  sent "$command: --project-id --region-id" flag-project flag-region
  not_sent "$command: --project-id" env-project
  not_sent "$command: --region-id" env-region
  run_env MIP_ENDPOINT="$DB_ECHO" MIP_DB=env_db -- "${args[@]}" --db flag_db
  expect_rc 2 "$command: MIP_DB against --db"
  sent "$command: --db"
  [[ $(tail -n 1 "$WORK/flags.db") == flag_db ]] || fail "$command: the database sent is not --db's"
  # Compared, never printed.
  run_env MIP_ENDPOINT="$ECHO" MIP_TOKEN="$WRONG_TOKEN" -- "${args[@]}" --token "$TOKEN"
  expect_rc 2 "$command: MIP_TOKEN against --token"
  sent "$command: --token"
  [[ $(tail -n 1 "$WORK/flags.auth") == "Bearer $TOKEN" ]] || fail "$command: the token sent is not --token's"
  run_env MIP_ENDPOINT="$ECHO" MIP_CA_FILE="$WORK/no-such-ca.pem" -- "${args[@]}" --ca-file "$EXISTING_FILE"
  expect_rc 2 "$command: MIP_CA_FILE against --ca-file"
  sent "$command: --ca-file"
  # A server that never answers: the flag's time limit ends the call, the
  # variable's hour would outlast timeout(1). (A watch whose first poll got
  # no answer ends there: see "fails fast" below.)
  run_env MIP_ENDPOINT="$STALL" MIP_TIMEOUT_MS=3600000 -- "${args[@]}" --timeout 200
  expect_rc 2 "$command: MIP_TIMEOUT_MS against --timeout"
  grep -Eq '^mip: MIP_ERR_TIMEOUT: .*timed out after [0-9]{1,3} ms' "$WORK/err" ||
    fail "$command: --timeout did not end the call"
  pass "$command: every connection flag beats its environment variable"
done
run_env MIP_ENDPOINT="$ECHO" MIP_TOKEN="$TOKEN" MIP_API=cloud MIP_CLUSTER_ID=c1 MIP_ACCESS_KEY=env-access MIP_SECRET_KEY=env-secret-1f3e -- \
  import --collection c --files s3://bucket/a.parquet --access-key flag-access --secret-key "$SECRET_KEY"
expect_rc 2 "import: MIP_ACCESS_KEY and MIP_SECRET_KEY against their flags"
sent "import: --access-key" flag-access
not_sent "import: --access-key" env-access
not_sent "import: --secret-key" env-secret-1f3e
pass "import: --access-key and --secret-key beat their environment variables"

# --- a watch that cannot reach its server fails fast (exit 2, the error),
# one or several jobs; bounded with the slack of a loaded machine.
# fails_fast WHAT ERROR ENDPOINT JOB...
fails_fast() {
  local what=$1 error=$2 endpoint=$3 started=$SECONDS
  shift 3
  run watch "$@" --endpoint "$endpoint" --interval-ms 100
  expect_rc 2 "$what"
  ((SECONDS - started <= WAIT_SECONDS)) || fail "$what: took more than $WAIT_SECONDS s"
  grep -q "^mip: $error: " "$WORK/err" || fail "$what: no $error message"
}
fails_fast "watch of a refused port" MIP_ERR_CONNECT "$REFUSED" 1
fails_fast "watch of several jobs on a refused port" MIP_ERR_CONNECT "$REFUSED" 1 2
pass "a watch of a refused port exits 2 at once"
fails_fast "watch of an unknown host" MIP_ERR_CONNECT "http://mip-no-such-host.invalid:1" 1
fails_fast "watch of several jobs on an unknown host" MIP_ERR_CONNECT "http://mip-no-such-host.invalid:1" 1 2
pass "a watch of an unknown host exits 2 at once"
# TLS spoken to a plain-HTTP server (the echoing one): the handshake fails
# before any poll, and MIP_ERR_TLS is not transient.
fails_fast "watch over TLS of a plain-HTTP server" MIP_ERR_TLS "https${ECHO#http}" 1
fails_fast "watch of several jobs over TLS of a plain-HTTP server" MIP_ERR_TLS "https${ECHO#http}" 1 2
pass "a watch whose TLS handshake fails exits 2 at once"
# A server that takes the connection and never answers: the first poll's
# time limit ends the watch (no answer is not a server that is there).
fails_fast "watch of a server that never answers" MIP_ERR_TIMEOUT "$STALL" 1 --timeout 500
pass "a watch whose first poll gets no answer exits 2 at its time limit"

# rides_out MODE WHAT: a watch of answering_server.py's MODE, which answers
# 503 for a while, shows the 503 and ends Completed.
rides_out() {
  local mode=$1 what=$2
  start_answering_server "$mode" "$WORK/$mode.port"
  run watch job-1 --endpoint "http://127.0.0.1:$(cat "$WORK/$mode.port")" --interval-ms 10
  expect_rc 0 "$what"
  grep -q '^mip: MIP_ERR_HTTP: .*HTTP 503' "$WORK/err" || fail "$what: the 503 not shown"
  grep -Eq '^[0-9:]+ Completed 100% ' <<< "$(tail -n 1 "$WORK/out")" || fail "$what: not Completed at the end"
  pass "$what"
}
rides_out recover "a watch rides out a transient outage once a poll has succeeded"
# A server that answers, if only 503, is there: a watch rides that out even
# before its first successful poll (only one that gives no answer fails fast).
rides_out waking "a watch rides out a server answering 503 before its first success"

# --- interruption: SIGINT and SIGTERM end a watch at once with 130, after
# it showed the progress of jobs that cannot end meanwhile. The pause
# between polls is an hour: a watch that ends within WAIT_SECONDS of the
# signal was woken by it.
start_background watch "$HALFWAY_JOB" --endpoint "$STILL" --interval-ms 3600000
wait_for_line "$WORK/bg.out" '^[0-9:]+ Importing [1-8][0-9]% [1-9][0-9,]*/200,000 rows, 0/2 files done$' "$WAIT_SECONDS" ||
  fail "SIGINT: no progress line of the job half-way within $WAIT_SECONDS s"
stop_background INT "watch interrupted by SIGINT"
pass "SIGINT ends a watch with 130, after the progress of a job half-way"

start_background watch "$HALFWAY_JOB" --endpoint "$STILL" --interval-ms 3600000 --json
wait_for_line "$WORK/bg.out" '^\{.*\}$' "$WAIT_SECONDS" || fail "SIGTERM: no JSON line within $WAIT_SECONDS s"
stop_background TERM "watch --json interrupted by SIGTERM"
python3 -c "
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 1, lines
job = json.loads(lines[0])
assert job['jobId'] == '$HALFWAY_JOB' and job['state'] == 'Importing', job
assert 10 <= job['progress'] < 90 and 0 < job['importedRows'] < job['totalRows'], job
" "$WORK/bg.out" || fail "SIGTERM: the JSON line is not the job half-way"
pass "SIGTERM ends a watch --json with 130, after the job half-way as JSON"

# The same for a watch of several jobs, which sleeps between rounds itself.
start_background watch "$CONTROLS_JOB" "$HALFWAY_JOB" --endpoint "$STILL" --interval-ms 3600000
wait_for_line "$WORK/bg.out" "^[0-9:]+ $HALFWAY_JOB Importing [1-8][0-9]% " "$WAIT_SECONDS" ||
  fail "SIGINT, several jobs: no progress line of the job half-way within $WAIT_SECONDS s"
stop_background INT "watch of several jobs interrupted by SIGINT"
grep -Eq "^[0-9:]+ $CONTROLS_JOB Failed " "$WORK/bg.out" || fail "SIGINT, several jobs: no line of the failed job"
pass "SIGINT ends a watch of several jobs with 130"

# Not through fail, which would print the outputs that hold it.
if grep -qF "$SECRET_KEY" "$WORK/transcript"; then
  echo "FAIL: the secret key appeared in mip's output" >&2
  exit 1
fi
pass "the secret key appeared in no output"

echo "all cli tests passed"

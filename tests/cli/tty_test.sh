#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `mip watch` on a real terminal: runs it in tmux panes 100 and 40 columns
# wide against mip-emulator, and checks the final screen. One job: the
# overall bar and every file bar at 100 %, exit status 0. Three jobs (a new
# one and the shared scenario's completed and failed ones): a bar per job,
# exit status 1. Either way drawn once (redrawn in place, not appended) and
# within the pane's width. A job with CJK and emoji file names (two columns
# a character): its bars line up, counted in columns, and fit the pane.
# `mip list` cuts its reasons to the pane, and `mip help import` wraps to
# it, the terminal's width beating $COLUMNS.
#
# Only final screens are checked, so no check depends on how fast the
# machine is; each wait is bounded by the clock and a count, with the slack
# of a machine three times oversubscribed running a ThreadSanitizer build.
#
# Usage: tty_test.sh PATH/TO/mip PATH/TO/mip-emulator
set -euo pipefail

MIP=$(realpath "$1")
MIP_EMULATOR=$(realpath "$2")
export MIP_EMULATOR
SOCKET=mip-tty-test-$$
WORK=$(mktemp -d)
WATCH_SECONDS=120  # one mip watch to its jobs' end
WAIT_SECONDS=60    # the emulator to start, a create to be answered
export MIP_EMULATOR_START_SECONDS=${MIP_EMULATOR_START_SECONDS:-$WAIT_SECONDS}
# shellcheck source=tests/support/emulator.sh
source "$(dirname "$0")/../support/emulator.sh"

cleanup() {
  tmux -L "$SOCKET" kill-server 2>/dev/null || true
  stop_emulators
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  [[ -f $WORK/screen ]] && sed 's/^/  screen: /' "$WORK/screen" >&2
  exit 1
}
pass() { echo "ok - $*"; }

start_emulator ENDPOINT --speed 5 --scenario "$(dirname "$0")/../emulator/scenario.json" ||
  fail "the emulator did not start"
COMPLETED_JOB=448761313698323001  # the shared scenario's
FAILED_JOB=448761313698323000

SHORT_NAMES=(a.parquet b.parquet c.parquet)
LONG_NAME=a-rather-long-file-name-that-narrow-terminals-cannot-show-whole.parquet

# create_job [FILES_JSON]: the default files, or those given as JSON groups.
create_job() {
  local files=${1:-"[[\"a.parquet\"],[\"b.parquet\"],[\"c.parquet\"],[\"$LONG_NAME\"]]"}
  curl -sS --max-time "$WAIT_SECONDS" -X POST "$ENDPOINT/v2/vectordb/jobs/import/create" -H 'Content-Type: application/json' \
    -d "{\"collectionName\":\"tty_test\",\"files\":$files}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["jobId"])'
}
# Wide names, one long enough to be cut at 40 columns.
WIDE_FILES='[["数据-一.parquet"],["😀😀.parquet"],["数据数据数据数据数据数据数据数据数据数据-长.parquet"]]'
export LC_ALL=C.UTF-8  # tmux shows wide characters only in a UTF-8 locale

# check_wide_screen COLUMNS: every bar starts at the same column and no line
# is wider than the pane, in terminal columns (East Asian Width W, F: two).
check_wide_screen() {
  grep -qx 'EXIT=0' "$WORK/screen" || fail "$1 columns, wide names: exit status is not 0"
  if grep -Eq 'Pending|Importing' "$WORK/screen"; then fail "$1 columns, wide names: an earlier display was left behind"; fi
  python3 - "$WORK/screen" "$1" <<'PY' || fail "$1 columns, wide names: bars not aligned or a line too wide"
import re, sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
lines = open(sys.argv[1], encoding='utf-8').read().splitlines()
assert all(width(l) < int(sys.argv[2]) for l in lines), [l for l in lines if width(l) >= int(sys.argv[2])]
bars = [l for l in lines if re.search(r' \[=+\] 100%', l)]
assert len(bars) == 4, bars
starts = {width(l[:re.search(r' \[=+\] 100%', l).start()]) for l in bars}
assert len(starts) == 1, (starts, bars)
PY
}

# run_in_pane SESSION COLUMNS COMMAND [CAPTURE_FLAGS...]: runs the shell
# COMMAND in a new pane that wide, until it prints EXIT=<its status>; leaves
# the final screen (tmux capture-pane with the flags) in $WORK/screen. The
# pane lives on after the command (sleep; the cleanup kills it) so that its
# last screen can be read.
run_in_pane() {
  local session=$1 columns=$2 command=$3 tries
  shift 3
  tmux -L "$SOCKET" -f /dev/null new-session -d -s "$session" -x "$columns" -y 30 "$command; echo EXIT=\$?; sleep 600"
  local deadline=$((SECONDS + WATCH_SECONDS))
  for ((tries = 0; tries < WATCH_SECONDS * 10 && SECONDS <= deadline; tries++)); do
    tmux -L "$SOCKET" capture-pane -p "$@" -t "$session" >"$WORK/screen"
    grep -q '^EXIT=' "$WORK/screen" && return 0
    sleep 0.1
  done
  fail "$columns columns: $command did not end within $WATCH_SECONDS s"
}

# watch_in_pane COLUMNS JOB...: watches the jobs in a new pane that wide;
# leaves the final screen in $WORK/screen.
PANES=0  # panes made so far: each session gets a name of its own
watch_in_pane() {
  PANES=$((PANES + 1))
  local columns=$1
  shift
  run_in_pane "w$columns-$PANES" "$columns" "$(printf '%q' "$MIP") watch $* --endpoint $ENDPOINT --interval-ms 100"
}

# fits COLUMNS: no line of the screen takes the pane's last column, which
# would wrap on some terminals.
fits() {
  ! awk -v max="$(($1 - 1))" 'length($0) > max { found = 1 } END { exit !found }' "$WORK/screen"
}

check_screen() {
  local columns=$1
  grep -qx 'EXIT=0' "$WORK/screen" || fail "$columns columns: exit status is not 0"
  [[ $(grep -Ec '^Completed +\[=+\] 100%$' "$WORK/screen") -eq 1 ]] ||
    fail "$columns columns: not exactly one overall bar at 100 %"
  grep -Eq '^ *([0-9,]+)/\1( rows)? ' "$WORK/screen" || fail "$columns columns: rows are not all imported"
  if grep -Eq 'Pending|Importing' "$WORK/screen"; then fail "$columns columns: an earlier display was left behind"; fi
  [[ $(grep -Ec '^  \S.* \[=+\] 100%' "$WORK/screen") -eq 4 ]] || fail "$columns columns: not four file bars at 100 %"
  local name
  for name in "${SHORT_NAMES[@]}"; do
    grep -Eq "^  \\[${name//./\\.}\\] +\\[=+\\] 100%" "$WORK/screen" || fail "$columns columns: no full bar for $name"
  done
  if grep -qF "$LONG_NAME" "$WORK/screen"; then fail "$columns columns: the long name was not shortened"; fi
  fits "$columns" || fail "$columns columns: a line is wider than the pane"
}

# check_jobs_screen COLUMNS NEW_JOB: the screen of the three-job watch.
check_jobs_screen() {
  local columns=$1 new_job=$2
  grep -qx 'EXIT=1' "$WORK/screen" || fail "$columns columns, three jobs: exit status is not 1"
  [[ $(grep -Ec '\[[=> ]+\] +([0-9]+%|-)' "$WORK/screen") -eq 3 ]] || fail "$columns columns: not exactly three bars"
  local job state
  for job in "$new_job:Completed" "$COMPLETED_JOB:Completed" "$FAILED_JOB:Failed"; do
    state=${job#*:} job=${job%%:*}
    [[ $(grep -c "$job" "$WORK/screen") -eq 1 ]] || fail "$columns columns: job $job is not shown once"
    grep -Eq "^$job +$state( |\$)" "$WORK/screen" || fail "$columns columns: job $job is not shown $state"
  done
  [[ $(grep -Ec '\[=+\] 100%' "$WORK/screen") -eq 2 ]] || fail "$columns columns: not two full bars"
  grep -Eq '^  reason: the data file is corrupted$' "$WORK/screen" || fail "$columns columns: no reason of the failure"
  grep -Eq '^elapsed [0-9:]+  3/3 jobs ended$' "$WORK/screen" || fail "$columns columns: no line of jobs ended"
  if grep -Eq 'Pending|Importing|Unknown' "$WORK/screen"; then fail "$columns columns: an earlier display was left behind"; fi
  fits "$columns" || fail "$columns columns: a line is wider than the pane"
}

for columns in 100 40; do
  watch_in_pane "$columns" "$(create_job)"
  check_screen "$columns"
  pass "watch on a $columns-column terminal ends with every bar at 100 %"
  new_job=$(create_job)
  watch_in_pane "$columns" "$new_job" "$COMPLETED_JOB" "$FAILED_JOB"
  check_jobs_screen "$columns" "$new_job"
  pass "watch of three jobs on a $columns-column terminal shows a bar per job"
  watch_in_pane "$columns" "$(create_job "$WIDE_FILES")"
  check_wide_screen "$columns"
  pass "watch on a $columns-column terminal lines up the bars of CJK and emoji names"
done

# mip list on a 56-column terminal (room for every column but the whole
# reason): the REASON column is cut to the width.
run_in_pane list56 56 "$(printf '%q' "$MIP") list --endpoint $ENDPOINT"
grep -qx 'EXIT=0' "$WORK/screen" || fail "list on 56 columns: exit status is not 0"
grep -q "^$FAILED_JOB " "$WORK/screen" || fail "list on 56 columns: no line of the failed job"
fits 56 || fail "list on 56 columns: a line (its reason) is wider than the pane"
pass "list on a 56-column terminal cuts the reasons to the width"

# mip help import on a 40-column terminal, with COLUMNS saying 200: the
# terminal's own width wins. The whole of it (-S -: scrolled off too), with
# any line the terminal wrapped joined back (-J), fits the pane.
run_in_pane help40 40 "COLUMNS=200 $(printf '%q' "$MIP") help import" -J -S -
grep -qx 'EXIT=0' "$WORK/screen" || fail "help on 40 columns: exit status is not 0"
grep -q -- '^  --idempotency-key TEXT$' "$WORK/screen" || fail "help on 40 columns: no --idempotency-key"
awk 'length($0) > 40 { found = 1 } END { exit found }' "$WORK/screen" || fail "help on 40 columns: a line is wider than the pane"
pass "help on a 40-column terminal wraps to the terminal, not to \$COLUMNS"

echo "all tty tests passed"

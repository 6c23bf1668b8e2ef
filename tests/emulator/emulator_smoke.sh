#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Smoke test for mip-emulator: each flavor's envelopes and field sets, error
# codes, auth, --legacy, every injected fault, job lifecycles, and a clean
# exit on SIGTERM. Usage: emulator_smoke.sh PATH_TO_mip-emulator
set -euo pipefail

EMU=${1:?usage: emulator_smoke.sh PATH_TO_mip-emulator}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
PIDS=()
CHECKS=0
# Seconds after which a request, a start or a stop counts as hung. No check
# waits for it to pass: it only bounds a wait for something that should
# come much sooner, generously enough for a machine three times
# oversubscribed running an emulator built with ThreadSanitizer.
HANG=120

cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
ok() {
  CHECKS=$((CHECKS + 1))
  echo "ok $CHECKS - $*"
}

# start ARGS...: runs the emulator on a free port; sets PID and PORT.
start() {
  local fifo="$WORK/port.$RANDOM" i fd
  mkfifo "$fifo"
  "$EMU" --port 0 "$@" >"$fifo" 2>>"$WORK/stderr" &
  PID=$!
  PIDS+=("$PID")
  exec {fd}<"$fifo"
  PORT=""
  for ((i = 0; i < HANG; i++)); do
    if read -r -t 1 -u "$fd" PORT; then break; fi
    kill -0 "$PID" 2>/dev/null || fail "emulator exited early: $(cat "$WORK/stderr")"
  done
  [[ "$PORT" =~ ^[0-9]+$ ]] || fail "no port on the first line of stdout (got '$PORT')"
  BASE="http://127.0.0.1:$PORT"
  V2="$BASE/v2/vectordb/jobs/import"
}

# stop: SIGTERM, then the emulator must exit by itself with status 0, within
# $HANG s (then it is killed and the check fails).
stop() {
  local rc=0 sleeper first=""
  kill -TERM "$PID"
  sleep "$HANG" &
  sleeper=$!
  wait -n -p first "$PID" "$sleeper" || rc=$?
  if [[ $first != "$PID" ]]; then
    kill -KILL "$PID" 2>/dev/null || true
    fail "emulator still running $HANG s after SIGTERM"
  fi
  kill "$sleeper" 2>/dev/null || true
  wait "$sleeper" 2>/dev/null || true
  [[ $rc -eq 0 ]] || fail "emulator exited with $rc on SIGTERM"
  ok "exits 0 on SIGTERM"
}

# post URL BODY [CURL ARGS...]: prints the response body.
post() {
  local url=$1 body=$2
  shift 2
  curl -sS -m "$HANG" "$@" -H 'Content-Type: application/json' -d "$body" "$url"
}

# keys JSON: the object keys in document order, space separated.
keys() { grep -o '"[A-Za-z]*":' <<<"$1" | tr -d '":' | paste -sd' ' -; }

expect_keys() {  # NAME JSON EXPECTED_KEYS
  [[ "$(keys "$2")" == "$3" ]] || fail "$1: keys '$(keys "$2")' != '$3' in $2"
  ok "$1"
}

expect_match() {  # NAME TEXT ERE
  grep -Eq -- "$3" <<<"$2" || fail "$1: '$2' does not match /$3/"
  ok "$1"
}

# poll NAME URL BODY ERE [CURL ARGS...]: re-asks (at most 600 times, 0.1 s
# apart) until the answer matches.
poll() {
  local name=$1 url=$2 body=$3 ere=$4 i out=""
  shift 4
  for ((i = 0; i < 600; i++)); do
    out=$(post "$url" "$body" "$@")
    if grep -Eq -- "$ere" <<<"$out"; then
      ok "$name"
      return
    fi
    sleep 0.1
  done
  fail "$name: last answer $out"
}

job_id_of() { sed -n 's/.*"jobId":"\([^"]*\)".*/\1/p' <<<"$1"; }
# ids_of JSON: every "jobId":"..." in it, one a line.
ids_of() { grep -o '"jobId":"[^"]*"' <<<"$1" || true; }

MILVUS_JOB_KEYS="code data collectionName completeTime createTime details completeTime fileName fileSize importedRows progress state totalRows"
MILVUS_TAIL="fileSize importedRows jobId progress state totalRows"
CLOUD_DETAIL="fileName fileSize state progress completeTime reason totalRows"
CLOUD_KEYS="code data jobId collectionName fileName fileSize state progress completeTime reason totalRows details $CLOUD_DETAIL"
V1_DETAIL="fileName fileSize readyPercentage completeTime errorMessage"
V1_KEYS="code data collectionName fileName fileSize readyPercentage completeTime errorMessage jobId details $V1_DETAIL"

# ---------------------------------------------------------------- instance 1
# 1000 s of wall time per simulated second: the scenario's jobs stay where
# they start and created ones stay young, whatever time the checks take.
start --scenario "$HERE/scenario.json" --speed 0.001

out=$(post "$V2/create" '{"collectionName":"c1","files":[["a.parquet"],["b.npy","c.npy"]]}')
expect_match "milvus create answers a decimal job id" "$out" '^\{"code":0,"data":\{"jobId":"[0-9]{16,19}"\}\}$'
MJOB=$(job_id_of "$out")
out=$(post "$V2/describe" "{\"jobId\":\"$MJOB\"}")
expect_keys "milvus describe: sorted keys, no empty reason" "$out" \
  "$MILVUS_JOB_KEYS completeTime fileName fileSize importedRows progress state totalRows $MILVUS_TAIL"
expect_match "milvus: Go-printed file names" "$out" '"fileName":"\[a\.parquet\]".*"fileName":"\[b\.npy c\.npy\]"'
expect_match "milvus: completeTime empty until complete" "$out" '"completeTime":"",'
out=$(post "$V2/get_progress" "{\"jobId\":\"$MJOB\"}")
expect_match "milvus get_progress alias" "$out" "^\\{\"code\":0,.*\"jobId\":\"$MJOB\""
out=$(post "$V2/list" '{}')
expect_match "milvus list" "$out" "^\\{\"code\":0,\"data\":\\{\"records\":\\[.*\"jobId\":\"$MJOB\""

out=$(post "$V2/describe" '{"jobId":"448761313698322999"}')
expect_keys "milvus scenario job keys" "$out" \
  "$MILVUS_JOB_KEYS completeTime fileName fileSize importedRows progress state totalRows $MILVUS_TAIL"
expect_match "milvus scenario job half-way through import" "$out" \
  '"importedRows":25[0-9]{3},"jobId":"448761313698322999","progress":45,"state":"Importing","totalRows":150000'
out=$(post "$V2/describe" '{"jobId":"job-01fa0e5d42cjxudhpuehyp"}')
expect_match "milvus: a job in another database is unknown (2100)" "$out" '^\{"code":2100,'
out=$(post "$V2/describe" '{"jobId":"job-01fa0e5d42cjxudhpuehyp"}' -H 'DB-Name: analytics')
expect_match "milvus: DB-Name header selects the database" "$out" '"progress":100,"state":"Completed"'
expect_match "milvus: completeTime set when complete" "$out" '"completeTime":"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z","createTime"'
out=$(post "$V2/describe" '{"jobId":"448761313698323000"}')
expect_match "milvus: scenario failure reports progress 0, Failed, reason" "$out" \
  '"progress":0,"reason":"the data file is corrupted","state":"Failed"'

out=$(post "$V2/describe" '{"jobId":448761313698322999}')
expect_match "milvus: numeric jobId is 1801" "$out" '^\{"code":1801,"message":"can only accept json format request'
out=$(post "$V2/describe" '{"dbName":"default"}')
expect_match "milvus: missing jobId is 1802" "$out" '^\{"code":1802,'
out=$(post "$V2/describe" '{"jobId":')
expect_match "milvus: malformed JSON is 1801" "$out" '^\{"code":1801,'
out=$(post "$V2/describe" '["jobId"]')
expect_match "milvus: non-object body is 1801" "$out" '^\{"code":1801,'
out=$(post "$V2/describe" '{"jobId":"123"}')
expect_match "milvus: unknown job is 2100" "$out" '^\{"code":2100,"message":"import job does not exist, jobID=123'
out=$(post "$V2/create" '{"collectionName":"c","files":"a.parquet"}')
expect_match "milvus create: wrong files type is 1801" "$out" '^\{"code":1801,'

# Milvus takes at most maxImportFileNumPerReq (1024) file groups in a create.
groups_of() {  # N: N one-file groups, as JSON array items
  local i out=""
  for ((i = 1; i <= $1; i++)); do out+="[\"f$i.parquet\"],"; done
  printf '%s' "${out%,}"
}
TOO_MANY='^\{"code":2100,"message":"The max number of import files should not exceed 1024, but got 1025: importing data failed"\}$'
out=$(post "$V2/create" "{\"collectionName\":\"many\",\"files\":[$(groups_of 1025)]}")
expect_match "create: 1025 file groups is 2100, in Milvus's words" "$out" "$TOO_MANY"
out=$(post "$V2/create" "{\"clusterId\":\"in01-a\",\"collectionName\":\"many\",\"objectUrls\":[$(groups_of 1025)]}")
expect_match "cloud create: 1025 file groups is 2100 too" "$out" "$TOO_MANY"
out=$(post "$V2/create" "{\"collectionName\":\"many\",\"files\":[$(groups_of 1024)]}")
expect_match "create: 1024 file groups are taken" "$out" '^\{"code":0,"data":\{"jobId":"[0-9]+"\}\}$'

out=$(post "$V2/create" '{"clusterId":"in01-a","collectionName":"c2","files":[["s3://b/a.parquet"]]}')
expect_match "cloud create answers a job-... id" "$out" '^\{"code":0,"data":\{"jobId":"job-[0-9a-z]{22}"\}\}$'
CJOB=$(job_id_of "$out")
for route in getProgress get_progress describe; do
  out=$(post "$V2/$route" "{\"clusterId\":\"in01-a\",\"jobId\":\"$CJOB\"}")
  expect_keys "cloud $route keys" "$out" "$CLOUD_KEYS"
done
expect_match "cloud: reason sent empty" "$out" '"reason":"",'
out=$(post "$V2/getProgress" '{"projectId":"proj-1","regionId":"aws-us-west-2","jobId":"job-01fa0e5d42cjxudhpuehyp"}')
expect_keys "cloud scenario job keys" "$out" "$CLOUD_KEYS"
expect_match "cloud: project/region scope, scenario job" "$out" '"jobId":"job-01fa0e5d42cjxudhpuehyp","collectionName":"medium_articles","fileName":"folder/1/"'
out=$(post "$V2/getProgress" "{\"jobId\":\"$CJOB\"}")
expect_match "cloud: no clusterId is 90104" "$out" '^\{"code":90104,'
out=$(post "$V2/getProgress" "{\"clusterId\":\"in01-other\",\"jobId\":\"$CJOB\"}")
expect_match "cloud: job of another cluster is 90144" "$out" '^\{"code":90144,'
out=$(post "$V2/list" '{"clusterId":"in01-a"}')
expect_match "cloud list" "$out" "^\\{\"code\":0,\"data\":\\{\"count\":[0-9]+,.*\"jobId\":\"$CJOB\""

out=$(curl -sS -m "$HANG" "$BASE/v1/vector/collections/import/get?jobId=$CJOB&clusterId=in01-a")
expect_keys "cloud-v1 keys" "$out" "$V1_KEYS"
expect_match "cloud-v1: code 200, nulls until done" "$out" '^\{"code":200,.*"completeTime":null,"errorMessage":null,'
out=$(curl -sS -m "$HANG" "$BASE/v1/vector/collections/import/get?jobId=job-01fa0e5d42cjxudhpuehyp&clusterId=x")
expect_keys "cloud-v1 scenario job keys" "$out" "$V1_KEYS"
expect_match "cloud-v1: finished scenario job at 1" "$out" '"readyPercentage":1,"completeTime":"[^"]+","errorMessage":null'
out=$(curl -sS -m "$HANG" "$BASE/v1/vector/collections/import/get?jobId=448761313698323000&clusterId=in01-scenario")
expect_match "cloud-v1: failed job has errorMessage" "$out" '"errorMessage":"the data file is corrupted"'
out=$(curl -sS -m "$HANG" "$BASE/v1/vector/collections/import/get?jobId=$CJOB")
expect_match "cloud-v1: no clusterId is 90104" "$out" '^\{"code":90104,'
out=$(curl -sS -m "$HANG" "$BASE/v1/vector/collections/import/get?jobId=nope&clusterId=in01-a")
expect_match "cloud-v1: unknown job is 90144" "$out" '^\{"code":90144,'
out=$(post "$BASE/v1/vector/collections/import" '{"clusterId":"in01-a","collectionName":"c3","objectUrl":"s3://b/x.json"}')
expect_match "cloud-v1 create" "$out" '^\{"code":200,"data":\{"jobId":"[0-9a-f-]{36}"\}\}$'

out=$(curl -sS -m "$HANG" -w ' %{http_code} %{content_type}' -d '{}' "$BASE/v2/vectordb/nothing")
[[ "$out" == "404 page not found 404 text/plain" ]] || fail "unknown route: $out"
ok "unknown route: gin's 404 text"

# Faults, addressed by job id.
status() { curl -sS -m "$HANG" -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$@"; }
code=$(status -d '{"jobId":"fault-502-a"}' "$V2/describe")
[[ $code == 502 ]] && grep -qi '^content-type: text/html' "$WORK/headers" && grep -q '<html>' "$WORK/body" ||
  fail "fault-502: $code"
ok "fault-502: HTML 502 page"
code=$(status "$BASE/v1/vector/collections/import/get?jobId=fault-503-a&clusterId=c")
[[ $code == 503 ]] && grep -qi '^content-type: text/html' "$WORK/headers" || fail "fault-503: $code"
ok "fault-503: HTML 503 page (cloud-v1 route)"
code=$(status -d '{"clusterId":"c","jobId":"fault-429-3"}' "$V2/getProgress")
[[ $code == 429 ]] && grep -qi '^retry-after: 3' "$WORK/headers" || fail "fault-429: $code"
ok "fault-429-3: 429 with Retry-After: 3 (cloud route)"
code=$(status -d '{"jobId":"fault-1807"}' "$V2/describe")
[[ $code == 200 ]] && grep -q '^{"code":1807,' "$WORK/body" || fail "fault-1807: $code $(cat "$WORK/body")"
ok "fault-1807: rate-limit envelope"
code=$(status -d '{"jobId":"fault-408"}' "$V2/describe")
[[ $code == 408 ]] && grep -q '^{"code":10001,' "$WORK/body" || fail "fault-408: $code"
ok "fault-408: HTTP 408 with code 10001"
rc=0
curl -sS -m "$HANG" -o "$WORK/body" -d '{"jobId":"fault-reset"}' "$V2/describe" 2>/dev/null || rc=$?
[[ $rc == 56 && -s "$WORK/body" ]] || fail "fault-reset: curl exit $rc"
ok "fault-reset: part of the body, then reset (curl 56)"
rc=0
curl -sS -m "$HANG" -o "$WORK/body" -d '{"jobId":"fault-truncate"}' "$V2/describe" 2>/dev/null || rc=$?
[[ $rc == 18 ]] || fail "fault-truncate: curl exit $rc"
ok "fault-truncate: short body (curl 18)"
rc=0
curl -sS -m 1 -o /dev/null -d '{"jobId":"fault-stall"}' "$V2/describe" 2>/dev/null || rc=$?
[[ $rc == 28 ]] || fail "fault-stall: curl exit $rc"
ok "fault-stall: no answer until the client gives up (curl 28)"
out=$(curl -sS -m "$HANG" -w ' %{time_total}' -d '{"jobId":"fault-slowdrip-20"}' "$V2/describe")
expect_match "fault-slowdrip-20: whole body" "$out" '^\{"code":0,.*\}\} [0-9.]+$'
awk '{ exit !($NF >= 0.5) }' <<<"$out" || fail "fault-slowdrip-20 came too fast: $out"
ok "fault-slowdrip-20: trickled over $(awk '{print $NF}' <<<"$out") s"
size=$(curl -sS -m "$HANG" -o "$WORK/body" -w '%{size_download}' -d '{"jobId":"fault-big-300000"}' "$V2/describe")
((size >= 300000 && size < 330000)) && grep -q '^{"code":0,.*}}$' "$WORK/body" || fail "fault-big: $size bytes"
ok "fault-big-300000: valid job of $size bytes"
size=$(curl -sS -m "$HANG" -o "$WORK/body" -w '%{size_download}' -d '{"jobId":"fault-big-999999999999999999"}' "$V2/describe")
((size >= 16000000 && size < 18000000)) && grep -q '^{"code":0,.*}}$' "$WORK/body" || fail "fault-big capped: $size bytes"
ok "fault-big-999999999999999999: capped at $size bytes"
head -c $((9 << 20)) /dev/zero | tr '\0' ' ' > "$WORK/huge"
code=$(curl -sS -m "$HANG" -o /dev/null -w '%{http_code}' --data-binary @"$WORK/huge" "$V2/describe" || true)
[[ $code == 413 ]] || fail "a 9 MiB request body: HTTP $code"
ok "a request body over 8 MiB is refused (413)"
# A client that connects and sends nothing loses the connection.
exec {silent}<>/dev/tcp/127.0.0.1/"$PORT"
start_wait=$SECONDS
rc=0
read -r -t "$HANG" -u "$silent" _ || rc=$?
exec {silent}>&-
# read ends with 1 (end of file: the emulator closed it) rather than >128 (our own timeout)
((rc == 1)) || fail "a silent client kept its connection (read status $rc)"
ok "a silent client is dropped, after $((SECONDS - start_wait)) s"
codes=""
for i in 1 2 3; do codes+="$(status -d '{"jobId":"fault-flaky503-2-x"}' "$V2/describe") "; done
[[ "$codes" == "503 503 200 " ]] && grep -q '^{"code":0,' "$WORK/body" || fail "fault-flaky503-2: $codes"
ok "fault-flaky503-2: 503 twice, then the job"

# 64 concurrent requests while one stalls.
curl -s -m "$HANG" -o /dev/null -d '{"jobId":"fault-stall-shutdown"}' "$V2/describe" &
STALLED=$!
codes=$(seq 1 64 | xargs -P 64 -I{} curl -s -m "$HANG" -o /dev/null -w '%{http_code}\n' \
  -d "{\"jobId\":\"$MJOB\"}" "$V2/describe" | sort | uniq -c | awk '{print $1 "x" $2}')
[[ "$codes" == "64x200" ]] || fail "concurrency: $codes"
ok "64 concurrent requests answered beside a stalled one"
stop  # with the stalled request still open
wait "$STALLED" || true

# ---------------------------------------------------------------- instance 2
# Jobs finish in 0.25 s of wall time, and are never forgotten while the checks run.
start --token secret --speed 40 --duration 10 --retention 1000000000
AUTH=(-H 'Authorization: Bearer secret')
code=$(curl -sS -m "$HANG" -o "$WORK/body" -w '%{http_code}' -d '{"jobId":"1"}' "$V2/describe")
[[ $code == 401 ]] && grep -q '^{"code":1800,' "$WORK/body" || fail "milvus auth: $code"
ok "milvus: no token is HTTP 401, code 1800"
out=$(post "$V2/getProgress" '{"clusterId":"c","jobId":"j"}' -H 'Authorization: Bearer wrong')
expect_match "cloud: wrong token is 21119" "$out" '^\{"code":21119,'
out=$(curl -sS -m "$HANG" "$BASE/v1/vector/collections/import/get?jobId=j&clusterId=c")
expect_match "cloud-v1: no token is 80020" "$out" '^\{"code":80020,'
MJOB=$(job_id_of "$(post "$V2/create" '{"collectionName":"c","files":[["a.parquet"],["b.parquet"]]}' "${AUTH[@]}")")
FJOB=$(job_id_of "$(post "$V2/create" '{"collectionName":"c","files":[["a.parquet"],["x_fail.parquet"]]}' "${AUTH[@]}")")
poll "milvus job reaches Completed at high speed" "$V2/describe" "{\"jobId\":\"$MJOB\"}" \
  '"jobId":"[0-9]+","progress":100,"state":"Completed"' "${AUTH[@]}"
out=$(post "$V2/describe" "{\"jobId\":\"$MJOB\"}" "${AUTH[@]}")
expect_match "completed job: rows all imported" "$out" '"importedRows":([0-9]+),"jobId":"[0-9]+","progress":100,"state":"Completed","totalRows":\1\}'
poll "a file named *fail* makes the job Failed" "$V2/describe" "{\"jobId\":\"$FJOB\"}" \
  '"jobId":"[0-9]+","progress":0,"reason":"[^"]+","state":"Failed","totalRows":0\}\}$' "${AUTH[@]}"
stop

# ---------------------------------------------------------------- instance 3
start --uncommitted --legacy --speed 40 --duration 10
out=$(curl -sS -m "$HANG" -w ' %{http_code}' -d '{"jobId":"1"}' "$V2/describe")
[[ "$out" == "404 page not found 404" ]] || fail "legacy describe: $out"
ok "--legacy: describe answers 404 page not found"
UJOB=$(job_id_of "$(post "$V2/create" '{"collectionName":"c","files":[["a.parquet"]]}')")
poll "--uncommitted: job stops at Uncommitted, 99" "$V2/get_progress" "{\"jobId\":\"$UJOB\"}" \
  '^\{"code":0,"data":\{"collectionName":"c","completeTime":"",.*"progress":99,"state":"Uncommitted","totalRows":[1-9]'
for route in commit abort; do
  out=$(curl -sS -m "$HANG" -w ' %{http_code} %{content_type}' -d "{\"jobId\":\"$UJOB\"}" "$V2/$route")
  [[ "$out" == "404 page not found 404 text/plain" ]] || fail "legacy $route: $out"
  ok "--legacy: $route answers gin's plain-text 404"
done
stop

# ---------------------------------------------------------------- instance 3b
# The rest of a job's life: create's options, commit, abort, idempotency,
# lists. Jobs finish in 0.25 s of wall time; a committed job stays in
# Committing (as a stuck one does, milvus-io/milvus#51589), and no finished
# job is forgotten while the checks run.
SECRET=sk-never-shown-4d1c
start -v --scenario "$HERE/scenario.json" --speed 40 --duration 10 --commit-seconds 1000000000 \
  --retention 1000000000 --max-page-size 7 --extra-jobs 23 bench
for value in true 1 null '{"a":"b"}' '["x"]'; do
  out=$(post "$V2/create" "{\"collectionName\":\"c\",\"files\":[[\"a.parquet\"]],\"options\":{\"auto_commit\":$value}}")
  expect_match "create: option value $value is 1801" "$out" '^\{"code":1801,"message":"[^"]+"\}$'
done
out=$(post "$V2/create" '{"clusterId":"in01-a","collectionName":"c","objectUrls":[["s3://b/a"]],"options":{"k":false}}')
expect_match "cloud create: a boolean option is 1801" "$out" '^\{"code":1801,'
out=$(post "$V2/create" '{"collectionName":"c","files":[["a.parquet"]],"options":[]}')
expect_match "create: options not an object is 1801" "$out" '^\{"code":1801,'
out=$(post "$V2/create" '{"collectionName":"c","partitionName":"p1","files":[["a.parquet"]],"options":{"timeout":"300s","sep":","}}')
expect_match "create: string options and a partition accepted" "$out" '^\{"code":0,"data":\{"jobId":"[0-9]+"\}\}$'

# auto_commit=false: Uncommitted at 99, then commit -> Committing (instance
# 3c takes a commit on to Completed).
TJOB=$(job_id_of "$(post "$V2/create" '{"collectionName":"two","files":[["a.parquet"]],"options":{"auto_commit":"false"}}')")
poll "auto_commit=false: job stops at Uncommitted, 99" "$V2/describe" "{\"jobId\":\"$TJOB\"}" \
  '"progress":99,"state":"Uncommitted"'
out=$(post "$V2/commit" "{\"jobId\":\"$TJOB\"}")
expect_match "commit of an Uncommitted job" "$out" '^\{"code":0,"data":\{\}\}$'
out=$(post "$V2/describe" "{\"jobId\":\"$TJOB\"}")
expect_match "committed job is Committing at 99" "$out" '"progress":99,"state":"Committing"'
out=$(post "$V2/commit" "{\"jobId\":\"$TJOB\"}")
expect_match "commit of a Committing job refused" "$out" '^\{"code":2100,"message":"cannot commit import job [0-9]+ in state Committing'
out=$(post "$V2/abort" "{\"jobId\":\"$TJOB\"}")
expect_match "abort of a Committing job refused" "$out" '^\{"code":2100,"message":"cannot abort [^"]* in state Committing'
AJOB=$(job_id_of "$(post "$V2/create" '{"collectionName":"two","files":[["a.parquet"]]}')")
poll "auto_commit absent: the job completes by itself" "$V2/describe" "{\"jobId\":\"$AJOB\"}" \
  '"jobId":"[0-9]+","progress":100,"state":"Completed"'
out=$(post "$V2/commit" "{\"jobId\":\"$AJOB\"}")
expect_match "commit of a Completed job refused" "$out" '^\{"code":2100,"message":"cannot commit [^"]* in state Completed'
out=$(post "$V2/abort" "{\"jobId\":\"$AJOB\"}")
expect_match "abort of a Completed job refused" "$out" '^\{"code":2100,"message":"cannot abort [^"]* in state Completed'
if grep -q "does not exist" <<<"$out"; then fail "a wrong-state refusal reads as a missing job: $out"; fi
ok "a wrong-state refusal does not say 'does not exist'"
out=$(post "$V2/commit" '{"jobId":"448761313698322100"}')
expect_match "commit of a running job refused" "$out" '^\{"code":2100,"message":"cannot commit [^"]* in state (Pending|Importing)'

# Abort: Failed with a reason, again accepted, seen so by every read.
BJOB=$(job_id_of "$(post "$V2/create" '{"collectionName":"two","files":[["a.parquet"]],"options":{"auto_commit":"false"}}')")
poll "second auto_commit=false job at Uncommitted" "$V2/describe" "{\"jobId\":\"$BJOB\"}" '"state":"Uncommitted"'
out=$(post "$V2/abort" "{\"jobId\":\"$BJOB\"}")
expect_match "abort of an Uncommitted job" "$out" '^\{"code":0,"data":\{\}\}$'
out=$(post "$V2/describe" "{\"jobId\":\"$BJOB\"}")
expect_match "aborted job reads Failed, progress 0, reason aborted" "$out" \
  '"progress":0,"reason":"import job aborted by request","state":"Failed"'
out=$(post "$V2/get_progress" "{\"jobId\":\"$BJOB\"}")
expect_match "aborted job on get_progress" "$out" '"reason":"import job aborted by request","state":"Failed"'
out=$(post "$V2/abort" "{\"jobId\":\"$BJOB\"}")
expect_match "second abort of an aborted job succeeds" "$out" '^\{"code":0,"data":\{\}\}$'
out=$(post "$V2/list" '{"collectionName":"two"}')
expect_match "milvus list shows the aborted job Failed with its reason" "$out" \
  "\"jobId\":\"$BJOB\",\"progress\":0,\"reason\":\"import job aborted by request\",\"state\":\"Failed\""
out=$(post "$V2/abort" '{"jobId":"448761313698322100"}')
expect_match "abort of a running job" "$out" '^\{"code":0,"data":\{\}\}$'
out=$(post "$V2/commit" '{"jobId":"448761313698322100"}')
expect_match "commit of an aborted job refused" "$out" '^\{"code":2100,"message":"cannot commit [^"]* in state Failed'

# Unknown or malformed job ids, on milvus and the cloud.
out=$(post "$V2/commit" '{"jobId":"123"}')
expect_match "commit: unknown job is 2100 does not exist" "$out" '^\{"code":2100,"message":"import job does not exist, jobID=123'
out=$(post "$V2/abort" '{"jobId":"123"}')
expect_match "abort: unknown job is 2100 does not exist" "$out" '^\{"code":2100,"message":"import job does not exist, jobID=123'
out=$(post "$V2/abort" '{"jobId":"job-x"}')
expect_match "abort: a non-int64 id on milvus is 1100" "$out" '^\{"code":1100,'
out=$(post "$V2/commit" '{"jobId":123}')
expect_match "commit: a numeric jobId on milvus is 1801" "$out" '^\{"code":1801,'
out=$(post "$V2/commit" '{}')
expect_match "commit: no jobId is 1802" "$out" '^\{"code":1802,'
out=$(post "$V2/commit" "{\"jobId\":\"$TJOB\"}" -H 'DB-Name: otherdb')
expect_match "commit: a job of another database is unknown" "$out" '^\{"code":2100,"message":"import job does not exist'
out=$(post "$V2/abort" '{"clusterId":"in01-a","jobId":"job-none"}')
expect_match "cloud abort: unknown job is 90144" "$out" '^\{"code":90144,'

# The cloud: credentials accepted and never shown, commit and abort scoped by cluster.
out=$(post "$V2/create" "{\"clusterId\":\"in01-a\",\"collectionName\":\"cl\",\"objectUrl\":\"s3://b/one.parquet\",
  \"accessKey\":\"AK1\",\"secretKey\":\"$SECRET\",\"options\":{\"auto_commit\":\"false\"}}")
expect_match "cloud create: deprecated objectUrl string, keys" "$out" '^\{"code":0,"data":\{"jobId":"job-[0-9a-z]{22}"\}\}$'
CJOB=$(job_id_of "$out")
poll "cloud auto_commit=false job at Uncommitted" "$V2/getProgress" "{\"clusterId\":\"in01-a\",\"jobId\":\"$CJOB\"}" \
  '"fileName":"s3://b/one.parquet",.*"state":"Uncommitted","progress":99'
out=$(post "$V2/abort" "{\"clusterId\":\"in01-b\",\"jobId\":\"$CJOB\"}")
expect_match "cloud abort: a job of another cluster is 90144" "$out" '^\{"code":90144,'
out=$(post "$V2/abort" "{\"clusterId\":\"in01-a\",\"jobId\":\"$CJOB\"}")
expect_match "cloud abort" "$out" '^\{"code":0,"data":\{\}\}$'
out=$(post "$V2/getProgress" "{\"clusterId\":\"in01-a\",\"jobId\":\"$CJOB\"}")
expect_match "cloud: aborted job Failed with reason" "$out" '"state":"Failed","progress":0,"completeTime":"","reason":"import job aborted by request"'
out=$(curl -sS -m "$HANG" "$BASE/v1/vector/collections/import/get?jobId=$CJOB&clusterId=in01-a")
expect_match "cloud-v1: aborted job's errorMessage" "$out" '"errorMessage":"import job aborted by request"'
out=$(post "$BASE/v1/vector/collections/import" "{\"clusterId\":\"in01-a\",\"collectionName\":\"cl\",
  \"objectUrl\":\"s3://b/x.json\",\"accessKey\":\"AK1\",\"secretKey\":\"$SECRET\"}")
expect_match "cloud-v1 create with keys" "$out" '^\{"code":200,"data":\{"jobId":"[0-9a-f-]{36}"\}\}$'
out=$(curl -sS -m "$HANG" -w ' %{http_code} %{content_type}' -d '{"clusterId":"in01-a","jobId":"x"}' "$BASE/v1/vector/collections/import/commit")
[[ "$out" == "404 page not found 404 text/plain" ]] || fail "cloud-v1 commit: $out"
ok "cloud-v1 has no commit route"
if grep -q -- "$SECRET" "$WORK/stderr"; then fail "the secret key reached the log"; fi
grep -q 'POST /v2/vectordb/jobs/import/create -> 200' "$WORK/stderr" || fail "-v logged no request"
ok "-v logs requests but never the secret key"

# dbName in create's body is the job's database; list takes it too.
out=$(post "$V2/create" '{"collectionName":"dbc","dbName":"otherdb","files":[["a.parquet"]]}')
DJOB=$(job_id_of "$out")
out=$(post "$V2/describe" "{\"jobId\":\"$DJOB\"}" -H 'DB-Name: otherdb')
expect_match "create: body dbName is the job's database" "$out" "\"jobId\":\"$DJOB\""
out=$(post "$V2/describe" "{\"jobId\":\"$DJOB\"}")
expect_match "create: ... and not database default" "$out" '^\{"code":2100,'
out=$(post "$V2/list" '{"dbName":"otherdb","collectionName":"dbc"}')
expect_match "milvus list: body dbName" "$out" "^\\{\"code\":0,\"data\":\\{\"records\":\\[\\{\"collectionName\":\"dbc\",\"jobId\":\"$DJOB\",\"progress\":[0-9]+,\"state\":\"[A-Za-z]+\"\\}\\]\\}\\}$"

# Idempotency-Key: the same key in the same collection and scope is the same job.
create_keyed() {  # KEY BODY [CURL ARGS...]
  local key=$1 body=$2
  shift 2
  job_id_of "$(post "$V2/create" "$body" -H "Idempotency-Key: $key" "$@")"
}
MBODY='{"collectionName":"idem","files":[["a.parquet"]]}'
K1=$(create_keyed key-1 "$MBODY")
[[ -n $K1 && $(create_keyed key-1 "$MBODY") == "$K1" ]] || fail "same Idempotency-Key gave a new job"
ok "Idempotency-Key: a repeated create answers the first job's id"
jobs_before=$(ids_of "$(post "$V2/list" '{"collectionName":"idem"}')")
[[ $(create_keyed key-1 '{"collectionName":"idem","files":[["other.parquet"]]}') == "$K1" &&
   $(ids_of "$(post "$V2/list" '{"collectionName":"idem"}')") == "$jobs_before" ]] || fail "a repeated key created a job"
ok "Idempotency-Key: the repeat creates nothing, whatever its files"
K2=$(create_keyed key-2 "$MBODY")
[[ -n $K2 && $K2 != "$K1" ]] || fail "another key gave the same job"
ok "Idempotency-Key: another key makes another job"
K3=$(create_keyed key-1 '{"collectionName":"idem2","files":[["a.parquet"]]}')
K4=$(create_keyed key-1 '{"collectionName":"idem","dbName":"otherdb","files":[["a.parquet"]]}')
[[ -n $K3 && -n $K4 && $K3 != "$K1" && $K4 != "$K1" && $K3 != "$K4" ]] || fail "key scope: $K1 $K3 $K4"
ok "Idempotency-Key: kept per collection and database"
CBODY='{"clusterId":"in01-a","collectionName":"idem","objectUrls":[["s3://b/a"]]}'
C1=$(create_keyed key-1 "$CBODY")
[[ $C1 == job-* && $(create_keyed key-1 "$CBODY") == "$C1" &&
   $(create_keyed key-1 "${CBODY/in01-a/in01-b}") != "$C1" ]] || fail "cloud Idempotency-Key"
ok "Idempotency-Key on the cloud, per cluster"
out=$(post "$V2/create" "$MBODY" -H $'Idempotency-Key: caf\xc3\xa9')
expect_match "Idempotency-Key: not printable ASCII is 1100" "$out" '^\{"code":1100,'

# Cloud list paging over the 23 preloaded jobs, pageSize capped at 7.
out=$(post "$V2/list" '{"clusterId":"in01-z","collectionName":"bench","pageSize":50,"currentPage":1}')
expect_match "cloud list: pageSize capped, count of all" "$out" \
  '^\{"code":0,"data":\{"count":23,"currentPage":1,"pageSize":7,"records":\[\{"jobId":"[0-9]+","collectionName":"bench","state":"[A-Za-z]+","progress":[0-9]+\}'
all_ids=""
for page in 1 2 3 4; do
  out=$(post "$V2/list" "{\"clusterId\":\"in01-z\",\"collectionName\":\"bench\",\"pageSize\":7,\"currentPage\":$page}")
  all_ids+="$(ids_of "$out")"$'\n'
done
pages_total=$(grep -c jobId <<<"$all_ids")
pages_unique=$(grep jobId <<<"$all_ids" | sort -u | wc -l)
((pages_total == 23 && pages_unique == 23)) || fail "cloud list pages: $pages_total records, $pages_unique distinct"
ok "cloud list: 4 pages hold the 23 jobs, each once"
[[ $(grep jobId <<<"$all_ids") == "$(grep jobId <<<"$all_ids" | sort)" ]] || fail "cloud list not in creation order"
ok "cloud list: records in creation order"
out=$(post "$V2/list" '{"clusterId":"in01-z","collectionName":"bench","pageSize":7,"currentPage":5}')
expect_match "cloud list: past the last page is empty" "$out" '"count":23,"currentPage":5,"pageSize":7,"records":\[\]'
out=$(post "$V2/list" '{"clusterId":"in01-z","collectionName":"bench","pageSize":3}')
expect_match "cloud list: currentPage defaults to 1" "$out" '"count":23,"currentPage":1,"pageSize":3,'
out=$(post "$V2/list" '{"clusterId":"in01-z","pageSize":"7"}')
expect_match "cloud list: pageSize as a string is 1801" "$out" '^\{"code":1801,'
out=$(post "$V2/list" '{"clusterId":"in01-z","pageSize":-1}')
expect_match "cloud list: a negative pageSize is 1100" "$out" '^\{"code":1100,'
out=$(post "$V2/list" '{"collectionName":"bench"}')
[[ $(ids_of "$out" | wc -l) == 23 ]] || fail "milvus list: not every job: $out"
ok "milvus list: every job, no paging"

# Cloud v1's list: tasks, Import* states.
out=$(curl -sS -m "$HANG" "$BASE/v1/vector/collections/import/list?clusterId=in01-z&pageSize=3&currentPage=2")
expect_match "cloud-v1 list: tasks page" "$out" \
  '^\{"code":200,"data":\{"count":[0-9]+,"currentPage":2,"pageSize":3,"tasks":\[\{"jobId":"[^"]+","collectionName":"[^"]+","state":"Import(Pending|Running|Completed|Failed)","progress":[0-9]+\}'
[[ $(ids_of "$out" | wc -l) == 3 ]] || fail "cloud-v1 list: not 3 tasks: $out"
ok "cloud-v1 list: 3 tasks on a page of 3"
out=$(curl -sS -m "$HANG" "$BASE/v1/vector/collections/import/list?clusterId=in01-z&pageSize=1000")
expect_match "cloud-v1 list: pageSize capped" "$out" '"currentPage":1,"pageSize":7,"tasks"'
out=$(curl -sS -m "$HANG" "$BASE/v1/vector/collections/import/list?pageSize=3")
expect_match "cloud-v1 list: no clusterId is 90104" "$out" '^\{"code":90104,'
out=$(curl -sS -m "$HANG" "$BASE/v1/vector/collections/import/list?clusterId=in01-z&pageSize=x")
expect_match "cloud-v1 list: a bad pageSize is 1100" "$out" '^\{"code":1100,'
stop

# ---------------------------------------------------------------- instance 3c
# A commit that takes no simulated time: Completed as soon as it is accepted.
start --speed 40 --duration 10 --commit-seconds 0 --retention 1000000000
TJOB=$(job_id_of "$(post "$V2/create" '{"collectionName":"two","files":[["a.parquet"]],"options":{"auto_commit":"false"}}')")
poll "auto_commit=false job at Uncommitted" "$V2/describe" "{\"jobId\":\"$TJOB\"}" '"progress":99,"state":"Uncommitted"'
out=$(post "$V2/commit" "{\"jobId\":\"$TJOB\"}")
expect_match "commit of an Uncommitted job" "$out" '^\{"code":0,"data":\{\}\}$'
out=$(post "$V2/describe" "{\"jobId\":\"$TJOB\"}")
expect_match "committed job Completed, 100, with its completeTime" "$out" \
  '^\{"code":0,"data":\{"collectionName":"two","completeTime":"[0-9T:Z-]+",.*"jobId":"[0-9]+","progress":100,"state":"Completed"'
out=$(post "$V2/abort" "{\"jobId\":\"$TJOB\"}")
expect_match "abort of a committed, Completed job refused" "$out" '^\{"code":2100,"message":"cannot abort [^"]* in state Completed'
stop

# ---------------------------------------------------------------- instance 4
if command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
  start --cert "$WORK/cert.pem" --key "$WORK/key.pem"
  out=$(curl -sS -m "$HANG" -k "https://127.0.0.1:$PORT/v1/vector/collections/import/get?jobId=fault-x&clusterId=c")
  expect_match "TLS with --cert/--key" "$out" '^\{"code":90144,'
  stop
fi

echo "all $CHECKS checks passed"

#!/usr/bin/env bash
# Smoke test for mip-emulator: each flavor's envelopes and field sets, error
# codes, auth, --legacy, every injected fault, job lifecycles, and a clean
# exit on SIGTERM. Usage: emulator_smoke.sh PATH_TO_mip-emulator
set -euo pipefail

EMU=${1:?usage: emulator_smoke.sh PATH_TO_mip-emulator}
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
PIDS=()
CHECKS=0

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
  for i in $(seq 1 50); do
    if read -r -t 0.2 -u "$fd" PORT; then break; fi
    kill -0 "$PID" 2>/dev/null || fail "emulator exited early: $(cat "$WORK/stderr")"
  done
  [[ "$PORT" =~ ^[0-9]+$ ]] || fail "no port on the first line of stdout (got '$PORT')"
  BASE="http://127.0.0.1:$PORT"
  V2="$BASE/v2/vectordb/jobs/import"
}

# stop: SIGTERM, then the emulator must exit by itself with status 0.
stop() {
  local i rc=0
  kill -TERM "$PID"
  for i in $(seq 1 100); do
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.05
  done
  kill -0 "$PID" 2>/dev/null && fail "emulator still running 5 s after SIGTERM"
  wait "$PID" || rc=$?
  [[ $rc -eq 0 ]] || fail "emulator exited with $rc on SIGTERM"
  ok "exits 0 on SIGTERM"
}

# post URL BODY [CURL ARGS...]: prints the response body.
post() {
  local url=$1 body=$2
  shift 2
  curl -sS -m 10 "$@" -H 'Content-Type: application/json' -d "$body" "$url"
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

# poll NAME URL BODY ERE [CURL ARGS...]: re-asks (at most 100 times, 0.1 s
# apart) until the answer matches.
poll() {
  local name=$1 url=$2 body=$3 ere=$4 i out=""
  shift 4
  for i in $(seq 1 100); do
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

MILVUS_JOB_KEYS="code data collectionName completeTime createTime details completeTime fileName fileSize importedRows progress state totalRows"
MILVUS_TAIL="fileSize importedRows jobId progress state totalRows"
CLOUD_DETAIL="fileName fileSize state progress completeTime reason totalRows"
CLOUD_KEYS="code data jobId collectionName fileName fileSize state progress completeTime reason totalRows details $CLOUD_DETAIL"
V1_DETAIL="fileName fileSize readyPercentage completeTime errorMessage"
V1_KEYS="code data collectionName fileName fileSize readyPercentage completeTime errorMessage jobId details $V1_DETAIL"

# ---------------------------------------------------------------- instance 1
start --scenario "$HERE/scenario.json"

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

out=$(curl -sS -m 10 "$BASE/v1/vector/collections/import/get?jobId=$CJOB&clusterId=in01-a")
expect_keys "cloud-v1 keys" "$out" "$V1_KEYS"
expect_match "cloud-v1: code 200, nulls until done" "$out" '^\{"code":200,.*"completeTime":null,"errorMessage":null,'
out=$(curl -sS -m 10 "$BASE/v1/vector/collections/import/get?jobId=job-01fa0e5d42cjxudhpuehyp&clusterId=x")
expect_keys "cloud-v1 scenario job keys" "$out" "$V1_KEYS"
expect_match "cloud-v1: finished scenario job at 1" "$out" '"readyPercentage":1,"completeTime":"[^"]+","errorMessage":null'
out=$(curl -sS -m 10 "$BASE/v1/vector/collections/import/get?jobId=448761313698323000&clusterId=in01-scenario")
expect_match "cloud-v1: failed job has errorMessage" "$out" '"errorMessage":"the data file is corrupted"'
out=$(curl -sS -m 10 "$BASE/v1/vector/collections/import/get?jobId=$CJOB")
expect_match "cloud-v1: no clusterId is 90104" "$out" '^\{"code":90104,'
out=$(curl -sS -m 10 "$BASE/v1/vector/collections/import/get?jobId=nope&clusterId=in01-a")
expect_match "cloud-v1: unknown job is 90144" "$out" '^\{"code":90144,'
out=$(post "$BASE/v1/vector/collections/import" '{"clusterId":"in01-a","collectionName":"c3","objectUrl":"s3://b/x.json"}')
expect_match "cloud-v1 create" "$out" '^\{"code":200,"data":\{"jobId":"[0-9a-f-]{36}"\}\}$'

out=$(curl -sS -m 10 -w ' %{http_code} %{content_type}' -d '{}' "$BASE/v2/vectordb/nothing")
[[ "$out" == "404 page not found 404 text/plain" ]] || fail "unknown route: $out"
ok "unknown route: gin's 404 text"

# Faults, addressed by job id.
status() { curl -sS -m 10 -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$@"; }
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
curl -sS -m 10 -o "$WORK/body" -d '{"jobId":"fault-reset"}' "$V2/describe" 2>/dev/null || rc=$?
[[ $rc == 56 && -s "$WORK/body" ]] || fail "fault-reset: curl exit $rc"
ok "fault-reset: part of the body, then reset (curl 56)"
rc=0
curl -sS -m 10 -o "$WORK/body" -d '{"jobId":"fault-truncate"}' "$V2/describe" 2>/dev/null || rc=$?
[[ $rc == 18 ]] || fail "fault-truncate: curl exit $rc"
ok "fault-truncate: short body (curl 18)"
rc=0
curl -sS -m 1 -o /dev/null -d '{"jobId":"fault-stall"}' "$V2/describe" 2>/dev/null || rc=$?
[[ $rc == 28 ]] || fail "fault-stall: curl exit $rc"
ok "fault-stall: no answer until the client gives up (curl 28)"
out=$(curl -sS -m 10 -w ' %{time_total}' -d '{"jobId":"fault-slowdrip-20"}' "$V2/describe")
expect_match "fault-slowdrip-20: whole body" "$out" '^\{"code":0,.*\}\} [0-9.]+$'
awk '{ exit !($NF >= 0.5) }' <<<"$out" || fail "fault-slowdrip-20 came too fast: $out"
ok "fault-slowdrip-20: trickled over $(awk '{print $NF}' <<<"$out") s"
size=$(curl -sS -m 10 -o "$WORK/body" -w '%{size_download}' -d '{"jobId":"fault-big-300000"}' "$V2/describe")
((size >= 300000 && size < 330000)) && grep -q '^{"code":0,.*}}$' "$WORK/body" || fail "fault-big: $size bytes"
ok "fault-big-300000: valid job of $size bytes"
size=$(curl -sS -m 30 -o "$WORK/body" -w '%{size_download}' -d '{"jobId":"fault-big-999999999999999999"}' "$V2/describe")
((size >= 16000000 && size < 18000000)) && grep -q '^{"code":0,.*}}$' "$WORK/body" || fail "fault-big capped: $size bytes"
ok "fault-big-999999999999999999: capped at $size bytes"
head -c $((9 << 20)) /dev/zero | tr '\0' ' ' > "$WORK/huge"
code=$(curl -sS -m 30 -o /dev/null -w '%{http_code}' --data-binary @"$WORK/huge" "$V2/describe" || true)
[[ $code == 413 ]] || fail "a 9 MiB request body: HTTP $code"
ok "a request body over 8 MiB is refused (413)"
# A client that connects and sends nothing loses the connection.
exec {silent}<>/dev/tcp/127.0.0.1/"$PORT"
start_wait=$SECONDS
rc=0
read -r -t 15 -u "$silent" _ || rc=$?
exec {silent}>&-
# read ends with 1 (end of file: the emulator closed it) rather than >128 (our own 15 s timeout)
((rc == 1 && SECONDS - start_wait < 15)) || fail "a silent client kept its connection (read status $rc)"
ok "a silent client is dropped after $((SECONDS - start_wait)) s"
codes=""
for i in 1 2 3; do codes+="$(status -d '{"jobId":"fault-flaky503-2-x"}' "$V2/describe") "; done
[[ "$codes" == "503 503 200 " ]] && grep -q '^{"code":0,' "$WORK/body" || fail "fault-flaky503-2: $codes"
ok "fault-flaky503-2: 503 twice, then the job"

# 64 concurrent requests while one stalls.
curl -s -m 30 -o /dev/null -d '{"jobId":"fault-stall-shutdown"}' "$V2/describe" &
STALLED=$!
codes=$(seq 1 64 | xargs -P 64 -I{} curl -s -m 10 -o /dev/null -w '%{http_code}\n' \
  -d "{\"jobId\":\"$MJOB\"}" "$V2/describe" | sort | uniq -c | awk '{print $1 "x" $2}')
[[ "$codes" == "64x200" ]] || fail "concurrency: $codes"
ok "64 concurrent requests answered beside a stalled one"
stop  # with the stalled request still open
wait "$STALLED" || true

# ---------------------------------------------------------------- instance 2
start --token secret --speed 40 --duration 10
AUTH=(-H 'Authorization: Bearer secret')
code=$(curl -sS -m 10 -o "$WORK/body" -w '%{http_code}' -d '{"jobId":"1"}' "$V2/describe")
[[ $code == 401 ]] && grep -q '^{"code":1800,' "$WORK/body" || fail "milvus auth: $code"
ok "milvus: no token is HTTP 401, code 1800"
out=$(post "$V2/getProgress" '{"clusterId":"c","jobId":"j"}' -H 'Authorization: Bearer wrong')
expect_match "cloud: wrong token is 21119" "$out" '^\{"code":21119,'
out=$(curl -sS -m 10 "$BASE/v1/vector/collections/import/get?jobId=j&clusterId=c")
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
out=$(curl -sS -m 10 -w ' %{http_code}' -d '{"jobId":"1"}' "$V2/describe")
[[ "$out" == "404 page not found 404" ]] || fail "legacy describe: $out"
ok "--legacy: describe answers 404 page not found"
UJOB=$(job_id_of "$(post "$V2/create" '{"collectionName":"c","files":[["a.parquet"]]}')")
poll "--uncommitted: job stops at Uncommitted, 99" "$V2/get_progress" "{\"jobId\":\"$UJOB\"}" \
  '^\{"code":0,"data":\{"collectionName":"c","completeTime":"",.*"progress":99,"state":"Uncommitted","totalRows":[1-9]'
stop

# ---------------------------------------------------------------- instance 4
if command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
  start --cert "$WORK/cert.pem" --key "$WORK/key.pem"
  out=$(curl -sS -m 10 -k "https://127.0.0.1:$PORT/v1/vector/collections/import/get?jobId=fault-x&clusterId=c")
  expect_match "TLS with --cert/--key" "$out" '^\{"code":90144,'
  stop
fi

echo "all $CHECKS checks passed"

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Instructions per call, mip against a bare libcurl loop doing the same POST,
# counted by valgrind's callgrind: repeatable on a noisy machine, where
# timings are not. Both programs talk to nginx on loopback, over one
# keep-alive connection, answering a two-file Milvus `describe` body. Each
# runs twice, with N and 2N calls; the difference, divided by N, is the cost
# of one call without the start-up.
#
#   bench/bench_callgrind.sh BUILD_DIR [N]        (N defaults to 1000)
#
# Needs nginx and valgrind (apt-get install nginx valgrind).
set -euo pipefail
build=$(cd "${1:?usage: bench_callgrind.sh BUILD_DIR [N]}" && pwd)
calls=${2:-1000}
program=$build/bench/calls_against
[[ -x $program ]] || { echo "no $program: build the benchmarks first" >&2; exit 2; }
for tool in nginx valgrind python3; do
  command -v "$tool" > /dev/null || { echo "$tool is not installed" >&2; exit 2; }
done

work=$(mktemp -d)
nginx_pid=
cleanup() {
  [[ -n $nginx_pid ]] && kill "$nginx_pid" 2> /dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A free port, then nginx on it (nginx cannot be told to pick one).
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
body='{"code":0,"data":{"collectionName":"quick_setup","completeTime":"","createTime":"2024-04-01T06:17:00Z","details":[{"completeTime":"","fileName":"[a/1.parquet]","fileSize":3279917,"importedRows":40000,"progress":52,"state":"Importing","totalRows":100000},{"completeTime":"","fileName":"[a/2.parquet]","fileSize":3279917,"importedRows":38000,"progress":50,"state":"Importing","totalRows":100000}],"fileSize":6559834,"importedRows":78000,"jobId":"448761313698322011","progress":51,"state":"Importing","totalRows":200000}}'
mkdir -p "$work/logs"
cat > "$work/nginx.conf" << CONF
daemon off;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $work/body;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port;
    location / {
      default_type application/json;
      return 200 '$body';
    }
  }
}
CONF
nginx -c "$work/nginx.conf" -p "$work" &
nginx_pid=$!
for ((tries = 0; tries < 100; tries++)); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.05
done

# instructions KIND CALLS: callgrind's total for one run.
instructions() {
  valgrind --tool=callgrind --callgrind-out-file="$work/out.$1.$2" "$program" "$1" "http://127.0.0.1:$port" "$2" \
    2> "$work/valgrind.$1.$2"
  sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/valgrind.$1.$2"
}

declare -A per_call
for kind in curl curl-timeout mip; do
  once=$(instructions "$kind" "$calls")
  twice=$(instructions "$kind" $((2 * calls)))
  per_call[$kind]=$(((twice - once) / calls))
done
echo "instructions per call, $calls vs $((2 * calls)) calls on one keep-alive connection to nginx on loopback"
printf '  bare libcurl loop                 : %8d\n' "${per_call[curl]}"
printf '  bare loop with a timeout per call : %8d\n' "${per_call[curl-timeout]}"
printf '  mip                               : %8d\n' "${per_call[mip]}"
python3 -c "print('  mip / bare                        : %.3f' % (${per_call[mip]} / ${per_call[curl]}))"
python3 -c "print('  mip / bare with a timeout         : %.3f' % (${per_call[mip]} / ${per_call[curl-timeout]}))"

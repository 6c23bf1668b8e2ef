#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The official Node SDK (@zilliz/milvus2-sdk-node, its HttpClient) against
# mip-emulator: node_sdk_test.js, with the SDK installed from the npm registry
# into CACHE_DIR once and reused while it holds the pinned version.
#
#   node_sdk_test.sh PATH_TO_mip-emulator CACHE_DIR
set -euo pipefail
export MIP_EMULATOR=${1:?usage: node_sdk_test.sh PATH_TO_mip-emulator CACHE_DIR}
cache=${2:?usage: node_sdk_test.sh PATH_TO_mip-emulator CACHE_DIR}
here=$(cd "$(dirname "$0")" && pwd)
# Pinned: a new release may change the routes or the body the test relies on.
sdk_version=3.0.6
sdk="$cache/node_modules/@zilliz/milvus2-sdk-node/package.json"

installed=""
[[ -f $sdk ]] && installed=$(node -p "require(process.argv[1]).version" "$sdk")
if [[ $installed != "$sdk_version" ]]; then
  npm install --no-audit --no-fund --prefix "$cache" "@zilliz/milvus2-sdk-node@$sdk_version" ||
    { echo "FAIL: cannot install @zilliz/milvus2-sdk-node@$sdk_version from the npm registry" >&2; exit 1; }
fi

# shellcheck source=tests/support/emulator.sh
source "$here/../support/emulator.sh"
token=sk-node-sdk-0b7e
start_emulator URL --speed 40 --duration 10
start_emulator AUTH_URL --token "$token"
NODE_PATH="$cache/node_modules" node "$here/node_sdk_test.js" "$URL" "$AUTH_URL" "$token"

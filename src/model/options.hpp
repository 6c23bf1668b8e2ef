// SPDX-License-Identifier: Apache-2.0
// Everything a client is configured with, as plain values. The C setters
// fill it; a client keeps its own copy.
#pragma once

#include <cstdint>
#include <string>

#include <mip.h>

namespace mip {

// Numbers equal to mip_api.
enum class Api : uint8_t { Auto = 0, Milvus, Cloud, CloudV1 };

// What each setting is when nobody sets it: mip.h's MIP_DEFAULT_*, the one
// definition, which the command line and the bindings read as well.
struct Defaults {
    int64_t timeout_ms = MIP_DEFAULT_TIMEOUT_MS;
    int64_t connect_timeout_ms = MIP_DEFAULT_CONNECT_TIMEOUT_MS;
    int max_retries = MIP_DEFAULT_MAX_RETRIES;
    int64_t max_response_bytes = MIP_DEFAULT_MAX_RESPONSE_BYTES;
    int max_connections = MIP_DEFAULT_MAX_CONNECTIONS;
    int64_t poll_interval_ms = MIP_DEFAULT_POLL_INTERVAL_MS;
};
inline constexpr Defaults kDefaults{};

struct Options {
    std::string endpoint;
    Api api = Api::Auto;
    std::string token;  // never logged, never put in a message
    std::string cluster_id;
    std::string project_id;
    std::string region_id;
    std::string db_name;
    int64_t timeout_ms = kDefaults.timeout_ms;
    int64_t connect_timeout_ms = kDefaults.connect_timeout_ms;
    int max_retries = kDefaults.max_retries;
    std::string ca_file;
    bool tls_verify = true;
    std::string proxy;
    std::string user_agent;  // empty: "mip/<version>"
    int64_t max_response_bytes = kDefaults.max_response_bytes;
    int max_connections = kDefaults.max_connections;  // for many jobs at once
};

}  // namespace mip

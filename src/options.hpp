// SPDX-License-Identifier: Apache-2.0
// Everything a client is configured with, as plain values. The C setters
// fill it; a client keeps its own copy.
#pragma once

#include <cstdint>
#include <string>

namespace mip {

// Numbers equal to mip_api.
enum class Api : uint8_t { Auto = 0, Milvus, Cloud, CloudV1 };

// What each setting is when nobody sets it: the one definition in the core.
// mip.h publishes the same numbers as MIP_DEFAULT_* for the command line and
// the bindings; capi.cpp checks at compile time that they agree.
struct Defaults {
    int64_t timeout_ms = 30'000;
    int64_t connect_timeout_ms = 10'000;
    int max_retries = 2;
    int64_t max_response_bytes = int64_t{64} << 20;
    int max_connections = 8;
    int64_t poll_interval_ms = 1'000;
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

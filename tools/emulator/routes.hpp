// SPDX-License-Identifier: Apache-2.0
// The HTTP surface: which path speaks which flavor, auth, and unknown routes.
#pragma once

#include <cstdint>
#include <string>

#include <httplib.h>

#include "faults.hpp"
#include "job_store.hpp"
#include "shutdown.hpp"

namespace emu {

struct RouteOptions {
    std::string token;            // empty: no auth checks
    bool legacy = false;          // no /describe route, like Milvus before late 2024
    int latency_ms = 0;           // added before every answer
    int64_t max_page_size = 100;  // the cloud lists' cap on pageSize
};

void install_routes(httplib::Server &server, JobStore &store, Faults &faults, Shutdown &shutdown,
                    const RouteOptions &options);

}  // namespace emu

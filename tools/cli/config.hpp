// SPDX-License-Identifier: Apache-2.0
// Where and how to connect: command line options, each with an environment
// variable, so that an API key need not appear on the command line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <mip.h>
#include <CLI/CLI.hpp>

#include "mip_handles.hpp"

namespace mipcli {

struct ConnectionConfig {
    std::string endpoint;
    std::string api = "auto";  // auto, milvus, cloud or cloud-v1
    std::string token;
    std::string cluster_id;
    std::string project_id;
    std::string region_id;
    std::string db;
    int64_t timeout_ms = 0;  // 0: not given, the library's default applies
    std::string ca_file;
};

void add_connection_options(CLI::App &command, ConnectionConfig &config);

// The flavors' names, as the library spells them (mip_api_name): what
// --api takes.
std::vector<std::string> api_names();

// A client for the configuration, or null with `failure` filled in.
Owned<mip_client> connect(const ConnectionConfig &config, Failure &failure);

}  // namespace mipcli

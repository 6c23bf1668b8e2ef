// `mip import`: what to import, as the command line says it, and the call
// that starts the job.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <mip.h>
#include <CLI/CLI.hpp>

#include "mip_handles.hpp"

namespace mipcli {

struct ImportConfig {
    std::string collection;
    std::string partition;
    std::vector<std::vector<std::string>> file_groups;  // one per --files
    std::vector<std::string> options;                   // "KEY=VALUE", checked by the parser
    bool no_auto_commit = false;
    std::optional<std::string> idempotency_key;  // given: sent, even empty, for the library to judge
    std::string access_key;
    std::string secret_key;
};

void add_import_options(CLI::App &command, ImportConfig &config);

// The new job's id, or nothing with `failure` filled in.
std::optional<std::string> create_job(mip_client *client, mip_cancel *cancel, const ImportConfig &config,
                                      Failure &failure);

}  // namespace mipcli

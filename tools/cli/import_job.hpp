// SPDX-License-Identifier: Apache-2.0
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

// What a create leaves behind: the new job's id, or the failure; and the
// Idempotency-Key that was sent, or "" when the request was never sent.
struct CreateResult {
    std::optional<std::string> job_id;
    Failure failure;
    std::string idempotency_key;
};

// Creates the job. Without --idempotency-key a random key is chosen here,
// not in the library, so that it can be shown after a failure without
// reading it out of the library's message.
CreateResult create_job(mip_client *client, mip_cancel *cancel, const ImportConfig &config);

// True when `result` failed after the request may have reached the server,
// which may then have created the job: the user needs its key to retry
// without a second job. Every failure but MIP_ERR_INVALID_ARGUMENT, which
// the library returns before sending anything.
bool retry_needs_key(const CreateResult &result);

// "mip-" and 32 lowercase hex digits, 128 bits from the system's random
// source (the library's own keys look the same); nothing when there is no
// such source.
std::optional<std::string> new_idempotency_key();

}  // namespace mipcli

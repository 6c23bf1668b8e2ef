// SPDX-License-Identifier: Apache-2.0
#include "import_job.hpp"

#include <cstdio>
#include <exception>
#include <random>

namespace mipcli {
namespace {

// A key, then "=", then the value (which may hold "=" itself). The message
// does not quote the argument, as no message of mip does.
std::string check_option(const std::string &argument) {
    const size_t equals = argument.find('=');
    if (equals == std::string::npos || equals == 0) return "expected KEY=VALUE with a key that is not empty";
    return "";
}

}  // namespace

void add_import_options(CLI::App &command, ImportConfig &config) {
    command.add_option("--collection", config.collection, "The collection to import into")->required();
    command.add_option("--partition", config.partition, "The partition; the default partition when not given");
    command
        .add_option("--files", config.file_groups,
                    "One group of files, comma-separated: a JSON, Parquet or CSV file, or the .npy files of one set; "
                    "repeat for more groups")
        ->delimiter(',')
        ->required();
    command
        .add_option("--option", config.options,
                    "KEY=VALUE sent in the request's options, e.g. timeout=300s; repeat for more")
        ->check(CLI::Validator(check_option, "KEY=VALUE"));
    command.add_flag("--no-auto-commit", config.no_auto_commit,
                     "Two-phase import: the job stops at Uncommitted until `mip commit` or `mip abort`");
    command.add_option("--idempotency-key", config.idempotency_key,
                       "Key that makes a repeated import return the first job (Milvus >= 2.6.24 / 3.0.2); "
                       "without it mip picks a random one, and when a create fails after the server may have "
                       "created the job, prints the key to retry with on stderr");
    // No default shown and no validator: nothing may ever echo the keys.
    auto *access = command
                       .add_option("--access-key", config.access_key,
                                   "Object storage access key (cloud flavors; better given through the environment)")
                       ->envname("MIP_ACCESS_KEY");
    auto *secret = command
                       .add_option("--secret-key", config.secret_key,
                                   "Object storage secret key (cloud flavors; better given through the environment)")
                       ->envname("MIP_SECRET_KEY");
    access->needs(secret);
    secret->needs(access);
}

std::optional<std::string> new_idempotency_key() {
    try {
        // The default device reads the CPU's or the kernel's generator, not
        // a seeded sequence: keys of two runs started in the same
        // microsecond still differ.
        std::random_device device;
        std::string key = "mip-";
        for (int word = 0; word < 4; ++word) {
            char hex[9];
            std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(device() & 0xFFFFFFFFu));
            key += hex;
        }
        return key;
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

bool retry_needs_key(const CreateResult &result) {
    return !result.job_id && !result.idempotency_key.empty() && result.failure.code != MIP_OK &&
           result.failure.code != MIP_ERR_INVALID_ARGUMENT;
}

CreateResult create_job(mip_client *client, mip_cancel *cancel, const ImportConfig &config) {
    CreateResult result;
    Failure &failure = result.failure;
    Owned<mip_import_request> request(mip_import_request_new());
    if (!request) {
        failure = {MIP_ERR_NO_MEMORY, "out of memory"};
        return result;
    }
    // A setter only refuses text it cannot send; name the option, never the
    // value (it may be the secret key).
    auto set = [&failure](mip_code code, const std::string &option) {
        if (code != MIP_OK && failure.code == MIP_OK) failure = {code, "invalid value for " + option};
    };
    mip_import_request *r = request.get();
    set(mip_import_request_set_collection(r, config.collection.c_str()), "--collection");
    set(mip_import_request_set_partition(r, config.partition.c_str()), "--partition");
    for (const std::vector<std::string> &group : config.file_groups) {
        std::vector<const char *> paths;
        for (const std::string &path : group) paths.push_back(path.c_str());
        set(mip_import_request_add_files(r, paths.data(), paths.size()), "--files");
    }
    for (const std::string &option : config.options) {
        const size_t equals = option.find('=');
        set(mip_import_request_set_option(r, option.substr(0, equals).c_str(), option.substr(equals + 1).c_str()),
            "--option");
    }
    // Set only when asked, so that an --option auto_commit=... is not undone.
    if (config.no_auto_commit) set(mip_import_request_set_auto_commit(r, 0), "--no-auto-commit");
    const std::optional<std::string> key = config.idempotency_key ? config.idempotency_key : new_idempotency_key();
    if (!key) {
        failure = {MIP_ERR_INVALID_ARGUMENT,
                   "no source of random numbers for an idempotency key: give --idempotency-key"};
        return result;
    }
    set(mip_import_request_set_idempotency_key(r, key->c_str()), "--idempotency-key");
    if (!config.access_key.empty() || !config.secret_key.empty()) {
        set(mip_import_request_set_object_credentials(r, config.access_key.c_str(), config.secret_key.c_str()),
            "--access-key / --secret-key");
    }
    if (failure.code != MIP_OK) return result;

    char *job_id = nullptr;
    mip_error *error = nullptr;
    result.idempotency_key = *key;
    const mip_code code = mip_create_import(client, r, cancel, &job_id, &error);
    const Owned<char> owned_id(job_id);
    const Owned<mip_error> owned_error(error);
    if (code != MIP_OK) {
        failure = failure_of(code, error);
    } else {
        result.job_id = std::string(job_id);
    }
    return result;
}

}  // namespace mipcli

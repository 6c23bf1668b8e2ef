// SPDX-License-Identifier: Apache-2.0
#include "config.hpp"

#include <string>
#include <vector>

namespace mipcli {

std::vector<std::string> api_names() {
    std::vector<std::string> names;
    for (int api = MIP_API_AUTO; api <= MIP_API_CLOUD_V1; ++api)
        names.push_back(mip_api_name(static_cast<mip_api>(api)));
    return names;
}

void add_connection_options(CLI::App &command, ConnectionConfig &config) {
    command
        .add_option("--endpoint", config.endpoint,
                    "Server URL, e.g. http://localhost:19530 or https://api.cloud.zilliz.com")
        ->envname("MIP_ENDPOINT")
        ->required();
    command.add_option("--api", config.api, "Server flavor; auto chooses by the endpoint's host")
        ->transform(CLI::IsMember(api_names(), CLI::ignore_case))
        ->envname("MIP_API")
        ->capture_default_str();
    // No default shown and no validator: nothing may ever echo the token.
    command.add_option("--token", config.token, "API key or user:password (better given through the environment)")
        ->envname("MIP_TOKEN");
    command.add_option("--cluster-id", config.cluster_id, "Zilliz Cloud cluster")->envname("MIP_CLUSTER_ID");
    command.add_option("--project-id", config.project_id, "Zilliz Cloud project (cloud flavor, with --region-id)")
        ->envname("MIP_PROJECT_ID");
    command.add_option("--region-id", config.region_id, "Zilliz Cloud region (cloud flavor, with --project-id)")
        ->envname("MIP_REGION_ID");
    command.add_option("--db", config.db, "Milvus database")->envname("MIP_DB");
    command.add_option("--timeout", config.timeout_ms, "Time limit of each call (one poll), in milliseconds")
        ->envname("MIP_TIMEOUT_MS")
        ->check(CLI::Range(int64_t{1}, int64_t{24 * 3600 * 1000}))
        ->default_str(std::to_string(MIP_DEFAULT_TIMEOUT_MS));
    command.add_option("--ca-file", config.ca_file, "PEM file of CA certificates to trust instead of the system's")
        ->envname("MIP_CA_FILE")
        ->check(CLI::ExistingFile);
}

Owned<mip_client> connect(const ConnectionConfig &config, Failure &failure) {
    Owned<mip_options> options(mip_options_new());
    if (!options) {
        failure = {MIP_ERR_NO_MEMORY, "out of memory"};
        return nullptr;
    }
    // A setter only refuses a value out of range or one with control
    // characters; name the option, never the value (it may be the token).
    auto set = [&failure](mip_code code, const char *option) {
        if (code != MIP_OK && failure.code == MIP_OK) failure = {code, std::string("invalid value for ") + option};
    };
    mip_options *o = options.get();
    set(mip_options_set_endpoint(o, config.endpoint.c_str()), "--endpoint");
    mip_api api = MIP_API_AUTO;
    set(mip_api_from_name(config.api.c_str(), &api), "--api");
    set(mip_options_set_api(o, api), "--api");
    set(mip_options_set_token(o, config.token.c_str()), "--token");
    set(mip_options_set_cluster_id(o, config.cluster_id.c_str()), "--cluster-id");
    set(mip_options_set_project_id(o, config.project_id.c_str()), "--project-id");
    set(mip_options_set_region_id(o, config.region_id.c_str()), "--region-id");
    set(mip_options_set_db_name(o, config.db.c_str()), "--db");
    if (config.timeout_ms > 0) set(mip_options_set_timeout_ms(o, config.timeout_ms), "--timeout");
    set(mip_options_set_ca_file(o, config.ca_file.c_str()), "--ca-file");
    if (failure.code != MIP_OK) return nullptr;

    mip_client *client = nullptr;
    mip_error *error = nullptr;
    const mip_code code = mip_client_new(o, &client, &error);
    Owned<mip_error> owned_error(error);
    if (code != MIP_OK) failure = failure_of(code, error);
    return Owned<mip_client>(client);
}

}  // namespace mipcli

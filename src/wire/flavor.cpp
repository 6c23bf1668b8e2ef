// SPDX-License-Identifier: Apache-2.0
#include "wire/flavor.hpp"

#include "wire/reply.hpp"

namespace mip {

namespace {

// The cloud flavors carry an API key: it must not cross the network in
// clear text. Loopback stays allowed for tests and the emulator.
std::optional<Error> check_cloud(Api api, const Options &o, const Endpoint &e) {
    const char *name = api == Api::Cloud ? "the cloud API" : "the cloud-v1 API";
    if (!e.https && !e.loopback) {
        return invalid_argument(std::string(name) + " needs https:// (plain http:// only to a loopback host)");
    }
    if (needs_direct_connection(api, e) && !o.proxy.empty()) {
        return invalid_argument(std::string(name) +
                                " over plain http:// cannot go through a proxy: the key would travel in clear text");
    }
    if (o.token.empty()) return invalid_argument(std::string(name) + " needs a token (API key)");
    if (api == Api::CloudV1 && o.cluster_id.empty()) return invalid_argument("the cloud-v1 API needs a cluster id");
    if (api == Api::Cloud && o.cluster_id.empty() && (o.project_id.empty() || o.region_id.empty())) {
        return invalid_argument("the cloud API needs a cluster id, or a project id and a region id");
    }
    return std::nullopt;
}

}  // namespace

bool needs_direct_connection(Api api, const Endpoint &e) { return api != Api::Milvus && !e.https; }

Result<std::unique_ptr<Flavor>> make_flavor(Api api, const Options &options, const Endpoint &endpoint) {
    if (api == Api::Milvus) return make_milvus_flavor(options, endpoint);
    if (std::optional<Error> e = check_cloud(api, options, endpoint)) return std::move(*e);
    if (api == Api::Cloud) return make_cloud_flavor(options, endpoint);
    return make_cloud_v1_flavor(options, endpoint);
}

std::vector<std::string> base_headers(const Options &options, bool json_body) {
    std::vector<std::string> headers{"Accept: application/json"};
    if (json_body) headers.emplace_back("Content-Type: application/json");
    // No header at all without a token: some servers run with auth disabled.
    if (!options.token.empty()) headers.push_back("Authorization: Bearer " + options.token);
    // libcurl would add "Expect: 100-continue" to large POSTs; ours are small.
    headers.emplace_back("Expect:");
    return headers;
}

const char *route_of(Conclusion conclusion) { return conclusion == Conclusion::Commit ? "commit" : "abort"; }

bool is_missing_route(const Error &error) { return error.code == Code::Http && error.http_status == 404; }

Result<Job> create_at(const std::string &url, std::string_view body, const std::vector<std::string> &lines,
                      std::string_view idempotency_key, Call &call) {
    std::vector<std::string> with_key = lines;
    with_key.push_back("Idempotency-Key: " + std::string(idempotency_key));
    const HeaderList headers(with_key);
    return exchange(post_once_request(url, body, headers), call, ParseRules{});
}

Result<Envelope> exchange_for_data(const Request &request, Call &call, ParseRules rules) {
    bool sent = false;
    Result<HttpReply> reply = call.connection.perform(request, call.deadline, call.cancel, sent);
    if (sent) ++call.requests;
    call.last_sent = sent;
    call.retry_after.reset();
    if (!reply.ok()) {
        if (reply.error().http_status != 0) call.last_status = reply.error().http_status;
        return std::move(reply.error());
    }
    call.last_status = reply.value().status;
    call.retry_after = reply.value().retry_after;
    return data_or_error(reply.value(), call.parser, rules, request, call.secrets);
}

Result<Job> exchange(const Request &request, Call &call, ParseRules rules) {
    Result<Envelope> data = exchange_for_data(request, call, rules);
    if (!data.ok()) return std::move(data.error());
    return std::move(data.value().job);
}

Result<JobPage> exchange_for_page(const Request &request, Call &call, ParseRules rules) {
    rules.page = true;
    Result<Envelope> data = exchange_for_data(request, call, rules);
    if (!data.ok()) return std::move(data.error());
    return std::move(data.value().page);
}

}  // namespace mip

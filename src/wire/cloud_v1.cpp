// SPDX-License-Identifier: Apache-2.0
// Zilliz Cloud control plane v1 (controller.api.{region}.zillizcloud.com).
#include <algorithm>

#include "wire/body.hpp"
#include "wire/flavor.hpp"
#include "wire/paging.hpp"

namespace mip {

namespace {

class CloudV1Flavor final : public Flavor {
public:
    CloudV1Flavor(const Options &o, const Endpoint &e)
        : url_prefix_(e.base + "/v1/vector/collections/import/get?jobId="),
          url_suffix_(url_suffix(o)),
          create_url_(e.base + "/v1/vector/collections/import"),
          list_url_prefix_(e.base + "/v1/vector/collections/import/list?clusterId=" + url_encoded(o.cluster_id) +
                           "&pageSize=" + std::to_string(kListPageSize) + "&currentPage="),
          cluster_id_(o.cluster_id),
          headers_(base_headers(o, false)),
          create_header_lines_(base_headers(o, true)) {}

    Result<Job> fetch(std::string_view job_id, Call &call) override {
        std::string url = url_prefix_;
        append_url_encoded(url, job_id);
        url += url_suffix_;
        Request request;
        request.headers = &headers_;
        request.url = url;
        // No state field in v1: derive it from readyPercentage and friends.
        return exchange(request, call, ParseRules{true});
    }

    // Zilliz Cloud v1 has no two-phase import: nothing is sent.
    Result<Job> conclude(Conclusion conclusion, std::string_view, Call &) override {
        return make_error(Code::Unsupported,
                          std::string("the cloud-v1 API has no ") + route_of(conclusion) + " of an import job");
    }

    // One objectUrl (a file or a folder) and no options: v1 has no such field.
    Result<std::string> import_body(const ImportRequest &request) const override {
        if (request.files.size() != 1 || request.files[0].size() != 1) {
            return invalid_argument("the cloud-v1 API imports exactly one path (a file or a folder), not " +
                                    std::to_string(count_paths(request)));
        }
        if (!request.options.empty()) {
            return invalid_argument(
                "the cloud-v1 API takes no import options (auto_commit included); this request sets " +
                std::to_string(request.options.size()));
        }
        std::string body;
        JsonWriter w(body);
        w.begin_object().field("clusterId", cluster_id_).field("collectionName", request.collection);
        if (!request.partition.empty()) w.field("partitionName", request.partition);
        w.field("objectUrl", request.files[0][0]);
        if (!request.access_key.empty())
            w.field("accessKey", request.access_key).field("secretKey", request.secret_key);
        w.end_object();
        return body;
    }

    Result<Job> create(std::string_view body, std::string_view idempotency_key, Call &call) override {
        return create_at(create_url_, body, create_header_lines_, idempotency_key, call);
    }

    bool pages() const override { return true; }

    // v1 lists every collection of the cluster: one is picked out here, after
    // the page was counted for paging.
    Result<JobPage> list_page(std::string_view collection, int64_t page, Call &call) override {
        const std::string url = list_url_prefix_ + std::to_string(page);
        Request request;
        request.headers = &headers_;
        request.url = url;
        Result<JobPage> got = exchange_for_page(request, call, ParseRules{true});
        if (got.ok() && !collection.empty()) {
            std::vector<Job> &jobs = got.value().jobs;
            jobs.erase(std::remove_if(jobs.begin(), jobs.end(),
                                      [&](const Job &job) { return job.collection_name != collection; }),
                       jobs.end());
        }
        return got;
    }

private:
    static std::string url_suffix(const Options &o) { return "&clusterId=" + url_encoded(o.cluster_id); }

    static std::string url_encoded(std::string_view s) {
        std::string out;
        append_url_encoded(out, s);
        return out;
    }

    static size_t count_paths(const ImportRequest &request) {
        size_t n = 0;
        for (const std::vector<std::string> &group : request.files) n += group.size();
        return n;
    }

    const std::string url_prefix_;
    const std::string url_suffix_;
    const std::string create_url_;
    const std::string list_url_prefix_;  // up to the page number
    const std::string cluster_id_;
    const HeaderList headers_;                            // GETs: no body
    const std::vector<std::string> create_header_lines_;  // the create's JSON body
};

}  // namespace

std::unique_ptr<Flavor> make_cloud_v1_flavor(const Options &options, const Endpoint &endpoint) {
    return std::make_unique<CloudV1Flavor>(options, endpoint);
}

}  // namespace mip

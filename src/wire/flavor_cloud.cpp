// SPDX-License-Identifier: Apache-2.0
// Zilliz Cloud control plane v2 (api.cloud.zilliz.com).
#include "wire/flavor.hpp"
#include "wire/paging.hpp"

namespace mip {

namespace {

class CloudFlavor final : public Flavor {
public:
    CloudFlavor(const Options &o, const Endpoint &e)
        : url_(e.base + "/v2/vectordb/jobs/import/getProgress"),
          commit_url_(e.base + "/v2/vectordb/jobs/import/commit"),
          abort_url_(e.base + "/v2/vectordb/jobs/import/abort"),
          create_url_(e.base + "/v2/vectordb/jobs/import/create"),
          list_url_(e.base + "/v2/vectordb/jobs/import/list"),
          body_prefix_(body_prefix(o)),
          placement_prefix_("{" + placement_fields(o)),
          create_prefix_(placement_prefix_ + db_name_field(o)),
          header_lines_(base_headers(o, true)),
          headers_(header_lines_) {}

    Result<Job> fetch(std::string_view job_id, Call &call) override {
        Request request;
        request.post = true;
        request.url = url_;
        request.headers = &headers_;
        request.body = job_body(body_prefix_, job_id, call.body_buffer);
        return exchange(request, call, ParseRules{});
    }

    // The SDKs send the cluster with commit and abort as with every call; no
    // reference page for these routes was found (docs/wire-protocol.md section 6).
    Result<Job> conclude(Conclusion conclusion, std::string_view job_id, Call &call) override {
        return conclude_at(conclusion, conclusion == Conclusion::Commit ? commit_url_ : abort_url_,
                           job_body(body_prefix_, job_id, call.body_buffer), headers_, call);
    }

    Result<std::string> import_body(const ImportRequest &request) const override {
        Result<std::string> fields = import_fields(request, "objectUrls", true);
        if (!fields.ok()) return std::move(fields.error());
        std::string body = create_prefix_ + fields.value();
        close_object(body);
        return body;
    }

    Result<Job> create(std::string_view body, std::string_view idempotency_key, Call &call) override {
        return create_at(create_url_, body, header_lines_, idempotency_key, call);
    }

    bool pages() const override { return true; }

    Result<JobPage> list_page(std::string_view collection, int64_t page, Call &call) override {
        std::string &body = call.body_buffer;
        body = placement_prefix_;
        append_collection_field(body, collection);
        body += "\"pageSize\":" + std::to_string(kListPageSize) + ",\"currentPage\":" + std::to_string(page) + "}";
        return exchange_for_page(post_request(list_url_, body, headers_), call, ParseRules{});
    }

private:
    // Everything of the body before the job id, the same on every call
    // (make_flavor checked that the placement is there).
    static std::string body_prefix(const Options &o) { return "{" + placement_fields(o) + "\"jobId\":"; }

    const std::string url_;
    const std::string commit_url_;
    const std::string abort_url_;
    const std::string create_url_;
    const std::string list_url_;
    const std::string body_prefix_;
    const std::string placement_prefix_;  // "{" and the placement fields, each with its comma
    const std::string create_prefix_;     // the same and the database field
    const std::vector<std::string> header_lines_;
    const HeaderList headers_;
};

}  // namespace

std::unique_ptr<Flavor> make_cloud_flavor(const Options &options, const Endpoint &endpoint) {
    return std::make_unique<CloudFlavor>(options, endpoint);
}

}  // namespace mip

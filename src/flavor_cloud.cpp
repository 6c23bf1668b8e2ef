// Zilliz Cloud control plane v2 (api.cloud.zilliz.com).
#include "flavor.hpp"
#include "request_text.hpp"

namespace mip {

namespace {

class CloudFlavor final : public Flavor {
public:
    CloudFlavor(const Options &o, const Endpoint &e)
        : url_(e.base + "/v2/vectordb/jobs/import/getProgress"),
          commit_url_(e.base + "/v2/vectordb/jobs/import/commit"),
          abort_url_(e.base + "/v2/vectordb/jobs/import/abort"),
          body_prefix_(body_prefix(o)),
          headers_(base_headers(o, true)) {}

    Result<Job> fetch(std::string_view job_id, Call &call) override {
        Request request;
        request.post = true;
        request.url = url_;
        request.headers = &headers_;
        request.body = job_body(body_prefix_, job_id, call.body_buffer);
        return exchange(request, call, ParseRules{});
    }

    // The SDKs send the cluster with commit and abort as with every call; no
    // reference page for these routes was found (wire-protocol.md section 6).
    Result<Job> conclude(Conclusion conclusion, std::string_view job_id, Call &call) override {
        return conclude_at(conclusion, conclusion == Conclusion::Commit ? commit_url_ : abort_url_,
                           job_body(body_prefix_, job_id, call.body_buffer), headers_, call);
    }

private:
    // Everything of the body before the job id, the same on every call
    // (make_flavor checked that the placement is there).
    static std::string body_prefix(const Options &o) { return "{" + placement_fields(o) + "\"jobId\":"; }

    const std::string url_;
    const std::string commit_url_;
    const std::string abort_url_;
    const std::string body_prefix_;
    const HeaderList headers_;
};

}  // namespace

std::unique_ptr<Flavor> make_cloud_flavor(const Options &options, const Endpoint &endpoint) {
    return std::make_unique<CloudFlavor>(options, endpoint);
}

}  // namespace mip

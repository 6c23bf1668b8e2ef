// Zilliz Cloud control plane v2 (api.cloud.zilliz.com).
#include "flavor.hpp"
#include "request_text.hpp"

namespace mip {

namespace {

class CloudFlavor final : public Flavor {
public:
    CloudFlavor(const Options &o, const Endpoint &e)
        : url_(e.base + "/v2/vectordb/jobs/import/getProgress"),
          body_prefix_(body_prefix(o)),
          headers_(base_headers(o, true)) {}

    Result<Job> fetch(std::string_view job_id, Call &call) override {
        Request request;
        request.post = true;
        request.url = url_;
        request.headers = &headers_;
        request.body.reserve(body_prefix_.size() + json_string_size_bound(job_id) + 1);
        request.body = body_prefix_;
        append_json_string(request.body, job_id);
        request.body += "}";
        return exchange(request, call, ParseRules{});
    }

private:
    // Everything of the body before the job id, the same on every call
    // (make_flavor checked that the placement is there).
    static std::string body_prefix(const Options &o) { return "{" + placement_fields(o) + "\"jobId\":"; }

    const std::string url_;
    const std::string body_prefix_;
    const HeaderList headers_;
};

}  // namespace

std::unique_ptr<Flavor> make_cloud_flavor(const Options &options, const Endpoint &endpoint) {
    return std::make_unique<CloudFlavor>(options, endpoint);
}

}  // namespace mip

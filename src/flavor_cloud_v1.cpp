// Zilliz Cloud control plane v1 (controller.api.{region}.zillizcloud.com).
#include "flavor.hpp"
#include "request_text.hpp"

namespace mip {

namespace {

class CloudV1Flavor final : public Flavor {
public:
    CloudV1Flavor(const Options &o, const Endpoint &e)
        : url_prefix_(e.base + "/v1/vector/collections/import/get?jobId="),
          url_suffix_(url_suffix(o)),
          headers_(base_headers(o, false)) {}

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

private:
    static std::string url_suffix(const Options &o) {
        std::string s = "&clusterId=";
        append_url_encoded(s, o.cluster_id);
        return s;
    }

    const std::string url_prefix_;
    const std::string url_suffix_;
    const HeaderList headers_;
};

}  // namespace

std::unique_ptr<Flavor> make_cloud_v1_flavor(const Options &options, const Endpoint &endpoint) {
    return std::make_unique<CloudV1Flavor>(options, endpoint);
}

}  // namespace mip

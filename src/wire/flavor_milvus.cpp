// SPDX-License-Identifier: Apache-2.0
// Milvus REST v2, self-hosted or a Zilliz Cloud cluster endpoint.
#include <atomic>

#include "wire/flavor.hpp"

namespace mip {

namespace {

class MilvusFlavor final : public Flavor {
public:
    MilvusFlavor(const Options &o, const Endpoint &e)
        : describe_url_(e.base + "/v2/vectordb/jobs/import/describe"),
          get_progress_url_(e.base + "/v2/vectordb/jobs/import/get_progress"),
          commit_url_(e.base + "/v2/vectordb/jobs/import/commit"),
          abort_url_(e.base + "/v2/vectordb/jobs/import/abort"),
          create_url_(e.base + "/v2/vectordb/jobs/import/create"),
          list_url_(e.base + "/v2/vectordb/jobs/import/list"),
          body_prefix_("{" + placement_fields(o) + "\"jobId\":"),
          // The job's database is the body's dbName; the header decides permissions.
          scope_prefix_("{" + placement_fields(o) + db_name_field(o)),
          header_lines_(header_lines(o)),
          headers_(header_lines_) {}

    Result<Job> fetch(std::string_view job_id, Call &call) override {
        Request request;
        request.post = true;
        request.headers = &headers_;
        request.body = job_body(body_prefix_, job_id, call.body_buffer);
        if (!old_server_.load(std::memory_order_relaxed)) {
            request.url = describe_url_;
            Result<Job> answer = exchange(request, call, ParseRules{});
            if (answer.ok() || !is_missing_route(answer.error())) return answer;
            // Servers before October 2024 only know the deprecated route.
            old_server_.store(true, std::memory_order_relaxed);
        }
        request.url = get_progress_url_;
        return exchange(request, call, ParseRules{});
    }

    Result<Job> conclude(Conclusion conclusion, std::string_view job_id, Call &call) override {
        return conclude_at(conclusion, conclusion == Conclusion::Commit ? commit_url_ : abort_url_,
                           job_body(body_prefix_, job_id, call.body_buffer), headers_, call);
    }

    Result<std::string> import_body(const ImportRequest &request) const override {
        Result<std::string> fields = import_fields(request, "files", false);
        if (!fields.ok()) return std::move(fields.error());
        std::string body = scope_prefix_ + fields.value();
        close_object(body);
        return body;
    }

    Result<Job> create(std::string_view body, std::string_view idempotency_key, Call &call) override {
        return create_at(create_url_, body, header_lines_, idempotency_key, call);
    }

    bool pages() const override { return false; }  // every record in one answer

    Result<JobPage> list_page(std::string_view collection, int64_t, Call &call) override {
        std::string &body = call.body_buffer;
        body = scope_prefix_;
        append_collection_field(body, collection);
        close_object(body);
        return exchange_for_page(post_request(list_url_, body, headers_), call, ParseRules{});
    }

private:
    static std::vector<std::string> header_lines(const Options &o) {
        std::vector<std::string> h = base_headers(o, true);
        // The server ignores dbName in the body; permissions follow this header.
        if (!o.db_name.empty()) h.push_back("DB-Name: " + o.db_name);
        const int64_t seconds = (o.timeout_ms + 999) / 1000;
        h.push_back("Request-Timeout: " + std::to_string(seconds));
        return h;
    }

    const std::string describe_url_;
    const std::string get_progress_url_;
    const std::string commit_url_;
    const std::string abort_url_;
    const std::string create_url_;
    const std::string list_url_;
    // A cluster the caller named is sent, as the Go SDK does whatever the
    // host: Milvus ignores it, and the cloud's `describe` alias (a private
    // endpoint or a proxy in front of api.cloud.zilliz.com) needs it.
    const std::string body_prefix_;
    const std::string scope_prefix_;  // "{" and the placement and database fields, each with its comma
    const std::vector<std::string> header_lines_;
    const HeaderList headers_;
    std::atomic<bool> old_server_{false};  // remembered per client
};

}  // namespace

std::unique_ptr<Flavor> make_milvus_flavor(const Options &options, const Endpoint &endpoint) {
    return std::make_unique<MilvusFlavor>(options, endpoint);
}

}  // namespace mip

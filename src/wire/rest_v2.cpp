// SPDX-License-Identifier: Apache-2.0
// REST v2 (docs/wire-protocol.md sections 1 and 6): Milvus, self-hosted or a
// Zilliz Cloud cluster endpoint, and the Zilliz Cloud control plane
// (api.cloud.zilliz.com) speak it alike. What differs between them is data:
// a Dialect each.
#include <atomic>

#include "wire/body.hpp"
#include "wire/flavor.hpp"
#include "wire/paging.hpp"

namespace mip {

// What sets one server's REST v2 apart.
struct RestV2Dialect {
    const char *progress_route;
    // The route servers before October 2024 know instead, tried once the
    // progress route is missing; nullptr when there is none to fall back to.
    const char *fallback_route;
    const char *files_key;     // the create's array of file groups
    bool object_keys;          // the create may carry object-storage keys
    bool milvus_headers;       // DB-Name (permissions follow it) and Request-Timeout
    bool pages;                // the list is asked page by page
    bool list_names_database;  // the list's body carries dbName
};

inline constexpr RestV2Dialect kMilvusDialect{
    "/v2/vectordb/jobs/import/describe",
    "/v2/vectordb/jobs/import/get_progress",
    "files",
    false,  // a Milvus server reads its own storage
    true,
    false,  // every record in one answer
    true,
};

inline constexpr RestV2Dialect kCloudDialect{
    "/v2/vectordb/jobs/import/getProgress", nullptr, "objectUrls", true, false, true, false,
};

namespace {

constexpr const char *kCommitRoute = "/v2/vectordb/jobs/import/commit";
constexpr const char *kAbortRoute = "/v2/vectordb/jobs/import/abort";
constexpr const char *kCreateRoute = "/v2/vectordb/jobs/import/create";
constexpr const char *kListRoute = "/v2/vectordb/jobs/import/list";

class RestV2Flavor final : public Flavor {
public:
    RestV2Flavor(const RestV2Dialect &dialect, const Options &o, const Endpoint &e)
        : dialect_(dialect),
          placement_{o.cluster_id, o.project_id, o.region_id, o.db_name},
          progress_url_(e.base + dialect.progress_route),
          fallback_url_(dialect.fallback_route ? e.base + dialect.fallback_route : std::string()),
          commit_url_(e.base + kCommitRoute),
          abort_url_(e.base + kAbortRoute),
          create_url_(e.base + kCreateRoute),
          list_url_(e.base + kListRoute),
          header_lines_(header_lines(dialect, o)),
          headers_(header_lines_) {}

    Result<Job> fetch(std::string_view job_id, Call &call) override {
        Request request;
        request.post = true;
        request.headers = &headers_;
        request.body = job_body(job_id, call.body_buffer);
        if (!fallback_url_.empty() && old_server_.load(std::memory_order_relaxed)) {
            request.url = fallback_url_;
            return exchange(request, call, ParseRules{});
        }
        request.url = progress_url_;
        Result<Job> answer = exchange(request, call, ParseRules{});
        if (fallback_url_.empty() || answer.ok() || !is_missing_route(answer.error())) return answer;
        old_server_.store(true, std::memory_order_relaxed);  // remembered per client
        request.url = fallback_url_;
        return exchange(request, call, ParseRules{});
    }

    Result<Job> conclude(Conclusion conclusion, std::string_view job_id, Call &call) override {
        const std::string &url = conclusion == Conclusion::Commit ? commit_url_ : abort_url_;
        const Request request = post_once_request(url, job_body(job_id, call.body_buffer), headers_);
        Result<Job> answer = exchange(request, call, ParseRules{});
        if (!answer.ok() && is_missing_route(answer.error())) {
            Error &e = answer.error();
            e.code = Code::Unsupported;
            e.message = request_line(request) + ": HTTP 404: this server has no " + route_of(conclusion) +
                        " route (two-phase import needs Milvus 3.0 or later)";
        }
        return answer;
    }

    Result<std::string> import_body(const ImportRequest &r) const override {
        if (!r.access_key.empty() && !dialect_.object_keys) {
            return invalid_argument(
                "object-storage keys are for the cloud flavors: a Milvus server reads its own storage");
        }
        std::string body;
        JsonWriter w(body);
        w.begin_object();
        write_scope(w, true);
        w.field("collectionName", r.collection);
        if (!r.partition.empty()) w.field("partitionName", r.partition);
        w.key(dialect_.files_key).begin_array();
        for (const std::vector<std::string> &group : r.files) {
            w.begin_array();
            for (const std::string &path : group) w.value(path);
            w.end_array();
        }
        w.end_array();
        if (!r.access_key.empty()) w.field("accessKey", r.access_key).field("secretKey", r.secret_key);
        if (!r.options.empty()) {
            w.key("options").begin_object();
            // Strings only: Milvus refuses anything else (code 1801).
            for (const auto &[key, value] : r.options) w.field(key, value);
            w.end_object();
        }
        w.end_object();
        return body;
    }

    Result<Job> create(std::string_view body, std::string_view idempotency_key, Call &call) override {
        return create_at(create_url_, body, header_lines_, idempotency_key, call);
    }

    bool pages() const override { return dialect_.pages; }

    Result<JobPage> list_page(std::string_view collection, int64_t page, Call &call) override {
        std::string &body = call.body_buffer;
        body.clear();
        JsonWriter w(body);
        w.begin_object();
        write_scope(w, dialect_.list_names_database);
        if (!collection.empty()) w.field("collectionName", collection);
        if (dialect_.pages) w.key("pageSize").value(kListPageSize).key("currentPage").value(page);
        w.end_object();
        return exchange_for_page(post_request(list_url_, body, headers_), call, ParseRules{});
    }

private:
    static std::vector<std::string> header_lines(const RestV2Dialect &dialect, const Options &o) {
        std::vector<std::string> h = base_headers(o, true);
        if (dialect.milvus_headers) {
            // The server ignores dbName in the body for permissions: they follow this header.
            if (!o.db_name.empty()) h.push_back("DB-Name: " + o.db_name);
            const int64_t seconds = (o.timeout_ms + 999) / 1000;
            h.push_back("Request-Timeout: " + std::to_string(seconds));
        }
        return h;
    }

    // The job's placement: the cluster, else a project database's project and
    // region. Sent whatever the host, as the Go SDK does: Milvus ignores it,
    // and the cloud's `describe` alias (a private endpoint or a proxy in
    // front of api.cloud.zilliz.com) needs it. With `database`, the database
    // a created or listed job belongs to.
    void write_scope(JsonWriter &w, bool database) const {
        const Placement &p = placement_;
        if (!p.cluster_id.empty()) {
            w.field("clusterId", p.cluster_id);
        } else if (!p.project_id.empty() && !p.region_id.empty()) {
            w.field("projectId", p.project_id).field("regionId", p.region_id);
        }
        if (database && !p.db_name.empty()) w.field("dbName", p.db_name);
    }

    // A job's body, written into `buffer`: the placement and the job id,
    // always a string (Milvus rejects a numeric jobId, code 1801).
    std::string_view job_body(std::string_view job_id, std::string &buffer) const {
        buffer.clear();
        JsonWriter w(buffer);
        w.begin_object();
        write_scope(w, false);
        w.field("jobId", job_id).end_object();
        return buffer;
    }

    // Where a job lives, from the options.
    struct Placement {
        std::string cluster_id;
        std::string project_id;
        std::string region_id;
        std::string db_name;
    };

    const RestV2Dialect &dialect_;
    const Placement placement_;
    const std::string progress_url_;
    const std::string fallback_url_;  // empty: none
    const std::string commit_url_;
    const std::string abort_url_;
    const std::string create_url_;
    const std::string list_url_;
    const std::vector<std::string> header_lines_;
    const HeaderList headers_;
    std::atomic<bool> old_server_{false};  // the progress route was missing: use the fallback
};

}  // namespace

std::unique_ptr<Flavor> make_milvus_flavor(const Options &options, const Endpoint &endpoint) {
    return std::make_unique<RestV2Flavor>(kMilvusDialect, options, endpoint);
}

std::unique_ptr<Flavor> make_cloud_flavor(const Options &options, const Endpoint &endpoint) {
    return std::make_unique<RestV2Flavor>(kCloudDialect, options, endpoint);
}

}  // namespace mip

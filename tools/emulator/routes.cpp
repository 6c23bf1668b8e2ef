// SPDX-License-Identifier: Apache-2.0
// Milvus and the cloud control plane share the paths get_progress, describe,
// create, list, commit and abort; a body naming clusterId (or
// projectId/regionId) is a cloud request, anything else a Milvus one.
// getProgress is cloud only, and /v1/... is cloud v1.
#include "routes.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <memory>

#include "body_reader.hpp"
#include "render.hpp"
#include "request_deadline.hpp"
#include "scenario.hpp"

namespace emu {
namespace {

const char *const kJson = "application/json; charset=utf-8";
const std::string kImport = "/v2/vectordb/jobs/import/";

// Codes chosen for the cloud where no source documents them (README.md).
constexpr int64_t kNoCluster = 90104;
constexpr int64_t kNoJobRecord = 90144;
const char *const kNoClusterText = "The clusterId parameter is empty in the request parameter.";
const char *const kNoJobRecordText = "No jobId record found under this cluster";
// Codes chosen where no source documents them (README.md): a commit or abort
// the job's state refuses, a bad Idempotency-Key, a bad page.
constexpr int64_t kWrongState = 2100;
const ApiError kBadIdempotencyKey{1100, "Idempotency-Key must be printable ASCII of at most 256 bytes"};
constexpr int64_t kBadPaging = 1100;
const char *const kBadPagingText = "pageSize and currentPage must be non-negative integers: invalid parameter";
// Milvus's maxImportFileNumPerReq (dataCoord.import.maxImportFileNumPerReq),
// checked by its proxy right after the empty request.
constexpr size_t kMostFileGroups = 1024;

void send(httplib::Response &res, const std::string &body, int status = 200) {
    res.status = status;
    res.set_content(body, kJson);
}

void send_error(httplib::Response &res, const ApiError &error) { send(res, error_envelope(error.code, error.message)); }

// Where a request looks for jobs: a Milvus database or a cloud cluster.
struct Scope {
    Flavor flavor;
    std::string name;
};

Viewer viewer_of(const Scope &scope) {
    return {scope.flavor == Flavor::Milvus ? Viewer::Database : Viewer::Cluster, scope.name};
}

bool visible(const JobSpec &job, const Scope &scope) { return can_see(viewer_of(scope), job); }

Scope milvus_scope(const httplib::Request &req) {
    const std::string db = req.get_header_value("DB-Name");
    return {Flavor::Milvus, db.empty() ? "default" : db};
}

// The cloud's cluster, or a project database's project and region.
std::optional<Scope> cloud_scope(BodyReader &body) {
    std::string cluster = body.text("clusterId", false);
    if (cluster.empty()) {
        const std::string project = body.text("projectId", false), region = body.text("regionId", false);
        if (!project.empty() && !region.empty()) cluster = project + "/" + region;
    }
    if (cluster.empty()) return std::nullopt;
    return Scope{Flavor::Cloud, cluster};
}

bool is_cloud_body(const BodyReader &body) {
    return body.has("clusterId") || body.has("projectId") || body.has("regionId");
}

bool is_int64(const std::string &id) {
    int64_t parsed = 0;
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), parsed);
    return ec == std::errc() && end == id.data() + id.size();
}

// Milvus's answer for an id it cannot find (datacoord parses it first).
ApiError milvus_not_found(const std::string &id) {
    int64_t parsed = 0;
    const auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), parsed);
    if (ec == std::errc() && end == id.data() + id.size())
        return {2100, "import job does not exist, jobID=" + std::to_string(parsed) + ": importing data failed"};
    const char *why = ec == std::errc::result_out_of_range ? "value out of range" : "invalid syntax";
    return {2100,
            "parse job id failed, err=strconv.ParseInt: parsing \"" + id + "\": " + why + ": importing data failed"};
}

ApiError not_found(const std::string &id, const Scope &scope) {
    if (scope.flavor == Flavor::Milvus) return milvus_not_found(id);
    return {kNoJobRecord, kNoJobRecordText};
}

// The Idempotency-Key header, "" when absent; Milvus takes printable ASCII
// of at most 256 bytes.
std::optional<std::string> idempotency_key(const httplib::Request &req) {
    std::string key = req.get_header_value("Idempotency-Key");
    if (key.size() > 256) return std::nullopt;
    for (unsigned char c : key)
        if (c < 0x20 || c > 0x7e) return std::nullopt;
    return key;
}

// Where the key is remembered: per flavor, database or cluster, and collection.
std::string idempotency_scope(const std::string &key, const Scope &scope, const std::string &collection) {
    if (key.empty()) return "";
    auto part = [](const std::string &text) { return std::to_string(text.size()) + ":" + text; };
    return std::to_string(static_cast<int>(scope.flavor)) + part(scope.name) + part(collection) + key;
}

// Milvus's refusal of a create with too many file groups, word for word
// (merr.WrapErrImportFailed in its proxy's import task).
ApiError too_many_files(size_t groups) {
    return {2100, "The max number of import files should not exceed " + std::to_string(kMostFileGroups) + ", but got " +
                      std::to_string(groups) + ": importing data failed"};
}

// Cloud credentials for reading the bucket: checked to be strings and
// dropped, since the emulator reads no bucket and must not keep a secret.
void check_credentials(BodyReader &body) {
    body.text("accessKey", false);
    body.text("secretKey", false);
}

std::vector<FileSpec> files_from(const std::vector<std::vector<std::string>> &groups) {
    std::vector<FileSpec> files;
    for (const auto &group : groups) files.push_back(synthesized_file(group));
    return files;
}

class Api {
public:
    Api(JobStore &store, Faults &faults, RouteOptions options)
        : store_(store), faults_(faults), options_(std::move(options)) {}

    void progress(const httplib::Request &req, httplib::Response &res) {
        BodyReader body(req.body, "JobIDReq");
        if (is_cloud_body(body)) return cloud_progress(req, res, body);
        if (rejected(Flavor::Milvus, req, res)) return;
        const std::string id = body.text("jobId", true);
        if (body.error()) return send_error(res, *body.error());
        answer(id, milvus_scope(req), req, res);
    }

    void cloud_progress(const httplib::Request &req, httplib::Response &res, BodyReader &body) {
        if (rejected(Flavor::Cloud, req, res)) return;
        const auto scope = cloud_scope(body);
        const std::string id = body.text("jobId", true, /*number_ok=*/true);
        if (body.error()) return send_error(res, *body.error());
        if (!scope) return send_error(res, {kNoCluster, kNoClusterText});
        answer(id, *scope, req, res);
    }

    void cloud_progress_only(const httplib::Request &req, httplib::Response &res) {
        BodyReader body(req.body, "JobIDReq");
        cloud_progress(req, res, body);
    }

    void v1_progress(const httplib::Request &req, httplib::Response &res) {
        if (rejected(Flavor::CloudV1, req, res)) return;
        const std::string cluster = req.get_param_value("clusterId");
        const std::string id = req.get_param_value("jobId");
        if (cluster.empty()) return send_error(res, {kNoCluster, kNoClusterText});
        if (id.empty()) return send_error(res, {kNoJobRecord, kNoJobRecordText});
        answer(id, {Flavor::CloudV1, cluster}, req, res);
    }

    void create(const httplib::Request &req, httplib::Response &res) {
        BodyReader body(req.body, "DataFilesReq");
        const bool cloud = is_cloud_body(body);
        if (rejected(cloud ? Flavor::Cloud : Flavor::Milvus, req, res)) return;
        auto scope = cloud ? cloud_scope(body) : std::optional<Scope>(milvus_scope(req));
        JobSpec job;
        job.collection = body.text("collectionName", true);
        job.partition = body.text("partitionName", false);
        const std::string db = body.text("dbName", false);
        std::vector<std::vector<std::string>> groups;
        if (cloud && !body.has("objectUrls") && body.has("objectUrl")) {
            groups.push_back({body.text("objectUrl", true)});  // the deprecated one-URL form
        } else {
            groups = body.path_groups(cloud && body.has("objectUrls") ? "objectUrls" : "files", true);
        }
        job.options = body.string_map("options");
        if (cloud) check_credentials(body);
        if (body.error()) return send_error(res, *body.error());
        if (!scope) return send_error(res, {kNoCluster, kNoClusterText});
        if (groups.empty() || std::any_of(groups.begin(), groups.end(), [](const auto &g) { return g.empty(); }))
            return send_error(res, {1100, "import request is empty: invalid parameter"});
        if (groups.size() > kMostFileGroups) return send_error(res, too_many_files(groups.size()));
        const auto key = idempotency_key(req);
        if (!key) return send_error(res, kBadIdempotencyKey);
        // Milvus creates the job in the body's database; the header only
        // decides permissions.
        if (!cloud && !db.empty()) scope->name = db;
        job.files = files_from(groups);
        job.uncommitted = option(job, "auto_commit") == "false";
        // A created job belongs to the flavor that created it.
        job.id = cloud ? store_.new_cloud_id() : store_.new_milvus_id();
        job.cluster = cloud ? scope->name : "";
        job.database = cloud ? "" : scope->name;
        const std::string once = idempotency_scope(*key, *scope, job.collection);
        send(res, render_created(scope->flavor, store_.add_once(once, std::move(job)).id));
    }

    void v1_create(const httplib::Request &req, httplib::Response &res) {
        if (rejected(Flavor::CloudV1, req, res)) return;
        BodyReader body(req.body, "ImportReq");
        const std::string cluster = body.text("clusterId", false);
        JobSpec job;
        job.collection = body.text("collectionName", true);
        job.partition = body.text("partitionName", false);
        const std::string url = body.text("objectUrl", true);
        check_credentials(body);
        if (body.error()) return send_error(res, *body.error());
        if (cluster.empty()) return send_error(res, {kNoCluster, kNoClusterText});
        const auto key = idempotency_key(req);
        if (!key) return send_error(res, kBadIdempotencyKey);
        job.id = store_.new_uuid();
        job.cluster = cluster;
        job.database = "";
        job.files = files_from({{url}});
        const std::string once = idempotency_scope(*key, {Flavor::CloudV1, cluster}, job.collection);
        send(res, render_created(Flavor::CloudV1, store_.add_once(once, std::move(job)).id));
    }

    void commit(const httplib::Request &req, httplib::Response &res) { change(req, res, "commit", &JobStore::commit); }
    void abort(const httplib::Request &req, httplib::Response &res) { change(req, res, "abort", &JobStore::abort); }

    void list(const httplib::Request &req, httplib::Response &res) {
        BodyReader body(req.body, "ListImportJobsReq");
        const bool cloud = is_cloud_body(body);
        if (rejected(cloud ? Flavor::Cloud : Flavor::Milvus, req, res)) return;
        auto scope = cloud ? cloud_scope(body) : std::optional<Scope>(milvus_scope(req));
        const std::string collection = body.text("collectionName", false);
        const std::string db = cloud ? "" : body.text("dbName", false);
        const int64_t page_size = cloud ? body.integer("pageSize", 0) : 0;
        const int64_t current_page = cloud ? body.integer("currentPage", 0) : 0;
        if (body.error()) return send_error(res, *body.error());
        if (!scope) return send_error(res, {kNoCluster, kNoClusterText});
        if (!db.empty()) scope->name = db;
        if (!cloud) {
            Selection all = store_.select(viewer_of(*scope), collection, 0, INT64_MAX);
            return send(res, render_list(Flavor::Milvus, with_states(all.jobs), {}));
        }
        page(Flavor::Cloud, *scope, collection, page_size, current_page, res);
    }

    void v1_list(const httplib::Request &req, httplib::Response &res) {
        if (rejected(Flavor::CloudV1, req, res)) return;
        const std::string cluster = req.get_param_value("clusterId");
        if (cluster.empty()) return send_error(res, {kNoCluster, kNoClusterText});
        int64_t page_size = 0, current_page = 0;
        if (!query_integer(req, "pageSize", page_size) || !query_integer(req, "currentPage", current_page))
            return send_error(res, {kBadPaging, kBadPagingText});
        page(Flavor::CloudV1, {Flavor::CloudV1, cluster}, "", page_size, current_page, res);
    }

private:
    // Each flavor's own answer to a missing or wrong token.
    bool rejected(Flavor flavor, const httplib::Request &req, httplib::Response &res) const {
        if (options_.token.empty() || req.get_header_value("Authorization") == "Bearer " + options_.token) return false;
        switch (flavor) {
            case Flavor::Milvus: send(res, error_envelope(1800, "user hasn't authenticated"), 401); break;
            case Flavor::Cloud: send(res, error_envelope(21119, "The API key is illegal.")); break;
            case Flavor::CloudV1:
                send(res,
                     error_envelope(80020, "Invalid clusterId or you do not have permission to access that Cluster."));
                break;
        }
        return true;
    }

    // Commit or abort: the same request, scope and refusals; the store decides.
    void change(const httplib::Request &req, httplib::Response &res, const char *verb,
                Change (JobStore::*apply)(const std::string &)) {
        BodyReader body(req.body, "JobIDReq");
        const bool cloud = is_cloud_body(body);
        if (rejected(cloud ? Flavor::Cloud : Flavor::Milvus, req, res)) return;
        const auto scope = cloud ? cloud_scope(body) : std::optional<Scope>(milvus_scope(req));
        const std::string id = body.text("jobId", true, /*number_ok=*/cloud);
        if (body.error()) return send_error(res, *body.error());
        if (!scope) return send_error(res, {kNoCluster, kNoClusterText});
        if (!cloud && !is_int64(id))
            return send_error(res, {1100, "parse job id failed, err=strconv.ParseInt: parsing \"" + id +
                                              "\": invalid syntax: invalid parameter"});
        const auto job = store_.find(id);
        const Change change = job && visible(*job, *scope) ? (store_.*apply)(id) : Change{Change::Unknown, ""};
        switch (change.outcome) {
            case Change::Done: return send(res, render_accepted());
            case Change::Unknown: return send_error(res, not_found(id, *scope));
            case Change::WrongState: break;
        }
        // Worded so that no client takes it for a missing job.
        send_error(res, {kWrongState, std::string("cannot ") + verb + " import job " + id + " in state " +
                                          change.state + ": importing data failed"});
    }

    static std::string option(const JobSpec &job, const std::string &key) {
        auto it = job.options.find(key);
        return it == job.options.end() ? "" : it->second;
    }

    std::vector<JobView> with_states(std::vector<JobSpec> &jobs) const {
        std::vector<JobView> views;
        views.reserve(jobs.size());
        for (JobSpec &job : jobs) {
            JobState state = store_.state_of(job);
            views.emplace_back(std::move(job), std::move(state));
        }
        return views;
    }

    // The cloud's paging: 1-based pages of pageSize (10 unless asked; 0 is
    // Go's "not asked"), capped at --max-page-size; past the end, none. Only
    // the page's jobs are copied out of the store, so a client paging
    // through 100,000 jobs costs a scan of small entries per page.
    void page(Flavor flavor, const Scope &scope, const std::string &collection, int64_t page_size, int64_t current_page,
              httplib::Response &res) const {
        if (page_size < 0 || current_page < 0) return send_error(res, {kBadPaging, kBadPagingText});
        if (page_size == 0) page_size = 10;
        if (current_page == 0) current_page = 1;
        page_size = std::min(page_size, options_.max_page_size);
        // Compared before multiplying, so no page number overflows.
        const int64_t first = current_page - 1 < INT64_MAX / page_size ? (current_page - 1) * page_size : INT64_MAX;
        Selection selected = store_.select(viewer_of(scope), collection, first, page_size);
        send(res, render_list(flavor, with_states(selected.jobs), {selected.count, current_page, page_size}));
    }

    // A query parameter holding an int64; absent is 0.
    static bool query_integer(const httplib::Request &req, const char *name, int64_t &out) {
        if (!req.has_param(name)) return true;
        const std::string text = req.get_param_value(name);
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
        return ec == std::errc() && end == text.data() + text.size();
    }

    void answer(const std::string &id, const Scope &scope, const httplib::Request &req, httplib::Response &res) {
        if (auto job = find_job(id, scope)) {
            send(res, render_progress(scope.flavor, *job, store_.state_of(*job)));
        } else {
            send_error(res, not_found(id, scope));
        }
        faults_.apply(id, req, res);
    }

    // Fault ids exist wherever they are first asked for (any cluster, the
    // asking database), so no setup is needed.
    std::optional<JobSpec> find_job(const std::string &id, const Scope &scope) {
        auto job = store_.find(id);
        if (job) return visible(*job, scope) ? job : std::nullopt;
        if (parse_fault(id).kind == FaultKind::None) return std::nullopt;
        JobSpec fresh;
        fresh.id = id;
        fresh.collection = "fault_demo";
        if (scope.flavor == Flavor::Milvus) fresh.database = scope.name;
        fresh.files.push_back(synthesized_file({"demo.parquet"}));
        const Fault fault = parse_fault(id);
        // A big job is made again for each request rather than kept: a stream
        // of fault-big ids must not pile up in the store.
        if (fault.kind == FaultKind::Big) {
            pad_to(fresh, fault.param, scope.flavor);
            return store_.started(std::move(fresh));
        }
        return store_.add(std::move(fresh));
    }

    // Gives the job enough files that a finished job's answer is about `bytes`.
    static void pad_to(JobSpec &job, int64_t bytes, Flavor flavor) {
        auto part = [](size_t i) {
            std::string n = std::to_string(i);
            return FileSpec{
                {"part-" + std::string(6 - std::min<size_t>(6, n.size()), '0') + n + ".parquet"}, 100000, 3279917};
        };
        // Measured as a fresh job, the shortest the answer gets; it grows a little as the job runs.
        JobSpec probe = job;
        probe.duration_s = 1;
        auto size_with = [&](size_t count) {
            probe.files.clear();
            for (size_t i = 0; i < count; ++i) probe.files.push_back(part(i));
            return static_cast<int64_t>(render_progress(flavor, probe, simulate(probe, probe.started, 1)).size());
        };
        const int64_t one = size_with(1), per_file = std::max<int64_t>(1, size_with(2) - one);
        size_with(static_cast<size_t>(1 + std::max<int64_t>(0, bytes - one + per_file - 1) / per_file));
        job.files = std::move(probe.files);
    }

    JobStore &store_;
    Faults &faults_;
    RouteOptions options_;
};

}  // namespace

void install_routes(httplib::Server &server, JobStore &store, Faults &faults, Shutdown &shutdown,
                    const RouteOptions &options) {
    auto api = std::make_shared<Api>(store, faults, options);
    // httplib overloads Post on the handler's signature, so name the type.
    using Member = void (Api::*)(const httplib::Request &, httplib::Response &);
    auto route = [api](Member member) -> httplib::Server::Handler {
        return [api, member](const httplib::Request &req, httplib::Response &res) {
            DeadlineQueue::being_handled();  // the body is in
            ((*api).*member)(req, res);
        };
    };
    if (!options.legacy) server.Post(kImport + "describe", route(&Api::progress));
    server.Post(kImport + "get_progress", route(&Api::progress));
    server.Post(kImport + "getProgress", route(&Api::cloud_progress_only));
    server.Post(kImport + "create", route(&Api::create));
    server.Post(kImport + "list", route(&Api::list));
    // Two-phase import came with Milvus 3.0: a 2.x server has no such routes.
    if (!options.legacy) {
        server.Post(kImport + "commit", route(&Api::commit));
        server.Post(kImport + "abort", route(&Api::abort));
    }
    server.Get("/v1/vector/collections/import/get", route(&Api::v1_progress));
    server.Get("/v1/vector/collections/import/list", route(&Api::v1_list));
    server.Post("/v1/vector/collections/import", route(&Api::v1_create));

    const int latency_ms = options.latency_ms;
    // httplib calls this once a request's head is in, before it reads the
    // body. The latency is the emulator's own doing: no deadline meanwhile.
    server.set_pre_routing_handler([&shutdown, latency_ms](const httplib::Request &, httplib::Response &) {
        DeadlineQueue::being_handled();
        if (latency_ms > 0) shutdown.wait_for(std::chrono::milliseconds(latency_ms));
        DeadlineQueue::body_expected();
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // gin's answer for any unknown route or method, which clients use to spot
    // an old server. httplib calls this for every status >= 400; only 404s
    // (unrouted requests) are ours to fill.
    server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request &, httplib::Response &res) {
        if (res.status != 404) return httplib::Server::HandlerResponse::Unhandled;
        res.set_content("404 page not found", "text/plain");
        return httplib::Server::HandlerResponse::Handled;
    }));
}

}  // namespace emu

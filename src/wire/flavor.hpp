// SPDX-License-Identifier: Apache-2.0
// The three server flavors (docs/wire-protocol.md section 1). A flavor knows its
// routes, request bodies and headers; it sends through a Connection and
// reads the answer through data_or_error.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.hpp"
#include "model/import_request.hpp"
#include "model/job.hpp"
#include "model/options.hpp"
#include "net/cancel.hpp"
#include "net/endpoint.hpp"
#include "net/transport.hpp"
#include "util/scrub.hpp"
#include "wire/parse.hpp"

namespace mip {

// One call of the C API, across all its tries: the connection and the
// parser it holds (from the client's pool), its deadline and cancel token,
// and what its tries leave for the next one and for the error.
struct Call {
    Connection &connection;
    JsonParser &parser;
    Deadline deadline;
    CancelToken *cancel;
    const Secrets &secrets;    // kept out of what answers quote
    std::string &body_buffer;  // the worker's, reused for each request body
    // Set by exchange from the last answer, for the retry that may follow.
    std::optional<std::chrono::milliseconds> retry_after = std::nullopt;
    int requests = 0;     // requests sent, counted by exchange, for mip_error_attempts
    int last_status = 0;  // of the last answer whose status line arrived, for mip_error_http_status
    // Whether the try whose failure the call returns wrote its request: what
    // may_have_acted asks. False for a failure no try made (cancelled or out
    // of time before sending).
    bool last_sent = false;
};

// How a two-phase import ends.
enum class Conclusion { Commit, Abort };
const char *route_of(Conclusion conclusion);  // "commit", "abort"

class Flavor {
public:
    virtual ~Flavor() = default;
    // One try of `call`: the request (for Milvus, with its fallback route)
    // and the reply read. Thread-safe.
    virtual Result<Job> fetch(std::string_view job_id, Call &call) = 0;
    // One try of a two-phase import's commit or abort (Milvus >= 3.0):
    // Unsupported where the server or the flavor has no such route. The job
    // in a success is empty.
    virtual Result<Job> conclude(Conclusion conclusion, std::string_view job_id, Call &call) = 0;

    // The body of a create, written once per call: InvalidArgument for what
    // this flavor cannot carry (nothing is sent). `request` passed
    // import_request_problem.
    virtual Result<std::string> import_body(const ImportRequest &request) const = 0;
    // One try of a create: `body` from import_body, sent with the
    // Idempotency-Key header. The job in a success holds the new id.
    virtual Result<Job> create(std::string_view body, std::string_view idempotency_key, Call &call) = 0;

    // Whether the server lists in pages; one that does not answers
    // everything on page 1.
    virtual bool pages() const = 0;
    // One try of one page (numbered from 1) of the list of jobs, of one
    // collection or ("") all.
    virtual Result<JobPage> list_page(std::string_view collection, int64_t page, Call &call) = 0;
};

// Checks that the options hold what the flavor needs (InvalidArgument
// otherwise; nothing is sent) and builds it. `api` is never Api::Auto.
Result<std::unique_ptr<Flavor>> make_flavor(Api api, const Options &options, const Endpoint &endpoint);

// The cloud flavors over plain http:// (allowed to loopback only) carry the
// API key in clear text: they must reach the server without any proxy, one
// from the environment included.
bool needs_direct_connection(Api api, const Endpoint &endpoint);

// Pieces the flavors share.
std::vector<std::string> base_headers(const Options &options, bool json_body);
// One try of a create: `body` POSTed to `url` with the flavor's header
// `lines` and "Idempotency-Key: KEY" after them.
Result<Job> create_at(const std::string &url, std::string_view body, const std::vector<std::string> &lines,
                      std::string_view idempotency_key, Call &call);
// One request; its answer read as a job, or as the data of the envelope.
Result<Job> exchange(const Request &request, Call &call, ParseRules rules);
Result<Envelope> exchange_for_data(const Request &request, Call &call, ParseRules rules);
// One try of a list page: the request sent, its page taken from the answer.
Result<JobPage> exchange_for_page(const Request &request, Call &call, ParseRules rules);
// Whether a failure is gin's plain-text 404, "404 page not found": the route
// does not exist on this server. A 404 that carries a JSON envelope is the
// server answering (reply.cpp never makes that Code::Http).
bool is_missing_route(const Error &error);

// Milvus and the Zilliz Cloud control plane: REST v2, one dialect each
// (rest_v2.cpp). The cloud-v1 API its own (cloud_v1.cpp).
std::unique_ptr<Flavor> make_milvus_flavor(const Options &options, const Endpoint &endpoint);
std::unique_ptr<Flavor> make_cloud_flavor(const Options &options, const Endpoint &endpoint);
std::unique_ptr<Flavor> make_cloud_v1_flavor(const Options &options, const Endpoint &endpoint);

}  // namespace mip

// SPDX-License-Identifier: Apache-2.0
// RAII for the C handles, and one call's whole outcome, so that tests read
// as what they check.
#pragma once

#include <memory>
#include <string>

#include "mip.h"

namespace mip_test {

struct OptionsDeleter {
    void operator()(mip_options *o) const { mip_options_free(o); }
};
struct ClientDeleter {
    void operator()(mip_client *c) const { mip_client_free(c); }
};
struct JobDeleter {
    void operator()(mip_job *j) const { mip_job_free(j); }
};
struct ErrorDeleter {
    void operator()(mip_error *e) const { mip_error_free(e); }
};
struct CancelDeleter {
    void operator()(mip_cancel *t) const { mip_cancel_free(t); }
};
struct RequestDeleter {
    void operator()(mip_import_request *r) const { mip_import_request_free(r); }
};
struct ListDeleter {
    void operator()(mip_job_list *l) const { mip_job_list_free(l); }
};

using OptionsPtr = std::unique_ptr<mip_options, OptionsDeleter>;
using ClientPtr = std::unique_ptr<mip_client, ClientDeleter>;
using JobPtr = std::unique_ptr<mip_job, JobDeleter>;
using ErrorPtr = std::unique_ptr<mip_error, ErrorDeleter>;
using CancelPtr = std::unique_ptr<mip_cancel, CancelDeleter>;
using RequestPtr = std::unique_ptr<mip_import_request, RequestDeleter>;
using ListPtr = std::unique_ptr<mip_job_list, ListDeleter>;

struct Outcome {
    mip_code code = MIP_OK;
    JobPtr job;
    ErrorPtr error;

    std::string message() const { return mip_error_message(error.get()); }
    int http_status() const { return mip_error_http_status(error.get()); }
    int64_t server_code() const { return mip_error_server_code(error.get()); }
};

inline Outcome get_progress(mip_client *client, const char *job_id, mip_cancel *cancel = nullptr) {
    mip_job *job = nullptr;
    mip_error *error = nullptr;
    Outcome o;
    o.code = mip_get_import_progress(client, job_id, cancel, &job, &error);
    o.job.reset(job);
    o.error.reset(error);
    return o;
}

// Options for `endpoint` with the given flavor; more setters can follow.
inline OptionsPtr options_for(const std::string &endpoint, mip_api api = MIP_API_MILVUS) {
    OptionsPtr o(mip_options_new());
    mip_options_set_endpoint(o.get(), endpoint.c_str());
    mip_options_set_api(o.get(), api);
    return o;
}

struct ClientOutcome {
    mip_code code = MIP_OK;
    ClientPtr client;
    ErrorPtr error;
    std::string message() const { return mip_error_message(error.get()); }
};

inline ClientOutcome make_client(const mip_options *o) {
    mip_client *client = nullptr;
    mip_error *error = nullptr;
    ClientOutcome out;
    out.code = mip_client_new(o, &client, &error);
    out.client.reset(client);
    out.error.reset(error);
    return out;
}

// What a call that hands back only a code and an error left: commit, abort.
struct Done {
    mip_code code = MIP_OK;
    ErrorPtr error;
    std::string message() const { return mip_error_message(error.get()); }
};

using ConcludeCall = mip_code (*)(mip_client *, const char *, mip_cancel *, mip_error **);

// mip_commit_import or mip_abort_import. The error starts as garbage: a
// call that leaves it unwritten fails the test.
inline Done conclude(ConcludeCall call, mip_client *client, const char *job_id) {
    mip_error *error = reinterpret_cast<mip_error *>(0x1);
    Done d;
    d.code = call(client, job_id, nullptr, &error);
    d.error.reset(error);
    return d;
}

// A client of a test server for `api`, retrying at most `max_retries`
// times; the cloud flavors get the token "key-123456789" and the cluster
// "in01-abc" they need.
inline ClientPtr flavor_client(const std::string &url, mip_api api = MIP_API_MILVUS, int max_retries = 0) {
    OptionsPtr o = options_for(url, api);
    mip_options_set_max_retries(o.get(), max_retries);
    if (api != MIP_API_MILVUS) {
        mip_options_set_token(o.get(), "key-123456789");
        mip_options_set_cluster_id(o.get(), "in01-abc");
    }
    return make_client(o.get()).client;
}

}  // namespace mip_test

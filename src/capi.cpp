// The C ABI: argument checks, handle casts and a catch-all around every
// entry point. No logic of its own: everything else is in the C++ core.
#include <algorithm>
#include <cstring>
#include <new>
#include <optional>

#include "mip.h"

#include "cancel.hpp"
#include "client.hpp"
#include "model.hpp"
#include "options.hpp"
#include "request_text.hpp"
#include "state.hpp"
#include "version.hpp"

struct mip_options {
    mip::Options options;
};
struct mip_client {
    std::unique_ptr<mip::Client> client;
};
struct mip_job {
    mip::Job job;
};
struct mip_error {
    mip::Error error;
};
struct mip_cancel {
    mip::CancelToken token;
};
// mip_detail is never defined: a `const mip_detail *` is a `const mip::Detail *`.

static_assert(static_cast<int>(mip::Code::Server) == MIP_ERR_SERVER, "mip::Code mirrors mip_code");
static_assert(static_cast<int>(mip::State::Committing) == MIP_STATE_COMMITTING, "mip::State mirrors mip_state");
static_assert(static_cast<int>(mip::Api::CloudV1) == MIP_API_CLOUD_V1, "mip::Api mirrors mip_api");

namespace {

const mip::Detail *detail_of(const mip_detail *d) { return reinterpret_cast<const mip::Detail *>(d); }

// Hands `error` to the caller (when it wants it) and returns its code.
mip_code fail(mip_error **err, mip::Error error) {
    const auto code = static_cast<mip_code>(error.code);
    if (err) {
        try {
            *err = new mip_error{std::move(error)};
        } catch (...) {
            *err = nullptr;  // the code still tells what happened
        }
    }
    return code;
}

mip_code fail(mip_error **err, mip_code code, const char *message) {
    try {
        return fail(err, mip::make_error(static_cast<mip::Code>(code), message));
    } catch (...) {
        if (err) *err = nullptr;
        return code;
    }
}

// Runs `body` so that nothing escapes: std::bad_alloc becomes
// MIP_ERR_NO_MEMORY, and so does any other resource failure of the standard
// library (a mutex or thread that could not be had).
template <class Body>
mip_code guarded(mip_error **err, Body &&body) {
    try {
        return body();
    } catch (const std::bad_alloc &) {
        return fail(err, MIP_ERR_NO_MEMORY, "out of memory");
    } catch (...) {
        return fail(err, MIP_ERR_NO_MEMORY, "out of system resources");
    }
}

mip_code succeed(mip_error **err) {
    if (err) *err = nullptr;
    return MIP_OK;
}

// String options: NULL or "" clears; otherwise UTF-8 without control
// characters (they would let a value forge HTTP headers).
mip_code set_text(mip_options *o, std::string mip::Options::*field, const char *value) {
    if (!o) return MIP_ERR_INVALID_ARGUMENT;
    try {
        const std::string_view text = value ? value : "";
        if (text.size() > mip::kLongestText || !mip::is_clean_text(text)) return MIP_ERR_INVALID_ARGUMENT;
        o->options.*field = std::string(text);
        return MIP_OK;
    } catch (...) {
        return MIP_ERR_NO_MEMORY;
    }
}

// A C caller may pass any int as an enum; in C++, reading an enum object
// that holds a value outside the enum's range is undefined. Read its bytes.
// By reference: passing it on by value would itself be such a read.
template <class Enum>
int enum_value(const Enum &e) {
    static_assert(sizeof(Enum) == sizeof(int), "C enums are int-sized here");
    int value;
    std::memcpy(&value, &e, sizeof value);
    return value;
}

// Millisecond settings stay below 2^31 so that deadlines cannot overflow
// and every libcurl build takes them.
constexpr int64_t kLongestMs = INT32_MAX;


}  // namespace

extern "C" {

const char *mip_version(void) { return mip::kVersion; }

const char *mip_code_name(mip_code code) {
    switch (enum_value(code)) {
        case MIP_OK: return "MIP_OK";
        case MIP_ERR_INVALID_ARGUMENT: return "MIP_ERR_INVALID_ARGUMENT";
        case MIP_ERR_NO_MEMORY: return "MIP_ERR_NO_MEMORY";
        case MIP_ERR_CONNECT: return "MIP_ERR_CONNECT";
        case MIP_ERR_TLS: return "MIP_ERR_TLS";
        case MIP_ERR_TIMEOUT: return "MIP_ERR_TIMEOUT";
        case MIP_ERR_CANCELLED: return "MIP_ERR_CANCELLED";
        case MIP_ERR_HTTP: return "MIP_ERR_HTTP";
        case MIP_ERR_PROTOCOL: return "MIP_ERR_PROTOCOL";
        case MIP_ERR_RESPONSE_TOO_LARGE: return "MIP_ERR_RESPONSE_TOO_LARGE";
        case MIP_ERR_AUTH: return "MIP_ERR_AUTH";
        case MIP_ERR_NOT_FOUND: return "MIP_ERR_NOT_FOUND";
        case MIP_ERR_RATE_LIMITED: return "MIP_ERR_RATE_LIMITED";
        case MIP_ERR_SERVER: return "MIP_ERR_SERVER";
    }
    return "MIP_ERR_UNKNOWN";
}

const char *mip_state_name(mip_state state) {
    const int value = enum_value(state);
    if (value < MIP_STATE_UNKNOWN || value > MIP_STATE_COMMITTING) return "Unknown";
    return mip::state_name(static_cast<mip::State>(value));
}

/* errors */

mip_code mip_error_code(const mip_error *e) { return e ? static_cast<mip_code>(e->error.code) : MIP_ERR_INVALID_ARGUMENT; }
int mip_error_http_status(const mip_error *e) { return e ? e->error.http_status : 0; }
int64_t mip_error_server_code(const mip_error *e) { return e ? e->error.server_code : 0; }
const char *mip_error_message(const mip_error *e) { return e ? e->error.message.c_str() : ""; }
int mip_error_attempts(const mip_error *e) { return e ? e->error.attempts : 0; }
void mip_error_free(mip_error *e) { delete e; }

/* options */

mip_options *mip_options_new(void) { return new (std::nothrow) mip_options(); }
void mip_options_free(mip_options *o) { delete o; }

mip_code mip_options_set_endpoint(mip_options *o, const char *url) { return set_text(o, &mip::Options::endpoint, url); }
mip_code mip_options_set_token(mip_options *o, const char *token) { return set_text(o, &mip::Options::token, token); }
mip_code mip_options_set_cluster_id(mip_options *o, const char *id) { return set_text(o, &mip::Options::cluster_id, id); }
mip_code mip_options_set_project_id(mip_options *o, const char *id) { return set_text(o, &mip::Options::project_id, id); }
mip_code mip_options_set_region_id(mip_options *o, const char *id) { return set_text(o, &mip::Options::region_id, id); }
mip_code mip_options_set_db_name(mip_options *o, const char *db) { return set_text(o, &mip::Options::db_name, db); }
mip_code mip_options_set_ca_file(mip_options *o, const char *path) { return set_text(o, &mip::Options::ca_file, path); }
mip_code mip_options_set_proxy(mip_options *o, const char *url) { return set_text(o, &mip::Options::proxy, url); }
mip_code mip_options_set_user_agent(mip_options *o, const char *ua) { return set_text(o, &mip::Options::user_agent, ua); }

mip_code mip_options_set_api(mip_options *o, mip_api api) {
    const int value = enum_value(api);
    if (!o || value < MIP_API_AUTO || value > MIP_API_CLOUD_V1) return MIP_ERR_INVALID_ARGUMENT;
    o->options.api = static_cast<mip::Api>(value);
    return MIP_OK;
}

mip_code mip_options_set_timeout_ms(mip_options *o, int64_t ms) {
    if (!o || ms <= 0 || ms > kLongestMs) return MIP_ERR_INVALID_ARGUMENT;
    o->options.timeout_ms = ms;
    return MIP_OK;
}

mip_code mip_options_set_connect_timeout_ms(mip_options *o, int64_t ms) {
    if (!o || ms <= 0 || ms > kLongestMs) return MIP_ERR_INVALID_ARGUMENT;
    o->options.connect_timeout_ms = ms;
    return MIP_OK;
}

mip_code mip_options_set_max_retries(mip_options *o, int retries) {
    if (!o || retries < 0 || retries > 100) return MIP_ERR_INVALID_ARGUMENT;
    o->options.max_retries = retries;
    return MIP_OK;
}

mip_code mip_options_set_max_connections(mip_options *o, int n) {
    if (!o || n < 1 || n > 256) return MIP_ERR_INVALID_ARGUMENT;
    o->options.max_connections = n;
    return MIP_OK;
}

mip_code mip_options_set_tls_verify(mip_options *o, int on) {
    if (!o) return MIP_ERR_INVALID_ARGUMENT;
    o->options.tls_verify = on != 0;
    return MIP_OK;
}

mip_code mip_options_set_max_response_bytes(mip_options *o, int64_t n) {
    if (!o || n <= 0) return MIP_ERR_INVALID_ARGUMENT;
    o->options.max_response_bytes = n;
    return MIP_OK;
}

/* client */

mip_code mip_client_new(const mip_options *o, mip_client **out, mip_error **err) {
    if (out) *out = nullptr;
    if (!o || !out) return fail(err, MIP_ERR_INVALID_ARGUMENT, !o ? "options are NULL" : "out is NULL");
    return guarded(err, [&] {
        mip::Result<std::unique_ptr<mip::Client>> client = mip::Client::create(o->options);
        if (!client.ok()) return fail(err, std::move(client.error()));
        *out = new mip_client{std::move(client.value())};
        return succeed(err);
    });
}

void mip_client_free(mip_client *c) { delete c; }

/* cancellation */

mip_cancel *mip_cancel_new(void) { return new (std::nothrow) mip_cancel(); }

void mip_cancel_trigger(mip_cancel *t) {
    if (!t) return;
    try {
        t->token.trigger();
    } catch (...) {
        // Locking a mutex we own cannot fail short of a broken system; the
        // flag is set before anything that could throw.
    }
}

int mip_cancel_is_triggered(const mip_cancel *t) { return t && t->token.triggered() ? 1 : 0; }
void mip_cancel_free(mip_cancel *t) { delete t; }

/* progress */

mip_code mip_get_import_progress(mip_client *c, const char *job_id, mip_cancel *cancel, mip_job **out,
                                 mip_error **err) {
    if (out) *out = nullptr;
    if (!c || !job_id || !out) {
        return fail(err, MIP_ERR_INVALID_ARGUMENT, !c ? "client is NULL" : !job_id ? "job id is NULL" : "out is NULL");
    }
    return guarded(err, [&] {
        mip::Result<mip::Job> job = c->client->get_import_progress(job_id, cancel ? &cancel->token : nullptr);
        if (!job.ok()) return fail(err, std::move(job.error()));
        *out = new mip_job{std::move(job.value())};
        return succeed(err);
    });
}

mip_code mip_wait_import(mip_client *c, const char *job_id, int64_t poll_interval_ms, int64_t timeout_ms,
                         mip_progress_fn on_progress, void *user, mip_cancel *cancel, mip_job **out, mip_error **err) {
    if (out) *out = nullptr;
    if (!c || !job_id || !out) {
        return fail(err, MIP_ERR_INVALID_ARGUMENT, !c ? "client is NULL" : !job_id ? "job id is NULL" : "out is NULL");
    }
    if (poll_interval_ms <= 0 || poll_interval_ms > kLongestMs) {
        return fail(err, MIP_ERR_INVALID_ARGUMENT, "poll interval must be 1 .. 2^31-1 ms");
    }
    return guarded(err, [&] {
        std::optional<mip::Deadline> deadline;
        if (timeout_ms > 0) deadline = mip::Clock::now() + std::chrono::milliseconds(std::min(timeout_ms, kLongestMs));
        mip::Client::ProgressCallback callback;
        if (on_progress) {
            // The caller sees the job through a handle for the length of the
            // call; moving a job keeps its strings where they are.
            callback = [on_progress, user](mip::Job &job) {
                mip_job view{std::move(job)};
                const int stop = on_progress(&view, user);
                job = std::move(view.job);
                return stop == 0;
            };
        }
        mip::Result<mip::Job> job = c->client->wait(job_id, std::chrono::milliseconds(poll_interval_ms), deadline,
                                                     callback, cancel ? &cancel->token : nullptr);
        if (!job.ok()) return fail(err, std::move(job.error()));
        *out = new mip_job{std::move(job.value())};
        return succeed(err);
    });
}

mip_code mip_get_import_progress_many(mip_client *c, const char *const *job_ids, size_t count, mip_cancel *cancel,
                                      mip_job **jobs, mip_error **errors) {
    if (!c || (count > 0 && (!job_ids || !jobs))) return MIP_ERR_INVALID_ARGUMENT;
    for (size_t i = 0; i < count; ++i) {
        jobs[i] = nullptr;
        if (errors) errors[i] = nullptr;
    }
    try {
        std::vector<std::string_view> ids;
        ids.reserve(count);
        for (size_t i = 0; i < count; ++i) ids.emplace_back(job_ids[i] ? job_ids[i] : "");
        std::vector<mip::Result<mip::Job>> results = c->client->get_many(ids, cancel ? &cancel->token : nullptr);
        mip_code first_failure = MIP_OK;
        for (size_t i = 0; i < count; ++i) {
            mip_code code = MIP_OK;
            if (results[i].ok()) {
                jobs[i] = new mip_job{std::move(results[i].value())};
            } else {
                code = fail(errors ? &errors[i] : nullptr, std::move(results[i].error()));
            }
            if (first_failure == MIP_OK) first_failure = code;
        }
        return first_failure;
    } catch (...) {
        // Out of memory while handing out results: give back what was handed out.
        for (size_t i = 0; i < count; ++i) {
            mip_job_free(jobs[i]);
            jobs[i] = nullptr;
            if (errors) {
                mip_error_free(errors[i]);
                errors[i] = nullptr;
            }
        }
        return MIP_ERR_NO_MEMORY;
    }
}

/* job */

const char *mip_job_id(const mip_job *j) { return j ? j->job.id : ""; }
const char *mip_job_collection_name(const mip_job *j) { return j ? j->job.collection_name : ""; }
const char *mip_job_file_name(const mip_job *j) { return j ? j->job.file_name : ""; }
mip_state mip_job_state(const mip_job *j) { return j ? static_cast<mip_state>(j->job.state) : MIP_STATE_UNKNOWN; }
const char *mip_job_state_text(const mip_job *j) { return j ? j->job.state_text : ""; }
int mip_job_progress(const mip_job *j) { return j ? j->job.progress : -1; }
int64_t mip_job_imported_rows(const mip_job *j) { return j ? j->job.imported_rows : -1; }
int64_t mip_job_total_rows(const mip_job *j) { return j ? j->job.total_rows : -1; }
int64_t mip_job_file_size(const mip_job *j) { return j ? j->job.file_size : -1; }
const char *mip_job_create_time(const mip_job *j) { return j ? j->job.create_time : ""; }
const char *mip_job_complete_time(const mip_job *j) { return j ? j->job.complete_time : ""; }
const char *mip_job_reason(const mip_job *j) { return j ? j->job.reason : ""; }
size_t mip_job_detail_count(const mip_job *j) { return j ? j->job.details.size() : 0; }

const mip_detail *mip_job_detail(const mip_job *j, size_t index) {
    if (!j || index >= j->job.details.size()) return nullptr;
    return reinterpret_cast<const mip_detail *>(&j->job.details[index]);
}

void mip_job_free(mip_job *j) { delete j; }

/* detail */

const char *mip_detail_file_name(const mip_detail *d) { return d ? detail_of(d)->file_name : ""; }
mip_state mip_detail_state(const mip_detail *d) { return d ? static_cast<mip_state>(detail_of(d)->state) : MIP_STATE_UNKNOWN; }
const char *mip_detail_state_text(const mip_detail *d) { return d ? detail_of(d)->state_text : ""; }
int mip_detail_progress(const mip_detail *d) { return d ? detail_of(d)->progress : -1; }
int64_t mip_detail_imported_rows(const mip_detail *d) { return d ? detail_of(d)->imported_rows : -1; }
int64_t mip_detail_total_rows(const mip_detail *d) { return d ? detail_of(d)->total_rows : -1; }
int64_t mip_detail_file_size(const mip_detail *d) { return d ? detail_of(d)->file_size : -1; }
const char *mip_detail_complete_time(const mip_detail *d) { return d ? detail_of(d)->complete_time : ""; }
const char *mip_detail_reason(const mip_detail *d) { return d ? detail_of(d)->reason : ""; }

}  // extern "C"

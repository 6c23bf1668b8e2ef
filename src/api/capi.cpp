// SPDX-License-Identifier: Apache-2.0
// The C ABI: argument checks, handle casts and a catch-all around every
// entry point. No logic of its own: everything else is in the C++ core.
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <optional>

#include "mip.h"

#include "core/client.hpp"
#include "core/retry.hpp"
#include "core/rules.hpp"
#include "model/api_name.hpp"
#include "model/error.hpp"
#include "model/import_request.hpp"
#include "model/job.hpp"
#include "model/job_list.hpp"
#include "model/options.hpp"
#include "model/state.hpp"
#include "net/cancel.hpp"

static_assert(static_cast<int>(mip::Code::Unsupported) == MIP_ERR_UNSUPPORTED, "mip::Code mirrors mip_code");
static_assert(static_cast<int>(mip::State::Committing) == MIP_STATE_COMMITTING, "mip::State mirrors mip_state");
static_assert(static_cast<int>(mip::Api::CloudV1) == MIP_API_CLOUD_V1, "mip::Api mirrors mip_api");

namespace {

// Every C handle is the C++ object itself: mip.h declares the handle types
// and nothing defines them, so a handle is only ever converted, here, in
// both directions, by these two functions.
template <class Handle>
struct CoreOf;
template <>
struct CoreOf<mip_options> {
    using type = mip::Options;
};
template <>
struct CoreOf<mip_client> {
    using type = mip::Client;
};
template <>
struct CoreOf<mip_job> {
    using type = mip::Job;
};
template <>
struct CoreOf<mip_detail> {
    using type = mip::Detail;
};
template <>
struct CoreOf<mip_error> {
    using type = mip::Error;
};
template <>
struct CoreOf<mip_cancel> {
    using type = mip::CancelToken;
};
template <>
struct CoreOf<mip_import_request> {
    using type = mip::ImportRequest;
};
template <>
struct CoreOf<mip_job_list> {
    using type = mip::JobList;
};

template <class Handle>
typename CoreOf<Handle>::type *core(Handle *h) {
    return reinterpret_cast<typename CoreOf<Handle>::type *>(h);
}
template <class Handle>
const typename CoreOf<Handle>::type *core(const Handle *h) {
    return reinterpret_cast<const typename CoreOf<Handle>::type *>(h);
}
template <class Handle>
Handle *handle(typename CoreOf<Handle>::type *object) {
    return reinterpret_cast<Handle *>(object);
}
template <class Handle>
const Handle *handle(const typename CoreOf<Handle>::type *object) {
    return reinterpret_cast<const Handle *>(object);
}

// Hands `error` to the caller (when it wants it) and returns its code.
mip_code fail(mip_error **err, mip::Error error) {
    const auto code = static_cast<mip_code>(error.code);
    if (err) {
        try {
            *err = handle<mip_error>(new mip::Error(std::move(error)));
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

// String options: NULL or "" clears; otherwise what mip::text_problem accepts.
mip_code set_text(mip_options *o, std::string mip::Options::*field, const char *value) {
    if (!o) return MIP_ERR_INVALID_ARGUMENT;
    try {
        const std::string_view text = value ? value : "";
        if (mip::text_problem("option", text)) return MIP_ERR_INVALID_ARGUMENT;
        core(o)->*field = std::string(text);
        return MIP_OK;
    } catch (...) {
        return MIP_ERR_NO_MEMORY;
    }
}

// Text for an import request: NULL only where `nullable` (it reads as "");
// otherwise what mip::text_problem accepts. The request is left alone on a
// refusal; mip_create_import names any remaining problem in its error.
bool request_text_ok(const char *value, bool nullable) {
    if (!value) return nullable;
    return !mip::text_problem("text", value);
}

// Runs a setter's change, which may allocate.
template <class Change>
mip_code change_request(mip_import_request *r, Change &&change) {
    if (!r) return MIP_ERR_INVALID_ARGUMENT;
    try {
        change(*core(r));
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

// A numeric setting: stored when mip::range_problem accepts it.
template <class Value>
mip_code set_number(mip_options *o, Value mip::Options::*field, const mip::Range &range, int64_t value) {
    if (!o || mip::range_problem(range, value)) return MIP_ERR_INVALID_ARGUMENT;
    core(o)->*field = static_cast<Value>(value);
    return MIP_OK;
}

}  // namespace

extern "C" {

const char *mip_version(void) { return MIP_VERSION_STRING; }
unsigned mip_version_number(void) { return MIP_VERSION_NUMBER; }

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
        case MIP_ERR_UNSUPPORTED: return "MIP_ERR_UNSUPPORTED";
    }
    return "MIP_ERR_UNKNOWN";
}

const char *mip_state_name(mip_state state) {
    const int value = enum_value(state);
    if (value < MIP_STATE_UNKNOWN || value > MIP_STATE_COMMITTING) return "Unknown";
    return mip::state_name(static_cast<mip::State>(value));
}

const char *mip_api_name(mip_api api) {
    const int value = enum_value(api);
    if (value < MIP_API_AUTO || value > MIP_API_CLOUD_V1) return "unknown";
    return mip::api_name(static_cast<mip::Api>(value));
}

mip_code mip_api_from_name(const char *name, mip_api *out) {
    if (!name || !out) return MIP_ERR_INVALID_ARGUMENT;
    const std::optional<mip::Api> api = mip::api_from_name(name);
    if (!api) return MIP_ERR_INVALID_ARGUMENT;
    *out = static_cast<mip_api>(*api);
    return MIP_OK;
}

int mip_state_is_terminal(mip_state state) {
    const int value = enum_value(state);
    if (value < MIP_STATE_UNKNOWN || value > MIP_STATE_COMMITTING) return 0;
    return mip::is_terminal(static_cast<mip::State>(value)) ? 1 : 0;
}

/* errors */

mip_code mip_error_code(const mip_error *e) {
    return e ? static_cast<mip_code>(core(e)->code) : MIP_ERR_INVALID_ARGUMENT;
}
int mip_error_http_status(const mip_error *e) { return e ? core(e)->http_status : 0; }
int64_t mip_error_server_code(const mip_error *e) { return e ? core(e)->server_code : 0; }
const char *mip_error_message(const mip_error *e) { return e ? core(e)->message.c_str() : ""; }
int mip_error_attempts(const mip_error *e) { return e ? core(e)->attempts : 0; }
const char *mip_error_job_id(const mip_error *e) { return e ? core(e)->job_id.c_str() : ""; }
int mip_error_is_transient(const mip_error *e) { return e && mip::is_transient(*core(e)) ? 1 : 0; }
void mip_error_free(mip_error *e) { delete core(e); }

/* options */

mip_options *mip_options_new(void) { return handle<mip_options>(new (std::nothrow) mip::Options()); }
void mip_options_free(mip_options *o) { delete core(o); }

mip_code mip_options_set_endpoint(mip_options *o, const char *url) { return set_text(o, &mip::Options::endpoint, url); }
mip_code mip_options_set_token(mip_options *o, const char *token) { return set_text(o, &mip::Options::token, token); }
mip_code mip_options_set_cluster_id(mip_options *o, const char *id) {
    return set_text(o, &mip::Options::cluster_id, id);
}
mip_code mip_options_set_project_id(mip_options *o, const char *id) {
    return set_text(o, &mip::Options::project_id, id);
}
mip_code mip_options_set_region_id(mip_options *o, const char *id) { return set_text(o, &mip::Options::region_id, id); }
mip_code mip_options_set_db_name(mip_options *o, const char *db) { return set_text(o, &mip::Options::db_name, db); }
mip_code mip_options_set_ca_file(mip_options *o, const char *path) { return set_text(o, &mip::Options::ca_file, path); }
mip_code mip_options_set_proxy(mip_options *o, const char *url) { return set_text(o, &mip::Options::proxy, url); }
mip_code mip_options_set_user_agent(mip_options *o, const char *ua) {
    return set_text(o, &mip::Options::user_agent, ua);
}

mip_code mip_options_set_api(mip_options *o, mip_api api) {
    const int value = enum_value(api);
    if (!o || value < MIP_API_AUTO || value > MIP_API_CLOUD_V1) return MIP_ERR_INVALID_ARGUMENT;
    core(o)->api = static_cast<mip::Api>(value);
    return MIP_OK;
}

mip_code mip_options_set_timeout_ms(mip_options *o, int64_t ms) {
    return set_number(o, &mip::Options::timeout_ms, mip::kTimeoutMs, ms);
}
mip_code mip_options_set_connect_timeout_ms(mip_options *o, int64_t ms) {
    return set_number(o, &mip::Options::connect_timeout_ms, mip::kConnectTimeoutMs, ms);
}
mip_code mip_options_set_max_retries(mip_options *o, int retries) {
    return set_number(o, &mip::Options::max_retries, mip::kMaxRetries, retries);
}
mip_code mip_options_set_max_connections(mip_options *o, int n) {
    return set_number(o, &mip::Options::max_connections, mip::kMaxConnections, n);
}

mip_code mip_options_set_tls_verify(mip_options *o, int on) {
    if (!o) return MIP_ERR_INVALID_ARGUMENT;
    core(o)->tls_verify = on != 0;
    return MIP_OK;
}

mip_code mip_options_set_max_response_bytes(mip_options *o, int64_t n) {
    return set_number(o, &mip::Options::max_response_bytes, mip::kMaxResponseBytes, n);
}

/* client */

mip_code mip_client_new(const mip_options *o, mip_client **out, mip_error **err) {
    if (out) *out = nullptr;
    if (!o || !out) return fail(err, MIP_ERR_INVALID_ARGUMENT, !o ? "options are NULL" : "out is NULL");
    return guarded(err, [&] {
        mip::Result<std::unique_ptr<mip::Client>> client = mip::Client::create(*core(o));
        if (!client.ok()) return fail(err, std::move(client.error()));
        *out = handle<mip_client>(client.value().release());
        return succeed(err);
    });
}

void mip_client_free(mip_client *c) { delete core(c); }

/* cancellation */

mip_cancel *mip_cancel_new(void) { return handle<mip_cancel>(new (std::nothrow) mip::CancelToken()); }

void mip_cancel_trigger(mip_cancel *t) {
    if (!t) return;
    try {
        core(t)->trigger();
    } catch (...) {
        // Locking a mutex we own cannot fail short of a broken system; the
        // flag is set before anything that could throw.
    }
}

int mip_cancel_is_triggered(const mip_cancel *t) { return t && core(t)->triggered() ? 1 : 0; }
void mip_cancel_free(mip_cancel *t) { delete core(t); }

/* progress */

mip_code mip_get_import_progress(mip_client *c, const char *job_id, mip_cancel *cancel, mip_job **out,
                                 mip_error **err) {
    if (out) *out = nullptr;
    if (!c || !job_id || !out) {
        return fail(err, MIP_ERR_INVALID_ARGUMENT, !c ? "client is NULL" : !job_id ? "job id is NULL" : "out is NULL");
    }
    return guarded(err, [&] {
        mip::Result<mip::Job> job = core(c)->get_import_progress(job_id, core(cancel));
        if (!job.ok()) return fail(err, std::move(job.error()));
        *out = handle<mip_job>(new mip::Job(std::move(job.value())));
        return succeed(err);
    });
}

namespace {
constexpr size_t kSmallestWaitOptions = offsetof(mip_wait_options, size) + sizeof(size_t);
}  // namespace

mip_code mip_wait_options_init(mip_wait_options *o, size_t size) {
    if (!o || size < kSmallestWaitOptions) return MIP_ERR_INVALID_ARGUMENT;
    mip_wait_options defaults{};
    defaults.size = size;
    defaults.poll_interval_ms = MIP_DEFAULT_POLL_INTERVAL_MS;
    std::memcpy(o, &defaults, std::min(size, sizeof defaults));  // the caller's struct may be older, and smaller
    return MIP_OK;
}

mip_code mip_wait_import_with_options(mip_client *c, const char *job_id, const mip_wait_options *o, mip_cancel *cancel,
                                      mip_job **out, mip_error **err) {
    if (out) *out = nullptr;
    if (!c || !job_id || !out) {
        return fail(err, MIP_ERR_INVALID_ARGUMENT, !c ? "client is NULL" : !job_id ? "job id is NULL" : "out is NULL");
    }
    // The fields a caller's struct has; those past its size keep their defaults.
    mip_wait_options given;
    mip_wait_options_init(&given, sizeof given);
    if (o) {
        if (o->size < kSmallestWaitOptions) {
            return fail(err, MIP_ERR_INVALID_ARGUMENT, "wait options: size is not set (use mip_wait_options_init)");
        }
        std::memcpy(&given, o, std::min(o->size, sizeof given));
        given.size = sizeof given;
    }
    if (mip::Problem problem = mip::range_problem(mip::kPollIntervalMs, given.poll_interval_ms)) {
        return fail(err, MIP_ERR_INVALID_ARGUMENT, problem->c_str());
    }
    return guarded(err, [&] {
        std::optional<mip::Deadline> deadline;
        if (given.timeout_ms > 0) {
            deadline = mip::Clock::now() + std::chrono::milliseconds(std::min(given.timeout_ms, mip::kLongestMs));
        }
        mip::Client::WaitHooks hooks;
        if (given.on_progress) {
            hooks.on_progress = [&given](const mip::Job &job) {
                return given.on_progress(handle<mip_job>(&job), given.user) == 0;
            };
        }
        if (given.on_error) {
            hooks.on_transient = [&given](const mip::Error &error) {
                return given.on_error(handle<mip_error>(&error), given.user) == 0;
            };
        }
        mip::Result<mip::Job> job =
            core(c)->wait(job_id, std::chrono::milliseconds(given.poll_interval_ms), deadline, hooks, core(cancel));
        if (!job.ok()) return fail(err, std::move(job.error()));
        *out = handle<mip_job>(new mip::Job(std::move(job.value())));
        return succeed(err);
    });
}

mip_code mip_wait_import(mip_client *c, const char *job_id, int64_t poll_interval_ms, int64_t timeout_ms,
                         mip_progress_fn on_progress, void *user, mip_cancel *cancel, mip_job **out, mip_error **err) {
    mip_wait_options o;
    mip_wait_options_init(&o, sizeof o);
    o.poll_interval_ms = poll_interval_ms;
    o.timeout_ms = timeout_ms;
    o.on_progress = on_progress;
    o.user = user;
    return mip_wait_import_with_options(c, job_id, &o, cancel, out, err);
}

namespace {

mip_code conclude(mip::Conclusion conclusion, mip_client *c, const char *job_id, mip_cancel *cancel, mip_error **err) {
    if (!c || !job_id) return fail(err, MIP_ERR_INVALID_ARGUMENT, !c ? "client is NULL" : "job id is NULL");
    return guarded(err, [&] {
        mip::Result<mip::Job> done = core(c)->conclude_import(conclusion, job_id, core(cancel));
        if (!done.ok()) return fail(err, std::move(done.error()));
        return succeed(err);
    });
}

}  // namespace

mip_code mip_commit_import(mip_client *c, const char *job_id, mip_cancel *cancel, mip_error **err) {
    return conclude(mip::Conclusion::Commit, c, job_id, cancel, err);
}

mip_code mip_abort_import(mip_client *c, const char *job_id, mip_cancel *cancel, mip_error **err) {
    return conclude(mip::Conclusion::Abort, c, job_id, cancel, err);
}

void mip_free(void *p) { std::free(p); }

/* import jobs */

mip_import_request *mip_import_request_new(void) {
    return handle<mip_import_request>(new (std::nothrow) mip::ImportRequest());
}

void mip_import_request_free(mip_import_request *r) { delete core(r); }

mip_code mip_import_request_set_collection(mip_import_request *r, const char *name) {
    if (!request_text_ok(name, false) || !*name) return MIP_ERR_INVALID_ARGUMENT;
    return change_request(r, [&](mip::ImportRequest &q) { q.collection = name; });
}

mip_code mip_import_request_set_partition(mip_import_request *r, const char *name) {
    if (!request_text_ok(name, true)) return MIP_ERR_INVALID_ARGUMENT;
    return change_request(r, [&](mip::ImportRequest &q) { q.partition = name ? name : ""; });
}

mip_code mip_import_request_add_files(mip_import_request *r, const char *const *paths, size_t count) {
    if (!paths || count == 0) return MIP_ERR_INVALID_ARGUMENT;
    for (size_t i = 0; i < count; ++i) {
        if (!request_text_ok(paths[i], false) || !*paths[i]) return MIP_ERR_INVALID_ARGUMENT;
    }
    return change_request(r, [&](mip::ImportRequest &q) { q.files.emplace_back(paths, paths + count); });
}

mip_code mip_import_request_set_option(mip_import_request *r, const char *key, const char *value) {
    if (!request_text_ok(key, false) || !*key || !request_text_ok(value, false)) return MIP_ERR_INVALID_ARGUMENT;
    return change_request(r, [&](mip::ImportRequest &q) { q.set_option(key, value); });
}

mip_code mip_import_request_set_auto_commit(mip_import_request *r, int on) {
    return change_request(r, [&](mip::ImportRequest &q) { q.set_auto_commit(on != 0); });
}

mip_code mip_import_request_set_object_credentials(mip_import_request *r, const char *access_key,
                                                   const char *secret_key) {
    const bool clear = !access_key && !secret_key;
    if (!clear &&
        (!request_text_ok(access_key, false) || !*access_key || !request_text_ok(secret_key, false) || !*secret_key)) {
        return MIP_ERR_INVALID_ARGUMENT;
    }
    return change_request(r, [&](mip::ImportRequest &q) {
        q.access_key = clear ? "" : access_key;
        q.secret_key = clear ? "" : secret_key;
    });
}

mip_code mip_import_request_set_idempotency_key(mip_import_request *r, const char *key) {
    if (key && mip::idempotency_key_problem(key)) return MIP_ERR_INVALID_ARGUMENT;
    return change_request(r, [&](mip::ImportRequest &q) { q.idempotency_key = key ? key : ""; });
}

mip_code mip_create_import(mip_client *c, const mip_import_request *r, mip_cancel *cancel, char **job_id,
                           mip_error **err) {
    if (job_id) *job_id = nullptr;
    if (!c || !r || !job_id) {
        return fail(err, MIP_ERR_INVALID_ARGUMENT, !c ? "client is NULL" : !r ? "request is NULL" : "job_id is NULL");
    }
    return guarded(err, [&] {
        // malloc, not new: the caller frees it with mip_free, as any C string.
        auto keep = [job_id](std::string_view id) {
            char *copy = static_cast<char *>(std::malloc(id.size() + 1));
            if (!copy) return false;
            std::memcpy(copy, id.data(), id.size());
            copy[id.size()] = '\0';
            *job_id = copy;
            return true;
        };
        mip::Result<std::string> created = core(c)->create_import(*core(r), core(cancel), keep);
        if (!created.ok()) return fail(err, std::move(created.error()));
        return succeed(err);
    });
}

mip_code mip_list_imports(mip_client *c, const char *collection, mip_cancel *cancel, mip_job_list **out,
                          mip_error **err) {
    if (out) *out = nullptr;
    if (!c || !out) return fail(err, MIP_ERR_INVALID_ARGUMENT, !c ? "client is NULL" : "out is NULL");
    return guarded(err, [&] {
        mip::Result<mip::JobList> listed = core(c)->list_imports(collection ? collection : "", core(cancel));
        if (!listed.ok()) return fail(err, std::move(listed.error()));
        *out = handle<mip_job_list>(new mip::JobList(std::move(listed.value())));
        return succeed(err);
    });
}

size_t mip_job_list_count(const mip_job_list *l) { return l ? core(l)->jobs.size() : 0; }
int mip_job_list_is_complete(const mip_job_list *l) { return l && core(l)->complete ? 1 : 0; }

const mip_job *mip_job_list_get(const mip_job_list *l, size_t index) {
    if (!l || index >= core(l)->jobs.size()) return nullptr;
    return handle<mip_job>(&core(l)->jobs[index]);
}

void mip_job_list_free(mip_job_list *l) { delete core(l); }

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
        std::vector<mip::Result<mip::Job>> results = core(c)->get_many(ids, core(cancel));
        mip_code first_failure = MIP_OK;
        for (size_t i = 0; i < count; ++i) {
            mip_code code = MIP_OK;
            if (results[i].ok()) {
                jobs[i] = handle<mip_job>(new mip::Job(std::move(results[i].value())));
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

const char *mip_job_id(const mip_job *j) { return j ? core(j)->id : ""; }
const char *mip_job_collection_name(const mip_job *j) { return j ? core(j)->collection_name : ""; }
const char *mip_job_file_name(const mip_job *j) { return j ? core(j)->file_name : ""; }
mip_state mip_job_state(const mip_job *j) { return j ? static_cast<mip_state>(core(j)->state) : MIP_STATE_UNKNOWN; }
const char *mip_job_state_text(const mip_job *j) { return j ? core(j)->state_text : ""; }
int mip_job_progress(const mip_job *j) { return j ? core(j)->progress : -1; }
int64_t mip_job_imported_rows(const mip_job *j) { return j ? core(j)->imported_rows : -1; }
int64_t mip_job_total_rows(const mip_job *j) { return j ? core(j)->total_rows : -1; }
int64_t mip_job_file_size(const mip_job *j) { return j ? core(j)->file_size : -1; }
const char *mip_job_create_time(const mip_job *j) { return j ? core(j)->create_time : ""; }
const char *mip_job_complete_time(const mip_job *j) { return j ? core(j)->complete_time : ""; }
const char *mip_job_reason(const mip_job *j) { return j ? core(j)->reason : ""; }
size_t mip_job_detail_count(const mip_job *j) { return j ? core(j)->details.size() : 0; }

const mip_detail *mip_job_detail(const mip_job *j, size_t index) {
    if (!j || index >= core(j)->details.size()) return nullptr;
    return handle<mip_detail>(&core(j)->details[index]);
}

namespace {

// The least a caller's mip_detail_info may hold: its size and one field.
constexpr size_t kSmallestDetailInfo = offsetof(mip_detail_info, file_name) + sizeof(const char *);

}  // namespace

size_t mip_job_details_read(const mip_job *j, size_t start, mip_detail_info *out, size_t count) {
    if (!j || !out) return 0;
    const size_t size = out[0].size;
    if (size < kSmallestDetailInfo) return 0;
    const std::vector<mip::Detail> &details = core(j)->details;
    if (start >= details.size()) return 0;
    const size_t n = std::min(count, details.size() - start);
    // The caller's struct may be older (smaller) or newer (larger) than
    // ours: each entry is filled whole here, then as much of it as the
    // caller knows is copied, at the caller's stride.
    auto *base = reinterpret_cast<unsigned char *>(out);
    for (size_t i = 0; i < n; ++i) {
        const mip::Detail &d = details[start + i];
        mip_detail_info info;
        info.size = size;
        info.file_name = d.file_name;
        info.file_name_len = std::strlen(d.file_name);
        info.state_text = d.state_text;
        info.state_text_len = std::strlen(d.state_text);
        info.complete_time = d.complete_time;
        info.complete_time_len = std::strlen(d.complete_time);
        info.reason = d.reason;
        info.reason_len = std::strlen(d.reason);
        info.imported_rows = d.imported_rows;
        info.total_rows = d.total_rows;
        info.file_size = d.file_size;
        info.state = static_cast<mip_state>(d.state);
        info.progress = d.progress;
        std::memcpy(base + i * size, &info, std::min(size, sizeof info));
    }
    return n;
}

void mip_job_free(mip_job *j) { delete core(j); }

/* detail */

const char *mip_detail_file_name(const mip_detail *d) { return d ? core(d)->file_name : ""; }
mip_state mip_detail_state(const mip_detail *d) {
    return d ? static_cast<mip_state>(core(d)->state) : MIP_STATE_UNKNOWN;
}
const char *mip_detail_state_text(const mip_detail *d) { return d ? core(d)->state_text : ""; }
int mip_detail_progress(const mip_detail *d) { return d ? core(d)->progress : -1; }
int64_t mip_detail_imported_rows(const mip_detail *d) { return d ? core(d)->imported_rows : -1; }
int64_t mip_detail_total_rows(const mip_detail *d) { return d ? core(d)->total_rows : -1; }
int64_t mip_detail_file_size(const mip_detail *d) { return d ? core(d)->file_size : -1; }
const char *mip_detail_complete_time(const mip_detail *d) { return d ? core(d)->complete_time : ""; }
const char *mip_detail_reason(const mip_detail *d) { return d ? core(d)->reason : ""; }

}  // extern "C"

// SPDX-License-Identifier: Apache-2.0
// The C calls that reach a server: the client, cancellation, progress and
// waiting, create, list, commit and abort.
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

#include "api/handles.hpp"
#include "core/rules.hpp"

using namespace mip::capi;

extern "C" {

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
    if (!mip::in_range(mip::kPollIntervalMs, given.poll_interval_ms)) {
        // The words allocate: inside guarded(), so that nothing escapes.
        return guarded(err, [&] {
            return fail(err, mip::invalid_argument(*mip::range_problem(mip::kPollIntervalMs, given.poll_interval_ms)));
        });
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

}  // extern "C"

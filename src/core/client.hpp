// SPDX-License-Identifier: Apache-2.0
// The client: options checked once, the flavor chosen once, a pool of
// connections, and one call = request(s) + parse, with retries.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "core/retry.hpp"
#include "model/error.hpp"
#include "model/import_request.hpp"
#include "model/job.hpp"
#include "model/job_list.hpp"
#include "model/options.hpp"
#include "net/cancel.hpp"
#include "net/transport.hpp"
#include "util/scrub.hpp"
#include "wire/flavor.hpp"
#include "wire/parse.hpp"

namespace mip {

class Client {
public:
    // InvalidArgument when the options cannot work (see mip_client_new).
    // `backoff` decides the pauses between tries (tests pass their own).
    static Result<std::unique_ptr<Client>> create(const Options &options, Backoff backoff = jittered_backoff);

    // Thread-safe. `cancel` may be null.
    Result<Job> get_import_progress(std::string_view job_id, CancelToken *cancel);

    // Commits or aborts a two-phase import. Retried only after failures that
    // prove the server did nothing (see nothing_was_taken); after others
    // that may have changed the job (may_have_acted), the message says so.
    // Thread-safe.
    Result<Job> conclude_import(Conclusion conclusion, std::string_view job_id, CancelToken *cancel);

    // Hands a created job's id over to the caller; false when it could not
    // (out of memory), which fails the create with a message that keeps
    // every rule (the id, the key, the attempts).
    using KeepJobId = std::function<bool(std::string_view id)>;
    // Starts an import job, gives its id to `keep` and returns it.
    // `request` is checked first (InvalidArgument; nothing sent). Retried
    // only after failures that prove the server took nothing; every other
    // failure names the Idempotency-Key, and says whether the job may exist
    // (may_have_acted). Thread-safe.
    Result<std::string> create_import(const ImportRequest &request, CancelToken *cancel, const KeepJobId &keep);

    // Every job the server lists (of `collection`, or all when empty), page
    // after page within one timeout, each job kept once. Thread-safe.
    Result<JobList> list_imports(std::string_view collection, CancelToken *cancel);

    // Called after every successful poll with the job just read; false stops
    // the wait. It may keep nothing that points into the job.
    using ProgressCallback = std::function<bool(const Job &)>;
    // Called for each transient failure the wait polls through; false stops
    // the wait with that error.
    using ErrorCallback = std::function<bool(const Error &)>;

    // Polls every `interval` until the job is Completed, Failed or
    // Uncommitted, and returns that snapshot. Transient errors (after each
    // call's own retries) only mean "poll again"; others end the wait.
    // `deadline`: none waits for as long as it takes.
    struct WaitHooks {
        ProgressCallback on_progress;  // may be empty
        ErrorCallback on_transient;    // may be empty
    };
    Result<Job> wait(std::string_view job_id, std::chrono::milliseconds interval, std::optional<Deadline> deadline,
                     const WaitHooks &hooks, CancelToken *cancel);

    // Every job's progress, concurrently over at most max_connections
    // connections; results in the order of `job_ids`.
    std::vector<Result<Job>> get_many(const std::vector<std::string_view> &job_ids, CancelToken *cancel);

private:
    // What one call in flight owns: a connection and a parser. Kept between
    // calls, which is what keeps connections alive and buffers warm.
    struct Worker {
        explicit Worker(const TransportSettings &settings)
            : connection(settings), parser(settings.max_response_bytes) {}
        Connection connection;
        JsonParser parser;
        std::string body_buffer;  // request bodies, written into the same memory each call
    };
    class Lease;

    static Result<std::unique_ptr<Client>> make(const Options &options, Backoff backoff);
    Client(const Options &options, std::unique_ptr<Flavor> flavor, TransportSettings settings, Backoff backoff);
    Result<Job> get_before(std::string_view job_id, CancelToken *cancel, Deadline deadline);
    Deadline call_deadline() const;  // now + the client's timeout
    // Whether a try's failure is worth another (`sent`: the try wrote a
    // request).
    using RetryRule = bool (*)(const Error &error, bool sent);
    // One call of the C API: a worker leased, `work` (Result<T>(Call &))
    // run with the call's deadline and secrets, the requests it sent and the
    // last status counted, and its error's message finished, once, with
    // `explain`'s words (std::string(const Error &, bool sent): where things
    // stand after a failure) kept whole at its end. Templates, defined in
    // client.cpp: a call's path makes no indirect call for them.
    template <class T, class Work, class Explain>
    Result<T> with_call(CancelToken *cancel, Deadline deadline, const Secrets &secrets, const Work &work,
                        const Explain &explain);
    template <class T, class Work>
    Result<T> with_call(CancelToken *cancel, Deadline deadline, const Secrets &secrets, const Work &work);
    // Tries made by `attempt` (Result<T>(Call &)) while `worth_retrying`
    // says so and time is left.
    template <class T, class Try>
    Result<T> call_with_retries(const Try &attempt, RetryRule worth_retrying, Call &call);
    Result<Job> wait_unfinished(std::string_view job_id, std::chrono::milliseconds interval,
                                std::optional<Deadline> deadline, const WaitHooks &hooks, CancelToken *cancel);

    const Options options_;
    const std::unique_ptr<Flavor> flavor_;
    const TransportSettings settings_;
    const Backoff backoff_;
    const Secrets secrets_;
    std::mutex idle_mutex_;
    std::vector<std::unique_ptr<Worker>> idle_;  // at most as many as calls ever ran at once
};

}  // namespace mip

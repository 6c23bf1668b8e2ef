// SPDX-License-Identifier: Apache-2.0
#include "core/client.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <unordered_set>

#include <mip.h>

#include "core/retry.hpp"
#include "core/rules.hpp"
#include "model/state.hpp"
#include "net/endpoint.hpp"
#include "util/boundary.hpp"
#include "util/memory_bound.hpp"
#include "util/message.hpp"
#include "wire/paging.hpp"

namespace mip {

namespace {
// A worker keeps at most this much buffer after a call: one huge response
// should not pin its memory for the rest of the client's life.
constexpr size_t kKeptBufferBytes = size_t{1} << 20;
}  // namespace

// Takes an idle worker (or makes one) and gives it back afterwards.
class Client::Lease {
public:
    explicit Lease(Client &client) : client_(client) {
        {
            std::lock_guard<std::mutex> lock(client_.idle_mutex_);
            if (!client_.idle_.empty()) {
                worker_ = std::move(client_.idle_.back());
                client_.idle_.pop_back();
            }
        }
        if (!worker_) worker_ = std::make_unique<Worker>(client_.settings_);
    }
    ~Lease() {
        worker_->connection.trim(kKeptBufferBytes);
        worker_->parser.trim(kKeptBufferBytes);
        std::lock_guard<std::mutex> lock(client_.idle_mutex_);
        try {
            client_.idle_.push_back(std::move(worker_));
        } catch (const std::bad_alloc &) {
            // Out of memory: drop the worker (and its connection) instead.
        }
    }
    Lease(const Lease &) = delete;
    Lease &operator=(const Lease &) = delete;
    Worker &worker() { return *worker_; }

private:
    Client &client_;
    std::unique_ptr<Worker> worker_;
};

Result<std::unique_ptr<Client>> Client::create(const Options &options, Backoff backoff) {
    Result<std::unique_ptr<Client>> made = make(options, backoff);
    if (!made.ok()) finish_message(made.error().message, Secrets(options.token));
    return made;
}

Result<std::unique_ptr<Client>> Client::make(const Options &options, Backoff backoff) {
    if (!init_curl_once()) return make_error(Code::NoMemory, "libcurl could not initialize");
    Result<Endpoint> endpoint = parse_endpoint(options.endpoint);
    if (!endpoint.ok()) return std::move(endpoint.error());
    const Api api = options.api == Api::Auto ? choose_api(endpoint.value()) : options.api;
    Result<std::unique_ptr<Flavor>> flavor = make_flavor(api, options, endpoint.value());
    if (!flavor.ok()) return std::move(flavor.error());

    TransportSettings settings;
    settings.connect_timeout_ms = options.connect_timeout_ms;
    settings.ca_file = options.ca_file;
    settings.tls_verify = options.tls_verify;
    settings.proxy =
        choose_proxy(options.proxy, endpoint.value().https, needs_direct_connection(api, endpoint.value()));
    settings.user_agent = options.user_agent.empty() ? std::string("mip/" MIP_VERSION_STRING) : options.user_agent;
    settings.max_response_bytes = options.max_response_bytes;
    settings.spare_bytes = JsonParser::kPadding;
    return std::unique_ptr<Client>(new Client(options, std::move(flavor.value()), std::move(settings), backoff));
}

Client::Client(const Options &options, std::unique_ptr<Flavor> flavor, TransportSettings settings, Backoff backoff)
    : options_(options),
      flavor_(std::move(flavor)),
      settings_(std::move(settings)),
      backoff_(backoff),
      secrets_(options.token) {}

Result<Job> Client::get_import_progress(std::string_view job_id, CancelToken *cancel) {
    return get_before(job_id, cancel, call_deadline());
}

namespace {

bool transient_failure(const Error &error, bool) { return is_transient(error); }

}  // namespace

template <class T, class Work, class Explain>
Result<T> Client::with_call(CancelToken *cancel, Deadline deadline, const Secrets &secrets, const Work &work,
                            const Explain &explain) {
    Lease lease(*this);
    Call call{lease.worker().connection, lease.worker().parser, deadline, cancel, secrets, lease.worker().body_buffer};
    Result<T> result = work(call);
    if (!result.ok()) {
        Error &e = result.error();
        e.attempts = call.requests;
        if (e.http_status == 0) e.http_status = call.last_status;
        finish_message(e.message, secrets, explain(e, call.last_sent));
    }
    return result;
}

template <class T, class Work>
Result<T> Client::with_call(CancelToken *cancel, Deadline deadline, const Secrets &secrets, const Work &work) {
    return with_call<T>(cancel, deadline, secrets, work, [](const Error &, bool) { return std::string(); });
}

template <class T, class Try>
Result<T> Client::call_with_retries(const Try &attempt, RetryRule worth_retrying, Call &call) {
    std::optional<Result<T>> previous;  // the last try's failure, while another is due
    // A failure of no try of this loop's own: nothing of it was sent.
    auto unsent = [&call](Result<T> failure) {
        call.last_sent = false;
        return failure;
    };
    for (int retry = 0;; ++retry) {
        // Checked here so that nothing is sent, or counted, when it is too late.
        if (call.cancel && call.cancel->triggered()) return unsent(make_error(Code::Cancelled, "cancelled"));
        if (!try_fits(Clock::now(), std::chrono::milliseconds(0), call.deadline)) {
            // A pause that overslept: the failure that made us wait is the news.
            if (previous) return unsent(std::move(*previous));
            return unsent(make_error(Code::Timeout, call.requests == 0
                                                        ? "timed out before a request was sent"
                                                        : "timed out before the next request could be sent"));
        }
        const int requests_before = call.requests;
        Result<T> result = attempt(call);
        const bool sent = call.requests != requests_before;
        if (previous && !sent && !result.ok() && result.error().code == Code::Timeout) {
            return unsent(std::move(*previous));  // the deadline came between the check above and the send
        }
        if (result.ok() || retry >= options_.max_retries || !worth_retrying(result.error(), sent)) return result;
        const std::chrono::milliseconds pause = backoff_(retry + 1, call.retry_after);
        // A try that could not be sent in time ends the call now, with the real reason.
        if (!try_fits(Clock::now(), pause, call.deadline)) return result;
        if (sleep_unless_cancelled(call.cancel, pause)) {
            return unsent(make_error(Code::Cancelled, "cancelled while waiting to retry"));
        }
        previous = std::move(result);
    }
}

// One call, retries included, that ends by `deadline`.
Result<Job> Client::get_before(std::string_view job_id, CancelToken *cancel, Deadline deadline) {
    if (Problem problem = job_id_problem(job_id)) return invalid_argument(std::move(*problem));
    return with_call<Job>(cancel, deadline, secrets_, [&](Call &call) {
        return call_with_retries<Job>([&](Call &c) { return flavor_->fetch(job_id, c); }, transient_failure, call);
    });
}

Result<Job> Client::conclude_import(Conclusion conclusion, std::string_view job_id, CancelToken *cancel) {
    if (Problem problem = job_id_problem(job_id)) return invalid_argument(std::move(*problem));
    auto attempt = [&](Call &c) { return flavor_->conclude(conclusion, job_id, c); };
    // Not retried once the server may have acted, so the caller must know where the job stands.
    auto explain = [&](const Error &e, bool sent) {
        if (!may_have_acted(e, sent)) return std::string();
        return std::string("; the request reached the server, which may have carried out the ") + route_of(conclusion) +
               ": read the job's state before trying again";
    };
    return with_call<Job>(
        cancel, call_deadline(), secrets_,
        [&](Call &call) { return call_with_retries<Job>(attempt, nothing_was_taken, call); }, explain);
}

Result<std::string> Client::create_import(const ImportRequest &request, CancelToken *cancel, const KeepJobId &keep) {
    const Secrets secrets = secrets_.with(request.secret_key);
    auto refused = [&](Error e) -> Result<std::string> {
        finish_message(e.message, secrets);
        return e;
    };
    if (Problem problem = import_request_problem(request)) {
        return refused(invalid_argument(std::move(*problem)));
    }
    Result<std::string> body = flavor_->import_body(request);
    if (!body.ok()) return refused(body.error());
    const std::string key = request.idempotency_key.empty() ? random_idempotency_key() : request.idempotency_key;
    auto attempt = [&](Call &c) { return flavor_->create(body.value(), key, c); };
    auto create = [&](Call &call) -> Result<std::string> {
        Result<Job> made = call_with_retries<Job>(attempt, nothing_was_taken, call);
        if (!made.ok()) return std::move(made.error());
        const std::string_view id = made.value().id;
        if (id.empty()) {
            return make_error(Code::Protocol, "the server answered the create without a job id");
        }
        std::string kept(id);  // first: nothing may fail once `keep` has the id
        if (!keep(id)) {
            Error lost = make_error(Code::NoMemory, "", call.last_status);
            lost.job_id = std::move(kept);
            call.secrets.scrub_server_text(lost.job_id);
            lost.message = "out of memory after the server created job " + lost.job_id;
            return lost;
        }
        return kept;
    };
    // Every failure names the key: with it a retry is safe wherever the
    // server may have made the job (Milvus >= 2.6.24 / 3.0.2 answer it with
    // the first job's id).
    auto explain = [&](const Error &e, bool sent) {
        if (!may_have_acted(e, sent)) return "; no job was created (Idempotency-Key " + key + ")";
        // The id of a job the server named is in the message already: the tail stays short.
        return "; the request reached the server, which may have created the job: retrying with Idempotency-Key " +
               key + " is safe on Milvus >= 2.6.24 / 3.0.2 (on older servers, list the collection's jobs first)";
    };
    return with_call<std::string>(cancel, call_deadline(), secrets, create, explain);
}

Result<JobList> Client::list_imports(std::string_view collection, CancelToken *cancel) {
    if (Problem problem = text_problem("collection name", collection)) {
        return invalid_argument(std::move(*problem));
    }
    return with_call<JobList>(cancel, call_deadline(), secrets_, [&](Call &call) -> Result<JobList> {
        JobList list;
        std::unordered_set<std::string_view> seen;  // ids point into the kept pages' arenas, which never move
        size_t arrived = 0;
        size_t repeated = 0;        // records listed again on a later page
        uint64_t held_bytes = 0;    // what the list keeps: its jobs and the text of their pages
        int64_t server_count = -1;  // the last count a page gave
        for (int64_t number = 1;; ++number) {
            if (number > kMostListPages) {
                return make_error(Code::Protocol, "the server listed more than " + std::to_string(kMostListPages) +
                                                      " pages of jobs (" + std::to_string(arrived) +
                                                      " records) without an end");
            }
            Result<JobPage> got = call_with_retries<JobPage>(
                [&](Call &c) { return flavor_->list_page(collection, number, c); }, transient_failure, call);
            if (!got.ok()) {
                Error &e = got.error();
                if (number > 1) {
                    e.message = "page " + std::to_string(number) + " of the list, after " + std::to_string(number - 1) +
                                " pages (" + std::to_string(arrived) + " records): " + e.message;
                }
                return std::move(e);
            }
            JobPage &page = got.value();
            arrived += page.listed;
            if (page.count >= 0) server_count = page.count;
            size_t kept = 0;
            for (Job &job : page.jobs) {
                // A job that moved between pages while they were read is kept once.
                if (*job.id != '\0' && !seen.insert(job.id).second) {
                    ++repeated;
                    continue;
                }
                list.jobs.push_back(std::move(job));
                ++kept;
            }
            // A page of jobs all listed before keeps nothing of its text.
            if (kept > 0) {
                held_bytes += page.strings.bytes();
                list.strings.push_back(std::move(page.strings));
            }
            const uint64_t bytes = memory_of(list.jobs.size(), sizeof(Job), held_bytes);
            if (std::optional<std::string> beyond = beyond_memory_bound(
                    "a list of " + std::to_string(list.jobs.size()) + " jobs", bytes, options_.max_response_bytes)) {
                return make_error(Code::ResponseTooLarge, std::move(*beyond));
            }
            if (!flavor_->pages() || !wants_next_page(arrived, page, kListPageSize)) {
                // Short of the server's count (an empty page, a server that
                // repeats its pages): the caller is told, not left to guess.
                list.complete = server_count < 0 || static_cast<int64_t>(arrived - repeated) >= server_count;
                return list;
            }
        }
    });
}

Deadline Client::call_deadline() const { return Clock::now() + std::chrono::milliseconds(options_.timeout_ms); }

namespace {

std::string describe(const Job &job) {
    return std::string(state_name(job.state)) + " at " + std::to_string(job.progress) + "%";
}

}  // namespace

Result<Job> Client::wait(std::string_view job_id, std::chrono::milliseconds interval, std::optional<Deadline> deadline,
                         const WaitHooks &hooks, CancelToken *cancel) {
    Result<Job> result = wait_unfinished(job_id, interval, deadline, hooks, cancel);
    if (!result.ok()) finish_message(result.error().message, secrets_);  // its own messages quote the polls'
    return result;
}

Result<Job> Client::wait_unfinished(std::string_view job_id, std::chrono::milliseconds interval,
                                    std::optional<Deadline> deadline, const WaitHooks &hooks, CancelToken *cancel) {
    const auto started = Clock::now();
    std::string last_seen = "no answer yet";
    for (;;) {
        Deadline poll_deadline = call_deadline();
        if (deadline && *deadline < poll_deadline) poll_deadline = *deadline;
        Result<Job> polled = get_before(job_id, cancel, poll_deadline);
        if (polled.ok()) {
            const Job &job = polled.value();
            if (hooks.on_progress && !hooks.on_progress(job)) {
                return make_error(Code::Cancelled, "stopped by the progress callback");
            }
            if (is_terminal(job.state)) return polled;
            last_seen = describe(job);
        } else if (is_transient(polled.error())) {
            if (hooks.on_transient && !hooks.on_transient(polled.error())) return polled;
            last_seen = polled.error().message;
        } else {
            return polled;
        }
        if (deadline && Clock::now() + interval >= *deadline) {
            const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
            return make_error(Code::Timeout, "job " + std::string(job_id) + " not finished after waiting " +
                                                 std::to_string(waited.count()) + " ms; last: " + last_seen);
        }
        if (sleep_unless_cancelled(cancel, interval)) return make_error(Code::Cancelled, "cancelled while waiting");
    }
}

std::vector<Result<Job>> Client::get_many(const std::vector<std::string_view> &job_ids, CancelToken *cancel) {
    if (job_ids.empty()) return {};
    std::vector<std::optional<Result<Job>>> slots(job_ids.size());
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t i = next++; i < job_ids.size(); i = next++) {
            // The top of a helper thread: nothing may leave it.
            if (!completes([&] { slots[i] = get_import_progress(job_ids[i], cancel); })) {
                slots[i] = make_error(Code::NoMemory, "out of memory");  // short enough to need no allocation
            }
        }
    };
    // Each thread holds one connection at a time: max_connections threads,
    // the calling thread among them.
    const size_t helpers = std::min<size_t>(static_cast<size_t>(options_.max_connections), job_ids.size()) - 1;
    std::vector<std::thread> threads;
    try {
        threads.reserve(helpers);
        while (threads.size() < helpers) threads.emplace_back(work);
    } catch (const std::exception &) {
        // Fewer threads than asked (none at worst): the work is shared by those there are.
    }
    work();
    for (std::thread &t : threads) t.join();
    std::vector<Result<Job>> results;
    results.reserve(slots.size());
    for (std::optional<Result<Job>> &slot : slots) results.push_back(std::move(*slot));
    return results;
}

}  // namespace mip

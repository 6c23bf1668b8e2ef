#include "client.hpp"

#include <thread>

#include "endpoint.hpp"
#include "request_text.hpp"
#include "retry.hpp"
#include "version.hpp"

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

Result<std::unique_ptr<Client>> Client::create(const Options &options) {
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
    settings.proxy = options.proxy;
    settings.user_agent = options.user_agent.empty() ? std::string("mip/") + kVersion : options.user_agent;
    settings.max_response_bytes = options.max_response_bytes;
    return std::unique_ptr<Client>(new Client(options, std::move(flavor.value()), std::move(settings)));
}

Client::Client(const Options &options, std::unique_ptr<Flavor> flavor, TransportSettings settings)
    : options_(options), flavor_(std::move(flavor)), settings_(std::move(settings)) {}

Result<Job> Client::get_import_progress(std::string_view job_id, CancelToken *cancel) {
    if (job_id.empty()) return make_error(Code::InvalidArgument, "empty job id");
    if (!is_clean_text(job_id)) {
        return make_error(Code::InvalidArgument, "job id is not valid UTF-8 or contains control characters");
    }
    Lease lease(*this);
    Result<Job> result = call_with_retries(job_id, lease.worker(), cancel);
    if (!result.ok()) scrub_token(result.error());
    return result;
}

Result<Job> Client::call_with_retries(std::string_view job_id, Worker &worker, CancelToken *cancel) {
    Attempt attempt{worker.connection, worker.parser, Clock::now() + std::chrono::milliseconds(options_.timeout_ms),
                    cancel};
    for (int retry = 1;; ++retry) {
        Result<Job> result = flavor_->fetch(job_id, attempt);
        if (result.ok() || retry > options_.max_retries || !is_transient(result.error())) return result;
        const std::chrono::milliseconds wait = backoff(retry, attempt.retry_after);
        // A wait that would outlast the call ends it now, with the real reason.
        if (Clock::now() + wait >= attempt.deadline) return result;
        const bool cancelled = cancel ? cancel->sleep_for(wait) : (std::this_thread::sleep_for(wait), false);
        if (cancelled) return make_error(Code::Cancelled, "cancelled while waiting to retry");
    }
}

// Servers may echo what they were sent; the token must not reach a message
// that ends up in a log.
void Client::scrub_token(Error &error) const {
    const std::string &token = options_.token;
    if (token.empty()) return;
    for (size_t at = error.message.find(token); at != std::string::npos; at = error.message.find(token, at)) {
        error.message.replace(at, token.size(), "***");
    }
}

}  // namespace mip

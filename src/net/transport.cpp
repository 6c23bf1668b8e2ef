// SPDX-License-Identifier: Apache-2.0
#include "net/transport.hpp"

#include <atomic>

#include <algorithm>
#include <new>

#include "util/boundary.hpp"

namespace mip {

namespace {

// libcurl's own timers and the deadline decide how long a poll may block;
// this only bounds the wait when neither is near.
constexpr long kPollCapMs = 1000;
// How far ahead of the bytes received the body buffer may be reserved from
// the announced Content-Length.
constexpr uint64_t kLargestReserve = uint64_t{64} << 20;

bool is_tls_failure(CURLcode code) {
    switch (code) {
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CIPHER:
        case CURLE_SSL_CACERT_BADFILE:
        case CURLE_SSL_ENGINE_NOTFOUND:
        case CURLE_SSL_ENGINE_SETFAILED:
        case CURLE_SSL_ENGINE_INITFAILED:
        case CURLE_SSL_CRL_BADFILE:
        case CURLE_SSL_ISSUER_ERROR:
        case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        case CURLE_SSL_INVALIDCERTSTATUS:
        case CURLE_SSL_SHUTDOWN_FAILED:
        case CURLE_USE_SSL_FAILED: return true;
        default: return false;
    }
}

}  // namespace

std::string request_line(const Request &r) { return (r.post ? "POST " : "GET ") + std::string(r.url); }

bool init_curl_once() {
    static const bool ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;  // C++11 statics are thread-safe
    return ok;
}

namespace {
std::atomic<uint64_t> g_header_lists{0};
}  // namespace

HeaderList::HeaderList(const std::vector<std::string> &lines) : serial_(++g_header_lists) {
    for (const std::string &line : lines) {
        curl_slist *grown = curl_slist_append(list_, line.c_str());
        if (!grown) {
            curl_slist_free_all(list_);
            throw std::bad_alloc();
        }
        list_ = grown;
    }
}

HeaderList::~HeaderList() { curl_slist_free_all(list_); }

Connection::Connection(const TransportSettings &s)
    : max_response_bytes_(s.max_response_bytes), spare_bytes_(s.spare_bytes) {
    easy_ = curl_easy_init();
    multi_ = curl_multi_init();
    if (!easy_ || !multi_) {
        curl_multi_cleanup(multi_);
        curl_easy_cleanup(easy_);
        throw std::bad_alloc();
    }
    bool ok = true;
    auto set = [&](CURLoption option, auto value) { ok = ok && curl_easy_setopt(easy_, option, value) == CURLE_OK; };
    set(CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for DNS timeouts: we live in other people's processes
    set(CURLOPT_PROTOCOLS_STR, "http,https");
    set(CURLOPT_FOLLOWLOCATION, 0L);  // the token must never travel to another host
    set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(s.connect_timeout_ms));
    set(CURLOPT_TCP_KEEPALIVE, 1L);
    set(CURLOPT_SSL_VERIFYPEER, s.tls_verify ? 1L : 0L);
    set(CURLOPT_SSL_VERIFYHOST, s.tls_verify ? 2L : 0L);
    if (!s.ca_file.empty()) set(CURLOPT_CAINFO, s.ca_file.c_str());
    // Both always set, so that libcurl never reads the environment itself
    // (choose_proxy did, once).
    set(CURLOPT_PROXY, s.proxy.proxy.c_str());
    set(CURLOPT_NOPROXY, s.proxy.no_proxy.c_str());
    set(CURLOPT_USERAGENT, s.user_agent.c_str());
    set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(s.max_response_bytes));
    set(CURLOPT_WRITEFUNCTION, &Connection::on_body);
    set(CURLOPT_WRITEDATA, static_cast<void *>(this));
    set(CURLOPT_ERRORBUFFER, curl_message_);
    if (!ok) {  // libcurl copies strings: it fails here only when out of memory
        curl_multi_cleanup(multi_);
        curl_easy_cleanup(easy_);
        throw std::bad_alloc();
    }
}

Connection::~Connection() {
    curl_multi_cleanup(multi_);
    curl_easy_cleanup(easy_);
}

void Connection::wake() { curl_multi_wakeup(multi_); }

void Connection::trim(size_t keep_capacity) {
    if (body_.capacity() > keep_capacity) std::string().swap(body_);
}

size_t Connection::on_body(char *data, size_t size, size_t count, void *self) {
    auto *c = static_cast<Connection *>(self);
    const size_t n = size * count;
    if (static_cast<int64_t>(c->body_.size() + n) > c->max_response_bytes_) {
        c->too_large_ = true;
        return 0;  // libcurl aborts the transfer
    }
    if (!completes([&] { c->store(data, n); })) {
        c->out_of_memory_ = true;
        return 0;
    }
    return n;
}

void Connection::store(const char *data, size_t n) {
    if (body_.capacity() < body_.size() + n + spare_bytes_) {
        // Size the buffer once from Content-Length when there is one,
        // instead of doubling it (and copying it) all the way up; but never
        // further ahead of what has arrived than kLargestReserve, so that a
        // length the server only claims costs nothing.
        curl_off_t announced = -1;
        curl_easy_getinfo(easy_, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
        const size_t at_least = body_.size() + n + spare_bytes_;
        size_t wanted = std::max(at_least, body_.capacity() * 2);
        if (announced > 0 && static_cast<uint64_t>(announced) + spare_bytes_ > at_least) {
            wanted = static_cast<size_t>(std::min<uint64_t>(static_cast<uint64_t>(announced) + spare_bytes_,
                                                            uint64_t{at_least} + kLargestReserve));
        }
        body_.reserve(wanted);
    }
    body_.append(data, n);
}

std::optional<long> time_left_ms(Clock::time_point now, Deadline deadline) {
    if (now >= deadline) return std::nullopt;
    return static_cast<long>(std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count());
}

namespace {

// While alive, `cancel` wakes `connection` when triggered.
class CancelWatch {
public:
    CancelWatch(CancelToken *cancel, Wakeable *connection) : cancel_(cancel), connection_(connection) {
        watching_ = cancel_ && cancel_->watch(connection_);  // may throw std::bad_alloc: nothing to undo yet
    }
    ~CancelWatch() {
        if (watching_) cancel_->unwatch(connection_);
    }
    CancelWatch(const CancelWatch &) = delete;
    CancelWatch &operator=(const CancelWatch &) = delete;
    // False when there is a token and it was triggered before watching began.
    bool watching() const { return watching_ || !cancel_; }

private:
    CancelToken *cancel_;
    Wakeable *connection_;
    bool watching_ = false;
};

// The easy handle's time in the multi handle. It must leave on every way
// out, or the next perform on this connection could not add it again.
class Transfer {
public:
    Transfer(CURLM *multi, CURL *easy) : multi_(multi), easy_(easy) {
        added_ = curl_multi_add_handle(multi_, easy_) == CURLM_OK;
    }
    ~Transfer() {
        if (added_) curl_multi_remove_handle(multi_, easy_);  // mid-transfer this also closes the connection
    }
    Transfer(const Transfer &) = delete;
    Transfer &operator=(const Transfer &) = delete;
    bool added() const { return added_; }

private:
    CURLM *multi_;
    CURL *easy_;
    bool added_ = false;
};

}  // namespace

Result<HttpReply> Connection::perform(const Request &request, Deadline deadline, CancelToken *cancel, bool &sent) {
    sent = false;
    const Clock::time_point started = Clock::now();
    if (!time_left_ms(started, deadline)) {
        return make_error(Code::Timeout, "timed out before " + request_line(request) + " was sent");
    }
    if (cancel && cancel->triggered()) return make_error(Code::Cancelled, "cancelled");

    body_.clear();
    too_large_ = out_of_memory_ = false;
    curl_message_[0] = '\0';
    // The URL and headers stay set on the handle between calls: setting
    // them again costs a copy and a parse each time, for the same values.
    // No CURLOPT_TIMEOUT_MS: the loop below keeps the deadline itself, to
    // the millisecond, without a libcurl timer per transfer.
    bool ok = true;
    if (request.url != url_) {
        url_.assign(request.url);  // NUL-terminated for libcurl, and what the next call compares with
        ok = curl_easy_setopt(easy_, CURLOPT_URL, url_.c_str()) == CURLE_OK;
        if (!ok) url_.clear();
    }
    const uint64_t serial = request.headers ? request.headers->serial() : 0;
    if (ok && serial != headers_serial_) {
        ok =
            curl_easy_setopt(easy_, CURLOPT_HTTPHEADER, request.headers ? request.headers->get() : nullptr) == CURLE_OK;
        headers_serial_ = ok ? serial : 0;
    }
    // libcurl sends a request again by itself, on a new connection, when a
    // reused one closes before any byte of the answer arrives (a keep-alive
    // the server dropped: Curl_retry_request, which asks conn->bits.reuse).
    // For a create that would be a second job made behind the caller's back,
    // counted as one attempt. A connection of its own is never a reused
    // one, so libcurl never resends on it; the connection is kept
    // afterwards for the calls that follow.
    if (ok && request.once != fresh_connect_) {
        ok = curl_easy_setopt(easy_, CURLOPT_FRESH_CONNECT, request.once ? 1L : 0L) == CURLE_OK;
        if (ok) fresh_connect_ = request.once;
    }
    if (request.post) {
        ok = ok &&
             curl_easy_setopt(easy_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size())) ==
                 CURLE_OK &&
             curl_easy_setopt(easy_, CURLOPT_POSTFIELDS, request.body.data()) == CURLE_OK;
    } else {
        ok = ok && curl_easy_setopt(easy_, CURLOPT_HTTPGET, 1L) == CURLE_OK;
    }
    if (!ok) return make_error(Code::NoMemory, "could not set up " + request_line(request));
    const CancelWatch watch(cancel, this);
    if (!watch.watching()) return make_error(Code::Cancelled, "cancelled");  // triggered since the check above
    const Transfer transfer(multi_, easy_);
    if (!transfer.added()) return make_error(Code::NoMemory, "could not set up " + request_line(request));

    bool cancelled = false;
    bool finished = false;
    bool timed_out = false;
    CURLcode result = CURLE_OK;
    for (;;) {
        int running = 0;
        if (curl_multi_perform(multi_, &running) != CURLM_OK) {
            result = CURLE_OUT_OF_MEMORY;  // the multi interface fails only on allocation or misuse
            break;
        }
        if (running == 0) {
            int queued = 0;
            while (CURLMsg *msg = curl_multi_info_read(multi_, &queued)) {
                if (msg->msg == CURLMSG_DONE) result = msg->data.result;
            }
            finished = true;
            break;
        }
        if (cancel && cancel->triggered()) {
            cancelled = true;
            break;
        }
        const std::optional<long> left = time_left_ms(Clock::now(), deadline);
        if (!left) {
            timed_out = true;
            break;
        }
        curl_multi_poll(multi_, nullptr, 0, static_cast<int>(std::min(*left, kPollCapMs)), nullptr);
    }
    // libcurl counts the request's bytes once it has written them: nothing
    // when the connection or the TLS handshake failed first.
    long request_bytes = 0;
    curl_easy_getinfo(easy_, CURLINFO_REQUEST_SIZE, &request_bytes);
    sent = request_bytes > 0;

    if (cancelled) return make_error(Code::Cancelled, "cancelled during " + request_line(request));
    if (timed_out) return deadline_error(request, started);
    if (!finished || result != CURLE_OK) {
        return transfer_error(finished ? result : CURLE_OUT_OF_MEMORY, request, sent);
    }
    HttpReply response;
    response.status = status();
    response.body = &body_;
    // Retry-After only means something with these (RFC 9110 10.2.3).
    if (response.status == 429 || response.status == 503) response.retry_after = retry_after();
    return response;
}

int Connection::status() const {
    long status = 0;
    curl_easy_getinfo(easy_, CURLINFO_RESPONSE_CODE, &status);
    return static_cast<int>(status);
}

Error Connection::deadline_error(const Request &request, Clock::time_point started) const {
    curl_off_t received = 0;
    curl_easy_getinfo(easy_, CURLINFO_SIZE_DOWNLOAD_T, &received);
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    Error error =
        make_error(Code::Timeout, request_line(request) + ": timed out after " + std::to_string(waited.count()) +
                                      " ms with " + std::to_string(received) + " bytes of the answer received");
    error.http_status = status();
    return error;
}

Error Connection::transfer_error(CURLcode code, const Request &request, bool sent) const {
    Error error = transfer_failure(code, request, sent);
    error.http_status = status();  // a status line may have arrived before the body failed
    return error;
}

Error Connection::transfer_failure(CURLcode code, const Request &request, bool sent) const {
    const std::string detail = curl_message_[0] ? curl_message_ : curl_easy_strerror(code);
    const std::string what = request_line(request);
    if (too_large_ || code == CURLE_FILESIZE_EXCEEDED) {
        return make_error(Code::ResponseTooLarge, what + ": response larger than the limit of " +
                                                      std::to_string(max_response_bytes_) + " bytes");
    }
    if (out_of_memory_) return make_error(Code::NoMemory, what + ": out of memory");
    if (code == CURLE_OUT_OF_MEMORY && status() > 0) {
        // libcurl 7.88 reports a header line over its limit (100 KB) as out
        // of memory; after a status line that is almost surely the reason.
        return make_error(Code::Protocol, what + ": response headers too large (or libcurl out of memory)");
    }
    if (code == CURLE_OUT_OF_MEMORY) return make_error(Code::NoMemory, what + ": out of memory");
    if (code == CURLE_OPERATION_TIMEDOUT) return make_error(Code::Timeout, what + ": " + detail);
    if (is_tls_failure(code)) return make_error(Code::Tls, what + ": TLS failed: " + detail);
    // The client checked the URL's scheme when it was made: once the request
    // is out, these can only be about the answer (HTTP/2 frames to an
    // HTTP/1.1 request, a status line no HTTP server writes).
    if (sent && (code == CURLE_UNSUPPORTED_PROTOCOL || code == CURLE_WEIRD_SERVER_REPLY)) {
        return make_error(Code::Protocol, what + ": the answer is not HTTP/1.x: " + detail);
    }
    if (code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL) {  // never worth another try
        return invalid_argument(what + ": libcurl cannot use this URL: " + detail);
    }
    if (code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY || code == CURLE_COULDNT_CONNECT) {
        return make_error(Code::Connect, what + ": could not connect: " + detail);
    }
    // Resets, empty replies, truncated bodies: the connection broke mid-answer.
    return make_error(Code::Connect, what + ": connection failed: " + detail);
}

// Retry-After as seconds or as an HTTP date (RFC 9110 section 10.2.3).
std::optional<std::chrono::milliseconds> Connection::retry_after() const {
    curl_header *header = nullptr;
    if (curl_easy_header(easy_, "Retry-After", 0, CURLH_HEADER, -1, &header) != CURLHE_OK) return std::nullopt;
    const std::string value = header->value;
    if (!value.empty() && value.find_first_not_of("0123456789") == std::string::npos) {
        if (value.size() > 9) return std::chrono::milliseconds(INT64_C(999'999'999'000));
        return std::chrono::seconds(std::stoll(value));
    }
    const time_t at = curl_getdate(value.c_str(), nullptr);
    if (at < 0) return std::nullopt;
    const time_t now = time(nullptr);
    return std::chrono::seconds(at > now ? at - now : 0);
}

}  // namespace mip

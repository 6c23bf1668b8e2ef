// SPDX-License-Identifier: Apache-2.0
// HTTP over libcurl: one Connection is one reusable libcurl handle with its
// open keep-alive connection, used by one call at a time. It sends one
// request, honoring the deadline and the cancel token, and hands back the
// status and body; what the body means is not its business.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/error.hpp"
#include "net/cancel.hpp"
#include "net/proxy.hpp"
#include "util/deadline.hpp"

namespace mip {

// Filled by the client from its options (every field is set there).
struct TransportSettings {
    int64_t connect_timeout_ms = 0;
    std::string ca_file;
    bool tls_verify = true;
    ProxyChoice proxy;
    std::string user_agent;
    int64_t max_response_bytes = 0;
    // Capacity kept free after a body, for whoever reads it next (a parser
    // that reads past the end would otherwise have to copy it).
    size_t spare_bytes = 0;
};

// libcurl's process-wide setup, done once, from whichever thread comes first.
// Fails only when libcurl cannot allocate.
bool init_curl_once();

// A fixed list of request headers: built once per client and shared by its
// calls (libcurl only reads it), or for one call (a create's
// Idempotency-Key). A connection knows a list by its serial number, which
// no other list ever has: a list made later at a dead one's address is a
// new list all the same.
class HeaderList {
public:
    explicit HeaderList(const std::vector<std::string> &lines);
    ~HeaderList();
    HeaderList(const HeaderList &) = delete;
    HeaderList &operator=(const HeaderList &) = delete;
    curl_slist *get() const { return list_; }
    uint64_t serial() const { return serial_; }

private:
    curl_slist *list_ = nullptr;
    uint64_t serial_;
};

// The milliseconds left until `deadline`, seen at `now`, rounded up: a wait
// of that long never ends before the deadline (which would leave a sliver
// of time that looks like room for another try). Nothing once it passed.
std::optional<long> time_left_ms(Clock::time_point now, Deadline deadline);

// One request, as a flavor describes it. URL and body are borrowed (from
// the flavor's fixed routes, or buffers kept while it sends): nothing is
// copied or allocated on a call's path unless it changed.
struct Request {
    bool post = false;  // else GET
    std::string_view url;
    std::string_view body;  // POST only
    const HeaderList *headers = nullptr;
    // Not safe to repeat (create, commit, abort): sent on a connection of
    // its own, so that libcurl never sends it again by itself (see perform).
    bool once = false;
};

// A POST of `body` to `url` with `headers`, all borrowed.
inline Request post_request(std::string_view url, std::string_view body, const HeaderList &headers) {
    Request request;
    request.post = true;
    request.url = url;
    request.body = body;
    request.headers = &headers;
    return request;
}

// The same, for a request that is not safe to repeat.
inline Request post_once_request(std::string_view url, std::string_view body, const HeaderList &headers) {
    Request request = post_request(url, body, headers);
    request.once = true;
    return request;
}

// "POST https://host/v2/...", for messages.
std::string request_line(const Request &request);

struct HttpReply {
    int status = 0;
    std::string *body = nullptr;                           // owned by the Connection, valid until its next perform
    std::optional<std::chrono::milliseconds> retry_after;  // from a Retry-After header of a 429 or 503
};

class Connection final : public Wakeable {
public:
    explicit Connection(const TransportSettings &settings);  // throws std::bad_alloc
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    // Sends `request` and reads the whole answer, whatever its status.
    // Redirects are never followed. Errors: Timeout (deadline), Cancelled,
    // Connect, Tls, ResponseTooLarge, NoMemory, Protocol (an answer that is
    // not HTTP/1.x), each with the HTTP status when a status line arrived.
    // `sent` tells whether any of the request was written (an attempt to
    // count): not when there was no time left, the call was cancelled
    // first, or the connection or TLS failed. A request marked `once` is
    // written at most once per perform.
    Result<HttpReply> perform(const Request &request, Deadline deadline, CancelToken *cancel, bool &sent);

    // Gives back the body buffer after an unusually large response.
    void trim(size_t keep_capacity);

    void wake() override;  // from CancelToken::trigger, any thread

private:
    static size_t on_body(char *data, size_t size, size_t count, void *self);  // libcurl's: never throws
    void store(const char *data, size_t n);  // throws std::bad_alloc, std::length_error
    int status() const;                      // of the last response; 0 when no status line arrived
    Error transfer_error(CURLcode code, const Request &request, bool sent) const;
    Error deadline_error(const Request &request, Clock::time_point started) const;
    Error transfer_failure(CURLcode code, const Request &request, bool sent) const;
    std::optional<std::chrono::milliseconds> retry_after() const;

    CURL *easy_ = nullptr;
    CURLM *multi_ = nullptr;  // owns the connection cache, and can be woken
    std::string body_;
    std::string url_;              // CURLOPT_URL as last set
    uint64_t headers_serial_ = 0;  // CURLOPT_HTTPHEADER as last set; 0: none
    bool fresh_connect_ = false;   // CURLOPT_FRESH_CONNECT as last set
    int64_t max_response_bytes_;
    size_t spare_bytes_;
    bool too_large_ = false;
    bool out_of_memory_ = false;
    char curl_message_[CURL_ERROR_SIZE] = {};
};

}  // namespace mip

// SPDX-License-Identifier: Apache-2.0
#include "faults.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <memory>

#include "render.hpp"

namespace emu {
namespace {

using namespace std::chrono_literals;

struct NamedFault {
    const char *name;
    FaultKind kind;
    int64_t default_param;
};

const NamedFault kFaults[] = {
    {"502", FaultKind::BadGateway, 0},      {"503", FaultKind::Unavailable, 0},
    {"429", FaultKind::TooManyRequests, 1},  // Retry-After seconds
    {"1807", FaultKind::RateLimited, 0},    {"408", FaultKind::Timeout, 0},
    {"reset", FaultKind::Reset, 0},         {"truncate", FaultKind::Truncate, 0},
    {"stall", FaultKind::Stall, 0},         {"slowdrip", FaultKind::SlowDrip, 100},  // ms per 8 bytes
    {"big", FaultKind::Big, 1 << 20},                                                // body bytes
};

// An nginx-style error page, as a proxy in front of the server sends.
void html_page(httplib::Response &res, int status, const std::string &title) {
    const std::string heading = std::to_string(status) + " " + title;
    res.status = status;
    res.headers.erase("Content-Type");
    res.set_content("<html>\r\n<head><title>" + heading + "</title></head>\r\n<body>\r\n<center><h1>" + heading +
                        "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
                    "text/html");
}

// httplib does not expose a request's socket, so find it among our open
// descriptors by the connection's two ports and the peer's address.
int socket_of(const httplib::Request &req) {
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    const int max_fd = static_cast<int>(std::min<rlim_t>(limit.rlim_cur, 65536));
    for (int fd = 3; fd < max_fd; ++fd) {
        sockaddr_storage local{}, peer{};
        socklen_t local_len = sizeof local, peer_len = sizeof peer;
        if (getsockname(fd, reinterpret_cast<sockaddr *>(&local), &local_len) != 0 ||
            getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &peer_len) != 0)
            continue;
        char local_port[16], peer_host[NI_MAXHOST], peer_port[16];
        if (getnameinfo(reinterpret_cast<sockaddr *>(&local), local_len, nullptr, 0, local_port, sizeof local_port,
                        NI_NUMERICSERV) != 0 ||
            getnameinfo(reinterpret_cast<sockaddr *>(&peer), peer_len, peer_host, sizeof peer_host, peer_port,
                        sizeof peer_port, NI_NUMERICHOST | NI_NUMERICSERV) != 0)
            continue;
        if (std::to_string(req.local_port) == local_port && std::to_string(req.remote_port) == peer_port &&
            req.remote_addr == peer_host)
            return fd;
    }
    return -1;
}

// Sends each write at once, so partial bodies and drips leave when written.
void no_delay(int fd) {
    const int on = 1;
    if (fd >= 0) setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

// Aborts the connection with a TCP RST while httplib still owns the
// descriptor: connecting a TCP socket to AF_UNSPEC drops the connection
// (Linux sends a reset), and the later close by httplib stays harmless.
void reset_connection(int fd) {
    if (fd < 0) return;
    sockaddr unspec{};
    unspec.sa_family = AF_UNSPEC;
    connect(fd, &unspec, sizeof unspec);
}

bool peer_gone(int fd) {
    if (fd < 0) return false;
    pollfd p{fd, POLLIN | POLLRDHUP, 0};
    if (poll(&p, 1, 0) <= 0) return false;
    if (p.revents & (POLLRDHUP | POLLHUP | POLLERR)) return true;
    char byte;
    return recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

// Moves a finished answer into a content provider so it can be sent badly.
std::shared_ptr<const std::string> take_body(httplib::Response &res, std::string &content_type) {
    content_type = res.get_header_value("Content-Type");
    res.headers.erase("Content-Type");  // set_content_provider adds it again
    auto body = std::make_shared<const std::string>(std::move(res.body));
    res.body.clear();
    return body;
}

}  // namespace

Fault parse_fault(const std::string &job_id) {
    const std::string prefix = "fault-";
    if (job_id.compare(0, prefix.size(), prefix) != 0) return {};
    // fault-<name>[-<number>][-anything]
    const size_t name_end = std::min(job_id.find('-', prefix.size()), job_id.size());
    std::string name = job_id.substr(prefix.size(), name_end - prefix.size());
    const std::string next =
        name_end < job_id.size() ? job_id.substr(name_end + 1, job_id.find('-', name_end + 1) - name_end - 1) : "";
    const bool numbered =
        !next.empty() && next.size() < 19 && next.find_first_not_of("0123456789") == std::string::npos;
    const bool flaky = name.compare(0, 5, "flaky") == 0;
    if (flaky) name.erase(0, 5);
    for (const NamedFault &f : kFaults) {
        if (name != f.name) continue;
        if (flaky) return {f.kind, f.default_param, numbered ? std::stoll(next) : 1};
        const int64_t limit = f.kind == FaultKind::Big ? kBiggestFaultBody : kLongestFaultParam;
        return {f.kind, std::min<int64_t>(numbered ? std::stoll(next) : f.default_param, limit), 0};
    }
    return {};
}

bool Faults::still_flaky(const std::string &job_id, int64_t times) {
    std::lock_guard<std::mutex> lock(mutex_);
    return ++seen_[job_id] <= times;
}

void Faults::stall(const httplib::Request &req) {
    const int fd = socket_of(req);
    while (!shutdown_.wait_for(100ms) && !peer_gone(fd)) {}
    // Leave without an answer: whatever httplib writes next goes nowhere.
    if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
}

void Faults::apply(const std::string &job_id, const httplib::Request &req, httplib::Response &res) {
    const Fault fault = parse_fault(job_id);
    if (fault.kind == FaultKind::None || fault.kind == FaultKind::Big) return;  // Big shapes the job instead
    if (fault.flaky_times > 0 && !still_flaky(job_id, fault.flaky_times)) return;

    std::string type;
    switch (fault.kind) {
        case FaultKind::BadGateway: html_page(res, 502, "Bad Gateway"); break;
        case FaultKind::Unavailable: html_page(res, 503, "Service Temporarily Unavailable"); break;
        case FaultKind::TooManyRequests:
            html_page(res, 429, "Too Many Requests");
            res.set_header("Retry-After", std::to_string(fault.param));
            break;
        case FaultKind::RateLimited:
            res.status = 200;
            res.body =
                error_envelope(1807, "request is rejected by limiter, req: " + req.path + ", rate limit exceeded");
            break;
        case FaultKind::Timeout:
            res.status = 408;
            res.body = error_envelope(10001, "request timeout: context deadline exceeded");
            break;
        case FaultKind::Reset: {
            auto body = take_body(res, type);
            const int fd = socket_of(req);
            no_delay(fd);
            res.set_content_provider(body->size(), type, [this, body, fd](size_t, size_t, httplib::DataSink &sink) {
                sink.write(body->data(), body->size() / 2);
                shutdown_.wait_for(50ms);  // let the half body reach the client before the reset
                reset_connection(fd);
                return false;
            });
            break;
        }
        case FaultKind::Truncate: {
            auto body = take_body(res, type);
            // Promise more than there is, send the whole JSON, then close: a
            // client must notice the short read even though the JSON parses.
            res.set_content_provider(body->size() + 100, type, [body](size_t offset, size_t, httplib::DataSink &sink) {
                return offset < body->size() && sink.write(body->data() + offset, body->size() - offset);
            });
            break;
        }
        case FaultKind::SlowDrip: {
            auto body = take_body(res, type);
            no_delay(socket_of(req));
            const auto interval = std::chrono::milliseconds(fault.param);
            res.set_content_provider(
                body->size(), type, [this, body, interval](size_t offset, size_t, httplib::DataSink &sink) {
                    if (shutdown_.wait_for(interval)) return false;
                    return sink.write(body->data() + offset, std::min<size_t>(8, body->size() - offset));
                });
            break;
        }
        case FaultKind::Stall: stall(req); break;
        case FaultKind::None:
        case FaultKind::Big: break;
    }
}

}  // namespace emu

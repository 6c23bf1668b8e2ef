// SPDX-License-Identifier: Apache-2.0
// A hostile HTTP server on 127.0.0.1 (port chosen by the system): it reads
// each request, finds the job id in it, and lets the test's script answer
// on the raw socket, byte by byte if it likes: lying headers, bodies that
// trickle, stop or never end, header lines no server should send. One
// request per connection, the connection closing when the script returns;
// or, made with KeepAlive, as many as the script keeps it open for.
#pragma once

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace mip_test {

struct RawRequest {
    std::string head;  // request line and headers
    std::string body;
    std::string job_id;  // from "jobId":"..." in the body or jobId=... in the query

    std::string header(const std::string &name) const {
        const std::string key = "\r\n" + name + ":";
        const size_t at = head.find(key);
        if (at == std::string::npos) return "";
        size_t start = at + key.size();
        while (start < head.size() && head[start] == ' ') ++start;
        return head.substr(start, head.find("\r\n", start) - start);
    }
};

// Chooses the keep-alive constructor of HostileServer.
struct KeepAlive {};

class HostileServer {
public:
    // Writes the answer to `fd` (see send_all, hold_until_closed).
    using Script = std::function<void(int fd, const RawRequest &request, HostileServer &server)>;
    // The same, and returns whether to read another request on the same
    // connection (false closes it: with SO_LINGER 0 set, by a reset).
    using KeptScript = std::function<bool(int fd, const RawRequest &request, HostileServer &server)>;

    explicit HostileServer(Script script)
        : HostileServer(KeepAlive{}, [script = std::move(script)](int fd, const RawRequest &r, HostileServer &s) {
              script(fd, r, s);
              return false;
          }) {}

    HostileServer(KeepAlive, KeptScript script) : script_(std::move(script)) {
        listener_ = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (listener_ < 0 || bind(listener_, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
            listen(listener_, 64) != 0 ||
            getsockname(listener_, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
            throw std::runtime_error("hostile server: cannot listen");
        }
        port_ = ntohs(address.sin_port);
        accepter_ = std::thread([this] { accept_loop(); });
    }

    ~HostileServer() {
        stopping_ = true;
        accepter_.join();
        std::vector<std::thread> connections;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            connections.swap(connections_);
        }
        for (std::thread &t : connections) t.join();
        close(listener_);
    }
    HostileServer(const HostileServer &) = delete;
    HostileServer &operator=(const HostileServer &) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int requests() const { return requests_; }
    std::vector<RawRequest> seen() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return seen_;
    }

    // Writes all of `data`; false once the peer is gone.
    static bool send_all(int fd, const std::string &data) {
        size_t sent = 0;
        while (sent < data.size()) {
            const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return false;
            sent += static_cast<size_t>(n);
        }
        return true;
    }

    // Keeps the connection open without writing until the client closes it
    // or the server stops (bounded by `limit`).
    void hold_until_closed(int fd, std::chrono::milliseconds limit = std::chrono::seconds(30)) {
        const auto give_up = std::chrono::steady_clock::now() + limit;
        while (!stopping_ && std::chrono::steady_clock::now() < give_up) {
            pollfd p{fd, POLLIN | POLLRDHUP, 0};
            if (poll(&p, 1, 50) > 0) {
                char byte;
                if ((p.revents & (POLLRDHUP | POLLHUP | POLLERR)) || recv(fd, &byte, 1, MSG_DONTWAIT) <= 0) return;
            }
        }
    }

    bool stopping() const { return stopping_; }

private:
    void accept_loop() {
        while (!stopping_) {
            pollfd p{listener_, POLLIN, 0};
            if (poll(&p, 1, 50) <= 0) continue;
            const int fd = accept(listener_, nullptr, nullptr);
            if (fd < 0) continue;
            std::lock_guard<std::mutex> lock(mutex_);
            connections_.emplace_back([this, fd] { serve(fd); });
        }
    }

    void serve(int fd) {
        for (int served = 0; served < 10000; ++served) {
            RawRequest request;
            if (!read_request(fd, request)) break;
            {
                std::lock_guard<std::mutex> lock(mutex_);
                seen_.push_back(request);
            }
            ++requests_;
            if (!script_(fd, request, *this)) break;
        }
        close(fd);
    }

    // Head and body (by Content-Length), bounded in size and time.
    bool read_request(int fd, RawRequest &request) {
        std::string data;
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        size_t head_end = std::string::npos;
        size_t wanted = 0;
        while (!stopping_ && std::chrono::steady_clock::now() < give_up && data.size() < (1u << 20)) {
            if (head_end == std::string::npos && (head_end = data.find("\r\n\r\n")) != std::string::npos) {
                request.head = data.substr(0, head_end);
                const std::string length = request.header("Content-Length");
                wanted = head_end + 4 + (length.empty() ? 0 : std::stoul(length));
            }
            if (head_end != std::string::npos && data.size() >= wanted) break;
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, 50) <= 0) continue;
            char buffer[4096];
            const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) return false;
            data.append(buffer, static_cast<size_t>(n));
        }
        if (head_end == std::string::npos || data.size() < wanted) return false;
        request.body = data.substr(head_end + 4, wanted - head_end - 4);
        request.job_id = find_job_id(request);
        return true;
    }

    static std::string find_job_id(const RawRequest &r) {
        const std::string key = "\"jobId\":\"";
        size_t at = r.body.find(key);
        if (at != std::string::npos) {
            at += key.size();
            return r.body.substr(at, r.body.find('"', at) - at);
        }
        const size_t line_end = r.head.find("\r\n");
        const std::string line = r.head.substr(0, line_end);
        at = line.find("jobId=");
        if (at == std::string::npos) return "";
        at += 6;
        return line.substr(at, line.find_first_of("& ", at) - at);
    }

    KeptScript script_;
    int listener_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::atomic<int> requests_{0};
    std::thread accepter_;
    mutable std::mutex mutex_;
    std::vector<std::thread> connections_;
    std::vector<RawRequest> seen_;
};

// A complete HTTP/1.1 answer that keeps the connection open.
inline std::string kept_answer(int status, const std::string &body) {
    return "HTTP/1.1 " + std::to_string(status) +
           " X\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// A complete HTTP/1.1 answer with `extra_headers` (each ending in \r\n).
inline std::string http_answer(int status, const std::string &body, const std::string &extra_headers = "",
                               const std::string &type = "application/json") {
    return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + type +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n" + extra_headers + "\r\n" +
           body;
}

}  // namespace mip_test

// SPDX-License-Identifier: Apache-2.0
// A programmable HTTP server on 127.0.0.1 (port chosen by the system) for
// the tests: each test says how to answer and reads back what was asked.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace mip_test {

struct SeenRequest {
    std::string method;
    std::string path;  // without the query
    std::multimap<std::string, std::string> params;
    httplib::Headers headers;
    std::string body;
    int remote_port = 0;

    bool has_header(const std::string &name) const { return headers.count(name) > 0; }
    std::string header(const std::string &name) const {
        auto it = headers.find(name);
        return it == headers.end() ? "" : it->second;
    }
    std::string param(const std::string &name) const {
        auto it = params.find(name);
        return it == params.end() ? "" : it->second;
    }
};

class FixtureServer {
public:
    using Handler = std::function<void(const httplib::Request &, httplib::Response &)>;
    // A handler that needs the server itself, e.g. to stall().
    using ServerHandler = std::function<void(FixtureServer &, const httplib::Request &, httplib::Response &)>;

    // Every request goes to `handler`. Runs until destroyed.
    explicit FixtureServer(Handler handler)
        : FixtureServer(ServerHandler([handler = std::move(handler)](FixtureServer &, const httplib::Request &req,
                                                                     httplib::Response &res) { handler(req, res); })) {}

    explicit FixtureServer(ServerHandler handler) : handler_(std::move(handler)) {
        server_.new_task_queue = [] { return new httplib::ThreadPool(32); };
        server_.set_keep_alive_max_count(100000);  // keep-alive is what some tests measure
        auto record_and_answer = [this](const httplib::Request &req, httplib::Response &res) {
            {
                std::lock_guard<std::mutex> lock(mutex_);
                seen_.push_back({req.method, req.path, req.params, req.headers, req.body, req.remote_port});
                changed_.notify_all();
            }
            handler_(*this, req, res);
        };
        server_.Get(".*", record_and_answer);
        server_.Post(".*", record_and_answer);
        // Without it, Nagle's algorithm and delayed ACKs add 40 ms to answers
        // written in two pieces (headers, then body).
        server_.set_tcp_nodelay(true);
        port_ = server_.bind_to_any_port("127.0.0.1");
        // Bound and listening: connections queue in the backlog until the
        // accept loop picks them up, so tests may start at once.
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // stop() is a no-op until the accept loop runs, so the destructor
        // must not come before it. httplib offers no "ready" signal in this
        // version: wait for the flag, bounded.
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (!server_.is_running() && std::chrono::steady_clock::now() < give_up) std::this_thread::yield();
    }

    ~FixtureServer() {
        release_stalls();
        server_.stop();
        thread_.join();
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int port() const { return port_; }

    std::vector<SeenRequest> requests() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return seen_;
    }
    size_t request_count() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return seen_.size();
    }
    std::set<int> client_ports() const {
        std::lock_guard<std::mutex> lock(mutex_);
        std::set<int> ports;
        for (const SeenRequest &r : seen_) ports.insert(r.remote_port);
        return ports;
    }

    // Blocks until `n` requests have arrived, or `limit` passed; true if they did.
    bool wait_for_requests(size_t n, std::chrono::milliseconds limit = std::chrono::seconds(10)) const {
        std::unique_lock<std::mutex> lock(mutex_);
        return changed_.wait_for(lock, limit, [&] { return seen_.size() >= n; });
    }

    // For handlers that must hang: blocks until release_stalls() or `limit`.
    void stall(std::chrono::milliseconds limit = std::chrono::seconds(30)) {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait_for(lock, limit, [&] { return released_; });
    }
    void release_stalls() {
        std::lock_guard<std::mutex> lock(mutex_);
        released_ = true;
        changed_.notify_all();
    }

private:
    ServerHandler handler_;
    httplib::Server server_;
    int port_ = -1;
    std::thread thread_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::vector<SeenRequest> seen_;
    bool released_ = false;
};

// Hangs until the test lets it go (release_stalls) or the server is
// destroyed, then answers "{}".
inline FixtureServer::ServerHandler stall() {
    return [](FixtureServer &server, const httplib::Request &, httplib::Response &res) {
        server.stall();
        res.set_content("{}", "application/json");
    };
}

// A JSON answer with HTTP `status`.
inline FixtureServer::Handler answer(std::string body, int status = 200) {
    return [body = std::move(body), status](const httplib::Request &, httplib::Response &res) {
        res.status = status;
        res.set_content(body, "application/json");
    };
}

}  // namespace mip_test

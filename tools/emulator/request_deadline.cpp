// SPDX-License-Identifier: Apache-2.0
#include "request_deadline.hpp"

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <optional>

namespace emu {

using SteadyClock = std::chrono::steady_clock;

struct DeadlineQueue::Connection {
    DeadlineQueue *queue = nullptr;
    int socket = -1;  // httplib's descriptor; -1 if it could not be found
    ino_t inode = 0;
    // A duplicate of the socket, ours until the connection ends: the
    // watchdog shuts it down, and its number cannot be reused for another
    // connection meanwhile, as httplib's may once httplib closes it.
    int watched = -1;
    std::optional<SteadyClock::time_point> deadline;
};

namespace {

// The connection the calling worker is serving, if any.
thread_local DeadlineQueue::Connection *current = nullptr;

int local_port(int fd) {
    sockaddr_storage local{};
    socklen_t len = sizeof local;
    if (getsockname(fd, reinterpret_cast<sockaddr *>(&local), &len) != 0) return -1;
    if (local.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6 *>(&local)->sin6_port);
    if (local.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in *>(&local)->sin_port);
    return -1;
}

}  // namespace

DeadlineQueue::DeadlineQueue(size_t threads, int port, std::chrono::milliseconds timeout)
    : port_(port), timeout_(timeout), pool_(threads), watchdog_([this] { watch(); }) {}

DeadlineQueue::~DeadlineQueue() {
    // httplib calls shutdown() before it deletes its queue; this is for any other way out.
    if (watchdog_.joinable()) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        changed_.notify_all();
        watchdog_.join();
    }
}

// The socket accept() has just returned, before its connection is served:
// the one socket of our listener's port, not listening, that no queued or
// served connection has. accept() gives the lowest free descriptor, so the
// scan ends after about as many steps as there are open descriptors. The
// descriptors of queued and served connections are passed over unread: a
// worker may be using them this very moment (a fault resetting its
// connection, say), and this thread has no business with them.
int DeadlineQueue::new_connection_socket_locked() const {
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    const int max_fd = static_cast<int>(std::min<rlim_t>(limit.rlim_cur, 65536));
    for (int fd = 0; fd < max_fd; ++fd) {
        if (busy_.count(fd)) continue;
        struct stat st {};
        if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode) || known_.count(st.st_ino)) continue;
        int listening = 0;
        socklen_t len = sizeof listening;
        if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || listening) continue;
        if (local_port(fd) == port_) return fd;
    }
    return -1;
}

void DeadlineQueue::enqueue(std::function<void()> serve) {
    auto connection = std::make_shared<Connection>();
    connection->queue = this;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        connection->socket = new_connection_socket_locked();
        struct stat st {};
        if (connection->socket >= 0 && fstat(connection->socket, &st) == 0) {
            connection->inode = st.st_ino;
            known_.insert(st.st_ino);
            busy_.insert(connection->socket);
        } else {
            connection->socket = -1;  // served without a deadline rather than not at all
        }
    }
    pool_.enqueue([this, connection, serve = std::move(serve)] { run(*connection, serve); });
}

void DeadlineQueue::run(Connection &connection, const std::function<void()> &serve) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        // httplib closes its descriptor only inside serve(), so it is still this connection's.
        if (connection.socket >= 0) connection.watched = fcntl(connection.socket, F_DUPFD_CLOEXEC, 0);
        if (connection.watched >= 0) busy_.insert(connection.watched);
        connection.deadline = SteadyClock::now() + timeout_;
        served_.insert(&connection);
    }
    changed_.notify_all();
    struct Done {
        DeadlineQueue &queue;
        Connection &connection;
        ~Done() {
            current = nullptr;
            std::lock_guard<std::mutex> lock(queue.mutex_);
            queue.served_.erase(&connection);
            if (connection.watched >= 0) {
                close(connection.watched);
                queue.busy_.erase(connection.watched);
            }
            if (connection.socket >= 0) {
                queue.known_.erase(connection.inode);
                // httplib has closed it by now: the number may come back
                // for a new connection, found by the next scan.
                queue.busy_.erase(connection.socket);
            }
        }
    } done{*this, connection};
    current = &connection;
    serve();
}

void DeadlineQueue::watch() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        const auto now = SteadyClock::now();
        std::optional<SteadyClock::time_point> next;
        for (Connection *c : served_) {
            if (!c->deadline) continue;
            if (*c->deadline <= now) {
                // httplib's blocked read returns at once; it then closes the connection.
                if (c->watched >= 0) ::shutdown(c->watched, SHUT_RDWR);
                c->deadline.reset();
            } else if (!next || *c->deadline < *next) {
                next = c->deadline;
            }
        }
        if (next) {
            changed_.wait_until(lock, *next);
        } else {
            changed_.wait(lock);
        }
    }
}

void DeadlineQueue::shutdown() {
    pool_.shutdown();  // every connection served to its end; the watchdog still cuts slow ones
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    watchdog_.join();
}

void DeadlineQueue::set_deadline(bool timed) {
    Connection *connection = current;
    if (!connection) return;
    DeadlineQueue &queue = *connection->queue;
    {
        std::lock_guard<std::mutex> lock(queue.mutex_);
        connection->deadline.reset();
        if (timed) connection->deadline = SteadyClock::now() + queue.timeout_;
    }
    if (timed) queue.changed_.notify_all();
}

void DeadlineQueue::head_expected() { set_deadline(true); }
void DeadlineQueue::body_expected() { set_deadline(true); }
void DeadlineQueue::being_handled() { set_deadline(false); }

}  // namespace emu

// SPDX-License-Identifier: Apache-2.0
// A deadline on receiving each request, whatever the trickle: a client has
// --request-timeout to send a request's head (from the moment a worker takes
// its connection, or from the previous answer on a kept-alive connection),
// and as long again for its body. Past it the connection is closed, so a
// client sending a byte at a time holds a worker for that long only.
//
// Why this way: cpp-httplib 0.11 (Debian 12's) times each read on its own,
// so a client that sends a byte every second never times out. It has no
// deadline for a whole request, keeps its connection loop private, and is
// a shared library, so that loop cannot be changed. The one piece on a
// connection's path it lets a server replace is the task queue: right after
// accept(), on the accepting thread, it hands enqueue() the function that
// serves the new connection. So DeadlineQueue finds that connection's socket
// there (the one socket of the listener it does not know yet), runs the
// function on a worker, and has a watchdog thread shut the socket down when
// the deadline passes: httplib's blocked read returns at once, it closes the
// connection and the worker is free. It works the same under TLS, and
// leaves httplib's reading, parsing and answering as they are.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

#include <httplib.h>

namespace emu {

class DeadlineQueue : public httplib::TaskQueue {
public:
    // Serves the connections of the listener on `port` with `threads`
    // workers, each request's head and body due within `timeout`.
    DeadlineQueue(size_t threads, int port, std::chrono::milliseconds timeout);
    ~DeadlineQueue() override;

    void enqueue(std::function<void()> serve) override;
    void shutdown() override;

    // Where the request on the calling worker's connection is; each starts
    // the clock again or stops it. They do nothing off a worker.
    static void head_expected();  // an answer is out: the next head is due in time
    static void body_expected();  // the head is in: the body is due in time
    static void being_handled();  // the request is whole: no deadline while the emulator works

    struct Connection;

private:
    int new_connection_socket_locked() const;
    void run(Connection &connection, const std::function<void()> &serve);
    void watch();
    static void set_deadline(bool timed);

    const int port_;
    const std::chrono::milliseconds timeout_;
    httplib::ThreadPool pool_;

    std::mutex mutex_;
    std::condition_variable changed_;
    std::set<ino_t> known_;          // sockets of the connections queued or being served
    std::set<int> busy_;             // their descriptors, and the watchdog's duplicates of them
    std::set<Connection *> served_;  // connections on a worker now
    bool stopping_ = false;
    std::thread watchdog_;
};

}  // namespace emu

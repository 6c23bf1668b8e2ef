// SPDX-License-Identifier: Apache-2.0
// Ctrl-C and SIGTERM, turned into a cancelled library call and an
// interrupted sleep.
//
// No signal handler runs: SIGINT and SIGTERM are blocked in every thread and
// taken by a dedicated thread with sigwait, which may then do what a handler
// must not (trigger the cancel token, notify a condition variable).
#pragma once

#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <mip.h>

namespace mipcli {

class StopSignals {
public:
    // Blocks the signals in the calling thread, which every thread started
    // later inherits: construct this in main before anything starts a thread.
    explicit StopSignals(mip_cancel *cancel);
    ~StopSignals();
    StopSignals(const StopSignals &) = delete;
    StopSignals &operator=(const StopSignals &) = delete;

    bool stopped() const;
    // Waits for `duration` or until a signal arrives; false if one did.
    bool sleep_for(std::chrono::milliseconds duration);

private:
    void wait_for_signals();

    mip_cancel *cancel_;
    sigset_t signals_;
    mutable std::mutex mutex_;
    std::condition_variable stop_;
    bool stopped_ = false;
    bool closing_ = false;  // set by the destructor to end the waiting thread
    std::thread waiter_;
};

}  // namespace mipcli

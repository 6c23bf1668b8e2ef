// SPDX-License-Identifier: Apache-2.0
// The server-wide "we are stopping" signal. Faults that hold a request open
// (stall, slow drip, latency) wait on it so SIGTERM never waits for them.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace emu {

class Shutdown {
public:
    void trigger() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        cv_.notify_all();
    }

    // Waits up to `duration`; true when shutdown was requested meanwhile.
    bool wait_for(std::chrono::milliseconds duration) {
        std::unique_lock<std::mutex> lock(mutex_);
        return cv_.wait_for(lock, duration, [this] { return stopping_; });
    }

private:
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
};

}  // namespace emu

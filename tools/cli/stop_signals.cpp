// SPDX-License-Identifier: Apache-2.0
#include "stop_signals.hpp"

#include <pthread.h>

namespace mipcli {

StopSignals::StopSignals(mip_cancel *cancel) : cancel_(cancel) {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals_, nullptr);
    waiter_ = std::thread([this] { wait_for_signals(); });
}

StopSignals::~StopSignals() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        closing_ = true;
    }
    // A signal aimed at the waiting thread alone wakes its sigwait.
    pthread_kill(waiter_.native_handle(), SIGTERM);
    waiter_.join();
}

bool StopSignals::stopped() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopped_;
}

bool StopSignals::sleep_for(std::chrono::milliseconds duration) {
    std::unique_lock<std::mutex> lock(mutex_);
    return !stop_.wait_for(lock, duration, [this] { return stopped_; });
}

void StopSignals::wait_for_signals() {
    for (;;) {
        int signal_number = 0;
        if (sigwait(&signals_, &signal_number) != 0) continue;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (closing_) return;
            stopped_ = true;
        }
        mip_cancel_trigger(cancel_);  // the call in flight ends with MIP_ERR_CANCELLED
        stop_.notify_all();
    }
}

}  // namespace mipcli

// SPDX-License-Identifier: Apache-2.0
#include "net/cancel.hpp"

#include <algorithm>
#include <thread>

namespace mip {

void CancelToken::trigger() {
    std::lock_guard<std::mutex> lock(mutex_);
    triggered_.store(true, std::memory_order_release);
    // Woken under the lock: a watcher cannot unregister and vanish meanwhile.
    for (Wakeable *w : watchers_) w->wake();
    wakeup_.notify_all();
}

bool CancelToken::watch(Wakeable *w) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (triggered()) return false;
    watchers_.push_back(w);
    return true;
}

void CancelToken::unwatch(Wakeable *w) {
    std::lock_guard<std::mutex> lock(mutex_);
    watchers_.erase(std::remove(watchers_.begin(), watchers_.end(), w), watchers_.end());
}

bool CancelToken::sleep_for(std::chrono::milliseconds d) {
    std::unique_lock<std::mutex> lock(mutex_);
    return wakeup_.wait_for(lock, d, [this] { return triggered(); });
}

bool sleep_unless_cancelled(CancelToken *cancel, std::chrono::milliseconds d) {
    if (cancel) return cancel->sleep_for(d);
    std::this_thread::sleep_for(d);
    return false;
}

}  // namespace mip

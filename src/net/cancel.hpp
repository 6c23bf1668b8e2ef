// SPDX-License-Identifier: Apache-2.0
// A cancellation token: a flag any thread may raise, and a way for blocked
// calls to hear about it at once instead of polling for it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <vector>

namespace mip {

// Something blocked that can be woken from another thread (a transfer in
// flight, see Connection).
class Wakeable {
public:
    virtual void wake() = 0;

protected:
    ~Wakeable() = default;
};

class CancelToken {
public:
    // Raises the flag and wakes every watcher and sleeper. Idempotent.
    void trigger();
    bool triggered() const { return triggered_.load(std::memory_order_acquire); }

    // While registered, `w` is woken on trigger. watch() returns false (and
    // registers nothing) when the token is already triggered.
    bool watch(Wakeable *w);
    void unwatch(Wakeable *w);

    // Sleeps up to `d`; returns true early as soon as the token is triggered.
    bool sleep_for(std::chrono::milliseconds d);

private:
    std::atomic<bool> triggered_{false};
    std::mutex mutex_;  // guards watchers_ and pairs with wakeup_
    std::condition_variable wakeup_;
    std::vector<Wakeable *> watchers_;
};

// Sleeps `d`, or less if `cancel` (may be null) is triggered meanwhile;
// true when it was.
bool sleep_unless_cancelled(CancelToken *cancel, std::chrono::milliseconds d);

}  // namespace mip

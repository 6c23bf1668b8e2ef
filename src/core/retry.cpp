// SPDX-License-Identifier: Apache-2.0
#include "core/retry.hpp"

#include <algorithm>
#include <random>

namespace mip {

namespace {
constexpr std::chrono::milliseconds kFirstBackoff{200};
constexpr std::chrono::milliseconds kLongestBackoff{5000};
}  // namespace

bool is_transient(const Error &e) {
    switch (e.code) {
        case Code::Connect:
        case Code::Timeout:
        case Code::RateLimited: return true;
        case Code::Http:
        case Code::Server: return e.http_status == 502 || e.http_status == 503 || e.http_status == 504;
        default: return false;
    }
}

bool nothing_was_taken(const Error &e, bool sent) {
    return (e.code == Code::Connect && !sent) || e.code == Code::RateLimited;
}

bool may_have_acted(const Error &e, bool sent) {
    if (!sent) return false;
    switch (e.code) {
        case Code::RateLimited:
        case Code::Auth:
        case Code::NotFound:
        case Code::Unsupported:
        case Code::InvalidArgument: return false;
        case Code::Http:
        case Code::Server: return e.http_status >= 500 || e.http_status == 408 || e.http_status < 200;
        default: return true;
    }
}

std::chrono::milliseconds jittered_backoff(int retry, std::optional<std::chrono::milliseconds> retry_after) {
    if (retry_after) return *retry_after;
    // Full jitter (a uniform wait up to the exponential bound) keeps many
    // clients that failed together from retrying together.
    const int doublings = std::min(retry - 1, 16);
    const auto bound = std::min(kLongestBackoff, kFirstBackoff * (int64_t{1} << doublings));
    thread_local std::minstd_rand random{std::random_device{}()};
    std::uniform_int_distribution<int64_t> pick(0, bound.count());
    return std::chrono::milliseconds(pick(random));
}

bool try_fits(Clock::time_point now, std::chrono::milliseconds pause, Deadline deadline) {
    return deadline - (now + pause) >= kShortestTry;
}

}  // namespace mip

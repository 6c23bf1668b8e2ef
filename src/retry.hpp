// Which failures deserve another try, and how long to wait before it.
#pragma once

#include <chrono>
#include <optional>

#include "model.hpp"

namespace mip {

// Connection failures, timeouts of one attempt, HTTP 429/502/503/504 and the
// 1807 envelope. Never: auth, not found, bad arguments, protocol errors,
// TLS, other server codes: another try would get the same answer.
bool is_transient(const Error &error);

// The wait before retry number `retry` (1, 2, ...): the server's Retry-After
// when it sent one, else exponential backoff with full jitter.
std::chrono::milliseconds backoff(int retry, std::optional<std::chrono::milliseconds> retry_after);

}  // namespace mip

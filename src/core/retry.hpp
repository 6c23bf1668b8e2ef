// SPDX-License-Identifier: Apache-2.0
// Which failures deserve another try, how long to wait before it, and
// whether it can still be made in time.
#pragma once

#include <chrono>
#include <optional>

#include "model/error.hpp"
#include "util/deadline.hpp"

namespace mip {

// Connection failures, timeouts of one attempt, HTTP 429/502/503/504 and the
// 1807 envelope. Never: auth, not found, bad arguments, protocol errors,
// TLS, other server codes: another try would get the same answer.
bool is_transient(const Error &error);

// For calls that must not be repeated once the server may have acted on
// them (commit, abort): only failures that prove it did not. No request
// written (the connection could not be made), or a rate limit, which a
// server answers without acting.
bool nothing_was_taken(const Error &error, bool sent);

// For the same calls, once they failed: whether the server may have carried
// the request out all the same. Yes when the last try wrote its request
// (`sent`) and what came back is not the server's refusal: a timeout, a
// reset, a cut or garbled answer, a 5xx page, a success envelope under a
// failing status, a cancel mid-transfer. No for a refusal it answered
// without acting: an error envelope under a status below 500, a 4xx page
// (408 aside: the server gave up on the request, and may have begun it),
// auth, not found, unsupported, a rate limit.
bool may_have_acted(const Error &error, bool sent);

// The wait before retry number `retry` (1, 2, ...).
using Backoff = std::chrono::milliseconds (*)(int retry, std::optional<std::chrono::milliseconds> retry_after);

// The server's Retry-After when it sent one, else exponential backoff with
// full jitter.
std::chrono::milliseconds jittered_backoff(int retry, std::optional<std::chrono::milliseconds> retry_after);

// The least time worth beginning a request in: libcurl counts its timeout in
// whole milliseconds. Less than this before the deadline is no time at all.
constexpr std::chrono::milliseconds kShortestTry{1};

// Whether a try that starts after `pause`, seen at `now`, still has
// kShortestTry before `deadline`. A try that cannot is neither begun nor
// counted: the call ends with the failure that came before it.
bool try_fits(Clock::time_point now, std::chrono::milliseconds pause, Deadline deadline);

}  // namespace mip

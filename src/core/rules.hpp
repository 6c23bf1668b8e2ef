// SPDX-License-Identifier: Apache-2.0
// Every rule an argument must meet, in one place. The C setters, the client
// and the create ask these, so that a value is refused for the same reason,
// in the same words, wherever it is given; each problem names its field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/import_request.hpp"

namespace mip {

// What is wrong with an argument, naming its field; nothing when it is fine.
using Problem = std::optional<std::string>;

// The longest text option, name, path or job id accepted, in bytes: far
// above any real one, and what one header line or query value carries
// everywhere. Longer is refused where it is given, not found out by every
// call as libcurl's header limit.
constexpr size_t kLongestText = 8192;

// Milvus's own bound on an Idempotency-Key.
constexpr size_t kLongestIdempotencyKey = 256;

// Text given for `field` ("collection name", "option key", ...): UTF-8
// without control characters (they would let a value forge HTTP headers),
// at most kLongestText bytes. Empty text is the caller's to judge.
Problem text_problem(std::string_view field, std::string_view text);

// A job id: text as above, and not empty.
Problem job_id_problem(std::string_view job_id);

// An Idempotency-Key: printable ASCII, 1 to kLongestIdempotencyKey bytes,
// no space at either end (HTTP would drop it: the server would see another
// key, or none).
Problem idempotency_key_problem(std::string_view key);

// The first problem of an import request, whatever the flavor: no
// collection, no file group, an empty path or key, bad text, half of the
// object-storage credentials. The secret key is never quoted.
Problem import_request_problem(const ImportRequest &request);

// A numeric setting's bounds, both included.
struct Range {
    const char *field;  // as the setter names it, e.g. "timeout_ms"
    int64_t least;
    int64_t most;
};

// Millisecond settings stay below 2^31 so that deadlines cannot overflow
// and every libcurl build takes them.
constexpr int64_t kLongestMs = INT32_MAX;

constexpr Range kTimeoutMs{"timeout_ms", 1, kLongestMs};
constexpr Range kConnectTimeoutMs{"connect_timeout_ms", 1, kLongestMs};
constexpr Range kMaxRetries{"max_retries", 0, 100};
constexpr Range kMaxConnections{"max_connections", 1, 256};
constexpr Range kMaxResponseBytes{"max_response_bytes", 1, INT64_MAX};
constexpr Range kPollIntervalMs{"poll_interval_ms", 1, kLongestMs};

// "timeout_ms must be 1 .. 2147483647, not 0", or nothing.
Problem range_problem(const Range &range, int64_t value);

// The same rules as text_problem, idempotency_key_problem and
// range_problem, without the words: they allocate nothing, so the C setters,
// which must not throw, can ask them.
bool text_acceptable(std::string_view text);
bool idempotency_key_acceptable(std::string_view key);
bool in_range(const Range &range, int64_t value);

}  // namespace mip

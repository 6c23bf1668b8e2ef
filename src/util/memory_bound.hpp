// SPDX-License-Identifier: Apache-2.0
// The memory a caller allows an answer (max_response_bytes) bounds what the
// answer takes once read, not only its bytes on the wire: "{}," is 3 bytes
// of JSON but a whole Job in memory. One rule, for a job's details, a
// page's jobs and a whole list.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mip {

// What `count` values of `size` bytes each take, with `text` bytes of their
// strings.
inline uint64_t memory_of(size_t count, size_t size, uint64_t text = 0) {
    return static_cast<uint64_t>(count) * size + text;
}

// Nothing when `bytes` fit `limit`; else the message, naming `what`: "<what>
// would take N bytes, more than the limit of L".
inline std::optional<std::string> beyond_memory_bound(std::string_view what, uint64_t bytes, int64_t limit) {
    if (bytes <= static_cast<uint64_t>(limit)) return std::nullopt;
    return std::string(what) + " would take " + std::to_string(bytes) + " bytes, more than the limit of " +
           std::to_string(limit);
}

}  // namespace mip

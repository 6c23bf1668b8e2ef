// SPDX-License-Identifier: Apache-2.0
// Where a job's strings live: a few large blocks that never move.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace mip {

// All the strings of one job live in a few large blocks that never move, so
// that a job with 60,000 details costs a handful of allocations rather than
// 240,000, and the `const char *` handed out stays valid as the job grows
// and when it is moved. Move-only: a copy would point into the original.
class StringArena {
public:
    StringArena() = default;
    StringArena(StringArena &&) = default;
    StringArena &operator=(StringArena &&) = default;
    StringArena(const StringArena &) = delete;
    StringArena &operator=(const StringArena &) = delete;

    // A NUL-terminated copy of s that lives as long as the arena.
    const char *add(std::string_view s);
    // The memory the arena holds, in bytes.
    size_t bytes() const { return bytes_; }

private:
    std::vector<std::unique_ptr<char[]>> blocks_;
    size_t block_size_ = 0;
    size_t used_ = 0;   // bytes used in blocks_.back()
    size_t bytes_ = 0;  // of every block
};

}  // namespace mip

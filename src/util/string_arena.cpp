// SPDX-License-Identifier: Apache-2.0
#include "util/string_arena.hpp"

#include <algorithm>
#include <cstring>

namespace mip {

namespace {
// Small jobs fit the first block; huge ones reach the cap after a few
// doublings, so the slack at the end of the last block stays small relative
// to the job.
constexpr size_t kFirstBlock = 1024;
constexpr size_t kLargestBlock = 1 << 20;
}  // namespace

const char *StringArena::add(std::string_view s) {
    if (s.empty()) return "";
    const size_t need = s.size() + 1;
    if (blocks_.empty() || block_size_ - used_ < need) {
        const size_t grown = blocks_.empty() ? kFirstBlock : std::min(block_size_ * 2, kLargestBlock);
        const size_t size = std::max(grown, need);
        std::unique_ptr<char[]> block(new char[size]);  // not make_unique: no need to zero it
        blocks_.push_back(std::move(block));            // a throw here frees the block
        block_size_ = size;
        bytes_ += size;
        used_ = 0;
    }
    char *at = blocks_.back().get() + used_;
    std::memcpy(at, s.data(), s.size());
    at[s.size()] = '\0';
    used_ += need;
    return at;
}

}  // namespace mip

// SPDX-License-Identifier: Apache-2.0
// A job and its per-file details, as plain C++ values: what a call hands
// out. They know nothing of HTTP, JSON or the C ABI.
#pragma once

#include <cstdint>
#include <vector>

#include "util/string_arena.hpp"

namespace mip {

// Numbers equal to mip_state (api/capi_names.cpp checks that at compile time).
enum class State : uint8_t { Unknown = 0, Pending, Importing, Completed, Failed, Uncommitted, Committing };

struct Detail {
    const char *file_name = "";
    const char *state_text = "";
    const char *complete_time = "";
    const char *reason = "";
    int64_t imported_rows = -1;
    int64_t total_rows = -1;
    int64_t file_size = -1;
    State state = State::Unknown;
    int8_t progress = -1;  // 0..100, -1 when not reported
};

struct Job {
    StringArena strings;  // owns every string below, details' included
    const char *id = "";
    const char *collection_name = "";
    const char *file_name = "";
    const char *state_text = "";
    const char *create_time = "";
    const char *complete_time = "";
    const char *reason = "";
    int64_t imported_rows = -1;
    int64_t total_rows = -1;
    int64_t file_size = -1;
    State state = State::Unknown;
    int progress = -1;  // 0..100, -1 when not reported
    std::vector<Detail> details;
};

}  // namespace mip

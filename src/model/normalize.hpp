// SPDX-License-Identifier: Apache-2.0
// From what a server sent to what mip reports (docs/wire-protocol.md sections
// 3 and 4): the fields a job and each of its details share, as read, and
// the rules that turn them into one meaning whatever the server: percent
// from progress or readyPercentage, the state from its text or derived,
// the reason from reason or errorMessage.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "model/job.hpp"
#include "model/state.hpp"
#include "util/string_arena.hpp"

namespace mip {

// Fields as read, before any rule. Views point into the answer or the
// parser's buffer, alive until the next parse.
struct RawEntry {
    std::string_view file_name, state_text, complete_time, reason, error_message;
    std::optional<double> progress, ready_percentage;
    int64_t imported_rows = -1, total_rows = -1, file_size = -1;
    bool has_state = false;
};

// A percent as the C API reports it: 0..100, whole, rounded down.
int clamp_percent(double pct);

// readyPercentage is a fraction 0..1 in the docs and a percent in one
// SDK: read <= 1 as a fraction.
std::optional<double> ready_as_percent(const RawEntry &e);

// The reason, else the errorMessage.
inline std::string_view merged_reason(const RawEntry &e) { return e.reason.empty() ? e.error_message : e.reason; }

// cloud-v1 has no state: errorMessage set -> Failed; complete (fraction
// >= 1 or completeTime set) -> Completed; 0 -> Pending; else Importing.
State derived_state(const RawEntry &e);

// Normalizes `e` into a Job or a Detail (they share these member names),
// its strings kept in `strings`. `derive_state`: a server without a state
// field (cloud-v1).
template <class Out>
void normalize(const RawEntry &e, Out &out, StringArena &strings, bool derive_state) {
    out.file_name = strings.add(e.file_name);
    out.complete_time = strings.add(e.complete_time);
    out.reason = strings.add(merged_reason(e));
    out.imported_rows = e.imported_rows;
    out.total_rows = e.total_rows;
    out.file_size = e.file_size;
    if (e.has_state) {
        const StateText known = classify_state(e.state_text);
        out.state = known.state;
        out.state_text = known.static_text ? known.static_text : strings.add(e.state_text);
    } else if (derive_state) {
        out.state = derived_state(e);
    }
    const std::optional<double> pct = e.progress ? e.progress : ready_as_percent(e);
    out.progress = pct ? clamp_percent(*pct) : -1;
}

}  // namespace mip

// SPDX-License-Identifier: Apache-2.0
// The open set of state texts servers send, and what each means
// (docs/wire-protocol.md section 4).
#pragma once

#include <string_view>

#include "model/job.hpp"

namespace mip {

struct StateText {
    State state;
    // The text in static storage when it is one of the known spellings
    // exactly, as nearly every server sends it; else null. A job with 60,000
    // details then need not copy "Importing" 60,000 times.
    const char *static_text;
};

// Matches case-insensitively; any text not listed in the spec is
// State::Unknown.
StateText classify_state(std::string_view text);

// "Unknown", "Pending", ... as mip_state_name documents.
const char *state_name(State state);

// Where a waiter stops: Completed, Failed, and Uncommitted (which waits for
// a commit or an abort). The one place this is decided.
bool is_terminal(State state);

}  // namespace mip

// The open set of state texts servers send, and what each means
// (wire-protocol.md section 4).
#pragma once

#include <string_view>

#include "model.hpp"

namespace mip {

// Case-insensitive; any text not listed in the spec is State::Unknown.
State state_from_text(std::string_view text);

// The same text in static storage when it is one of the spellings above
// exactly (as nearly every server sends it), else null: a job with 60,000
// details then need not copy "Importing" 60,000 times.
const char *static_state_text(std::string_view text);

// "Unknown", "Pending", ... as mip_state_name documents.
const char *state_name(State state);

}  // namespace mip

// The open set of state texts servers send, and what each means
// (wire-protocol.md section 4).
#pragma once

#include <string_view>

#include "model.hpp"

namespace mip {

// Case-insensitive; any text not listed in the spec is State::Unknown.
State state_from_text(std::string_view text);

// "Unknown", "Pending", ... as mip_state_name documents.
const char *state_name(State state);

}  // namespace mip

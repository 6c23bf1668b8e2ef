// SPDX-License-Identifier: Apache-2.0
// What text a caller may give: ids, names, tokens and header values.
#pragma once

#include <string_view>

namespace mip {

// True when `s` is valid UTF-8 without control characters: what an id,
// a token or a header value may contain.
bool is_clean_text(std::string_view s);

}  // namespace mip

// SPDX-License-Identifier: Apache-2.0
// What text a caller may give: ids, names, tokens and header values.
#pragma once

#include <cstddef>
#include <string_view>

namespace mip {

// True when `s` is valid UTF-8 without control characters: what an id,
// a token or a header value may contain.
bool is_clean_text(std::string_view s);

// The longest text option or job id accepted, in bytes: far above any real
// key, id or name, and what one header line or query value can carry
// everywhere. Longer is refused where it is given, not found out by every
// call as libcurl's header limit.
constexpr size_t kLongestText = 8192;

}  // namespace mip

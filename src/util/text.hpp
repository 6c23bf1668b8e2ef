// SPDX-License-Identifier: Apache-2.0
// What text a caller may give: ids, names, tokens and header values.
#pragma once

#include <string_view>

namespace mip {

// True when `s` is valid UTF-8 without control characters: what an id,
// a token or a header value may contain.
bool is_clean_text(std::string_view s);

// `c` in lower case if it is an ASCII letter. ASCII only, on purpose: what
// is compared (schemes, hosts, state names, HTML tags) is ASCII, and
// std::tolower would follow the process's locale.
constexpr char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace mip

// Text that goes into requests: JSON string literals and URL query values.
// Done by hand because both are a few lines and on every call's path.
#pragma once

#include <string>
#include <string_view>

namespace mip {

// Appends `s` as a quoted JSON string. `s` must be valid UTF-8.
void append_json_string(std::string &out, std::string_view s);

// Appends `s` percent-encoded for a URL query value (RFC 3986 unreserved
// characters stay as they are).
void append_url_encoded(std::string &out, std::string_view s);

// True when `s` is valid UTF-8 without control characters: what an id,
// a token or a header value may contain.
bool is_clean_text(std::string_view s);

}  // namespace mip

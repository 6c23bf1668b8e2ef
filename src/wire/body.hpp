// SPDX-License-Identifier: Apache-2.0
// Text that goes into requests: JSON string literals and URL query values.
// Done by hand because both are a few lines and on every call's path.
#pragma once

#include <string>
#include <string_view>

#include "wire/json_writer.hpp"

namespace mip {

// Appends `s` as a quoted JSON string. `s` must be valid UTF-8.
void append_json_string(std::string &out, std::string_view s);

// What requests are written with: strings escaped by append_json_string.
struct RequestEscape {
    void operator()(std::string &out, std::string_view s) const { append_json_string(out, s); }
};
using JsonWriter = BasicJsonWriter<RequestEscape>;

// Appends `s` percent-encoded for a URL query value (RFC 3986 unreserved
// characters stay as they are).
void append_url_encoded(std::string &out, std::string_view s);

}  // namespace mip
